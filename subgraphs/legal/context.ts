// Per-request context of the legal subgraph and the runtime it shares across requests.
import type { BaseContext } from '../kit/define.ts';
import type { ResolvedLegalOptions } from './config.ts';
import type { FileStore } from './files/file-store.ts';
import type { LiveLookupLimiter } from '../kit/client-limit.ts';
import { createLegalLoaders, type LegalLoaders } from './loaders.ts';
import type { ProvinceRule } from './sync/merge.ts';
import type { LegalSources, LegalSyncer } from './sync/syncer.ts';

export interface LegalRuntime {
  options: ResolvedLegalOptions;
  now(): Date;
  /** The province's agencies, read from the portal's directory when a document is merged (sync/province.ts). */
  provinceRule(): Promise<ProvinceRule>;
  sources: LegalSources;
  store: FileStore;
  syncer: LegalSyncer;
  liveLimiter: LiveLookupLimiter;
  /** Download link of a mirrored file, through the gateway's public route /legal/files/<sha256>. */
  downloadUrl(sha256: string, gatewayBase?: string): string;
}

export interface LegalContext extends BaseContext {
  loaders: LegalLoaders;
  runtime: LegalRuntime;
}

export function createLegalContext(base: BaseContext, runtime: LegalRuntime): LegalContext {
  return { ...base, loaders: createLegalLoaders(base.prisma), runtime };
}

export { isAdmin } from '../../schema/contract/roles.ts';
