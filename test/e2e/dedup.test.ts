// Collapsing identical work (issue 13) through a real gateway and the portal subgraph: identical
// anonymous queries in flight reach the subgraph once; staff calls, other variables and
// mutations never share. A gate in front of the portal holds the first call until every other
// request has either joined it or arrived itself: the order of events decides, no timers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { dedupEvents } from '../../gateway/dedup.ts';
import type { RunningGateway } from '../../gateway/server.ts';
import { CONTEXT_HEADER } from '../../schema/security/signed-context.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { gql } from './support/http.ts';
import { startGate, type Gate } from '../harness/gate.ts';

/** Resolves after `n` fetches have joined one in flight. */
function joins(n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const on = () => {
      if (++seen >= n) {
        dedupEvents.off('join', on);
        resolve();
      }
    };
    dedupEvents.on('join', on);
  });
}

const FRONT = `query Front($first: Int!) { articles(first: $first) { totalCount nodes { slug title { vi } agency { slug } } } }`;

let t: TestHub;
let gate: Gate;
let gw: RunningGateway;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  gate?.release();
  await t?.stop();
  await gate?.close();
});

async function freshGate(): Promise<void> {
  await gate?.close();
  gate = await startGate(t.hub.subgraphs.find((s) => s.name === 'portal')!.url);
  // The subgraph layer alone: whole identical requests would otherwise be collapsed before it
  // (request-collapse.ts, tested in request-collapse.test.ts).
  gw = await t.startGateway({ REQUEST_COLLAPSING: 'false' }, { portal: gate.url });
}

describe('in-flight de-duplication', () => {
  it('identical anonymous queries in flight reach the subgraph once and all get the answer', async () => {
    await freshGate();
    const joined = joins(7);
    const answers = Array.from({ length: 8 }, () => gql(gw.url, FRONT, { variables: { first: 5 } }));
    await Promise.all([joined, gate.waitFor(1)]);
    expect(gate.arrived).toHaveLength(1);
    gate.release();
    const results = await Promise.all(answers);
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      expect(r.body).toEqual(results[0]!.body);
    }
    // Each client still has its own request id; the subgraph got the first's, outside the signature.
    const ids = new Set(results.map((r) => r.headers.get('x-request-id')));
    expect(ids.size).toBe(8);
    const sent = gate.arrived[0]!.headers;
    expect(ids.has(sent['x-request-id'] as string)).toBe(true);
    const context = JSON.parse(Buffer.from(sent[CONTEXT_HEADER] as string, 'base64url').toString('utf8'));
    expect(context).toMatchObject({ requestId: 'shared', actor: { roles: [] } });
    expect(context.clientKey).toBeUndefined();
  });

  it('a staff call with the same query never joins an anonymous one, nor do other variables', async () => {
    await freshGate();
    const token = await issueToken(TEST_JWT, { id: 'admin-1', roles: ['ADMIN'] });
    // 3 anonymous (first: 5), 1 staff (first: 5), 1 anonymous (first: 6): 3 calls on the wire, 2 joins.
    const joined = joins(2);
    const answers = [
      gql(gw.url, FRONT, { variables: { first: 5 } }),
      gql(gw.url, FRONT, { variables: { first: 5 }, headers: { authorization: `Bearer ${token}` } }),
      gql(gw.url, FRONT, { variables: { first: 5 } }),
      gql(gw.url, FRONT, { variables: { first: 6 } }),
      gql(gw.url, FRONT, { variables: { first: 5 } }),
    ];
    // A staff call wrongly joined would leave only 2 calls on the wire: the test then times out.
    await Promise.all([joined, gate.waitFor(3)]);
    gate.release();
    for (const r of await Promise.all(answers)) expect(r.body.errors).toBeUndefined();
    expect(gate.arrived).toHaveLength(3);
    const contexts = gate.arrived.map((a) => JSON.parse(Buffer.from(a.headers[CONTEXT_HEADER] as string, 'base64url').toString('utf8')));
    expect(contexts.filter((c) => c.actor.id === 'admin-1')).toHaveLength(1);
    expect(contexts.filter((c) => c.requestId === 'shared')).toHaveLength(2);
  });

  it('off with SUBGRAPH_DEDUP=false: every request makes its own call', async () => {
    await gate?.close();
    gate = await startGate(t.hub.subgraphs.find((s) => s.name === 'portal')!.url);
    const off = await t.startGateway({ SUBGRAPH_DEDUP: 'false', REQUEST_COLLAPSING: 'false' }, { portal: gate.url });
    const answers = Array.from({ length: 3 }, () => gql(off.url, FRONT, { variables: { first: 5 } }));
    await gate.waitFor(3);
    gate.release();
    for (const r of await Promise.all(answers)) expect(r.body.errors).toBeUndefined();
    expect(gate.arrived).toHaveLength(3);
  });
});
