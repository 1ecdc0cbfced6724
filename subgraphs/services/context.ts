// Per-request context of the services subgraph and the runtime it shares across requests.
import type { BaseContext } from '../kit/define.ts';
import type { ResolvedServicesOptions, ServicesSources } from './config.ts';
import { createServicesLoaders, type ServicesLoaders } from './loaders.ts';
import type { ServicesSyncer } from './sync/syncer.ts';
import type { ClientLimiter } from '../kit/client-limit.ts';

export interface ServicesRuntime {
  options: ResolvedServicesOptions;
  now(): Date;
  sources: ServicesSources;
  syncer: ServicesSyncer;
  dossierLimiter: ClientLimiter;
  /** HMAC key of the dossier verification hashes (derived from the signing secret). */
  verifierKey: string;
}

export interface ServicesContext extends BaseContext {
  loaders: ServicesLoaders;
  runtime: ServicesRuntime;
}

export function createServicesContext(base: BaseContext, runtime: ServicesRuntime): ServicesContext {
  return { ...base, loaders: createServicesLoaders(base.prisma), runtime };
}

export { isAdmin } from '../../schema/contract/roles.ts';

/** Today in Vietnam (UTC+7), YYYY-MM-DD, from the runtime's clock. */
export const vietnamToday = (now: Date): string => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
