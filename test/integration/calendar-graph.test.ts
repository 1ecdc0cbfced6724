// The working-day calendar and Điều 7 rules, asked through the portal subgraph over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../harness/db.ts';
import { signedQuery, startPortal } from '../harness/portal.ts';
import type { RunningSubgraph } from '../../subgraphs/kit/server.ts';

let db: TestDatabase;
let portal: RunningSubgraph;

beforeAll(async () => {
  db = await createTestDatabase();
  portal = await startPortal(db);
});
afterAll(async () => {
  await portal?.close();
  await db?.close();
});

type Data = Record<string, unknown>;

describe('calendar in the graph', () => {
  it('counts the worked examples of DOMAIN.md §6', async () => {
    const { body } = await signedQuery<Data>(
      portal.url,
      `{ a: workingDaysFrom(date: "2025-01-24", workingDays: 7)
         b: workingDaysFrom(date: "2025-04-25", workingDays: 5)
         c: workingDaysFrom(date: "2024-04-26", workingDays: 10)
         d: workingDaysFrom(date: "2025-08-29", workingDays: 5) }`,
    );
    expect(body.data).toEqual({ a: '2025-02-11', b: '2025-05-06', c: '2024-05-14', d: '2025-09-09' });
  });

  it('tells a worked Saturday from a holiday', async () => {
    const { body } = await signedQuery<{ sat: { working: boolean; reason: string }; tet: { working: boolean; name: { vi: string } } }>(
      portal.url,
      `{ sat: calendarDay(date: "2025-04-26") { working reason } tet: calendarDay(date: "2025-01-29") { working name { vi } } }`,
    );
    expect(body.data?.sat).toEqual({ working: true, reason: 'worked-saturday' });
    expect(body.data?.tet.working).toBe(false);
    expect(body.data?.tet.name.vi).toMatch(/Tết/);
  });

  it('gives R-7 due dates, counting backwards for procedures (R-4.8)', async () => {
    const { body } = await signedQuery<{ legal: { due: string }; proc: { due: string; kind: string }; qa: { due: string } }>(
      portal.url,
      `{ legal: contentDeadline(category: LEGAL_DOCUMENTS, trigger: ISSUED, date: "2025-01-24") { due }
         proc: contentDeadline(category: PROCEDURES, trigger: EFFECTIVE, date: "2025-05-15") { due kind }
         qa: contentDeadline(category: QA, trigger: RECEIVED, date: "2025-04-25", coordinated: true) { due } }`,
    );
    expect(body.data?.legal.due).toBe('2025-02-11');
    expect(body.data?.proc.kind).toBe('beforeTrigger');
    expect(body.data!.proc.due < '2025-05-15').toBe(true);
    expect(body.data!.qa.due > '2025-05-06').toBe(true);
  });

  it('refuses a trigger that does not apply, and dates outside the data, with BAD_USER_INPUT', async () => {
    const wrong = await signedQuery(portal.url, `{ contentDeadline(category: STATISTICS, trigger: ISSUED, date: "2025-01-02") { due } }`);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await signedQuery(portal.url, `{ workingDaysFrom(date: "2031-03-02", workingDays: 3) }`);
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CALENDAR_YEAR_MISSING' });
    const bad = await signedQuery(portal.url, `query($d: LocalDate!) { calendarDay(date: $d) { working } }`, { d: '2025-02-30' });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const literal = await signedQuery(portal.url, `{ calendarDay(date: "2025-02-30") { working } }`);
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('warns when next year is not in the data', async () => {
    const { body } = await signedQuery<{ calendarCoverage: { years: number[]; warnings: { code: string; year: number }[] } }>(
      portal.url,
      `{ calendarCoverage(today: "2026-11-29") { years warnings { code year } } }`,
    );
    expect(body.data?.calendarCoverage.years).toContain(2026);
    expect(body.data?.calendarCoverage.warnings).toContainEqual({ code: 'NEXT_YEAR_MISSING', year: 2027 });
  });

  it('lists the update rules with their providers', async () => {
    const { body } = await signedQuery<{ updateRules: { category: string; workingDays: number | null; providerKeys: string[] }[] }>(
      portal.url,
      `{ updateRules { category workingDays providerKeys } }`,
    );
    const legal = body.data?.updateRules.find((r) => r.category === 'LEGAL_DOCUMENTS');
    expect(legal?.workingDays).toBe(7);
    expect(legal?.providerKeys.length).toBeGreaterThan(0);
    expect(body.data?.updateRules).toHaveLength(15);
  });
});
