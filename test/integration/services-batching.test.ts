// No N+1: the SQL statements a page of procedures costs do not grow with its size (100 vs 50),
// and neither do the contributed fields of 50 agencies resolved in one `_entities` call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedProcedures } from '../../adapters/national-service-portal/fixtures/procedures.ts';
import { startServicesWorld, type ServicesWorld } from './services-harness.ts';

let w: ServicesWorld;
beforeAll(async () => {
  w = await startServicesWorld({ procedures: generatedProcedures(100) });
  expect(await w.sync()).toMatchObject({ status: 'SUCCEEDED', counts: { created: 100 } });
}, 120_000);
afterAll(async () => w?.close());

const PAGE = `query($n: Int!) { procedures(first: $n) { nodes { code name levels fields { name } channels { timeLimits { fees { amountVnd } } }
  onlineService { code level procedure { code } usage(from: "2026-01", to: "2026-03") { counts { received } } } publicationDeadline { status } text(locale: EN) { name } legalBases { text } implementingAgencies { code } } } }`;

async function statementsFor(query: string, variables: Record<string, unknown>) {
  w.db.statements.length = 0;
  const res = await w.query(query, variables);
  expect(res.body.errors).toBeUndefined();
  return w.db.statements.length;
}

describe('batching', () => {
  it('a page of 100 procedures costs as many statements as a page of 50', async () => {
    const small = await statementsFor(PAGE, { n: 50 });
    const large = await statementsFor(PAGE, { n: 100 });
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(5);
  });

  it("50 agencies' procedures in one _entities call cost a constant number of statements", async () => {
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { code procedures(first: 3) { totalCount nodes { code } } } } }`;
    const reps = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ __typename: 'Agency', code: i % 5 === 0 ? '000.02.00.H43' : `000.${String(i).padStart(2, '0')}.00.H43` }));
    const few = await statementsFor(entities, { r: reps(2) });
    const many = await statementsFor(entities, { r: reps(50) });
    expect(many).toBe(few);
    const res = await w.query<{ _entities: { code: string; procedures: { totalCount: number } }[] }>(entities, { r: reps(1) });
    expect(res.body.data!._entities[0]!.procedures.totalCount).toBe(20);
  });
});
