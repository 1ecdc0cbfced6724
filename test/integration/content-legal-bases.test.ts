// Legal bases on every citing kind (directives, explainers, plan items, investment projects) and
// the reverse join the portal contributes to the legal subgraph's LegalDocument: relatedContent,
// the items citing a document, visible as the caller may see them, batched (one statement for
// the pages of 100 documents); and the job that derives the keys of items saved before them.
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { documentNumberKey } from '../../schema/text/vietnamese.ts';
import { backfillLegalBasisKeys } from '../../subgraphs/portal/content/legal-basis-keys.ts';
import { EDITOR_A, itemIn, ok, projectInput } from '../harness/content.ts';
import { signedQuery, usePortal } from '../harness/portal.ts';

const portal = usePortal();
const KEY_26 = documentNumberKey('26/2017/QĐ-UBND');
const RELATED = `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) {
  ... on LegalDocument { numberKey relatedContent(first: $first, after: $after) { totalCount nodes { __typename id state title { vi } } pageInfo { hasNextPage endCursor } } } } }`;

type Related = { numberKey: string; relatedContent: { totalCount: number; nodes: { __typename: string; id: string; state: string }[] } };

const planInput = (legalBasis: string[]) => ({
  agencyId: projectInput().agencyId,
  title: { vi: 'Quy hoạch phân khu đô thị (thử)' },
  authorName: 'Sở Xây dựng',
  plan: { planKind: 'ZONING', subtype: 'URBAN', legalBasis },
});

describe('legal bases on plan items and investment projects', () => {
  it('keeps the citations as typed and names the documents by number key', async () => {
    const plan = await ok<{ legalBases: { text: string; document: { numberKey: string } | null }[] }>(
      portal.url,
      EDITOR_A,
      `mutation($i: ContentItemInput!) { createContentItem(kind: PLAN, input: $i) { ... on PlanItem { legalBases { text document { numberKey } } } } }`,
      { i: planInput(['Luật Quy hoạch số 21/2017/QH14', 'Quyết định số 26/2017/QĐ-UBND ngày 5/9/2017', 'căn cứ tình hình thực tế']) },
    );
    expect(plan.legalBases).toEqual([
      { text: 'Luật Quy hoạch số 21/2017/QH14', document: { numberKey: documentNumberKey('21/2017/QH14') } },
      { text: 'Quyết định số 26/2017/QĐ-UBND ngày 5/9/2017', document: { numberKey: KEY_26 } },
      { text: 'căn cứ tình hình thực tế', document: null },
    ]);
    const project = await ok<{ legalBases: { document: { numberKey: string } | null }[] }>(
      portal.url,
      EDITOR_A,
      `mutation($i: ContentItemInput!) { createContentItem(kind: INVESTMENT_PROJECT, input: $i) { ... on InvestmentProject { legalBases { document { numberKey } } } } }`,
      { i: projectInput({ investmentProject: { ...projectInput().investmentProject, legalBasis: ['58/2024/QH15'] } }) },
    );
    expect(project.legalBases).toEqual([{ document: { numberKey: documentNumberKey('58/2024/QH15') } }]);
  });

  it('refuses more than 30 citations with a stable code', async () => {
    const res = await signedQuery(
      portal.url,
      `mutation($i: ContentItemInput!) { createContentItem(kind: PLAN, input: $i) { id } }`,
      {
        i: planInput(Array.from({ length: 31 }, (_, i) => `${i + 1}/2020/QĐ-UBND`)),
      },
      EDITOR_A,
    );
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'plan.legalBasis' });
  });
});

