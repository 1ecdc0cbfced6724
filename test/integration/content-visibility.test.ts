// Who sees what: unpublished content is unreachable for the public through lists, lookups and
// entity references (A19); the board and the item's own agency's editors see drafts (A34,
// test/integration/content-agency-scope.test.ts); the seeded draft article stays hidden.
import { beforeAll, describe, expect, it } from 'vitest';
import { usePortal } from '../harness/portal.ts';
import { stableId } from '../../schema/seed/ids.ts';
import { ADMIN, AGENCY_A, ANON, BOARD, EDITOR_B, gql, itemIn, projectInput, type ItemView } from '../harness/content.ts';

const portal = usePortal();

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on InvestmentProject { id title { vi } budgetVnd } ... on Article { id slug } } }`;

describe('the seeded draft article', () => {
  it('is invisible to the public and to other agencies, visible to its agency and the board', async () => {
    const q = `{ article(slug: "du-thao-ke-hoach-chuyen-doi-so") { slug state } articles(first: 50) { nodes { slug } } }`;
    const pub = await gql<{ article: unknown; articles: { nodes: { slug: string }[] } }>(portal.url, ANON, q);
    expect(pub.data?.article).toBeNull();
    expect(pub.data?.articles.nodes.map((n) => n.slug)).not.toContain('du-thao-ke-hoach-chuyen-doi-so');
    expect((await gql<{ article: unknown }>(portal.url, EDITOR_B, q)).data?.article).toBeNull();
    const ownEditor = { id: 'editor-khcn', roles: ['EDITOR'], agencyIds: [stableId('agency:so-khoa-hoc-cong-nghe-phu-tho')] };
    for (const staff of [ownEditor, BOARD]) {
      const res = await gql<{ article: { state: string } }>(portal.url, staff, q);
      expect(res.data?.article).toEqual({ slug: 'du-thao-ke-hoach-chuyen-doi-so', state: 'DRAFT' });
    }
  });
});

describe('unpublished content', () => {
  let draft: ItemView;
  let published: ItemView;
  beforeAll(async () => {
    draft = await itemIn(portal.url, 'APPROVED', { kind: 'INVESTMENT_PROJECT', input: projectInput({ slug: 'du-an-chua-cong-bo' }) });
    published = await itemIn(portal.url, 'PUBLISHED', { kind: 'INVESTMENT_PROJECT', input: projectInput({ slug: 'du-an-da-cong-bo' }) });
  });

  it('is absent from every public list', async () => {
    const q = `{ contentItems(first: 100) { nodes { id } } investmentProjects(first: 100) { nodes { id } totalCount } all: contentItems(first: 100, filter: { search: "kenh tieu" }) { nodes { id } } }`;
    const res = await gql<Record<string, { nodes: { id: string }[] }>>(portal.url, ANON, q);
    for (const list of Object.values(res.data!)) {
      expect(list.nodes.map((n) => n.id)).not.toContain(draft.id);
    }
    expect(res.data!.investmentProjects!.nodes.map((n) => n.id)).toContain(published.id);
    expect((await gql(portal.url, ANON, `{ contentItems(filter: { state: DRAFT }) { totalCount } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers a malformed id, as an argument or in a filter, with BAD_USER_INPUT (test/integration/malformed-ids.test.ts)', async () => {
    const res = await gql(portal.url, ANON, `{ contentItem(id: "not-a-uuid") { id } article(id: "x") { id } }`);
    expect(res.data).toEqual({ contentItem: null, article: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect((await gql(portal.url, ANON, `{ contentItems(filter: { agencyId: "x" }) { totalCount } }`)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is null through lookups by id and by slug', async () => {
    const q = `query($id: ID!) { byId: contentItem(id: $id) { id } bySlug: contentItem(kind: INVESTMENT_PROJECT, slug: "du-an-chua-cong-bo") { id } }`;
    expect((await gql(portal.url, ANON, q, { id: draft.id })).data).toEqual({ byId: null, bySlug: null });
    expect((await gql(portal.url, BOARD, q, { id: draft.id })).data).toEqual({ byId: { id: draft.id }, bySlug: { id: draft.id } });
  });

  it('is null + FORBIDDEN through entity references from other subgraphs (A19)', async () => {
    const reps = [
      { __typename: 'InvestmentProject', id: published.id },
      { __typename: 'InvestmentProject', id: draft.id },
      { __typename: 'Article', id: published.id },
    ];
    const pub = await gql<{ _entities: unknown[] }>(portal.url, ANON, ENTITIES, { reps });
    expect(pub.data?._entities[0]).toMatchObject({ id: published.id, budgetVnd: '1234567890123.45' });
    expect(pub.data?._entities[1]).toBeNull();
    expect(pub.data?._entities[2]).toBeNull();
    expect(pub.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const staff = await gql<{ _entities: unknown[] }>(portal.url, ADMIN, ENTITIES, { reps });
    expect(staff.data?._entities[1]).toMatchObject({ id: draft.id });
    expect(staff.errors).toBeUndefined();
  });

  it('answers 404 on its print, save and CSV routes', async () => {
    for (const path of ['/print/investment-project/du-an-chua-cong-bo', '/save/investment-project/du-an-chua-cong-bo.pdf']) {
      expect((await fetch(portal.base + path)).status, path).toBe(404);
    }
    expect((await fetch(`${portal.base}/print/investment-project/du-an-da-cong-bo`)).status).toBe(200);
  });

  it('hides an unpublished project behind a published tender', async () => {
    const tender = await itemIn(portal.url, 'PUBLISHED', {
      kind: 'TENDER',
      input: {
        agencyId: AGENCY_A,
        title: { vi: 'Mời thầu gói XL-02' },
        summary: { vi: 'Gói thầu xây lắp.' },
        authorName: 'Ban QLDA',
        tender: { noticeKind: 'INVITATION_TO_BID', projectId: draft.id, packageName: 'XL-02', procuringEntity: 'Ban QLDA' },
      },
    });
    const q = `query($id: ID!) { contentItem(id: $id) { ... on Tender { packageName project { id } } } }`;
    expect((await gql(portal.url, ANON, q, { id: tender.id })).data).toEqual({ contentItem: { packageName: 'XL-02', project: null } });
    expect((await gql(portal.url, BOARD, q, { id: tender.id })).data).toEqual({ contentItem: { packageName: 'XL-02', project: { id: draft.id } } });
  });
});

describe('every kind is served', () => {
  it('lists each kind’s seeded content with its own fields', async () => {
    const q = `{
      introductionPages(topic: HERITAGE) { nodes { title { vi } recognition latitude } }
      directives { nodes { documentNumber issuedOn signerTitle } }
      petitionResponses { nodes { petitioner respondedOn } }
      commendations(decisionKind: COMMENDATION) { nodes { subjectName amountVnd } }
      workSchedules { nodes { periodStart official { fullName } entries { activity { vi en } startsAt } } }
      receptionSchedules { nodes { entries { result { vi } casesReceived casesResolved } } }
      lawExplainers(sector: "Đất đai") { nodes { legalBasis } }
      planItems(planKind: ZONING, unitCode: "08707") { nodes { planPoint subtype areaHectares administrativeUnits { name } } }
      investmentProjects(status: UNDER_WAY) { nodes { budgetVnd fundingType tenders { packageName } } }
      tenders { nodes { estimatedValueVnd project { title { vi } } } }
      scienceTasks(accepted: true) { nodes { code managementLevel resultSummary { vi } } }
      statisticsDatasets { nodes { surveyPeriod valueCount values { indicator { vi } value unit } csvUrl } }
    }`;
    const res = await gql<Record<string, { nodes: Record<string, unknown>[] }>>(portal.url, ANON, q);
    expect(res.errors).toBeUndefined();
    for (const [name, page] of Object.entries(res.data!)) expect(page.nodes.length, name).toBeGreaterThan(0);
    const d = res.data!;
    expect(d.introductionPages!.nodes[0]).toMatchObject({ recognition: expect.stringContaining('Di tích'), latitude: 21.392 });
    expect(d.directives!.nodes[0]).toMatchObject({ documentNumber: '05/CT-UBND', issuedOn: '2026-04-20' });
    expect(d.commendations!.nodes[0]).toMatchObject({ amountVnd: '3500000' });
    expect(d.workSchedules!.nodes[0]!.official).toEqual({ fullName: expect.any(String) });
    expect(d.receptionSchedules!.nodes[0]!.entries).toEqual([expect.objectContaining({ casesReceived: 12, casesResolved: 9 })]);
    expect(d.planItems!.nodes[0]).toMatchObject({ planPoint: 'b', subtype: 'URBAN', areaHectares: '356.75' });
    expect(d.investmentProjects!.nodes[0]).toMatchObject({ budgetVnd: '1234567890123.45', tenders: [{ packageName: expect.stringContaining('XL-01') }] });
    expect(d.scienceTasks!.nodes[0]).toMatchObject({ code: 'ĐTKHCN.07/2024', managementLevel: 'PROVINCIAL' });
    expect(d.statisticsDatasets!.nodes[0]).toMatchObject({ valueCount: 4, csvUrl: `${portal.base}/data/statistics/tang-truong-grdp-6-thang-2026.csv` });
  });
});
