// Per-request context of the legal subgraph and the runtime it shares across requests.
import type { PrismaClient } from '../../schema/db/prisma.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import type { ResolvedLegalOptions } from './config.ts';
import type { FileStore } from './files/file-store.ts';
import type { LiveLookupLimiter } from './lookup/live-limit.ts';
import { createLegalLoaders, type LegalLoaders } from './loaders.ts';
import type { ProvinceRule } from './sync/merge.ts';
import type { LegalSources, LegalSyncer } from './sync/syncer.ts';

export interface LegalRuntime {
  options: ResolvedLegalOptions;
  now(): Date;
  rule: ProvinceRule;
  sources: LegalSources;
  store: FileStore;
  syncer: LegalSyncer;
  liveLimiter: LiveLookupLimiter;
  /** Download link of a mirrored file, through the gateway's public route /legal/files/<sha256>. */
  downloadUrl(sha256: string, gatewayBase?: string): string;
}

export interface LegalContext {
  prisma: PrismaClient;
  loaders: LegalLoaders;
  actor: Actor;
  requestId: string;
  /** Keyed hash of the client's address, from the gateway (never the address). */
  clientKey?: string;
  /** The gateway's public address, for links in answers. */
  publicBaseUrl?: string;
  runtime: LegalRuntime;
}

export function createLegalContext(prisma: PrismaClient, signed: SignedContext, runtime: LegalRuntime): LegalContext {
  return {
    prisma,
    loaders: createLegalLoaders(prisma),
    actor: signed.actor,
    requestId: signed.requestId,
    clientKey: signed.clientKey,
    publicBaseUrl: signed.publicBaseUrl,
    runtime,
  };
}

export { isAdmin } from '../../schema/contract/roles.ts';
