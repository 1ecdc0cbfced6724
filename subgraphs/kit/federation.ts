// type-graphql → Federation 2 subgraph schema. type-graphql prints the directives it was
// given (@key, @shareable …); we prepend the @link and build with @apollo/subgraph so the
// reference resolvers and `_entities`/`_service` are wired in.
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, isObjectType, parse } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
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
  dropPlainFieldResolvers(typeSchema, resolvers, options);
  for (const [typeName, ref] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...ref } as never;
  }
  // Malformed ids and NUL bytes stop at the boundary (arguments.ts).
  const schema = guardArguments(buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]));
  return { schema, sdl: `${sdl.trim()}\n` };
}

/**
 * type-graphql gives every plain `@Field` property a resolver of its own (`root[name]` behind its
 * middleware chain); with no middleware and no authorization anywhere, that is graphql-js's
 * default resolver with a call and an allocation more on every field of every answer. Those are
 * dropped (issue 13, lighter subgraphs): kept are root fields, field resolvers (any field of that
 * name, on any type), renamed fields, and everything as soon as any middleware or auth is in use.
 */
function dropPlainFieldResolvers(typeSchema: GraphQLSchema, resolvers: GraphQLResolverMap<unknown>, options: Omit<BuildSchemaOptions, 'skipCheck'>): void {
  const storage = getMetadataStorage();
  if (options.globalMiddlewares?.length || options.authChecker || storage.middlewares.length || storage.authorizedFields.length) return;
  const keep = new Set(storage.fieldResolvers.map((r) => r.methodName));
  for (const def of [...storage.objectTypes, ...storage.interfaceTypes])
    for (const field of def.fields ?? []) if (field.name !== field.schemaName) keep.add(field.schemaName);
  const roots = new Set([typeSchema.getQueryType(), typeSchema.getMutationType(), typeSchema.getSubscriptionType()].map((t) => t?.name));
  for (const type of Object.values(typeSchema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type.name)) continue;
    const map = resolvers[type.name] as Record<string, unknown> | undefined;
    if (!map) continue;
    for (const field of Object.values(type.getFields()))
      if (!keep.has(field.name) && !field.args.length && typeof map[field.name] === 'function') delete map[field.name];
  }
}
