// The cache hints a subgraph gives the gateway (subgraphs/kit/cache-hints.ts), on the portal as
// the gateway calls it: public answers to the anonymous public carry `public, max-age`; an answer
// to a signed-in caller, a mutation and an unhinted field are `no-store`; a mutation bumps the
// content version the gateway's response cache files answers under.
import { describe, expect, it } from 'vitest';
import { contentVersion } from '../../schema/cache/content-version.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import { signedFor } from '../harness/signing.ts';
import { usePortal } from '../harness/portal.ts';
import { articleInput, CREATE, EDITOR_A } from '../harness/content.ts';

const portal = usePortal();

async function call(query: string, actor: Actor = { roles: [] }, variables: Record<string, unknown> = {}) {
  const body = JSON.stringify({ query, variables });
  const context: SignedContext = { requestId: 'test', actor };
  const res = await fetch(portal.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signedFor(portal.url, context, body) }, body });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  return { cacheControl: res.headers.get('cache-control'), json };
}

const FRONT = '{ articles(first: 3) { totalCount nodes { slug title { vi } agency { slug } } } }';

describe('subgraph cache hints', () => {
  it('an anonymous public query may be cached, for the subgraph’s default max-age', async () => {
    const { cacheControl, json } = await call(FRONT);
    expect(json.errors).toBeUndefined();
    expect(cacheControl).toBe('max-age=300, public');
  });

  it('the same query by a signed-in editor is never cacheable', async () => {
    const { cacheControl, json } = await call(FRONT, EDITOR_A);
    expect(json.errors).toBeUndefined();
    expect(cacheControl).toBe('no-store');
  });

  it('a mutation is never cacheable and bumps the content version before it answers', async () => {
    const before = await contentVersion();
    const { cacheControl, json } = await call(CREATE, EDITOR_A, { kind: 'ARTICLE', input: articleInput() });
    expect(json.errors).toBeUndefined();
    expect(cacheControl).toBe('no-store');
    expect(await contentVersion()).not.toBe(before);
  });

  it('an answer with errors, or that resolves no field of the schema, is not cacheable', async () => {
    const failed = await call('{ articles(first: 0) { totalCount } }');
    expect(failed.json.errors).toBeDefined();
    expect(failed.cacheControl).toBe('no-store');
    const typename = await call('{ __typename }');
    expect(typename.json.errors).toBeUndefined();
    expect(typename.cacheControl).toBe('no-store');
    const skipped = await call('query($no: Boolean!) { articles(first: 1) @include(if: $no) { totalCount } }', { roles: [] }, { no: false });
    expect(skipped.cacheControl).toBe('no-store');
    const fragment = await call('query { ...F } fragment F on Query { articles(first: 1) { totalCount } }');
    expect(fragment.json.errors).toBeUndefined();
    expect(fragment.cacheControl).toBe('max-age=300, public');
  });
});
