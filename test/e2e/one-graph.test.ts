// One graph: the portal's agencies and content joined with the legal subgraph's documents
// through the gateway, each join planned as one fetch per subgraph (never one per item), on the
// seeded demo data (the province's Quyết định 26/2017/QĐ-UBND, the law and decree it rests on,
// the agency that issued it) synced at boot from the fake upstreams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from '../harness/hub.ts';
import { startHubWithLegalFakes, type LegalTestHub } from '../harness/legal-hub.ts';
import { gql } from './support/http.ts';

let t: TestHub;
let legal: LegalTestHub;

beforeAll(async () => {
  legal = await startHubWithLegalFakes({ serveFiles: false });
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
    expect(ubnd.legalDocuments.nodes).toEqual([
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
