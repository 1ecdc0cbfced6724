// type-graphql → Federation 2 subgraph schema. type-graphql prints the directives it was
// given (@key, @shareable …); we prepend the @link and build with @apollo/subgraph so the
// reference resolvers and `_entities`/`_service` are wired in.
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { guardArguments } from './arguments.ts';
import { withPageListSizes } from './list-size.ts';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@interfaceObject", "@cost", "@listSize"])';

export interface FederatedSchema {
  schema: GraphQLSchema;
  sdl: string;
}

export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: Record<string, { __resolveReference: (ref: never, ctx: never) => unknown }> = {},
): Promise<FederatedSchema> {
  const typeSchema = await buildSchema({ ...options, skipCheck: true, validate: false });
  // Cost directives of the pagination convention (list-size.ts): demand control at the gateway.
  const printed = withPageListSizes(printSchemaWithDirectives(typeSchema));
  const sdl = `${FEDERATION_LINK}\n\n${printed}`;
  const resolvers = createResolversMap(typeSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, ref] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...ref } as never;
  }
  // Malformed ids and NUL bytes stop at the boundary (arguments.ts).
  const schema = guardArguments(buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]));
  return { schema, sdl: `${sdl.trim()}\n` };
}
