// The search tool as a citizen uses it (no diacritics, đ, either tone placement, QĐ/QD, any
// dash, relevance order, filters), validity as of a date, and the N+1 proof on a page of 100
// documents — over data synced from the fake national database (13 real documents plus 100
// illustrative ones, below).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/documents.ts';
import type { FixtureDocument } from '../../adapters/national-legal-db/fixtures/types.ts';
import { NATIONAL, startLegalWorld, type LegalWorld } from './legal-harness.ts';

/**
 * 100 decisions of 2025, numbered 1001–1100: illustrative [X], not real documents. Each is
 * based on the one before it, listed on both, as the national database lists relations.
 */
function illustrativeDecisions(): FixtureDocument[] {
  return Array.from({ length: 100 }, (_, i) => {
    const n = 1001 + i;
    const id = (k: number) => `qd-${k}-2025-x`;
    const number = (k: number) => `${k}/2025/QĐ-UBND`;
    const relation = (code: string, k: number) => ({ code, targetId: id(k), targetNumber: number(k), targetTitle: null });
    const day = String(1 + (i % 28)).padStart(2, '0');
    return {
      id: id(n),
      number: number(n),
      title: `Quyết định ${number(n)} về quản lý tài chính mẫu số ${n}`,
      summary: `Về quản lý tài chính mẫu số ${n}`,
      listingType: { code: 'QD', name: 'Quyết định' },
      issueDate: `2025-03-${day}`,
      effectiveDate: null,
      expiryDate: null,
      gazetteDate: null,
      collectedFrom: null,
      issuers: [{ agency: 'Ủy ban nhân dân tỉnh Vĩnh Phúc', title: 'Chủ tịch', signer: null }],
      scope: 'Tỉnh Vĩnh Phúc',
      fields: ['Tài chính'],
      status: { code: 'CHL', name: 'Còn hiệu lực' },
      fullText: null,
      files: [],
      gazette: [],
      relations: [...(n > 1001 ? [relation('CanCu', n - 1)] : []), ...(n < 1100 ? [relation('LaCanCu', n + 1)] : [])],
      history: [{ date: `2025-03-${day}`, action: 'BanHanh', sourceId: null, sourceNumber: null, scope: null }],
      url: `https://csdl-vbpl.invalid/van-ban/${id(n)}`,
      modifiedAt: `2025-06-01T08:${String(i % 60).padStart(2, '0')}:00+07:00`,
      withdrawn: false,
    };
  });
}

let world: LegalWorld;

beforeAll(async () => {
  world = await startLegalWorld({ documents: [...FIXTURE_DOCUMENTS, ...illustrativeDecisions()] });
  expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', created: 113 });
});
afterAll(() => world?.close());

type Hit = { number: { normalised: string } };
async function search(query: string | null, filter: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const res = await world.query<{ searchLegalDocuments: { totalCount: number; nodes: Hit[]; pageInfo: { endCursor: string | null } } }>(
    `query($q: String, $f: LegalDocumentFilter, $s: LegalDocumentSort, $first: Int, $after: String) {
      searchLegalDocuments(query: $q, filter: $f, sort: $s, first: $first, after: $after) { totalCount pageInfo { endCursor } nodes { number { normalised } } } }`,
    { q: query, f: filter, first: 50, ...extra },
  );
  expect(res.body.errors).toBeUndefined();
  const page = res.body.data!.searchLegalDocuments;
  return { ...page, numbers: page.nodes.map((n) => n.number.normalised) };
}

