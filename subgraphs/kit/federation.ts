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
  syncTypeResolvers(resolvers);
  for (const [typeName, ref] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...ref } as never;
  }
  // Malformed ids and NUL bytes stop at the boundary (arguments.ts).
  const schema = guardArguments(buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]));
  return { schema, sdl: `${sdl.trim()}\n` };
}

/**
 * type-graphql wraps an interface's or union's `resolveType` in an async function, even when ours
 * answers at once: graphql-js then awaits a promise for every item of an abstract type, and
 * compiled execution (compiled-execution.ts), which expects the type's name, cannot use it. Ours
 * return a type name or a class; the wrapper below gives the name the same way type-graphql does,
 * synchronously when ours is synchronous.
 */
function syncTypeResolvers(resolvers: GraphQLResolverMap<unknown>): void {
  const storage = getMetadataStorage();
  const nameOf = (resolved: unknown): string | undefined =>
    !resolved || typeof resolved === 'string' ? ((resolved as string) ?? undefined) : storage.objectTypes.find((o) => o.target === resolved)?.name;
  for (const def of [...storage.interfaceTypes, ...storage.unions]) {
    const own = def.resolveType as ((...args: unknown[]) => unknown) | undefined;
    const map = resolvers[def.name] as Record<string, unknown> | undefined;
    if (!own || !map || typeof map.__resolveType !== 'function') continue;
    map.__resolveType = (...args: unknown[]) => {
      const resolved = own(...args);
      return resolved instanceof Promise ? resolved.then(nameOf) : nameOf(resolved);
    };
  }
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
