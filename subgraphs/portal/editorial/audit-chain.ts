// Tamper evidence for the editorial audit trail. Each event stores
// hash = sha256(previous event's hash + "\n" + its own canonical content), in `seq` order, so
// changing, inserting or deleting a row breaks the link of the row after it. Rows written
// before the chain existed (migration 20261129200833_audit_chain) have no hash and come first.
// Cutting rows off the end leaves no broken link: compare `headHash` with a copy kept elsewhere.
import { createHash } from 'node:crypto';
import type { Db, PrismaClient } from '../../../schema/db/prisma.ts';
import type { Tx } from '../content/kinds/module.ts';

/** Key of the transaction-scoped advisory lock that makes audit writers take turns, so two
 * events never chain onto the same parent. Any constant works; it only has to be this one. */
const CHAIN_LOCK_KEY = 7_316_002_401n;

type AuditRow = Pick<Db.AuditEvent, 'seq' | 'id' | 'at' | 'requestId' | 'actorId' | 'actorRoles' | 'action' | 'targetId' | 'outcome' | 'detail'>;

/** JSON with object keys sorted at every level: jsonb does not keep the order they were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Every stored column but the hash itself, as the database returns them. */
export function auditContent(row: AuditRow): string {
  const { seq, id, at, requestId, actorId, actorRoles, action, targetId, outcome, detail } = row;
  return canonicalJson([String(seq), id, at.toISOString(), requestId, actorId, actorRoles, action, targetId, outcome, detail]);
}

export function chainHash(previous: string | null, row: AuditRow): string {
  return createHash('sha256')
    .update(`${previous ?? ''}\n${auditContent(row)}`)
    .digest('hex');
}

/**
 * Inserts one event at the head of the chain inside `tx`. The row is written first and hashed
 * as read back, so the hash covers exactly what is stored (id, time and jsonb as the database
 * keeps them). The lock is held until `tx` ends.
 */
export async function appendChained(tx: Tx, data: Omit<Db.Prisma.AuditEventUncheckedCreateInput, 'seq' | 'hash'>): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)) AS l`;
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const row = await tx.auditEvent.create({ data });
  await tx.auditEvent.update({ where: { id: row.id }, data: { hash: chainHash(head?.hash ?? null, row) } });
}

export interface ChainBreak {
  seq: bigint;
  id: string;
  /** HASH_MISMATCH: the row, or the one before it, was changed, inserted or deleted. MISSING_HASH: a chained row lost its hash. */
  reason: 'HASH_MISMATCH' | 'MISSING_HASH';
}

export interface ChainStatus {
  intact: boolean;
  /** Rows whose hash was checked, up to the first break. */
  checked: number;
  /** Rows from before the chain (no hash, all before the first chained row). */
  unchained: number;
  /** Hash of the last row checked; keep it elsewhere to detect rows cut off the end. */
  headHash: string | null;
  firstBreak: ChainBreak | null;
}

/** Walks the whole trail in `seq` order, a page at a time, and stops at the first broken link. */
export async function verifyAuditChain(prisma: PrismaClient, pageSize = 500): Promise<ChainStatus> {
  let previous: string | null = null;
  let after = -1n;
  let checked = 0;
  let unchained = 0;
  const status = (firstBreak: ChainBreak | null): ChainStatus => ({ intact: !firstBreak, checked, unchained, headHash: previous, firstBreak });
  for (;;) {
    const rows = await prisma.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: pageSize });
    if (rows.length === 0) return status(null);
    for (const row of rows) {
      after = row.seq;
      if (row.hash === null) {
        if (previous === null) {
          unchained += 1;
          continue;
        }
        return status({ seq: row.seq, id: row.id, reason: 'MISSING_HASH' });
      }
      if (row.hash !== chainHash(previous, row)) return status({ seq: row.seq, id: row.id, reason: 'HASH_MISMATCH' });
      checked += 1;
      previous = row.hash;
    }
  }
}