describe('LegalDocument.relatedContent (contributed by the portal)', () => {
  it('lists the seeded published items citing 26/2017/QĐ-UBND, newest first, for the public', async () => {
    const res = await signedQuery<{ _entities: Related[] }>(portal.url, RELATED, { reps: [{ __typename: 'LegalDocument', numberKey: KEY_26 }], first: 50 });
    expect(res.body.errors).toBeUndefined();
    const related = res.body.data!._entities[0]!.relatedContent;
    const kinds = new Set(related.nodes.map((n) => n.__typename));
    for (const kind of ['Directive', 'LawExplainer', 'PlanItem', 'InvestmentProject']) expect(kinds).toContain(kind);
    expect(related.nodes.every((n) => n.state === 'PUBLISHED')).toBe(true);
    expect(related.totalCount).toBe(related.nodes.length);
  });

  it('shows a draft citing the document to its agency’s editor only', async () => {
    const draft = await itemIn(portal.url, 'DRAFT', { kind: 'PLAN', input: planInput(['Quyết định 99/2026/QĐ-UBND']) });
    const reps = [{ __typename: 'LegalDocument', numberKey: documentNumberKey('99/2026/QĐ-UBND') }];
    const anon = await signedQuery<{ _entities: Related[] }>(portal.url, RELATED, { reps });
    expect(anon.body.data!._entities[0]!.relatedContent.totalCount).toBe(0);
    const editor = await signedQuery<{ _entities: Related[] }>(portal.url, RELATED, { reps }, EDITOR_A);
    expect(editor.body.data!._entities[0]!.relatedContent.nodes.map((n) => n.id)).toEqual([draft.id]);
  });

  it('pages: first and after', async () => {
    const reps = [{ __typename: 'LegalDocument', numberKey: KEY_26 }];
    const all = (await signedQuery<{ _entities: Related[] }>(portal.url, RELATED, { reps, first: 50 })).body.data!._entities[0]!.relatedContent;
    const one = await signedQuery<{ _entities: (Related & { relatedContent: { pageInfo: { endCursor: string } } })[] }>(portal.url, RELATED, {
      reps,
      first: 1,
    });
    const first = one.body.data!._entities[0]!.relatedContent;
    expect(first.nodes.map((n) => n.id)).toEqual([all.nodes[0]!.id]);
    const next = await signedQuery<{ _entities: Related[] }>(portal.url, RELATED, { reps, first: 1, after: first.pageInfo.endCursor });
    expect(next.body.data!._entities[0]!.relatedContent.nodes.map((n) => n.id)).toEqual([all.nodes[1]!.id]);
  });

  it('answers 100 documents with one statement for their pages (and one per table for the items)', async () => {
    const reps = Array.from({ length: 100 }, (_, i) => ({ __typename: 'LegalDocument', numberKey: i === 0 ? KEY_26 : `${i}/2099/QD-NONE` }));
    portal.db.statements.length = 0;
    const res = await signedQuery<{ _entities: Related[] }>(portal.url, RELATED, { reps, first: 5 });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!._entities).toHaveLength(100);
    expect(res.body.data!._entities[0]!.relatedContent.totalCount).toBeGreaterThan(3);
    const pages = portal.db.statements.filter((s) => s.includes('unnest'));
    expect(pages).toHaveLength(1);
    // Pages (1), the items (1), and one per detail table of the kinds present (≤ 4): not per document.
    expect(portal.db.statements.length).toBeLessThanOrEqual(6);
  });

  it('refuses nothing it cannot name: an empty or oversized key is a null entity', async () => {
    const res = await signedQuery<{ _entities: (Related | null)[] }>(portal.url, RELATED, {
      reps: [
        { __typename: 'LegalDocument', numberKey: '' },
        { __typename: 'LegalDocument', numberKey: 'x'.repeat(101) },
      ],
    });
    expect(res.body.data?._entities).toEqual([null, null]);
  });
});

describe('keys of items saved before legal_basis_keys', () => {
  it('are derived by the backfill job, once', async () => {
    const ids = (await portal.db.prisma.contentItem.findMany({ where: { legalBasisKeys: { has: KEY_26 } }, select: { id: true } })).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(3);
    await portal.db.prisma.$executeRaw`UPDATE portal_content_item SET legal_basis_keys = '{}' WHERE id = ANY(${ids}::uuid[])`;
    const before = await portal.db.prisma.contentItem.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, updatedAt: true } });
    expect(await backfillLegalBasisKeys(portal.db.prisma)).toBe(ids.length);
    const after = await portal.db.prisma.contentItem.findMany({
      where: { id: { in: ids } },
      select: { id: true, version: true, updatedAt: true, legalBasisKeys: true },
    });
    for (const row of after) {
      expect(row.legalBasisKeys).toContain(KEY_26);
      expect(before.find((b) => b.id === row.id)).toMatchObject({ version: row.version, updatedAt: row.updatedAt });
    }
    expect(await backfillLegalBasisKeys(portal.db.prisma)).toBe(0);
  });
});
