// One graph: the portal's agencies and content joined with the legal subgraph's documents
// through the gateway, each join planned as one fetch per subgraph (never one per item), on the
// seeded demo data (the province's Quyết định 26/2017/QĐ-UBND, the law and decree it rests on,
// the agency that issued it — named in 26/2017, given by its QCVN 102 code in the illustrative
// 15/2019) synced at boot from the fake upstreams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ISSUER_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/code-issuers.ts';
import { FIXTURE_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/documents.ts';
import type { TestHub } from '../harness/hub.ts';
import { startHubWithLegalFakes, type LegalTestHub } from '../harness/legal-hub.ts';
import { gql } from './support/http.ts';

let t: TestHub;
let legal: LegalTestHub;

beforeAll(async () => {
  legal = await startHubWithLegalFakes({ serveFiles: false, documents: [...FIXTURE_DOCUMENTS, ...CODE_ISSUER_DOCUMENTS] });
  t = legal.hub;
});
afterAll(async () => {
  await legal?.stop();
});

/** Run a query through the gateway and count the calls each subgraph received for it. */
async function planned<T>(query: string): Promise<{ data: T; calls: Record<string, number> }> {
  for (const p of Object.values(t.proxies)) p.reset();
  const res = await gql(t.url, query);
  expect(res.body.errors).toBeUndefined();
  const calls = Object.fromEntries(Object.entries(t.proxies).map(([name, p]) => [name, p.graphqlRequests]));
  return { data: res.body.data as T, calls };
}

describe('one graph across portal and legal', () => {
  it('Agency → legalDocuments → gazette issues', async () => {
    const { data, calls } = await planned<{
      agencies: {
        nodes: { slug: string; legalDocuments: { nodes: { number: { normalised: string }; gazetteIssues: { nodes: { issue: { label: string } }[] } }[] } }[];
      };
    }>(`{ agencies(first: 10, filter: { asOf: "2020-01-01" }) { nodes { slug
        legalDocuments(first: 3) { nodes { number { normalised } gazetteIssues(first: 3) { nodes { issue { label } } } } } } } }`);
    const ubnd = data.agencies.nodes.find((a) => a.slug === 'ubnd-tinh-vinh-phuc')!;
    // Its documents whichever way the source named it: by code (15/2019), by name (26/2017).
    expect(ubnd.legalDocuments.nodes).toEqual([
      { number: { normalised: '15/2019/QĐ-UBND' }, gazetteIssues: { nodes: [] } },
      { number: { normalised: '26/2017/QĐ-UBND' }, gazetteIssues: { nodes: [{ issue: { label: 'Số 45' } }, { issue: { label: 'Số 46' } }] } },
    ]);
    expect(data.agencies.nodes.length).toBeGreaterThan(3);
    // portal (agencies) → legal (every agency's documents and their issues at once).
    expect(calls).toMatchObject({ portal: 1, legal: 1 });
  });

  it('Directive → legalBases → validity on a date', async () => {
    const { data, calls } = await planned<{
      directives: {
        nodes: { legalBases: { text: string; document: { number: { normalised: string }; validityOn: { status: { code: string } | null } } | null }[] }[];
      };
    }>(`{ directives(first: 10) { nodes { legalBases { text document { number { normalised } validityOn(date: "2024-01-01") { status { code } } } } } } }`);
    const cited = data.directives.nodes.flatMap((d) => d.legalBases);
    expect(cited.map((b) => b.document?.number.normalised)).toEqual(['77/2015/QH13', '43/2011/NĐ-CP', '26/2017/QĐ-UBND']);
    for (const b of cited) expect(b.document!.validityOn.status?.code).toMatch(/^[A-Z_]+$/);
    expect(calls).toMatchObject({ portal: 1, legal: 1 });
  });

  it('LegalDocument → issuingAgencies → officials', async () => {
    const { data, calls } = await planned<{
      legalDocumentByNumber: { document: { issuers: { agencyMatch: string }[]; issuingAgencies: { code: string; officials: { fullName: string }[] }[] } };
    }>(`{ legalDocumentByNumber(number: "26/2017/QD-UBND") { document { issuers { agencyMatch } issuingAgencies { code officials { fullName } } } } }`);
    const { document } = data.legalDocumentByNumber;
    expect(document.issuers.map((i) => i.agencyMatch)).toEqual(['NAME']);
    expect(document.issuingAgencies.map((a) => a.code)).toEqual(['000.00.00.H61']);
    expect(document.issuingAgencies[0]!.officials.length).toBeGreaterThan(0);
    expect(calls).toMatchObject({ legal: 1, portal: 1 });
  });

  it('issuers matched by code and by name join the same portal agency, in one fetch per subgraph', async () => {
    type Doc = { numberKey: string; issuers: { agency: string; agencyMatch: string }[]; issuingAgencies: { slug: string; code: string; nameKey: string }[] };
    const { data, calls } = await planned<{ searchLegalDocuments: { nodes: Doc[] } }>(`{ searchLegalDocuments(first: 20, filter: { locallyIssued: true }) {
      nodes { numberKey issuers { agency agencyMatch } issuingAgencies { slug code nameKey } } } }`);
    const byNumber = new Map(data.searchLegalDocuments.nodes.map((d) => [d.numberKey, d]));
    const byCode = byNumber.get('15/2019/QD-UBND')!;
    const byName = byNumber.get('26/2017/QD-UBND')!;
    expect(byCode.issuers).toEqual([{ agency: '000.00.00.H61', agencyMatch: 'CODE' }]);
    expect(byName.issuers).toEqual([{ agency: 'Ủy ban nhân dân tỉnh Vĩnh Phúc', agencyMatch: 'NAME' }]);
    const ubnd = { slug: 'ubnd-tinh-vinh-phuc', code: '000.00.00.H61', nameKey: 'uy ban nhan dan tinh vinh phuc' };
    expect(byCode.issuingAgencies).toEqual([ubnd]);
    expect(byName.issuingAgencies).toEqual([ubnd]);
    // legal (the documents), then portal once for every issuer of every document, whichever half of the key it carries.
    expect(calls).toMatchObject({ legal: 1, portal: 1 });
  });

  it('LegalDocument → issuingAgencies → legalDocuments: the agency’s documents by code and by name, whichever way it was reached', async () => {
    const { data, calls } = await planned<{
      searchLegalDocuments: { nodes: { numberKey: string; issuingAgencies: ({ legalDocuments: { nodes: { number: { normalised: string } }[] } } | null)[] }[] };
    }>(`{ searchLegalDocuments(first: 5, filter: { locallyIssued: true }) { nodes { numberKey
        issuingAgencies { legalDocuments(first: 3) { nodes { number { normalised } } } } } } }`);
    const local = data.searchLegalDocuments.nodes;
    expect(local.map((d) => d.numberKey).sort()).toEqual(['15/2019/QD-UBND', '26/2017/QD-UBND']);
    for (const d of local) {
      expect(d.issuingAgencies.map((a) => a!.legalDocuments.nodes.map((n) => n.number.normalised))).toEqual([['15/2019/QĐ-UBND', '26/2017/QĐ-UBND']]);
    }
    // legal (documents) → portal (the issuers' code and name, @requires) → legal (their documents, at once).
    expect(calls).toMatchObject({ legal: 2, portal: 1 });
  });

  it('LegalDocument → relatedContent (portal) → legal bases back to legal', async () => {
    const { data, calls } = await planned<{
      legalDocumentByNumber: { document: { relatedContent: { nodes: { __typename: string; legalBases?: { document: { title: string } | null }[] }[] } } };
    }>(`{ legalDocumentByNumber(number: "26/2017/QĐ-UBND") { document { relatedContent(first: 20) { nodes { __typename
        ... on PlanItem { legalBases { document { title } } } } } } } }`);
    const nodes = data.legalDocumentByNumber.document.relatedContent.nodes;
    for (const kind of ['Directive', 'LawExplainer', 'PlanItem', 'InvestmentProject']) expect(nodes.map((n) => n.__typename)).toContain(kind);
    const plan = nodes.find((n) => n.__typename === 'PlanItem')!;
    expect(plan.legalBases!.some((b) => b.document?.title)).toBe(true);
    // legal (the document) → portal (its related content, every plan's bases) → legal (the cited documents, at once).
    expect(calls).toMatchObject({ legal: 2, portal: 1 });
  });

  it('an issuer that is not a portal agency is a null item, not a null answer', async () => {
    const res = await gql(t.url, `{ legalDocumentByNumber(number: "77/2015/QH13") { document { numberKey issuingAgencies { code } } } }`);
    const document = (res.body.data as { legalDocumentByNumber: { document: { numberKey: string; issuingAgencies: unknown[] } } }).legalDocumentByNumber
      .document;
    expect(document.numberKey).toBeTruthy();
    expect(document.issuingAgencies).toEqual([null]);
  });
});
