// A raw read straight on the pg pool that Prisma itself uses, for the hottest list statements
// (issue 13, lighter subgraphs: Prisma's raw-query path — its query interpreter, tracing wrapper,
// adapter-pg's value normalisation and its result deserialisation — cost about twice pg itself
// on the portal's front page). Same SQL, same parameters, same rows and JS types as
// `prisma.$queryRaw` (tested column type by column type), and the statement is still reported to
// `onStatement`.
//
// Used only where it is the same thing as `$queryRaw`: on a root client made by `createPrisma`
// whose pool is open, outside a traced request. A transaction client (or an extended one, or a
// client after `$disconnect`) is not registered here and goes through `$queryRaw`, so a read in a
// transaction still sees the transaction's writes; a traced request does too, so its database
// spans stay the ones Prisma's instrumentation records.
import { trace } from '@opentelemetry/api';
import pg from 'pg';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

interface FastReads {
  pool: pg.Pool & { ending?: boolean };
  onStatement?: (sql: string) => void;
  /** Prisma's engine connected once, so that `$disconnect` disposes its adapter and ends the pool. */
  connected?: Promise<void>;
}

const registered = new WeakMap<object, FastReads>();

/** Called by createPrisma: `client` reads on `pool` (the one its adapter was given). */
export function registerFastReads(client: PrismaClient, pool: pg.Pool, onStatement?: (sql: string) => void): void {
  registered.set(client, { pool, onStatement });
}

/** Whether `readRows(prisma, …)` reads on the pool directly now (tests, benches). */
export function fastReadsOn(prisma: object): boolean {
  const fast = registered.get(prisma);
  return Boolean(fast && !fast.pool.ending);
}

type Parser = (value: string) => unknown;

// What adapter-pg and Prisma's raw-result deserialisation make of each type, in one step.
// `timestamp` is read as UTC (adapter-pg appends +00:00); `timestamptz` as its digits in the
// session's time zone with the offset replaced by +00:00 (adapter-pg's normalize_timestamptz: right
// for a session in UTC, as PostgreSQL's and PGlite's defaults are) — kept identical, not "fixed".
const PARSERS: Record<number, Parser> = {
  20: (v) => BigInt(v), // int8, count(*)
  26: (v) => BigInt(v), // oid
  1082: (v) => new Date(v), // date: 'YYYY-MM-DD' is UTC midnight
  1114: (v) => new Date(`${v.replace(' ', 'T')}+00:00`), // timestamp
  1184: (v) => new Date(v.replace(' ', 'T').replace(/[+-]\d{2}(:\d{2})?$/, '+00:00')), // timestamptz
  114: (v) => JSON.parse(v) as unknown, // json
  3802: (v) => JSON.parse(v) as unknown, // jsonb
};

/**
 * Types where pg's own parser already gives what Prisma's raw query gives (both use it):
 * bool, int2, int4, text, name, float4/8, bpchar, varchar, uuid, and their arrays. User-defined
 * types (enums: oid ≥ 16384) come back as text both ways. Any other column type is refused
 * (after the query, before a row is returned): add it here with a test, or use `$queryRaw`.
 */
const AS_PG_READS = new Set([16, 19, 21, 23, 25, 700, 701, 1042, 1043, 2950, 1000, 1003, 1005, 1007, 1009, 1014, 1015, 1021, 1022, 2951]);
const FIRST_USER_TYPE = 16_384;

/** Per query: the pool's global pg types (which Prisma's own queries use) are left alone. */
const PRISMA_TYPES = {
  getTypeParser: (oid: number, format?: string) => (format !== 'binary' && PARSERS[oid]) || pg.types.getTypeParser(oid, format as 'text'),
};

function formatDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError('readRows: an invalid Date as a parameter');
  const pad = (n: number, z = 2) => String(n).padStart(z, '0');
  const ms = date.getUTCMilliseconds();
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${ms ? `.${String(ms).padStart(3, '0')}` : ''}`
  );
}

/** A parameter as Prisma sends it: a Date as its UTC digits without zone, a bigint as text. */
function toParam(value: unknown): unknown {
  if (value instanceof Date) return formatDateTime(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toParam);
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(): unknown }).toJSON(); // Prisma.Decimal
  }
  return value;
}

/** The rows of `sql`, exactly as `prisma.$queryRaw(sql)` returns them, read on the pool directly where that is the same thing. */
export async function readRows<T>(prisma: Pick<PrismaClient, '$queryRaw'> | Prisma.TransactionClient, sql: Prisma.Sql): Promise<T[]> {
  const fast = registered.get(prisma);
  if (!fast || fast.pool.ending || trace.getActiveSpan()?.isRecording()) return prisma.$queryRaw<T[]>(sql);
  fast.connected ??= (prisma as PrismaClient).$connect().catch((err: unknown) => {
    fast.connected = undefined;
    throw err;
  });
  await fast.connected;
  fast.onStatement?.(sql.text);
  const result = await fast.pool.query({ text: sql.text, values: sql.values.map(toParam), types: PRISMA_TYPES });
  for (const field of result.fields) {
    if (!PARSERS[field.dataTypeID] && !AS_PG_READS.has(field.dataTypeID) && field.dataTypeID < FIRST_USER_TYPE) {
      throw new TypeError(`readRows: column "${field.name}" has type oid ${field.dataTypeID}, which readRows does not read as Prisma does (use $queryRaw)`);
    }
  }
  return result.rows as T[];
}
