// A34 (issue 7 finding 3): an agency editor reads the unpublished items and the revisions of
// their own agencies only; the board and administrators read every agency's; an editor of no
// agency reads none. Every read path: the generic and per-kind lists, lookups by id and slug,
// revisions and return reasons, entity references, joins between items, files and documents.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../schema/security/signed-context.ts';
import { ADMIN, AGENCY_A, AGENCY_B, articleInput, BOARD, EDITOR_A, EDITOR_B, gql, itemIn, ok, projectInput, type ItemView } from '../harness/content.ts';
import { usePortal } from '../harness/portal.ts';

const portal = usePortal();
const EDITOR_NONE: Actor = { id: 'editor-none', roles: ['EDITOR'], agencyIds: [] };
const EDITOR_AB: Actor = { id: 'editor-ab', roles: ['EDITOR'], agencyIds: [AGENCY_A, AGENCY_B] };

let draftA: ItemView;
let draftB: ItemView;
let returnedB: ItemView;
let publishedB: ItemView;
let projectB: ItemView;
let tenderA: ItemView;
let fileIdB: string;

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

beforeAll(async () => {
  draftA = await itemIn(portal.url, 'DRAFT', { input: articleInput({ slug: 'scope-nhap-a' }) });
  draftB = await itemIn(portal.url, 'DRAFT', { creator: EDITOR_B, input: articleInput({ slug: 'scope-nhap-b', agencyId: AGENCY_B }) });
  returnedB = await itemIn(portal.url, 'RETURNED', { creator: EDITOR_B, input: articleInput({ slug: 'scope-tra-lai-b', agencyId: AGENCY_B }) });
  publishedB = await itemIn(portal.url, 'PUBLISHED', { creator: EDITOR_B, input: articleInput({ slug: 'scope-da-dang-b', agencyId: AGENCY_B }) });
  projectB = await itemIn(portal.url, 'APPROVED', {
    creator: EDITOR_B,
    kind: 'INVESTMENT_PROJECT',
    input: projectInput({ slug: 'scope-du-an-b', agencyId: AGENCY_B }),
  });
  tenderA = await itemIn(portal.url, 'PUBLISHED', {
    kind: 'TENDER',
    input: {
      agencyId: AGENCY_A,
      slug: 'scope-goi-thau-a',
      title: { vi: 'Mời thầu gói XL-03' },
      summary: { vi: 'Gói thầu xây lắp.' },
      authorName: 'Ban QLDA',
      tender: { noticeKind: 'INVITATION_TO_BID', projectId: projectB.id, packageName: 'XL-03', procuringEntity: 'Ban QLDA' },
    },
  });
  const withFile = await ok<{ id: string; files: { id: string }[] }>(
    portal.url,
    EDITOR_B,
    `mutation($id: ID!, $files: [FileUploadInput!]!) { attachContentFiles(id: $id, files: $files) { id files { id } } }`,
    { id: draftB.id, files: [{ fileName: 'anh.png', mediaType: 'image/png', contentBase64: PNG_1x1 }] },
  );
  fileIdB = withFile.files[0]!.id;
});

const LISTS = `query($state: PublicationState) {
  contentItems(first: 100, filter: { state: $state }) { nodes { id } }
  articles(first: 100) { nodes { id } }
  investmentProjects(first: 100, filter: { state: $state }) { nodes { id } }
}`;

async function listed(actor: Actor, state?: string): Promise<Set<string>> {
  const res = await gql<Record<string, { nodes: { id: string }[] }>>(portal.url, actor, LISTS, { state });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return new Set(Object.values(res.data!).flatMap((l) => l.nodes.map((n) => n.id)));
}

describe('lists (contentItems and the per-kind queries)', () => {
  it('an editor of agency A lists A’s drafts and B’s published items, never B’s unpublished ones', async () => {
    for (const state of [undefined, 'DRAFT', 'RETURNED', 'APPROVED']) {
      const ids = await listed(EDITOR_A, state);
      expect(ids.has(draftB.id) || ids.has(returnedB.id) || ids.has(projectB.id), String(state)).toBe(false);
    }
    expect((await listed(EDITOR_A, 'DRAFT')).has(draftA.id)).toBe(true);
    expect((await listed(EDITOR_A)).has(publishedB.id)).toBe(true);
  });

  it('an editor of no agency lists published items only; an editor of A and B lists both', async () => {
    const none = await listed(EDITOR_NONE);
    for (const id of [draftA.id, draftB.id, returnedB.id, projectB.id]) expect(none.has(id)).toBe(false);
    expect(none.has(publishedB.id)).toBe(true);
    const both = await listed(EDITOR_AB);
    for (const id of [draftA.id, draftB.id, returnedB.id, projectB.id]) expect(both.has(id)).toBe(true);
  });

  it('the board and administrators list every agency’s drafts', async () => {
    for (const actor of [BOARD, ADMIN]) {
      const ids = await listed(actor);
      for (const id of [draftA.id, draftB.id, returnedB.id, projectB.id]) expect(ids.has(id)).toBe(true);
    }
  });
});

