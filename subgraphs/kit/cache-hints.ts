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
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { contentChanged } from '../../schema/cache/content-version.ts';
import type { Actor } from '../../schema/security/signed-context.ts';

export interface SubgraphCacheHints {
  /** Seconds an anonymous public answer may be cached (the gateway's TTL; events invalidate sooner). */
  defaultMaxAge: number;
  /** "Type.field" whose answers are personal or must be live: an answer touching one is never cached. */
  uncachedFields?: string[];
}

export const isPublicCaller = (actor: Actor | undefined) => !actor || (!actor.id && actor.roles.length === 0);

/**
 * Whether an operation resolves any field of the schema: Apollo's cache control gives a policy
 * only to the fields it resolves, so an operation of nothing but `__typename` or introspection
 * (or whose root fields all carry @skip/@include, counted as not resolved) has none: no-store.
 */
function resolvesAnyField(document: DocumentNode, operation: OperationDefinitionNode | undefined): boolean {
  const seen = new Set<string>();
  const visit = (selections: readonly SelectionNode[]): boolean =>
    selections.some((sel) => {
      if (sel.directives?.length) return false;
      if (sel.kind === Kind.FIELD) return !sel.name.value.startsWith('__');
      if (sel.kind === Kind.INLINE_FRAGMENT) return visit(sel.selectionSet.selections);
      const name = sel.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
      return fragment?.kind === Kind.FRAGMENT_DEFINITION && visit(fragment.selectionSet.selections);
    });
  return !!operation && visit(operation.selectionSet.selections);
}

/**
 * Whether the public may cache an answer to this operation (without errors), whoever asked:
 * a query that resolves a field, on a subgraph with hints and a max-age. Per-field hints aside.
 */
export function publicCacheable(hints: SubgraphCacheHints | undefined, document: DocumentNode, operation: OperationDefinitionNode | undefined): boolean {
  return !!hints && hints.defaultMaxAge > 0 && operation?.operation === 'query' && resolvesAnyField(document, operation);
}

/** The Cache-Control of an answer (as Apollo's cache-control plugin writes it), per-field hints aside. */
export function cacheControlHeader(hints: SubgraphCacheHints | undefined, cacheable: boolean): string {
  return cacheable && hints ? `max-age=${hints.defaultMaxAge}, public` : 'no-store';
}

/** The plugins that set a subgraph's hints and announce its content changes. */
export function cacheHintPlugins(subgraph: string, hints: SubgraphCacheHints | undefined): ApolloServerPlugin<BaseContext>[] {
  const uncachedFields = new Set(hints?.uncachedFields ?? []);
  // Without `uncachedFields` no field has a hint of its own (kit schemas carry no @cacheControl),
  // so a public query's policy is the default max-age whatever it touches: set here, once per
  // answer, rather than by Apollo's cache-control plugin, whose per-field hook wraps every field
  // of every answer (issue 13, lighter subgraphs).
  const perField = uncachedFields.size > 0;
  const policy: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      let cacheable = false;
      return {
        async didResolveOperation(rc) {
          const actor = (rc.contextValue as { actor?: Actor }).actor;
          const publicQuery = !!hints && rc.operation?.operation === 'query' && isPublicCaller(actor);
          // Restricted before execution: Apollo's cache-control plugin then skips its per-field work.
          if (!publicQuery) rc.overallCachePolicy.restrict({ maxAge: 0 });
          cacheable = publicQuery && !perField && publicCacheable(hints, rc.document, rc.operation);
        },
        async executionDidStart() {
          if (!perField) return;
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
          if (perField) return;
          // As Apollo's plugin writes it: cacheable only for an answer without errors.
          const ok = cacheable && rc.response.body.kind === 'single' && !rc.response.body.singleResult.errors;
          rc.response.http.headers.set('cache-control', cacheControlHeader(hints, ok));
        },
      };
    },
  };
  return [perField ? ApolloServerPluginCacheControl({ defaultMaxAge: hints?.defaultMaxAge ?? 0 }) : ApolloServerPluginCacheControlDisabled(), policy];
}
