// Wiring of the citizens subgraph: schema, context, HTTP shell.
import { startSubgraph, type RunningSubgraph } from '../kit/server.ts';
import type { SubgraphDeps } from '../registry.ts';
import { citizensRuntime, createCitizensContext, type CitizensOptions } from './context.ts';
import { buildCitizensSchema, CITIZENS_SUBGRAPH } from './schema.ts';

export async function startCitizensSubgraph(deps: SubgraphDeps, port = 0, options: CitizensOptions = {}): Promise<RunningSubgraph> {
  const runtime = citizensRuntime(options, deps.secret, deps.logger, deps.env);
  return startSubgraph(
    {
      name: CITIZENS_SUBGRAPH,
      federated: await buildCitizensSchema(),
      secret: deps.secret,
      logger: deps.logger,
      createContext: (signed) => createCitizensContext(deps.prisma, signed, runtime),
      ready: async () => {
        await deps.prisma.$queryRaw`SELECT 1`;
        return true;
      },
    },
    port,
  );
}
