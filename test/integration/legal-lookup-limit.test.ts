// Live lookups by number are limited per client: over the limit the field is a RATE_LIMITED
// error, or the hub's copy when it has one; other clients and local answers are unaffected.
// Clients are named by the signed actor, else by the gateway's clientKey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/documents.ts';
import type { Actor } from '../../schema/security/signed-context.ts';
import { signedFor } from '../harness/signing.ts';
import { startLegalWorld, type LegalWorld } from './legal-harness.ts';

let world: LegalWorld;
beforeAll(async () => {
  world = await startLegalWorld({ documents: [...FIXTURE_DOCUMENTS], timeoutMs: 3_000, options: { livePerMinute: 2 } });
});
afterAll(() => world?.close());

type Lookup = { legalDocumentByNumber: { origin: string; stale: boolean; upstreamError: string | null; document: { number: { normalised: string } } } | null };
const LOOKUP = `query($n: String!, $r: Boolean) { legalDocumentByNumber(number: $n, refresh: $r) { origin stale upstreamError document { number { normalised } } } }`;

/** A signed request as the gateway sends it, with the caller's clientKey. */
async function asClient(clientKey: string | undefined, actor: Actor, number: string, refresh = false) {
  const body = JSON.stringify({ query: LOOKUP, variables: { n: number, r: refresh } });
  const headers = { 'content-type': 'application/json', ...signedFor(world.subgraph.url, { requestId: 'limit-test', actor, clientKey }, body) };
  const res = await fetch(world.subgraph.url, { method: 'POST', headers, body });
  return (await res.json()) as { data?: Lookup; errors?: { extensions?: { code?: string }; path?: string[] }[] };
}

const citizen: Actor = { roles: [] };
const liveCalls = () => world.legalFake.received.filter((r) => r.url.includes('/doc/')).length;

describe('live lookups per client', () => {
  it('refuses a client’s live lookup over the limit with RATE_LIMITED on that field', async () => {
    expect((await asClient('client-a', citizen, '42/2022/NĐ-CP')).data?.legalDocumentByNumber?.origin).toBe('UPSTREAM');
    expect((await asClient('client-a', citizen, '64/2007/NĐ-CP')).data?.legalDocumentByNumber?.origin).toBe('UPSTREAM');
    const before = liveCalls();
    const over = await asClient('client-a', citizen, '43/2011/NĐ-CP');
    expect(over.data?.legalDocumentByNumber).toBeNull();
    expect(over.errors?.[0]).toMatchObject({ path: ['legalDocumentByNumber'], extensions: { code: 'RATE_LIMITED' } });
    expect(liveCalls()).toBe(before);
  });

  it('still serves the hub’s copy to that client, flagged, when a refresh is over the limit', async () => {
    const res = await asClient('client-a', citizen, '42/2022/ND-CP', true);
    expect(res.errors).toBeUndefined();
    expect(res.data?.legalDocumentByNumber).toEqual({
      origin: 'LOCAL',
      stale: false,
      upstreamError: 'RATE_LIMITED',
      document: { number: { normalised: '42/2022/NĐ-CP' } },
    });
    // A fresh copy without refresh needs no live call, so no limit applies.
    expect((await asClient('client-a', citizen, '64/2007/NĐ-CP')).data?.legalDocumentByNumber).toMatchObject({ origin: 'LOCAL', upstreamError: null });
  });

  it('counts other clients apart: another address, a signed-in actor', async () => {
    expect((await asClient('client-b', citizen, '43/2011/NĐ-CP')).data?.legalDocumentByNumber?.origin).toBe('UPSTREAM');
    const editor: Actor = { id: 'editor-1', roles: ['EDITOR'] };
    expect((await asClient('client-a', editor, '27/2018/NĐ-CP')).data?.legalDocumentByNumber?.origin).toBe('UPSTREAM');
  });
});