describe('what a citizen types', () => {
  it('finds text without diacritics', async () => {
    const { numbers } = await search('quy che quan ly va cung cap thong tin tren cong thong tin giao tiep dien tu');
    expect(numbers[0]).toBe('26/2017/QĐ-UBND');
  });

  it('reads đ as d', async () => {
    const { numbers } = await search('dich vu cong truc tuyen');
    expect(numbers.slice(0, 2).sort()).toEqual(['42/2022/NĐ-CP', '43/2011/NĐ-CP']);
    expect((await search('Nghi dinh 42/2022/ND-CP')).numbers[0]).toBe('42/2022/NĐ-CP');
  });

  it('matches either tone placement ("họat"/"hoạt")', async () => {
    const modern = await search('hoạt động ứng dụng công nghệ thông tin');
    const old = await search('họat động ứng dụng công nghệ thông tin');
    expect(modern.numbers).toContain('64/2007/NĐ-CP');
    expect(old.numbers).toEqual(modern.numbers);
  });

  it('treats QĐ and QD alike', async () => {
    const accented = await search('26/2017/QĐ-UBND');
    const plain = await search('26/2017/QD-UBND');
    expect(accented.numbers[0]).toBe('26/2017/QĐ-UBND');
    expect(plain.numbers).toEqual(accented.numbers);
  });

  it.each(['72/2013/NĐ\u2013CP', '72/2013/NĐ\u2014CP', '72/2013/ND\u2010CP', '72/2013/NĐ\u2212CP', '72/2013/NĐ - CP', '72 / 2013 / NĐ-CP'])(
    'finds %s, any dash',
    async (query) => {
      expect((await search(query)).numbers[0]).toBe('72/2013/NĐ-CP');
    },
  );

  it('ranks the exact number first, then the documents that mention it', async () => {
    const { numbers } = await search('72/2013/NĐ-CP');
    expect(numbers.slice(0, 2)).toEqual(['72/2013/NĐ-CP', '27/2018/NĐ-CP']);
    expect((await search('Nghị định 72/2013')).numbers).toContain('72/2013/NĐ-CP');
  });

  it('forgives a mistyped word', async () => {
    expect((await search('cung cap thon tin dien tu')).numbers).toContain('26/2017/QĐ-UBND');
  });

  it('takes SQL-looking text literally (A23)', async () => {
    const { totalCount } = await search("'; DROP TABLE legal_document; --");
    expect(totalCount).toBe(0);
    expect(await world.db.prisma.legalDocument.count()).toBe(113);
    // LIKE's wildcards are escaped: "%" and "_" match only themselves.
    expect((await search('1%/_')).totalCount).toBe(0);
  });
});

