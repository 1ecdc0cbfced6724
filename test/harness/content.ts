// Actors of each role and small helpers to drive the portal's editorial mutations over the
// signed HTTP path, as the gateway would.
import { expect } from 'vitest';
import type { Actor } from '../../schema/security/signed-context.ts';
import { stableId } from '../../schema/seed/ids.ts';
import { signedQuery } from './portal.ts';

export const AGENCY_A = stableId('agency:so-tai-chinh-phu-tho');
export const AGENCY_B = stableId('agency:so-tu-phap-phu-tho');

export const ANON: Actor = { roles: [] };
export const EDITOR_A: Actor = { id: 'editor-a', name: 'Biên tập viên Sở Tài chính', roles: ['EDITOR'], agencyIds: [AGENCY_A] };
export const EDITOR_B: Actor = { id: 'editor-b', name: 'Biên tập viên Sở Tư pháp', roles: ['EDITOR'], agencyIds: [AGENCY_B] };
export const BOARD: Actor = { id: 'board-1', name: 'Thành viên Ban Biên tập', roles: ['BOARD'] };
export const ADMIN: Actor = { id: 'admin-1', name: 'Quản trị', roles: ['ADMIN'] };
export const PARTNER: Actor = { id: 'partner-1', roles: ['PARTNER'] };

export const ITEM_FIELDS = `id kind state version slug contentCategory requirement translationStatus translationRequired translationPoint
  title { vi en } summary { vi en } publishedAt firstPublishedAt scheduledAt`;

/** A minimal valid article input for agency A; override what a test is about. */
export function articleInput(over: Record<string, unknown> = {}) {
  return {
    agencyId: AGENCY_A,
    title: { vi: 'Ủy ban nhân dân tỉnh họp phiên thường kỳ' },
    summary: { vi: 'Phiên họp thường kỳ tháng sáu.' },
    body: { vi: '<p>Nội dung phiên họp.</p>' },
    authorName: 'Phóng viên',
    ...over,
  };
}

/** A valid investment project for agency A (budget 1234567890123.45 VND). */
export const projectInput = (over: Record<string, unknown> = {}) => ({
  agencyId: AGENCY_A,
  title: { vi: 'Dự án cải tạo kênh tiêu thoát nước' },
  summary: { vi: 'Cải tạo 12 km kênh tiêu.' },
  authorName: 'Sở Tài chính',
  trigger: { kind: 'APPROVED', date: '2026-03-02' },
  investmentProject: {
    objectives: { vi: 'Chống ngập úng cho khu dân cư.' },
    field: 'Thủy lợi',
    projectType: 'Nhóm B',
    startYear: 2026,
    endYear: 2028,
    budgetVnd: '1234567890123.45',
    fundingType: 'STATE_BUDGET',
    status: 'PREPARING',
    unitCodes: ['08707'],
  },
  ...over,
});

export interface GqlResult<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  actor: Actor,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  return (await signedQuery<T>(url, query, variables, actor)).body as GqlResult<T>;
}

/** Run a mutation that must succeed; returns its single root field. */
export async function ok<T = Record<string, unknown>>(url: string, actor: Actor, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<Record<string, T>>(url, actor, query, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return Object.values(res.data!)[0]!;
}

/** The error code of a call that must fail. */
export async function failCode(url: string, actor: Actor, query: string, variables: Record<string, unknown> = {}) {
  const res = await gql(url, actor, query, variables);
  expect(res.errors, 'expected an error').toBeDefined();
  return { code: res.errors![0]!.extensions?.code as string, error: res.errors![0]!, data: res.data };
}

export const CREATE = `mutation($kind: ContentKind!, $input: ContentItemInput!) { createContentItem(kind: $kind, input: $input) { ${ITEM_FIELDS} } }`;
export const SUBMIT = `mutation($id: ID!) { submitContentItem(id: $id) { ${ITEM_FIELDS} } }`;
export const APPROVE = `mutation($id: ID!) { approveContentItem(id: $id) { ${ITEM_FIELDS} } }`;
export const RETURN = `mutation($id: ID!, $reasons: [String!]!) { returnContentItem(id: $id, reasons: $reasons) { ${ITEM_FIELDS} returnReasons } }`;
export const PUBLISH = `mutation($id: ID!, $at: DateTimeISO) { publishContentItem(id: $id, at: $at) { ${ITEM_FIELDS} } }`;
export const UNPUBLISH = `mutation($id: ID!, $reason: String!) { unpublishContentItem(id: $id, reason: $reason) { ${ITEM_FIELDS} } }`;
export const ARCHIVE = `mutation($id: ID!) { archiveContentItem(id: $id) { ${ITEM_FIELDS} } }`;
export const REOPEN = `mutation($id: ID!) { reopenContentItem(id: $id) { ${ITEM_FIELDS} } }`;
export const UPDATE = `mutation($id: ID!, $input: ContentItemInput!, $v: Int) { updateContentItem(id: $id, input: $input, expectedVersion: $v) { ${ITEM_FIELDS} } }`;
export const TRANSLATE = `mutation($id: ID!, $t: TranslationInput!) { translateContentItem(id: $id, translation: $t) { ${ITEM_FIELDS} } }`;

export interface ItemView {
  id: string;
  kind: string;
  state: string;
  version: number;
  slug: string;
  title: { vi: string; en: string | null };
}

/** Create as `creator` and walk the item to `state` with the board. */
export async function itemIn(
  url: string,
  state: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED' | 'PUBLISHED' | 'UNPUBLISHED' | 'ARCHIVED',
  opts: { kind?: string; input?: Record<string, unknown>; creator?: Actor } = {},
): Promise<ItemView> {
  let item = await ok<ItemView>(url, opts.creator ?? EDITOR_A, CREATE, { kind: opts.kind ?? 'ARTICLE', input: opts.input ?? articleInput() });
  const path: Record<string, [string, Actor, Record<string, unknown>?][]> = {
    DRAFT: [],
    SUBMITTED: [[SUBMIT, EDITOR_A]],
    APPROVED: [
      [SUBMIT, EDITOR_A],
      [APPROVE, BOARD],
    ],
    RETURNED: [
      [SUBMIT, EDITOR_A],
      [RETURN, BOARD, { reasons: ['Thiếu nguồn'] }],
    ],
    PUBLISHED: [
      [SUBMIT, EDITOR_A],
      [APPROVE, BOARD],
      [PUBLISH, BOARD],
    ],
    UNPUBLISHED: [
      [SUBMIT, EDITOR_A],
      [APPROVE, BOARD],
      [PUBLISH, BOARD],
      [UNPUBLISH, BOARD, { reason: 'Cập nhật' }],
    ],
    ARCHIVED: [
      [SUBMIT, EDITOR_A],
      [APPROVE, BOARD],
      [PUBLISH, BOARD],
      [ARCHIVE, BOARD],
    ],
  };
  for (const [query, actor, vars] of path[state]!) {
    const creator = opts.creator ?? EDITOR_A;
    item = await ok<ItemView>(url, query === SUBMIT ? creator : actor, query, { id: item.id, ...vars });
  }
  expect(item.state).toBe(state);
  return item;
}
