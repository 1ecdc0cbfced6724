// Idempotency-Key for mutations (SECURITY-MATRIX A26, C7). A client that retries a mutation
// (timeout, dropped connection, double click) sends the same `Idempotency-Key` header; the
// gateway forwards it in the signed context, and the mutation then runs at most once per
// (caller, operation, key): every later request with that key gets the first answer.
//
// How: the key row is inserted (INSERT … ON CONFLICT DO NOTHING on a unique index) as the first
// statement of the mutation's own write transaction, and its answer is stored before that
// transaction commits. A concurrent request with the same key blocks on the uncommitted row
// until the first commits (then it replays the stored answer, having written nothing) or rolls
// back (then it proceeds). No check-then-insert race, no "pending" row left by a crash: the
// key exists exactly when the write does.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../schema/db/prisma.ts';
import type { JobDefinition } from '../../schema/jobs/runner.ts';
import type { Prisma } from '../../schema/generated/prisma/client.ts';
import { HubError } from '../../schema/errors.ts';
import type { Actor } from '../../schema/security/signed-context.ts';

/** The header clients send (and the gateway forwards in the signed context). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** A UUID, a ULID or any token of 8–128 visible ASCII letters, digits and `-_.:`. */
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
/** How long a key is remembered (a client retrying later than this creates a new write). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotentRequest {
  /** The raw header value; undefined = the client sent none (the mutation simply runs). */
  key: string | undefined;
  /** Who asks: see idempotencyScope. */
  scope: string;
  /** The mutation field, e.g. `createContentItem`. */
  operation: string;
  /** The operation's arguments: a key reused with other arguments is refused. */
  input: unknown;
  now?: Date;
}

/** Validates the header value: a bad key is the client's error, never a database one. */
export function checkIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!KEY.test(raw))
    throw new HubError('BAD_USER_INPUT', 'Idempotency-Key must be 8–128 characters: letters, digits, "-", "_", "." or ":".', {
      field: 'Idempotency-Key',
      reason: 'IDEMPOTENCY_KEY',
    });
  return raw;
}

/** Keys are per caller: a staff member's id, else the gateway's keyed hash of the client address. */
export function idempotencyScope(actor: Actor, clientKey?: string): string {
  if (actor.id) return `actor:${actor.id.slice(0, 100)}`;
  return clientKey ? `client:${clientKey.slice(0, 100)}` : 'anonymous';
}

/** SHA-256 of the arguments as canonical JSON (object keys sorted, so field order does not matter). */
export function fingerprintOf(input: unknown): string {
  const canonical = JSON.stringify(input ?? null, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/** Thrown inside the write transaction when another request already holds the key: rolls it back. */
class KeyTaken extends Error {}

type Answer = Prisma.InputJsonValue;

/** Runs one write transaction; what a use-case calls instead of `prisma.$transaction(fn)`. */
export type WriteTransaction = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;

/** The plain runner, for requests without a key and for code that is not a client's mutation. */
export const writeTransaction =
  (prisma: PrismaClient): WriteTransaction =>
  (fn) =>
    prisma.$transaction(fn);

/**
 * Runs `run` at most once per key. `run` opens its (one) write transaction with the runner it
 * is given: that transaction claims the key first and stores `answer(result)` before it
 * commits. Reads, checks and refusal audits before it stay outside (short locks, refusals
 * audited as usual). `run` must return what its write transaction returned (the answer is
 * computed from that value inside the transaction). Returns `answer(result)`, or the stored
 * answer of the first request with this key.
 */
export async function idempotent<R, A extends Answer>(
  prisma: PrismaClient,
  request: IdempotentRequest,
  run: (transaction: WriteTransaction) => Promise<R>,
  answer: (result: R) => A,
): Promise<A> {
  const key = checkIdempotencyKey(request.key);
  if (key === undefined) return answer(await run(writeTransaction(prisma)));
  const now = request.now ?? new Date();
  const where = { scope: request.scope, operation: request.operation, key };
  const fingerprint = fingerprintOf(request.input);

  const stored = async (): Promise<A | undefined> => {
    const row = await prisma.kitIdempotencyKey.findUnique({ where: { scope_operation_key: where } });
    if (!row) return undefined;
    if (row.expiresAt <= now) {
      await prisma.kitIdempotencyKey.deleteMany({ where: { id: row.id, expiresAt: { lte: now } } });
      return undefined;
    }
    if (row.fingerprint !== fingerprint)
      throw new HubError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with other arguments: use a new key for a new request.');
    return row.answer as A;
  };

  const first = await stored();
  if (first !== undefined) return first;

  let committed = false;
  const claiming: WriteTransaction = async <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => {
    if (committed) throw new Error(`idempotent(): ${request.operation} opened a second write transaction`);
    const result = await prisma.$transaction(async (tx) => {
      const inserted = await tx.kitIdempotencyKey.createMany({
        data: [{ ...where, fingerprint, answer: {}, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) }],
        skipDuplicates: true,
      });
      if (inserted.count !== 1) throw new KeyTaken();
      const value = await fn(tx);
      await tx.kitIdempotencyKey.update({ where: { scope_operation_key: where }, data: { answer: answer(value as unknown as R) } });
      return value;
    });
    committed = true;
    return result;
  };

  try {
    const result = await run(claiming);
    if (!committed) throw new Error(`idempotent(): ${request.operation} wrote nothing through its transaction`);
    return answer(result);
  } catch (err) {
    // The same key committed meanwhile (a concurrent request, or one that finished between our
    // look-up and our checks, which then refused a state it had itself produced): its answer.
    if (!(err instanceof KeyTaken) && !(err instanceof HubError)) throw err;
    const replay = await stored();
    if (replay !== undefined) return replay;
    if (err instanceof KeyTaken) throw new HubError('CONFLICT', 'A request with this Idempotency-Key is being processed: retry shortly.');
    throw err;
  }
}

/** Deletes keys past their time (for the periodic job runner). */
export async function purgeExpiredIdempotencyKeys(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await prisma.kitIdempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

export const IDEMPOTENCY_PURGE_JOB = 'kit.purge-idempotency-keys';

/**
 * The daily purge of expired keys, at `dailyAt` (HH:MM, Asia/Ho_Chi_Minh; IDEMPOTENCY_PURGE_AT,
 * default 03:30). Every subgraph process offers it (the table is shared); the runner runs one
 * job per day whichever processes poll, and the hub registers it once.
 */
export function idempotencyPurgeJob(prisma: PrismaClient, dailyAt = '03:30'): JobDefinition {
  return {
    name: IDEMPOTENCY_PURGE_JOB,
    dailyAt,
    leaseSeconds: 600,
    async run(ctx) {
      return { purged: await purgeExpiredIdempotencyKeys(prisma, ctx.now) };
    },
  };
}
