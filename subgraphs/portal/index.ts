import type { Logger } from 'pino';
import type { PrismaClient } from '../../schema/db/prisma.ts';
import { startSubgraph, type RunningSubgraph } from '../kit/server.ts';
import { createPortalContext } from './context.ts';
import { buildPortalSchema, PORTAL_SUBGRAPH } from './schema.ts';
import type { SubgraphDeps } from '../registry.ts';

export async function startPortalSubgraph(deps: SubgraphDeps, port = 0): Promise<RunningSubgraph> {
  return startSubgraph(
    {
      name: PORTAL_SUBGRAPH,
      federated: await buildPortalSchema(),
      secret: deps.secret,
      logger: deps.logger,
      createContext: (signed) => createPortalContext(deps.prisma, signed),
      ready: () => pingDatabase(deps.prisma),
    },
    port,
  );
}

export async function pingDatabase(prisma: PrismaClient): Promise<boolean> {
  await prisma.$queryRaw`SELECT 1`;
  return true;
}

export type { Logger };