describe('single items', () => {
  const ONE = `query($id: ID!, $slug: String!) {
    byId: contentItem(id: $id) { id }
    bySlug: contentItem(kind: ARTICLE, slug: $slug) { id }
    article(slug: $slug) { id }
    articleById: article(id: $id) { id }
  }`;

  it('another agency’s draft is null by id and by slug; the own agency’s and the board’s are found', async () => {
    const vars = { id: draftB.id, slug: 'scope-nhap-b' };
    expect((await gql(portal.url, EDITOR_A, ONE, vars)).data).toEqual({ byId: null, bySlug: null, article: null, articleById: null });
    expect((await gql(portal.url, EDITOR_NONE, ONE, vars)).data).toEqual({ byId: null, bySlug: null, article: null, articleById: null });
    const found = { id: draftB.id };
    for (const actor of [EDITOR_B, BOARD, ADMIN]) {
      expect((await gql(portal.url, actor, ONE, vars)).data).toEqual({ byId: found, bySlug: found, article: found, articleById: found });
    }
  });

  it('an entity reference to another agency’s draft is refused (FORBIDDEN), the own agency’s resolves', async () => {
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Article { id } } }`;
    const reps = [{ __typename: 'Article', id: draftB.id }];
    const a = await gql<{ _entities: unknown[] }>(portal.url, EDITOR_A, q, { reps });
    expect(a.data?._entities).toEqual([null]);
    expect(a.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(portal.url, EDITOR_B, q, { reps })).data).toEqual({ _entities: [{ id: draftB.id }] });
  });
});

describe('revisions and return reasons', () => {
  const HISTORY = `query($id: ID!) { contentItem(id: $id) { id returnReasons revisions { action } } }`;

  it('an editor of another agency reads neither the revisions nor the return reasons of a published item', async () => {
    const res = await gql<{ contentItem: unknown }>(portal.url, EDITOR_A, HISTORY, { id: publishedB.id });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.path).toEqual(['contentItem', 'revisions']);
    const reasons = await gql<{ contentItem: { returnReasons: string[] } }>(
      portal.url,
      EDITOR_A,
      `query($id: ID!) { contentItem(id: $id) { returnReasons } }`,
      {
        id: publishedB.id,
      },
    );
    expect(reasons.data?.contentItem.returnReasons).toEqual([]);
  });

  it('the agency’s own editors and the board read the history and the return reasons', async () => {
    for (const actor of [EDITOR_B, BOARD, ADMIN]) {
      const res = await gql<{ contentItem: { returnReasons: string[]; revisions: { action: string }[] } }>(portal.url, actor, HISTORY, { id: returnedB.id });
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(res.data?.contentItem.returnReasons).toEqual(['Thiếu nguồn']);
      expect(res.data?.contentItem.revisions.map((r) => r.action)).toContain('RETURN');
    }
  });
});

describe('joins, files and documents', () => {
  it('a published tender of agency A does not reveal the unpublished project of agency B to A’s editor', async () => {
    const q = `query($id: ID!) { contentItem(id: $id) { ... on Tender { project { id } } } }`;
    expect((await gql(portal.url, EDITOR_A, q, { id: tenderA.id })).data).toEqual({ contentItem: { project: null } });
    expect((await gql(portal.url, BOARD, q, { id: tenderA.id })).data).toEqual({ contentItem: { project: { id: projectB.id } } });
  });

  it('files of another agency’s draft are reachable by no one through the file route; the item’s files only through the item', async () => {
    expect((await fetch(`${portal.base}/files/${fileIdB}/anh.png`)).status).toBe(404);
    const q = `query($id: ID!) { contentItem(id: $id) { files { id } } }`;
    expect((await gql(portal.url, EDITOR_A, q, { id: draftB.id })).data).toEqual({ contentItem: null });
    expect((await gql(portal.url, EDITOR_B, q, { id: draftB.id })).data).toEqual({ contentItem: { files: [{ id: fileIdB }] } });
  });

  it('print and PDF of unpublished items answer 404 (they are public routes: published items only)', async () => {
    for (const path of ['/print/article/scope-nhap-b', '/save/article/scope-nhap-b.pdf', '/print/article/scope-tra-lai-b']) {
      expect((await fetch(portal.base + path)).status, path).toBe(404);
    }
    expect((await fetch(`${portal.base}/print/article/scope-da-dang-b`)).status).toBe(200);
  });
});
