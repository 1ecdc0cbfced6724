// Every subgraph the hub runs, in one list: the launcher starts them, `npm run compose` prints
// their SDL into schema/subgraphs/ and composes the supergraph. Adding a subgraph = one line.
import 'reflect-metadata';
import type { Logger } from 'pino';
import type { PrismaClient } from '../schema/db/prisma.ts';
import type { FederatedSchema } from './kit/federation.ts';
import type { RunningSubgraph } from './kit/server.ts';
import { buildPortalSchema } from './portal/schema.ts';
import { startPortalSubgraph } from './portal/index.ts';
import { buildLegalSchema } from './legal/schema.ts';
import { startLegalSubgraph } from './legal/index.ts';
import { buildCitizensSchema } from './citizens/schema.ts';
import { startCitizensSubgraph } from './citizens/index.ts';
import { buildServicesSchema } from './services/schema.ts';
import { startServicesSubgraph } from './services/index.ts';

export interface SubgraphDeps {
  prisma: PrismaClient;
  secret: string;
  logger: Logger;
  /** The environment the subgraph reads its settings from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface SubgraphDefinition {
  name: string;
  /** Default port when run by the launcher; 0 picks a free one. */
  defaultPort: number;
  buildSchema(): Promise<FederatedSchema>;
  start(deps: SubgraphDeps, port?: number): Promise<RunningSubgraph>;
}

export const SUBGRAPHS: SubgraphDefinition[] = [
  { name: 'portal', defaultPort: 4101, buildSchema: buildPortalSchema, start: startPortalSubgraph },
  { name: 'legal', defaultPort: 4102, buildSchema: buildLegalSchema, start: startLegalSubgraph },
  { name: 'citizens', defaultPort: 4104, buildSchema: buildCitizensSchema, start: startCitizensSubgraph },
  { name: 'services', defaultPort: 4103, buildSchema: buildServicesSchema, start: startServicesSubgraph },
];
