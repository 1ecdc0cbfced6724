// The editorial audit trail is hash-chained: every event, refusals included, links to the one
// before it; concurrent writers keep one chain; a row changed, emptied or deleted with raw SQL
// is found, at the first link it breaks.
import { describe, expect, it } from 'vitest';
import { usePortal } from '../harness/portal.ts';
import { ANON, articleInput, BOARD, CREATE, EDITOR_A, EDITOR_B, failCode, gql, itemIn, ok, PUBLISH } from '../harness/content.ts';
import { verifyAuditChain } from '../../subgraphs/portal/editorial/audit-chain.ts';

const portal = usePortal();

const STATUS = `{ auditChainStatus { intact checked unchained headHash firstBreak { seq eventId reason } } }`;

interface Status {
  intact: boolean;
  checked: number;
  unchained: number;
  headHash: string | null;
  firstBreak: { seq: string; eventId: string; reason: string } | null;
}

const status = async () => (await ok<Status>(portal.url, BOARD, STATUS)) as Status;
const events = () => portal.db.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });

describe('audit hash chain', () => {
  it('chains every event, successes and refusals, and reports the head', async () => {
    const item = await itemIn(portal.url, 'PUBLISHED');
    expect((await failCode(portal.url, EDITOR_B, PUBLISH, { id: item.id })).code).toBe('FORBIDDEN');
    const rows = await events();
    expect(rows.map((r) => r.outcome)).toContain('DENIED');
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash ?? ''))).toBe(true);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    expect(await status()).toEqual({ intact: true, checked: rows.length, unchained: 0, headHash: rows.at(-1)!.hash, firstBreak: null });
    // Paging through the trail gives the same answer as one page.
    expect(await verifyAuditChain(portal.db.prisma, 2)).toMatchObject({ intact: true, checked: rows.length, headHash: rows.at(-1)!.hash });
  });

  it('stays one chain when many transitions are audited at once', async () => {
    const before = (await events()).length;
    const titles = Array.from({ length: 6 }, (_, i) => `Tin đồng thời số ${i + 1}`);
    await Promise.all(titles.map((t) => ok(portal.url, EDITOR_A, CREATE, { kind: 'ARTICLE', input: articleInput({ title: { vi: t } }) })));
    const after = await status();
    expect(after).toMatchObject({ intact: true, checked: before + titles.length, firstBreak: null });
  });

  it('is staff only', async () => {
    expect((await gql(portal.url, ANON, STATUS)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok<Status>(portal.url, EDITOR_A, STATUS)).intact).toBe(true);
  });

  it('finds a row changed with raw SQL, and holds again once it is put back', async () => {
    const rows = await events();
    const target = rows[2]!;
    await portal.db.prisma.$executeRaw`UPDATE portal_audit_event SET action = 'ARCHIVE' WHERE seq = ${target.seq}`;
    expect(await status()).toEqual({
      intact: false,
      checked: 2,
      unchained: 0,
      headHash: rows[1]!.hash,
      firstBreak: { seq: String(target.seq), eventId: target.id, reason: 'HASH_MISMATCH' },
    });
    await portal.db.prisma.$executeRaw`UPDATE portal_audit_event SET action = ${target.action} WHERE seq = ${target.seq}`;
    expect((await status()).intact).toBe(true);

    await portal.db.prisma.$executeRaw`UPDATE portal_audit_event SET detail = '{"reason": "FORGED"}'::jsonb WHERE seq = ${rows[4]!.seq}`;
    expect((await status()).firstBreak).toEqual({ seq: String(rows[4]!.seq), eventId: rows[4]!.id, reason: 'HASH_MISMATCH' });
    await portal.db.prisma.$executeRaw`UPDATE portal_audit_event SET detail = ${JSON.stringify(rows[4]!.detail)}::jsonb WHERE seq = ${rows[4]!.seq}`;
    expect((await status()).intact).toBe(true);
  });

  it('finds a hash wiped and a row deleted, at the first link they break', async () => {
    const rows = await events();
    await portal.db.prisma.$executeRaw`UPDATE portal_audit_event SET hash = NULL WHERE seq = ${rows[5]!.seq}`;
    expect((await status()).firstBreak).toEqual({ seq: String(rows[5]!.seq), eventId: rows[5]!.id, reason: 'MISSING_HASH' });
    await portal.db.prisma.$executeRaw`UPDATE portal_audit_event SET hash = ${rows[5]!.hash} WHERE seq = ${rows[5]!.seq}`;

    await portal.db.prisma.$executeRaw`DELETE FROM portal_audit_event WHERE seq = ${rows[3]!.seq}`;
    expect(await status()).toMatchObject({ intact: false, checked: 3, firstBreak: { seq: String(rows[4]!.seq), reason: 'HASH_MISMATCH' } });
  });
});
