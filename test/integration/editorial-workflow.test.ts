// The editorial workflow over the signed HTTP path: every transition allowed and refused,
// role scoping, refusals audited, revisions and audit in one transaction.
import { describe, expect, it } from 'vitest';
import { anonymousRefusals } from '../../subgraphs/kit/refusals.ts';
import { usePortal } from '../harness/portal.ts';
import {
  ADMIN,
  AGENCY_A,
  ANON,
  APPROVE,
  ARCHIVE,
  articleInput,
  BOARD,
  CREATE,
  EDITOR_A,
  EDITOR_B,
  failCode,
  gql,
  itemIn,
  ok,
  PARTNER,
  PUBLISH,
  REOPEN,
  RETURN,
  SUBMIT,
  TRANSLATE,
  UNPUBLISH,
  UPDATE,
  type ItemView,
} from '../harness/content.ts';
import type { Actor } from '../../schema/security/signed-context.ts';

const portal = usePortal();

const STATES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED', 'PUBLISHED', 'UNPUBLISHED', 'ARCHIVED'] as const;
type State = (typeof STATES)[number];

interface Step {
  name: string;
  query: string;
  actor: Actor;
  vars?: Record<string, unknown>;
  from: State[];
  to: State;
}

const STEPS: Step[] = [
  { name: 'submit', query: SUBMIT, actor: EDITOR_A, from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' },
  { name: 'approve', query: APPROVE, actor: BOARD, from: ['SUBMITTED'], to: 'APPROVED' },
  { name: 'return', query: RETURN, actor: BOARD, vars: { reasons: ['Thiếu ảnh minh họa', 'Sai chính tả'] }, from: ['SUBMITTED', 'APPROVED'], to: 'RETURNED' },
  { name: 'publish', query: PUBLISH, actor: BOARD, from: ['APPROVED', 'UNPUBLISHED'], to: 'PUBLISHED' },
  { name: 'unpublish', query: UNPUBLISH, actor: BOARD, vars: { reason: 'Thông tin cần đính chính' }, from: ['PUBLISHED'], to: 'UNPUBLISHED' },
  { name: 'archive', query: ARCHIVE, actor: BOARD, from: ['PUBLISHED', 'UNPUBLISHED'], to: 'ARCHIVED' },
  { name: 'reopen', query: REOPEN, actor: EDITOR_A, from: ['UNPUBLISHED'], to: 'DRAFT' },
];

describe('state transitions', () => {
  for (const step of STEPS) {
    for (const from of step.from) {
      it(`${step.name}: ${from} → ${step.to}`, async () => {
        const item = await itemIn(portal.url, from);
        const after = await ok<ItemView>(portal.url, step.actor, step.query, { id: item.id, ...step.vars });
        expect(after.state).toBe(step.to);
        expect(after.version).toBe(item.version + 1);
      });
    }
  }

  it('refuses every other transition with INVALID_STATE_TRANSITION and changes nothing', async () => {
    const items = Object.fromEntries(await Promise.all(STATES.map(async (s) => [s, await itemIn(portal.url, s)] as const)));
    for (const step of STEPS) {
      for (const from of STATES.filter((s) => !step.from.includes(s))) {
        const { code } = await failCode(portal.url, ADMIN, step.query, { id: items[from]!.id, ...step.vars });
        expect(code, `${step.name} from ${from}`).toBe('INVALID_STATE_TRANSITION');
      }
    }
    for (const s of STATES) {
      const row = await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: items[s]!.id } });
      expect([row.state, row.version]).toEqual([s, items[s]!.version]);
    }
  });

  it('edits drafts and returned items only, translates anything not archived', async () => {
    for (const s of STATES) {
      const item = await itemIn(portal.url, s);
      const res = await gql(portal.url, ADMIN, UPDATE, { id: item.id, input: articleInput({ title: { vi: 'Tiêu đề đã sửa' } }) });
      if (s === 'DRAFT' || s === 'RETURNED') expect(res.errors).toBeUndefined();
      else expect(res.errors?.[0]?.extensions?.code, s).toBe('INVALID_STATE_TRANSITION');
      const translated = await gql(portal.url, BOARD, TRANSLATE, { id: item.id, t: { title: 'Edited title' } });
      if (s === 'ARCHIVED') expect(translated.errors?.[0]?.extensions?.code).toBe('INVALID_STATE_TRANSITION');
      else expect(translated.errors, s).toBeUndefined();
    }
  });

  it('keeps the board’s reasons when it returns an item, and clears them on resubmission', async () => {
    const item = await itemIn(portal.url, 'SUBMITTED');
    const returned = await ok<{ returnReasons: string[] }>(portal.url, BOARD, RETURN, { id: item.id, reasons: ['Thiếu nguồn trích dẫn'] });
    expect(returned.returnReasons).toEqual(['Thiếu nguồn trích dẫn']);
    expect((await failCode(portal.url, BOARD, RETURN, { id: item.id, reasons: [] })).code).toBe('BAD_USER_INPUT');
    await ok(portal.url, EDITOR_A, SUBMIT, { id: item.id });
    const row = await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.returnReasons).toEqual([]);
  });

  it('refuses a stale expectedVersion with CONFLICT', async () => {
    const item = await itemIn(portal.url, 'DRAFT');
    await ok(portal.url, EDITOR_A, UPDATE, { id: item.id, input: articleInput(), v: item.version });
    const { code } = await failCode(portal.url, EDITOR_A, UPDATE, { id: item.id, input: articleInput(), v: item.version });
    expect(code).toBe('CONFLICT');
  });
});

