// The portal's settings (typed, read once from the environment), the runtime it shares across
// requests, and its per-request context on the kit's base context.
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PrismaClient } from '../../schema/db/prisma.ts';
import type { Actor } from '../../schema/security/signed-context.ts';
import type { BaseContext, SubgraphHost } from '../kit/define.ts';
import { writeTransaction, type WriteTransaction } from '../kit/idempotency.ts';
import { createLoaders, type PortalLoaders } from './loaders.ts';

export const portalConfig = z.object({
  PORTAL_FILES_DIR: z.string().default('.data/files'),
  PORTAL_MAX_FILE_BYTES: z.coerce.number().int().positive().default(2_000_000),
  PORTAL_PUBLIC_URL: z.url().optional(),
  PORTAL_SCHEDULE_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
});
export type PortalConfig = z.infer<typeof portalConfig>;

/** Overrides of the configuration given in code (tests). */
export interface PortalOptions {
  /** The clock; tests inject one (scheduled publication). */
  clock?: () => Date;
  filesDir?: string;
  maxFileBytes?: number;
  /** Most files in one submission (default 4). */
  maxFilesPerRequest?: number;
  /** Base URL of print/save/download links. */
  publicBaseUrl?: string;
  /** How often due publications are looked for (ms; 0 = not scheduled). */
  schedulerIntervalMs?: number;
}

export interface PortalRuntime {
  now(): Date;
  filesDir: string;
  maxFileBytes: number;
  maxFilesPerRequest: number;
  scheduleIntervalMs: number;
  publicBaseUrl(gatewayBase?: string): string;
  logger: Logger;
}

export function portalRuntime(host: SubgraphHost<PortalConfig>, opts: PortalOptions = {}): PortalRuntime {
  const { config } = host;
  const base = opts.publicBaseUrl ?? config.PORTAL_PUBLIC_URL;
  return {
    now: host.clock,
    filesDir: path.resolve(opts.filesDir ?? config.PORTAL_FILES_DIR),
    maxFileBytes: opts.maxFileBytes ?? config.PORTAL_MAX_FILE_BYTES,
    maxFilesPerRequest: opts.maxFilesPerRequest ?? 4,
    scheduleIntervalMs: opts.schedulerIntervalMs ?? config.PORTAL_SCHEDULE_INTERVAL_MS,
    // An operator's PORTAL_PUBLIC_URL wins; else the gateway's public address (links then go
    // through its /portal/… routes); else, called directly, this subgraph's own address.
    publicBaseUrl: (gatewayBase?: string) => (base ?? (gatewayBase ? `${gatewayBase}/portal` : host.ownBaseUrl())).replace(/\/$/, ''),
    logger: host.logger,
  };
}

export interface PortalContext extends BaseContext {
  loaders: PortalLoaders;
  /** Opens a use-case's write transaction; idempotent mutations pass one that claims their key. */
  transaction: WriteTransaction;
  options: PortalRuntime;
  now(): Date;
  /** Base of the links this request's answers carry (print, PDF, files, CSV). */
  linkBase(): string;
}

export function createPortalContext(base: BaseContext, options: PortalRuntime): PortalContext {
  return {
    ...base,
    loaders: createLoaders(base.prisma),
    transaction: writeTransaction(base.prisma),
    options,
    now: base.clock,
    linkBase: () => options.publicBaseUrl(base.publicBaseUrl),
  };
}

/** The context of work the portal does on its own (scheduled publication, public routes). */
export const internalContext = (prisma: PrismaClient, options: PortalRuntime, actor: Actor, requestId: string): PortalContext =>
  createPortalContext({ prisma, actor, requestId, clock: options.now }, options);

export { isBoard, isStaff } from '../../schema/contract/roles.ts';
