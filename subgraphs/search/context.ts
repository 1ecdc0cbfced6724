// The search subgraph's runtime: the index (PostgreSQL by default), the outbox refresh, and the
// agency-portal harvester with its URL guard.
import type { Logger } from 'pino';
import type { PrismaClient } from '../../schema/db/prisma.ts';
import { harvesterConfigSchema, type HarvesterConfig, type PortalHarvester } from '../../adapters/agency-portals/client.ts';
import { agencyPortals } from '../../adapters/agency-portals/source.ts';
import { createUrlGuard, type UrlGuard } from '../../adapters/kit/url-guard.ts';
import type { BaseContext } from '../kit/define.ts';
import { drainOutbox, outboxPending, type IndexerRun } from './engine/indexer.ts';
import { postgresIndex } from './engine/postgres-index.ts';
import type { SearchIndex, SearchSource } from './engine/types.ts';
import type { PortalLoaders } from './portals/queries.ts';
import { SEARCH_SOURCES } from './sources/registry.ts';

export interface SearchRuntime {
  index: SearchIndex;
  /** Index what the outbox holds (cheap when empty): called before every search and by the job. */
  refresh(): Promise<IndexerRun | null>;
  harvester: PortalHarvester;
  /** The harvester's guard, checking portal URLs when they are registered. */
  guard: UrlGuard;
}

export function searchRuntime(
  prisma: PrismaClient,
  logger: Logger,
  harvesterConfig: Partial<HarvesterConfig> = {},
  sources: readonly SearchSource[] = SEARCH_SOURCES,
): SearchRuntime {
  let running: Promise<IndexerRun> | null = null;
  const drain = () => {
    // One drain at a time per process: concurrent searches wait for the same one.
    running ??= drainOutbox(prisma, sources, (tx) => postgresIndex(tx), logger).finally(() => {
      running = null;
    });
    return running;
  };
  const config = harvesterConfigSchema.parse(harvesterConfig);
  return {
    index: postgresIndex(prisma),
    async refresh() {
      if (running) return running;
      if (!(await outboxPending(prisma))) return null;
      return drain();
    },
    harvester: agencyPortals.create(config),
    guard: createUrlGuard({ allowHosts: config.allowHosts, allowCidrs: config.allowCidrs }),
  };
}

export interface SearchContext extends BaseContext {
  search: SearchRuntime;
  portals: PortalLoaders;
}
