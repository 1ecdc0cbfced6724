// Every subgraph the hub runs, in one list: the launcher starts them, `npm run compose` prints
// their SDL into schema/subgraphs/ and composes the supergraph. Adding a subgraph = its folder
// (whose index.ts exports one object that `satisfies SubgraphDefinition`) and one line here.
import 'reflect-metadata';
import type { AnySubgraphDefinition } from './kit/define.ts';
import { portal } from './portal/index.ts';
import { legal } from './legal/index.ts';
import { services } from './services/index.ts';
import { citizens } from './citizens/index.ts';
import { search } from './search/index.ts';

export type { SubgraphDeps } from './kit/define.ts';

export const SUBGRAPHS: readonly AnySubgraphDefinition[] = [portal, legal, services, citizens, search];
