// One search across the graph (R-4.17a) as a citizen uses it, through the gateway, on the seeded
// demo data plus legal documents synced from the fake national database: typed without
// diacritics, đ as d, either tone placement, by number with QĐ/QD and any dash (ranked first),
// across kinds with facets; hits are the federated entities (one batched fetch per owner);
// fresh after a publication, an unpublication and a withdrawal (the next query sees it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from '../harness/hub.ts';
import { startHubWithLegalFakes, type LegalTestHub } from '../harness/legal-hub.ts';
import { gql } from './support/http.ts';
import { CODE_ISSUER_DOCUMENTS, UBND_VINH_PHUC_CODE } from '../../adapters/national-legal-db/fixtures/code-issuers.ts';
import { FIXTURE_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/documents.ts';

let t: TestHub;
let legal: LegalTestHub;

beforeAll(async () => {
  // The demo's documents: with the one whose issuer the source gives by its QCVN 102 code.
  legal = await startHubWithLegalFakes({ serveFiles: false, documents: [...FIXTURE_DOCUMENTS, ...CODE_ISSUER_DOCUMENTS] });
  t = legal.hub;
  const agency = await t.db.prisma.agency.findFirstOrThrow({ where: { slug: 'so-tu-phap-vinh-phuc' } });
  // A published answer written with the old tone placement ("hoà"), and one not yet published.
  const question = (title: string, published: boolean, n: number) =>
    t.db.prisma.citizenRequest.create({
      data: {
        kind: 'QUESTION',
        trackingCode: `HG-TEST-${n}`,
        secretHash: 'x'.repeat(64),
        askerName: 'Nguyễn Văn A',
        contactKey: 'k'.repeat(64),
        title,
        body: 'Tôi muốn hỏi về thủ tục công nhận hoà giải viên ở cơ sở.',
        receivedOn: new Date('2026-03-02'),
        state: published ? 'ANSWERED' : 'ROUTED',
        answerText: 'Sở Tư pháp trả lời: hồ sơ gồm đơn đề nghị và lý lịch.',
        publishedAt: published ? new Date('2026-03-10T03:00:00Z') : null,
        agencies: { create: [{ agencyId: agency.id, lead: true }] },
      },
    });
  await question('Thủ tục công nhận hoà giải viên', true, 1);
  await question('Câu hỏi hoà giải chưa công bố', false, 2);
});
afterAll(async () => {
  await legal?.stop();
});

interface Hit {
  kind: string;
  title: string;
  exactMatch: boolean;
  highlights: { field: string; text: string; ranges: { start: number; length: number }[] }[];
  item: { __typename: string; number?: { normalised: string }; title?: { vi: string }; questionTitle?: string } | null;
}
interface Results {
  totalCount: number;
  nodes: Hit[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  facets: {
    kinds: { kind: string; count: number }[];
    agencies: { agency: { id: string; slug: string }; count: number }[];
    years: { year: number; count: number }[];
  };
}

const QUERY = `query($q: String, $kinds: [SearchKind!], $agency: ID, $year: Int, $sort: SearchSort, $first: Int, $after: String) {
  search(query: $q, kinds: $kinds, agency: $agency, year: $year, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { kind title exactMatch highlights { field text ranges { start length } }
      item { __typename
        ... on LegalDocument { number { normalised } }
        ... on ContentItem { title { vi } }
        ... on PublishedQuestion { questionTitle: title } } }
    facets { kinds { kind count } agencies { agency { id slug } count } years { year count } } } }`;

async function search(q: string | null, vars: Record<string, unknown> = {}): Promise<Results> {
  const res = await gql(t.url, QUERY, { variables: { q, first: 20, ...vars } });
  expect(res.body.errors).toBeUndefined();
  return (res.body.data as { search: Results }).search;
}
const numbers = (r: Results) => r.nodes.filter((n) => n.kind === 'LEGAL_DOCUMENT').map((n) => n.item?.number?.normalised);

describe('what a citizen types', () => {
  it('finds a document by number with QĐ or QD, any dash and spaces, exact match first', async () => {
    for (const q of ['26/2017/QĐ-UBND', '26/2017/QD-UBND', '26/2017/qd–ubnd', '26 / 2017 / QĐ - UBND', 'quyết định 26/2017/QĐ‑UBND']) {
      const r = await search(q);
      expect(r.nodes[0], q).toMatchObject({
        kind: 'LEGAL_DOCUMENT',
        exactMatch: true,
        item: { __typename: 'LegalDocument', number: { normalised: '26/2017/QĐ-UBND' } },
      });
    }
  });

  it('finds text typed without diacritics, and reads đ as d', async () => {
    const r = await search('quy che quan ly va cung cap thong tin tren cong thong tin dien tu');
    expect(numbers(r)[0]).toBe('26/2017/QĐ-UBND');
    const article = await search('van hanh he thong thong tin giai quyet thu tuc hanh chinh dung chung');
    expect(article.nodes[0]).toMatchObject({
      kind: 'ARTICLE',
      item: { __typename: 'Article', title: { vi: 'Vận hành hệ thống thông tin giải quyết thủ tục hành chính dùng chung của tỉnh mới' } },
    });
    const d = await search('dich vu cong truc tuyen', { kinds: ['LEGAL_DOCUMENT'] });
    expect(numbers(d).slice(0, 2).sort()).toEqual(['42/2022/NĐ-CP', '43/2011/NĐ-CP']);
  });

  it('matches either tone placement, and highlights the words in the display text', async () => {
    for (const q of ['hòa giải viên', 'hoà giải viên', 'hoa giai vien']) {
      const r = await search(q, { kinds: ['PUBLISHED_QUESTION'] });
      expect(r.totalCount, q).toBe(1);
      expect(r.nodes[0]!.item).toEqual({ __typename: 'PublishedQuestion', questionTitle: 'Thủ tục công nhận hoà giải viên' });
      const title = r.nodes[0]!.highlights.find((h) => h.field === 'title')!;
      expect(title.ranges.map((x) => title.text.slice(x.start, x.start + x.length))).toEqual(['hoà', 'giải', 'viên']);
    }
  });

  it('ranks a phrase (syllable bigrams) above the same words scattered', async () => {
    const r = await search('thu tuc hanh chinh', { kinds: ['ARTICLE', 'PUBLISHED_QUESTION'] });
    expect(r.nodes[0]!.kind).toBe('ARTICLE');
  });
});

describe('across kinds', () => {
  it('finds a procedure by its exact code first, resolved by the services subgraph', async () => {
    await t.db.prisma.servicesProcedure.create({
      data: {
        code: '1.009999',
        name: 'Cấp Phiếu lý lịch tư pháp (thử nghiệm tìm kiếm)',
        tiers: [],
        details: {
          steps: [],
          components: [],
          channels: [],
          applicants: [],
          conditions: null,
          results: [],
          whereToSubmit: null,
          contact: null,
          fields: [],
          agencies: [],
          legalBases: [],
        },
        searchFolded: 'cap phieu ly lich tu phap',
        firstPublishedAt: new Date('2026-01-05T02:00:00Z'),
        system: 'test',
        sourceId: 'search-test',
        fetchedAt: new Date('2026-01-05T02:00:00Z'),
        contentHash: '0'.repeat(64),
      },
    });
    const res = await gql(t.url, `{ search(query: "1.009999") { nodes { kind exactMatch item { __typename ... on AdministrativeProcedure { code } } } } }`);
    expect(res.body.errors).toBeUndefined();
    const first = (res.body.data as { search: { nodes: unknown[] } }).search.nodes[0];
    expect(first).toEqual({ kind: 'ADMINISTRATIVE_PROCEDURE', exactMatch: true, item: { __typename: 'AdministrativeProcedure', code: '1.009999' } });
    const byName = await search('phieu ly lich tu phap thu nghiem', { kinds: ['ADMINISTRATIVE_PROCEDURE'] });
    expect(byName.nodes[0]?.title).toBe('Cấp Phiếu lý lịch tư pháp (thử nghiệm tìm kiếm)');
  });

  it('returns several kinds in one answer with facets by kind, agency and year; filters narrow', async () => {
    const r = await search('thong tin', { first: 50 });
    const kinds = r.facets.kinds.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['LEGAL_DOCUMENT', 'ARTICLE']));
    expect(r.facets.kinds.reduce((s, f) => s + f.count, 0)).toBe(r.totalCount);
    expect(r.facets.agencies.length).toBeGreaterThan(0);
    expect(r.facets.agencies[0]!.agency.slug).toBeTruthy();
    const legalOnly = await search('thong tin', { kinds: ['LEGAL_DOCUMENT'] });
    expect(legalOnly.nodes.every((n) => n.kind === 'LEGAL_DOCUMENT')).toBe(true);
    // A facet ignores its own filter: the kinds facet still shows every kind.
    expect(legalOnly.facets.kinds.map((f) => f.kind)).toEqual(expect.arrayContaining(['LEGAL_DOCUMENT', 'ARTICLE']));
    const year = r.facets.years[0]!;
    const byYear = await search('thong tin', { year: year.year });
    expect(byYear.totalCount).toBe(year.count);
    const agency = r.facets.agencies[0]!;
    expect((await search('thong tin', { agency: agency.agency.id })).totalCount).toBe(agency.count);
  });

  it('files a legal document under the agency its issuer names, matched by QCVN 102 code as well as by name', async () => {
    const ubnd = await t.db.prisma.agency.findFirstOrThrow({ where: { code: UBND_VINH_PHUC_CODE } });
    const byCode = await search('15/2019/QĐ-UBND', { kinds: ['LEGAL_DOCUMENT'], agency: ubnd.id });
    expect(byCode.nodes.map((n) => n.item?.number?.normalised)).toContain('15/2019/QĐ-UBND');
    const byName = await search('26/2017/QĐ-UBND', { kinds: ['LEGAL_DOCUMENT'], agency: ubnd.id });
    expect(byName.nodes.map((n) => n.item?.number?.normalised)).toContain('26/2017/QĐ-UBND');
    const facet = (await search('15/2019/QĐ-UBND', { kinds: ['LEGAL_DOCUMENT'] })).facets.agencies.map((f) => f.agency.id);
    expect(facet).toContain(ubnd.id);
  });

  it('pages with a cursor and orders by date on request', async () => {
    const all = await search(null, { first: 100, sort: 'DATE_DESC' });
    expect(all.totalCount).toBeGreaterThan(5);
    const first = await search(null, { first: 3, sort: 'DATE_DESC' });
    const second = await search(null, { first: 3, sort: 'DATE_DESC', after: first.pageInfo.endCursor });
    expect([...first.nodes, ...second.nodes].map((n) => n.title)).toEqual(all.nodes.slice(0, 6).map((n) => n.title));
  });

  it('resolves every hit through its owner in one batched fetch per subgraph', async () => {
    for (const p of Object.values(t.proxies)) p.reset();
    const r = await search('thong tin', { first: 50 });
    expect(r.nodes.every((n) => n.item !== null)).toBe(true);
    expect(t.proxies.portal!.graphqlRequests).toBeLessThanOrEqual(2);
    expect(t.proxies.legal!.graphqlRequests).toBe(1);
  });

  it('refuses bad arguments with stable codes', async () => {
    const res = await gql(t.url, QUERY, { variables: { q: 'x', year: 3000 } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await gql(t.url, QUERY, { variables: { q: 'x', after: 'nope' } });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('freshness', () => {
  it('a publication is found by the next query; unpublication and withdrawal remove at once', async () => {
    const q = 'du thao ke hoach chuyen doi so giai doan toi';
    expect((await search(q, { kinds: ['ARTICLE'] })).totalCount).toBe(0);
    const draft = await t.db.prisma.contentItem.findFirstOrThrow({ where: { titleVi: { startsWith: 'Dự thảo kế hoạch chuyển đổi số' } } });
    await t.db.prisma.contentItem.update({ where: { id: draft.id }, data: { state: 'PUBLISHED', publishedAt: new Date(), firstPublishedAt: new Date() } });
    expect((await search(q, { kinds: ['ARTICLE'] })).nodes[0]?.title).toBe(draft.titleVi);
    await t.db.prisma.contentItem.update({ where: { id: draft.id }, data: { state: 'UNPUBLISHED' } });
    expect((await search(q, { kinds: ['ARTICLE'] })).totalCount).toBe(0);

    const doc = await t.db.prisma.legalDocument.findFirstOrThrow({ where: { number: '26/2017/QĐ-UBND' } });
    await t.db.prisma.legalDocument.update({ where: { id: doc.id }, data: { withdrawn: true } });
    expect(numbers(await search('26/2017/QD-UBND'))).not.toContain('26/2017/QĐ-UBND');
    await t.db.prisma.legalDocument.update({ where: { id: doc.id }, data: { withdrawn: false } });
    expect(numbers(await search('26/2017/QD-UBND'))[0]).toBe('26/2017/QĐ-UBND');
  });
});
