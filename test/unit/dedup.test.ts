// In-flight de-duplication of subgraph fetches (gateway/dedup.ts), driven by hand-released
// fetches: no timers, the order of events decides.
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { describe, expect, it } from 'vitest';
import { dedupeRepresentations } from '../../gateway/representations.ts';
import { dedupingFetcher, isAnonymous, isQueryText, SHARE_HEADER, sharedContext, SHARED_REQUEST_ID } from '../../gateway/dedup.ts';
import { AUDIENCE_HEADER } from '../../schema/security/gateway-signature.ts';
import { CONTEXT_HEADER } from '../../schema/security/signed-context.ts';

interface Held {
  url: string;
  init?: FetcherRequestInit;
  answer(status: number, text: string): void;
  fail(err: Error): void;
}

function heldFetcher(): { fetcher: Fetcher; calls: Held[] } {
  const calls: Held[] = [];
  const fetcher: Fetcher = (url, init) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      calls.push({
        url,
        init,
        answer: (status, text) =>
          resolve({
            ok: status < 300,
            status,
            statusText: String(status),
            url,
            headers: new Headers({ 'content-type': 'application/json', 'cache-control': 'max-age=60, public' }),
            text: async () => text,
          } as unknown as FetcherResponse),
        fail: reject,
      });
    });
  return { fetcher, calls };
}

const init = (body: string, context = 'ctx-anon', share = true): FetcherRequestInit => ({
  method: 'POST',
  body,
  headers: { [AUDIENCE_HEADER]: 'portal', [CONTEXT_HEADER]: context, ...(share ? { [SHARE_HEADER]: '1' } : {}) },
});

