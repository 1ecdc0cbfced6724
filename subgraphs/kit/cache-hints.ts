// Cache hints a subgraph gives the gateway (issue 13), as Apollo's Cache-Control header on each
// answer (the gateway's data source restricts the whole response's policy with it; its response
// cache and HTTP caching follow). Safe by default:
//   - a subgraph without `cache` in its definition answers `no-store` (nothing it serves is cached);
//   - with it, public fields default to `defaultMaxAge`; fields listed in `uncachedFields`
//     ("Type.field") make any answer that touches them uncacheable (PRIVATE, max-age 0);
//   - an answer to any caller but the anonymous public (staff, partner, a signed-in actor) and any
//     mutation is never cacheable, whatever the hints;
//   - a mutation, once answered (its transaction committed or rolled back), bumps the content version (schema/cache/
//     content-version.ts): the gateway's cached answers are stale from the very next request.
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { contentChanged } from '../../schema/cache/content-version.ts';
import type { Actor } from '../../schema/security/signed-context.ts';

export interface SubgraphCacheHints {
  /** Seconds an anonymous public answer may be cached (the gateway's TTL; events invalidate sooner). */
  defaultMaxAge: number;
  /** "Type.field" whose answers are personal or must be live: an answer touching one is never cached. */
  uncachedFields?: string[];
}

const isPublicCaller = (actor: Actor | undefined) => !actor || (!actor.id && actor.roles.length === 0);

/** The plugins that set a subgraph's hints and announce its content changes. */
export function cacheHintPlugins(subgraph: string, hints: SubgraphCacheHints | undefined): ApolloServerPlugin<BaseContext>[] {
  const uncachedFields = new Set(hints?.uncachedFields ?? []);
  const policy: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const actor = (rc.contextValue as { actor?: Actor }).actor;
          // Restricted before execution: Apollo's cache-control plugin then skips its per-field work.
          if (!hints || rc.operation?.operation !== 'query' || !isPublicCaller(actor)) rc.overallCachePolicy.restrict({ maxAge: 0 });
        },
        async executionDidStart() {
          if (uncachedFields.size === 0) return;
          return {
            willResolveField({ info }) {
              if (uncachedFields.has(`${info.parentType.name}.${info.fieldName}`))
                maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: 0, scope: 'PRIVATE' });
            },
          };
        },
        async willSendResponse(rc) {
          // Content may have changed: after the commit (the resolver returned), before the answer.
          if (rc.operation?.operation === 'mutation') await contentChanged(`${subgraph} mutation ${rc.operationName ?? ''}`.trim());
        },
      };
    },
  };
  return [ApolloServerPluginCacheControl({ defaultMaxAge: hints?.defaultMaxAge ?? 0 }), policy];
}
