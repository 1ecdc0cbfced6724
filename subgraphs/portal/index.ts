import type { Logger } from 'pino';
import type { PrismaClient } from '../../schema/db/prisma.ts';
import { startSubgraph, type RunningSubgraph } from '../kit/server.ts';
import { createPortalContext, portalRuntime, type PortalOptions } from './context.ts';
import { startPublicationScheduler } from './editorial/scheduler.ts';
import { portalRoutes } from './print/routes.ts';
import { buildPortalSchema, PORTAL_SUBGRAPH } from './schema.ts';
import type { SubgraphDeps } from '../registry.ts';

/** Base64 files ride in the GraphQL body: leave room for the largest submission. */
const bodyLimitFor = (maxFileBytes: number, maxFiles: number) => Math.max(1_000_000, Math.ceil((maxFileBytes * maxFiles * 4) / 3) + 200_000);

export async function startPortalSubgraph(deps: SubgraphDeps, port = 0, options: PortalOptions = {}): Promise<RunningSubgraph> {
  let ownBaseUrl = 'http://127.0.0.1';
  const runtime = portalRuntime(options, deps.logger, () => ownBaseUrl, deps.env);
  const running = await startSubgraph(
    {
      name: PORTAL_SUBGRAPH,
      federated: await buildPortalSchema(),
      secret: deps.secret,
      logger: deps.logger,
      bodyLimitBytes: bodyLimitFor(runtime.maxFileBytes, runtime.maxFilesPerRequest),
      createContext: (signed) => createPortalContext(deps.prisma, signed, runtime),
      ready: () => pingDatabase(deps.prisma),
      extraRoutes: portalRoutes(deps.prisma, runtime),
    },
    port,
  );
  ownBaseUrl = running.url.replace(/\/graphql$/, '');
  const interval = options.schedulerIntervalMs ?? 30_000;
  const scheduler = interval > 0 ? startPublicationScheduler(deps.prisma, runtime, interval, deps.logger) : null;
  return {
    ...running,
    async close() {
      await scheduler?.stop();
      await running.close();
    },
  };
}

export async function pingDatabase(prisma: PrismaClient): Promise<boolean> {
  await prisma.$queryRaw`SELECT 1`;
  return true;
}

export type { Logger };