/** Let every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('dedupingFetcher', () => {
  it('sends identical shareable fetches in flight once and gives every caller the answer', async () => {
    const { fetcher, calls } = heldFetcher();
    const f = dedupingFetcher(fetcher);
    const answers = [
      f('http://p/graphql', init('{"query":"{ a }"}')),
      f('http://p/graphql', init('{"query":"{ a }"}')),
      f('http://p/graphql', init('{"query":"{ a }"}')),
    ];
    await settle();
    expect(calls).toHaveLength(1);
    // The marker never leaves the gateway.
    expect((calls[0]!.init!.headers as Record<string, string>)[SHARE_HEADER]).toBeUndefined();
    calls[0]!.answer(200, '{"data":{"a":1}}');
    const responses = await Promise.all(answers);
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(await r.text()).toBe('{"data":{"a":1}}');
      expect(r.headers.get('cache-control')).toBe('max-age=60, public');
    }
    // Each caller gets a response of its own (Apollo reads the body of each).
    expect(new Set(responses).size).toBe(3);
  });

  it('does not join fetches that differ in body, context or audience, nor unmarked ones', async () => {
    const { fetcher, calls } = heldFetcher();
    const f = dedupingFetcher(fetcher);
    void f('http://p/graphql', init('{"query":"{ a }"}'));
    void f('http://p/graphql', init('{"query":"{ a }","variables":{"x":1}}'));
    void f('http://p/graphql', init('{"query":"{ a }"}', 'ctx-client-2'));
    void f('http://p/graphql', { ...init('{"query":"{ a }"}'), headers: { [AUDIENCE_HEADER]: 'legal', [CONTEXT_HEADER]: 'ctx-anon', [SHARE_HEADER]: '1' } });
    void f('http://p/graphql', init('{"query":"{ a }"}', 'ctx-anon', false));
    void f('http://p/graphql', init('{"query":"{ a }"}', 'ctx-anon', false));
    await settle();
    expect(calls).toHaveLength(6);
    for (const c of calls) c.answer(200, '{}');
  });

  it('a caller that saw a newer content version never joins a fetch begun before the change', async () => {
    const { fetcher, calls } = heldFetcher();
    const f = dedupingFetcher(fetcher);
    const at = (version: string) => ({
      ...init('{"query":"{ a }"}'),
      headers: { ...(init('{"query":"{ a }"}').headers as Record<string, string>), [SHARE_HEADER]: version },
    });
    void f('http://p/graphql', at('5'));
    void f('http://p/graphql', at('6'));
    void f('http://p/graphql', at('6'));
    await settle();
    expect(calls).toHaveLength(2);
    for (const c of calls) c.answer(200, '{}');
  });

  it('a fetch that starts after the answer is a new fetch (nothing is cached here)', async () => {
    const { fetcher, calls } = heldFetcher();
    const f = dedupingFetcher(fetcher);
    const first = f('http://p/graphql', init('{"query":"{ a }"}'));
    await settle();
    calls[0]!.answer(200, '{"data":{"a":1}}');
    await first;
    const second = f('http://p/graphql', init('{"query":"{ a }"}'));
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]!.answer(200, '{"data":{"a":2}}');
    expect(await (await second).text()).toBe('{"data":{"a":2}}');
  });

  it('a failed fetch fails every caller waiting on it, and the next one is sent anew', async () => {
    const { fetcher, calls } = heldFetcher();
    const f = dedupingFetcher(fetcher);
    const a = f('http://p/graphql', init('{"query":"{ a }"}'));
    const b = f('http://p/graphql', init('{"query":"{ a }"}'));
    await settle();
    calls[0]!.fail(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');
    void f('http://p/graphql', init('{"query":"{ a }"}'));
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]!.answer(200, '{}');
  });
});

describe('what may be shared', () => {
  it('queries only, as the planner prints them', () => {
    expect(isQueryText('query FrontPage__portal__0($first:Int!){articles(first:$first){totalCount}}')).toBe(true);
    expect(isQueryText('{articles{totalCount}}')).toBe(true);
    expect(isQueryText('mutation Publish__portal__0{publishArticle(id:"x"){id}}')).toBe(false);
    expect(isQueryText('subscription S{x}')).toBe(false);
    expect(isQueryText('queryX')).toBe(false);
    expect(isQueryText(undefined)).toBe(false);
  });

  it('anonymous callers only: no id, no role', () => {
    expect(isAnonymous({ roles: [] })).toBe(true);
    expect(isAnonymous({ id: 'editor-1', roles: ['EDITOR'] })).toBe(false);
    expect(isAnonymous({ roles: ['PARTNER'] })).toBe(false);
    expect(isAnonymous({ id: 'citizen-1', roles: [] })).toBe(false);
  });

  it('the shared context drops the request id, and the client key where no per-client limit needs it', () => {
    const settings = { enabled: true, clientKeyed: new Set(['legal']) };
    const caller = { requestId: 'r-1', actor: { roles: [] }, locale: 'vi', publicBaseUrl: 'https://hub', clientKey: 'k-1' };
    expect(sharedContext('portal', caller, settings)).toEqual({
      requestId: SHARED_REQUEST_ID,
      actor: { roles: [] },
      locale: 'vi',
      publicBaseUrl: 'https://hub',
    });
    expect(sharedContext('legal', caller, settings)).toEqual({
      requestId: SHARED_REQUEST_ID,
      actor: { roles: [] },
      locale: 'vi',
      publicBaseUrl: 'https://hub',
      clientKey: 'k-1',
    });
  });
});

describe('representation de-duplication in _entities fetches', () => {
  const a = { __typename: 'Agency', id: 'a' };
  const b = { __typename: 'Agency', id: 'b' };

  it('asks once per distinct representation and spreads the answer back in order', () => {
    const d = dedupeRepresentations([a, b, { __typename: 'Agency', id: 'a' }, b, a])!;
    expect(d.unique).toEqual([a, b]);
    const out = d.expand({ data: { _entities: [{ name: 'A', tags: ['x'] }, { name: 'B' }] } });
    const entities = (out.data as { _entities: { name: string; tags?: string[] }[] })._entities;
    expect(entities.map((e) => e.name)).toEqual(['A', 'B', 'A', 'B', 'A']);
    // Copies, not the same object: the gateway merges into each entity on its own.
    expect(entities[2]).not.toBe(entities[0]);
    entities[2]!.tags!.push('y');
    expect(entities[0]!.tags).toEqual(['x']);
  });

  it('an error on a representation is reported at every occurrence', () => {
    const d = dedupeRepresentations([a, b, a])!;
    const out = d.expand({ data: { _entities: [null, { name: 'B' }] }, errors: [{ message: 'gone', path: ['_entities', 0, 'name'] }, { message: 'other' }] });
    expect(out.errors!.map((e) => [e.message, e.path])).toEqual([
      ['gone', ['_entities', 0, 'name']],
      ['gone', ['_entities', 2, 'name']],
      ['other', undefined],
    ]);
    expect((out.data as { _entities: unknown[] })._entities).toEqual([null, { name: 'B' }, null]);
  });

  it('nothing to do when every representation is distinct', () => {
    expect(dedupeRepresentations([a, b])).toBeNull();
    expect(dedupeRepresentations([a])).toBeNull();
  });
});
