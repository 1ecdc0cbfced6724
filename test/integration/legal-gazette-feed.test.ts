// The gazette's newest-documents feed in the gazette sync: a document the feed announces and
// the hub does not know is fetched from the national database at once; a known one, or one
// the national database does not know yet, costs nothing more; the national database failing
// does not fail the gazette's run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureGazetteIssue } from '../../adapters/gazette/fixtures/issues.ts';
import { FIXTURE_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/documents.ts';
import { GAZETTE, startLegalWorld, type LegalWorld } from './legal-harness.ts';

/** An announcement whose issue has no export yet; the gazette's own dates are illustrative [X]. */
const announce = (number: string, summary: string): FixtureGazetteIssue => ({
  number: 99,
  numberTo: null,
  year: 2022,
  date: '2022-07-01',
  documents: [{ number, type: 'Nghị định', issuer: 'Chính phủ', issueDate: '2022-06-24', summary, page: 1, pageTo: null, sourceId: null }],
});

let world: LegalWorld;
beforeAll(async () => {
  // The national database holds the fixtures, but its sync has not run: the hub knows none.
  // Generous deadlines: these runs are about behaviour, not timing (slow CI machines).
  world = await startLegalWorld({ documents: [...FIXTURE_DOCUMENTS], timeoutMs: 3_000 });
});
afterAll(() => world?.close());

const documentRequests = () => world.legalFake.received.filter((r) => r.url.includes('/doc/')).length;
const byKey = (numberKey: string) =>
  world.db.prisma.legalDocument.findFirst({ where: { numberKey }, include: { sources: { select: { system: true, sourceId: true } } } });

describe('documents announced in the gazette feed', () => {
  it('fetches an announced document the hub does not know from the national database', async () => {
    world.gazetteFake.announced.push(announce('42/2022/NĐ-CP', 'Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến'));
    const run = await world.sync(GAZETTE);
    // The two issues (of 26/2017/QĐ-UBND) and the announced decree.
    expect(run).toMatchObject({ status: 'SUCCEEDED', created: 3 });
    const decree = await byKey('42/2022/ND-CP');
    expect(decree).toMatchObject({ title: expect.stringMatching(/^Nghị định 42\/2022\/NĐ-CP/u), status: 'CHL' });
    expect(decree!.sources).toEqual([{ system: 'national-legal-db', sourceId: 'nd-42-2022-cp' }]);
    // Served from the hub now, without a live call.
    const res = await world.query<{ legalDocumentByNumber: { origin: string; stale: boolean } }>(
      `{ legalDocumentByNumber(number: "42/2022/ND-CP") { origin stale } }`,
    );
    expect(res.body.data!.legalDocumentByNumber).toEqual({ origin: 'LOCAL', stale: false });
  });

  it('does not ask again for a document it knows, nor for one published in an issue it stored', async () => {
    const before = documentRequests();
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'SUCCEEDED', created: 0 });
    expect(documentRequests()).toBe(before);
  });

  it('creates nothing from the feed alone when the national database does not know the number yet', async () => {
    world.gazetteFake.announced.push(announce('999/2099/NĐ-CP', 'Văn bản chưa có trong cơ sở dữ liệu quốc gia'));
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'SUCCEEDED', created: 0 });
    expect(await byKey('999/2099/ND-CP')).toBeNull();
  });

  it('keeps the gazette run green when the national database is down, and catches up on the next run', async () => {
    world.gazetteFake.announced.push(announce('27/2018/NĐ-CP', 'Sửa đổi, bổ sung Nghị định 72/2013/NĐ-CP'));
    world.legalFake.setMode({ kind: 'fail-then-ok', failures: 1_000, status: 503 });
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'SUCCEEDED', created: 0 });
    expect(await byKey('27/2018/ND-CP')).toBeNull();
    world.legalFake.setMode({ kind: 'ok' });
    world.clock.advance(150); // past the breaker's half-open delay (on the world's clock)
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'SUCCEEDED', created: 1 });
    expect(await byKey('27/2018/ND-CP')).toMatchObject({ numberKey: '27/2018/ND-CP' });
  });
});