describe('roles and agency scope', () => {
  it('an editor of agency B cannot create for, edit, submit or translate agency A’s items', async () => {
    expect((await failCode(portal.url, EDITOR_B, CREATE, { kind: 'ARTICLE', input: articleInput() })).code).toBe('FORBIDDEN');
    const item = await itemIn(portal.url, 'DRAFT');
    expect((await failCode(portal.url, EDITOR_B, UPDATE, { id: item.id, input: articleInput({ agencyId: EDITOR_B.agencyIds![0] }) })).code).toBe('FORBIDDEN');
    expect((await failCode(portal.url, EDITOR_B, SUBMIT, { id: item.id })).code).toBe('FORBIDDEN');
    expect((await failCode(portal.url, EDITOR_B, TRANSLATE, { id: item.id, t: { title: 'x' } })).code).toBe('FORBIDDEN');
    expect((await failCode(portal.url, EDITOR_A, UPDATE, { id: item.id, input: articleInput({ agencyId: EDITOR_B.agencyIds![0] }) })).code).toBe('FORBIDDEN');
    const row = await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id } });
    expect([row.state, row.version, row.agencyId]).toEqual(['DRAFT', 1, AGENCY_A]);
  });

  it('editors cannot approve, return, publish or unpublish; the board cannot create or submit', async () => {
    const submitted = await itemIn(portal.url, 'SUBMITTED');
    expect((await failCode(portal.url, EDITOR_A, APPROVE, { id: submitted.id })).code).toBe('FORBIDDEN');
    expect((await failCode(portal.url, EDITOR_A, RETURN, { id: submitted.id, reasons: ['x'] })).code).toBe('FORBIDDEN');
    const approved = await itemIn(portal.url, 'APPROVED');
    expect((await failCode(portal.url, EDITOR_A, PUBLISH, { id: approved.id })).code).toBe('FORBIDDEN');
    const published = await itemIn(portal.url, 'PUBLISHED');
    expect((await failCode(portal.url, EDITOR_A, UNPUBLISH, { id: published.id, reason: 'x' })).code).toBe('FORBIDDEN');
    expect((await failCode(portal.url, BOARD, CREATE, { kind: 'ARTICLE', input: articleInput() })).code).toBe('FORBIDDEN');
    const draft = await itemIn(portal.url, 'DRAFT');
    expect((await failCode(portal.url, BOARD, SUBMIT, { id: draft.id })).code).toBe('FORBIDDEN');
  });

  it('an administrator may do everything, for any agency or none', async () => {
    const item = await itemIn(portal.url, 'PUBLISHED', { creator: ADMIN, input: articleInput({ agencyId: EDITOR_B.agencyIds![0] }) });
    expect(item.state).toBe('PUBLISHED');
  });

  it('anonymous callers and partners get FORBIDDEN for every editorial mutation; the partners’ attempts are audited (A22), the anonymous ones only counted (finding 14)', async () => {
    const published = await itemIn(portal.url, 'PUBLISHED');
    const before = await portal.db.prisma.auditEvent.count();
    const counted = () => anonymousRefusals().reduce((n, r) => n + (r.subgraph === 'portal' ? r.count : 0), 0);
    const countedBefore = counted();
    const attempts: [string, Record<string, unknown>][] = [
      [CREATE, { kind: 'ARTICLE', input: articleInput() }],
      [UNPUBLISH, { id: published.id, reason: 'x' }],
      [ARCHIVE, { id: published.id }],
      [APPROVE, { id: '00000000-0000-4000-8000-000000000000' }],
    ];
    for (const actor of [ANON, PARTNER]) {
      for (const [query, vars] of attempts) expect((await failCode(portal.url, actor, query, vars)).code).toBe('FORBIDDEN');
    }
    const written = await portal.db.prisma.auditEvent.findMany({ orderBy: { at: 'asc' }, skip: before });
    expect(written.map((e) => [e.outcome, e.actorId, e.action])).toEqual(
      attempts.map(([q]) => ['DENIED', PARTNER.id, q === CREATE ? 'CREATE' : q === UNPUBLISH ? 'UNPUBLISH' : q === ARCHIVE ? 'ARCHIVE' : 'APPROVE']),
    );
    expect(written.find((e) => e.action === 'UNPUBLISH')?.targetId).toBe(published.id);
    expect(counted() - countedBefore).toBe(attempts.length);
    expect((await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: published.id } })).state).toBe('PUBLISHED');
  });

  it('an anonymous flood of board actions writes no audit row (finding 14)', async () => {
    const published = await itemIn(portal.url, 'PUBLISHED');
    const before = await portal.db.prisma.auditEvent.count();
    await Promise.all(Array.from({ length: 50 }, () => failCode(portal.url, ANON, UNPUBLISH, { id: published.id, reason: 'spam' })));
    expect(await portal.db.prisma.auditEvent.count()).toBe(before);
  });
});

