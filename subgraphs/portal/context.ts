import path from 'node:path';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../schema/db/prisma.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import { writeTransaction, type WriteTransaction } from '../kit/idempotency.ts';
import { createLoaders, type PortalLoaders } from './loaders.ts';

/** Settings of the portal subgraph, read once at start. */
export interface PortalOptions {
  /** The clock; tests inject one (scheduled publication). */
  clock?: () => Date;
  /** Where submitted files are stored (default `.data/files`, env PORTAL_FILES_DIR). */
  filesDir?: string;
  /** Largest accepted file in bytes (default 2 MB, env PORTAL_MAX_FILE_BYTES). */
  maxFileBytes?: number;
  /** Most files in one submission (default 4). */
  maxFilesPerRequest?: number;
  /** Base URL of print/save/download links (default env PORTAL_PUBLIC_URL, else this subgraph's own address). */
  publicBaseUrl?: string;
  /** How often the scheduler looks for due publications (ms, default 30 s; 0 = no scheduler). */
  schedulerIntervalMs?: number;
}

export interface PortalRuntime {
  now(): Date;
  filesDir: string;
  maxFileBytes: number;
  maxFilesPerRequest: number;
  publicBaseUrl(gatewayBase?: string): string;
  logger: Logger;
}

export function portalRuntime(opts: PortalOptions, logger: Logger, ownBaseUrl: () => string, env: NodeJS.ProcessEnv = process.env): PortalRuntime {
  const base = opts.publicBaseUrl ?? env.PORTAL_PUBLIC_URL;
  return {
    now: opts.clock ?? (() => new Date()),
    filesDir: path.resolve(opts.filesDir ?? env.PORTAL_FILES_DIR ?? '.data/files'),
    maxFileBytes: opts.maxFileBytes ?? Number(env.PORTAL_MAX_FILE_BYTES ?? 2_000_000),
    maxFilesPerRequest: opts.maxFilesPerRequest ?? 4,
    // An operator's PORTAL_PUBLIC_URL wins; else the gateway's public address (links then go
    // through its /portal/… routes); else, called directly, this subgraph's own address.
    publicBaseUrl: (gatewayBase?: string) => (base ?? (gatewayBase ? `${gatewayBase}/portal` : ownBaseUrl())).replace(/\/$/, ''),
    logger,
  };
}

export interface PortalContext {
  prisma: PrismaClient;
  loaders: PortalLoaders;
  actor: Actor;
  requestId: string;
  locale?: string;
  /** Keyed hash of an anonymous client's address (from the gateway). */
  clientKey?: string;
  /** The client's Idempotency-Key header, unvalidated (subgraphs/kit/idempotency.ts checks it). */
  idempotencyKey?: string;
  /** Opens a use-case's write transaction; idempotent mutations pass one that claims their key. */
  transaction: WriteTransaction;
  options: PortalRuntime;
  now(): Date;
  /** Base of the links this request's answers carry (print, PDF, files, CSV). */
  publicBaseUrl(): string;
}

export function createPortalContext(prisma: PrismaClient, signed: SignedContext, options: PortalRuntime): PortalContext {
  return {
    prisma,
    loaders: createLoaders(prisma),
    actor: signed.actor,
    requestId: signed.requestId,
    locale: signed.locale,
    clientKey: signed.clientKey,
    idempotencyKey: signed.idempotencyKey,
    transaction: writeTransaction(prisma),
    options,
    now: options.now,
    publicBaseUrl: () => options.publicBaseUrl(signed.publicBaseUrl),
  };
}

export { isBoard, isStaff } from '../../schema/contract/roles.ts';