describe('filters, sort and pages', () => {
  const count = async (filter: Record<string, unknown>) => (await search(null, filter)).totalCount;

  it('filters by type, issuer (any spelling), field, status, dates, year and origin', async () => {
    expect(await count({ types: ['DECREE'] })).toBe(6);
    expect(await count({ issuer: 'Chinh phu' })).toBe(7);
    expect(await count({ issuer: 'UBND tỉnh Vĩnh Phúc' })).toBe(101);
    expect(await count({ issuer: 'Uỷ ban nhân dân tỉnh Vĩnh Phúc' })).toBe(101);
    expect(await count({ field: 'bo may hanh chinh' })).toBe(5);
    expect(await count({ statuses: ['HHL'] })).toBe(3);
    expect(await count({ issuedFrom: '2017-01-01', issuedTo: '2017-12-31' })).toBe(3);
    expect(await count({ year: 2017 })).toBe(3);
    expect(await count({ effectiveFrom: '2020-01-01', effectiveTo: '2023-12-31' })).toBe(2);
    expect(await count({ locallyIssued: true, year: 2017 })).toBe(1);
    expect(await count({ types: ['DECREE'], statuses: ['CHL'], issuer: 'chính phủ' })).toBe(3);
  });

  it('sorts by date and pages with a cursor, capped at 100 per page', async () => {
    const oldest = await search(null, { types: ['LAW'] }, { s: 'ISSUE_DATE_ASC' });
    expect(oldest.numbers).toEqual(['67/2006/QH11', '77/2015/QH13', '47/2019/QH14']);
    const first = await search(null, { types: ['DECREE'] }, { s: 'ISSUE_DATE_DESC', first: 4 });
    const second = await search(null, { types: ['DECREE'] }, { s: 'ISSUE_DATE_DESC', first: 4, after: first.pageInfo.endCursor });
    expect([...first.numbers, ...second.numbers]).toEqual([
      '147/2024/NĐ-CP',
      '42/2022/NĐ-CP',
      '27/2018/NĐ-CP',
      '72/2013/NĐ-CP',
      '43/2011/NĐ-CP',
      '64/2007/NĐ-CP',
    ]);
    const tooMany = await world.query(`{ searchLegalDocuments(first: 101) { totalCount } }`);
    expect(tooMany.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE' });
  });
});

describe('validity as of a date', () => {
  const on = async (number: string, date: string) => {
    const res = await world.query<{ legalDocumentByNumber: { document: { validityOn: { status: { code: string } | null; since: string | null } } } }>(
      `query($n: String!, $d: LocalDate!) { legalDocumentByNumber(number: $n) { document { validityOn(date: $d) { status { code } since } } } }`,
      { n: number, d: date },
    );
    const v = res.body.data!.legalDocumentByNumber.document.validityOn;
    return v.status ? `${v.status.code} since ${v.since}` : 'none';
  };

  it('is derived from the validity history', async () => {
    expect(await on('72/2013/NĐ-CP', '2013-01-01')).toBe('none');
    expect(await on('72/2013/NĐ-CP', '2013-08-01')).toBe('CCHL since 2013-07-15');
    expect(await on('72/2013/NĐ-CP', '2020-06-30')).toBe('CHL since 2013-09-01'); // amended in 2018: still in force
    expect(await on('72/2013/NĐ-CP', '2024-12-24')).toBe('CHL since 2013-09-01');
    expect(await on('72/2013/NĐ-CP', '2024-12-25')).toBe('HHL since 2024-12-25');
    expect(await on('43/2011/NĐ-CP', '2022-07-31')).toBe('CHL since 2011-08-01');
    expect(await on('43/2011/NĐ-CP', '2022-08-01')).toBe('HHL since 2022-08-01');
    expect(await on('26/2017/QĐ-UBND', '2017-08-20')).toBe('CCHL since 2017-08-17');
    // No effective date known, in force today: in force from issue.
    expect(await on('64/2007/NĐ-CP', '2010-01-01')).toBe('CHL since 2007-04-10');
  });
});

describe('N+1', () => {
  const PAGE = `query($first: Int) {
    searchLegalDocuments(filter: { year: 2025 }, sort: ISSUE_DATE_DESC, first: $first) { totalCount nodes {
      id number { raw } title issuers { agency signerTitle } status { code label { vi } }
      validityOn(date: "2025-06-01") { status { code } }
      validityHistory { nodes { date action sourceDocument { id } } }
      relations { totalCount nodes { type inverseType document { id number { normalised } issuers { agency } } } }
      files { nodes { name downloadUrl } }
      gazetteIssues { nodes { page issue { label } } }
      provenance { system fetchedAt } sources { system }
      publicationDeadline { dueDate status }
    } } }`;

  const statementsFor = async (first: number) => {
    world.db.statements.length = 0;
    const res = await world.query<{ searchLegalDocuments: { nodes: unknown[] } }>(PAGE, { first });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.searchLegalDocuments.nodes).toHaveLength(first);
    return world.db.statements.length;
  };

  it('a page of 100 documents costs the same statements as a page of 5', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(100);
    // Constant, not growing: the large page even saves the queries for neighbours it already holds.
    expect(large).toBeLessThanOrEqual(small);
    expect(small).toBeLessThanOrEqual(12);
  });
});

describe('lookups', () => {
  it('answers null for an unknown id, BAD_USER_INPUT for a malformed one (never a database error)', async () => {
    const res = await world.query(`{ a: legalDocument(id: "00000000-0000-7000-8000-000000000000") { id } b: legalDocument(id: "'; --") { id } }`);
    expect(res.body.data).toEqual({ a: null, b: null });
    expect(res.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'id']]);
  });
});