describe('revisions and audit', () => {
  it('keeps every change as a revision with who, when, why and the full snapshot', async () => {
    const item = await itemIn(portal.url, 'RETURNED');
    await ok(portal.url, EDITOR_A, SUBMIT, { id: item.id });
    await ok(portal.url, BOARD, APPROVE, { id: item.id });
    await ok(portal.url, BOARD, PUBLISH, { id: item.id });
    const res = await ok<{ revisions: { version: number; action: string; actorId: string; reason: string | null; toState: string }[] }>(
      portal.url,
      BOARD,
      `query($id: ID!) { contentItem(id: $id) { revisions { version action actorId reason toState fromState } } }`,
      { id: item.id },
    );
    expect(res.revisions.map((r) => [r.version, r.action, r.actorId, r.toState])).toEqual([
      [6, 'PUBLISH', 'board-1', 'PUBLISHED'],
      [5, 'APPROVE', 'board-1', 'APPROVED'],
      [4, 'SUBMIT', 'editor-a', 'SUBMITTED'],
      [3, 'RETURN', 'board-1', 'RETURNED'],
      [2, 'SUBMIT', 'editor-a', 'SUBMITTED'],
      [1, 'CREATE', 'editor-a', 'DRAFT'],
    ]);
    expect(res.revisions[3]!.reason).toBe('Thiếu nguồn');
    const snapshot = (await portal.db.prisma.contentRevision.findFirstOrThrow({ where: { itemId: item.id, version: 1 } })).snapshot as Record<string, unknown>;
    expect(snapshot).toMatchObject({ id: item.id, titleVi: 'Ủy ban nhân dân tỉnh họp phiên thường kỳ', state: 'DRAFT', agencyId: AGENCY_A });
    const audits = await portal.db.prisma.auditEvent.findMany({ where: { targetId: item.id, outcome: 'SUCCEEDED' }, orderBy: { at: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['CREATE', 'SUBMIT', 'RETURN', 'SUBMIT', 'APPROVE', 'PUBLISH']);
  });

  it('the public cannot read the revision history', async () => {
    const item = await itemIn(portal.url, 'PUBLISHED');
    const { code } = await failCode(portal.url, ANON, `query($id: ID!) { contentItem(id: $id) { id revisions { version } } }`, { id: item.id });
    expect(code).toBe('FORBIDDEN');
  });

  it('writes a transition and its audit record in one transaction: a failing audit insert leaves the state unchanged', async () => {
    const item = await itemIn(portal.url, 'SUBMITTED');
    await portal.db.prisma.$executeRaw`CREATE OR REPLACE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'APPROVE' AND NEW.outcome = 'SUCCEEDED' THEN RAISE EXCEPTION 'audit store down'; END IF; RETURN NEW; END $$`;
    await portal.db.prisma.$executeRaw`CREATE TRIGGER test_fail_audit BEFORE INSERT ON portal_audit_event FOR EACH ROW EXECUTE FUNCTION test_fail_audit()`;
    try {
      const { code, error } = await failCode(portal.url, BOARD, APPROVE, { id: item.id });
      expect(code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.message).toBe('Internal server error');
    } finally {
      await portal.db.prisma.$executeRaw`DROP TRIGGER test_fail_audit ON portal_audit_event`;
    }
    const row = await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id } });
    expect([row.state, row.version]).toEqual(['SUBMITTED', item.version]);
    expect(await portal.db.prisma.contentRevision.count({ where: { itemId: item.id, action: 'APPROVE' } })).toBe(0);
    expect((await ok<ItemView>(portal.url, BOARD, APPROVE, { id: item.id })).state).toBe('APPROVED');
  });
});
