// SECURITY-MATRIX A30 (issue 7 finding 1): a client's bad input is the client's error. A flood
// of malformed custom-scalar values (an argument, a variable, a filter) makes the subgraph
// answer 400 BAD_USER_INPUT; each caller must get that code back, the breaker must stay
// closed, and every other client's answers must stay intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_ENV, startTestHub, type TestHub } from '../harness/hub.ts';
import { expectNoLeaks, expectRequestIds, gql, type HttpResult } from './support/http.ts';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ env: PRODUCTION_ENV });
});
afterAll(() => t?.stop());

const BAD_INPUTS: { query: string; variables?: Record<string, unknown> }[] = [
  { query: `{ administrativeUnit(asOf: "2026-13-45", code: "25") { code } }` },
  { query: `query U($d: LocalDate) { administrativeUnit(asOf: $d, code: "25") { code } }`, variables: { d: 'not-a-date' } },
  { query: `{ agencies(first: 1, filter: { asOf: "31/12/2026" }) { totalCount } }` },
  { query: `query A($f: AgencyFilter) { agencies(first: 1, filter: $f) { totalCount } }`, variables: { f: { asOf: '2026-02-30' } } },
];

const GOOD = `{ agencies(first: 2) { totalCount nodes { slug } } }`;

function expectOwnInputError(res: HttpResult) {
  const codes = res.body.errors?.map((e) => e.extensions?.code);
  expect(codes?.length, res.text).toBeGreaterThan(0);
  expect(
    codes?.every((c) => c === 'BAD_USER_INPUT'),
    res.text,
  ).toBe(true);
  expect(res.text).not.toContain('SUBGRAPH_UNAVAILABLE');
  expectRequestIds(res);
  expectNoLeaks(res.text);
}

describe('client input errors and the circuit breaker (A30)', () => {
  it('answers each malformed scalar value with BAD_USER_INPUT, not SUBGRAPH_UNAVAILABLE', async () => {
    for (const bad of BAD_INPUTS) expectOwnInputError(await gql(t.url, bad.query, { variables: bad.variables }));
  });

  it('a flood of bad inputs (far above the breaker threshold) opens no breaker: other clients are served', async () => {
    for (let round = 0; round < 6; round += 1) {
      const flood = await Promise.all(BAD_INPUTS.map((bad) => gql(t.url, bad.query, { variables: bad.variables })));
      flood.forEach(expectOwnInputError);
    }
    t.proxies.portal!.reset();
    for (let i = 0; i < 3; i += 1) {
      const res = await gql(t.url, GOOD);
      expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 200, errors: undefined });
      expect((res.body.data?.agencies as { nodes: unknown[] }).nodes.length).toBeGreaterThan(0);
    }
    expect(t.proxies.portal!.graphqlRequests, 'the good queries must reach the subgraph').toBe(3);
  });
});
