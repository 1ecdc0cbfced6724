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

/** `timestamp` as adapter-pg reads it: its digits as UTC. */
const timestampAsDate = (v: string): Date => new Date(`${v.replace(' ', 'T')}+00:00`);

/** The digits of `v` from `start` to `end` as a number, or -1 if one is not a digit. */
function digits(v: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). A day past
 * the month's end rolls over into the next, as Date parsing does.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * `timestamp` (1114) read from its digits: PostgreSQL's usual 'YYYY-MM-DD HH:MM:SS[.f…]' (1–6
 * fractional digits, truncated to milliseconds as Date parsing does) straight to its epoch
 * milliseconds, without building a string to parse. Anything else (years after 9999, BC,
 * infinity) goes to the string parse. Identical results, tested against it.
 */
function timestamp(v: string): Date {
  const n = v.length;
  if (n === 19 || (n > 20 && n <= 26 && v.charCodeAt(19) === 46)) {
    if (v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45 && v.charCodeAt(10) === 32 && v.charCodeAt(13) === 58 && v.charCodeAt(16) === 58) {
      const year = digits(v, 0, 4);
      const month = digits(v, 5, 7);
      const day = digits(v, 8, 10);
      const hour = digits(v, 11, 13);
      const minute = digits(v, 14, 16);
      const second = digits(v, 17, 19);
      let ms = 0;
      if (n > 20) {
        ms = digits(v, 20, Math.min(n, 23));
        if (n === 21) ms *= 100;
        else if (n === 22) ms *= 10;
        if (n > 23 && digits(v, 23, n) < 0) ms = -1;
      }
      if (
        year >= 0 &&
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= 31 &&
        hour >= 0 &&
        hour <= 23 &&
        minute >= 0 &&
        minute <= 59 &&
        second >= 0 &&
        second <= 59 &&
        ms >= 0
      ) {
        return new Date((daysFromCivil(year, month, day) * 24 + hour) * 3_600_000 + minute * 60_000 + second * 1000 + ms);
      }
    }
  }
  return timestampAsDate(v);
}

// What adapter-pg and Prisma's raw-result deserialisation make of each type, in one step.
// `timestamp` is read as UTC (adapter-pg appends +00:00); `timestamptz` as its digits in the
// session's time zone with the offset replaced by +00:00 (adapter-pg's normalize_timestamptz: right
// for a session in UTC, as PostgreSQL's and PGlite's defaults are) — kept identical, not "fixed".
const PARSERS: Record<number, Parser> = {
  20: (v) => BigInt(v), // int8, count(*)
  26: (v) => BigInt(v), // oid
  1082: (v) => new Date(v), // date: 'YYYY-MM-DD' is UTC midnight
  1114: timestamp, // timestamp
  1184: (v) => new Date(v.replace(' ', 'T').replace(/[+-]\d{2}(:\d{2})?$/, '+00:00')), // timestamptz
  114: (v) => JSON.parse(v) as unknown, // json
  3802: (v) => JSON.parse(v) as unknown, // jsonb
};

/** For tests: the `timestamp` readers, fast and plain. */
export const timestampReaders = { fast: timestamp, plain: timestampAsDate };

/**
 * Types where pg's own parser already gives what Prisma's raw query gives (both use it):
 * bool, int2, int4, text, name, float4/8, bpchar, varchar, uuid, and their arrays. User-defined
 * types (enums: oid ≥ 16384) come back as text both ways. Any other column type is refused
 * (after the query, before a row is returned): add it here with a test, or use `$queryRaw`.
 */
const AS_PG_READS = new Set([16, 19, 21, 23, 25, 700, 701, 1042, 1043, 2950, 1000, 1003, 1005, 1007, 1009, 1014, 1015, 1021, 1022, 2951]);
const FIRST_USER_TYPE = 16_384;
/** pg's parser for a type it does not parse (text, varchar, uuid, enums…): the text itself. */
const NO_PARSE = pg.types.getTypeParser(pg.types.builtins.TEXT, 'text');

interface Field {
  name: string;
  dataTypeID: number;
}

/** How the rows of one statement shape (its columns' names and types) become objects. */
interface Shape {
  fields: readonly Field[];
  /** One row's text cells (null for NULL) to its object: all keys in column order, parsed. */
  row: (cells: readonly (string | null)[]) => Record<string, unknown>;
}

/** A column's parser, or null where the value is the text itself (pg's global parsers are read, never changed). */
function parserOf(field: Field): Parser | null {
  const oid = field.dataTypeID;
  const own = PARSERS[oid];
  if (own) return own;
  if (oid >= FIRST_USER_TYPE || AS_PG_READS.has(oid)) {
    const parser = pg.types.getTypeParser(oid, 'text') as Parser;
    return parser === NO_PARSE ? null : parser;
  }
  throw new TypeError(`readRows: column "${field.name}" has type oid ${oid}, which readRows does not read as Prisma does (use $queryRaw)`);
}

/**
 * A row maker for these columns, made once per shape: a function returning one object literal
 * with every key in column order and each cell parsed in place — where pg, per query, builds a
 * null-prototype template, spreads it twice and looks up every column's parser, then per row
 * spreads the template and stores each cell by a computed key. Keys are column names written as
 * JSON string literals (JSON.stringify: never raw text in code). A name given twice keeps its
 * first place and its last value, as pg and Prisma do. pg's global parsers are read once here.
 */
function makeShape(fields: readonly Field[]): Shape {
  const parsers = fields.map(parserOf);
  const last = new Map<string, number>();
  fields.forEach((f, i) => last.set(f.name, i));
  if (last.has('__proto__')) throw new TypeError('readRows: a column named "__proto__" (use $queryRaw)');
  const props = [...last].map(([name, i]) => `${JSON.stringify(name)}: ${parsers[i] ? `c[${i}] === null ? null : p[${i}](c[${i}])` : `c[${i}]`}`);
  const row = new Function('p', `return (c) => ({ ${props.join(', ')} });`)(parsers) as Shape['row'];
  return { fields: fields.map(({ name, dataTypeID }) => ({ name, dataTypeID })), row };
}

/**
 * Shapes met so far, by column count: a row description is matched against them name by name and
 * type by type (no key to build or hash per query; a statement whose columns change gets a new
 * shape). A few dozen per count at most, the oldest dropped first.
 */
const shapes = new Map<number, Shape[]>();
const SHAPES_PER_WIDTH = 32;

function sameColumns(shape: Shape, fields: readonly Field[]): boolean {
  const known = shape.fields;
  for (let i = known.length - 1; i >= 0; i--) {
    if (known[i]!.dataTypeID !== fields[i]!.dataTypeID || known[i]!.name !== fields[i]!.name) return false;
  }
  return true;
}

function shapeOf(fields: readonly Field[]): Shape {
  let list = shapes.get(fields.length);
  if (list) {
    for (const shape of list) if (sameColumns(shape, fields)) return shape;
  } else shapes.set(fields.length, (list = []));
  const shape = makeShape(fields);
  if (list.length >= SHAPES_PER_WIDTH) list.shift();
  list.push(shape);
  return shape;
}

/**
 * The statement as pg runs it, its rows made here: text cells as pg reads them (no per-query
 * row template, no type parser lookups — pg's Result does both), each row by its shape's maker.
 * A failure (a type readRows does not read, a second statement) is kept until the statement ends,
 * so that the connection stays in step, then fails the read.
 */
class RowsQuery extends pg.Query {
  // (Names of their own: pg's Query has `rows`, `name`, `text`, `types`… with meanings of its own.)
  readonly made: Record<string, unknown>[] = [];
  failure: unknown;
  private shape: Shape | undefined;

  handleRowDescription(msg: { fields: Field[] }): void {
    if (this.failure !== undefined) return;
    if (this.shape) this.failure = new TypeError('readRows: one statement at a time');
    else {
      try {
        this.shape = shapeOf(msg.fields);
      } catch (err) {
        this.failure = err;
      }
      // The result pg hands to the query's callback carries the rows and fields as usual
      // (for whoever wraps pg's callbacks: instrumentation, the bench's row counter).
      const result = (this as unknown as { _result?: { rows: unknown[]; fields: unknown[] } })._result;
      if (result && typeof result === 'object') {
        result.rows = this.made;
        result.fields = msg.fields;
      }
    }
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    if (this.failure !== undefined) return;
    try {
      this.made.push(this.shape!.row(msg.fields));
    } catch (err) {
      this.failure = err;
    }
  }
}

/**
 * A function copying these keys of a row, in this order, into a new object literal: for a row of
 * exactly these keys and some others, what `({ other, ...row }) => row` gives, without the
 * runtime's property-by-property rest copy (~2 µs for a row of 40 columns, ~60 ns this way). For
 * the readers that take a page's total or relations out of its rows. Keys are written as JSON
 * string literals (never raw text in code); a key named "__proto__" is refused.
 */
export function pickColumns<T>(keys: readonly string[]): (row: Record<string, unknown>) => T {
  const unique = [...new Set(keys)];
  if (unique.includes('__proto__')) throw new TypeError('pickColumns: a key named "__proto__"');
  return new Function(`return (r) => ({ ${unique.map((k) => `${JSON.stringify(k)}: r[${JSON.stringify(k)}]`).join(', ')} });`)() as (
    row: Record<string, unknown>,
  ) => T;
}

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

/** pool.query with a Submittable and a callback (pg-pool releases the client, as for any query). */
type SubmitOnPool = (query: RowsQuery, done: (err: Error | undefined) => void) => void;

/** The rows of `sql`, exactly as `prisma.$queryRaw(sql)` returns them, read on the pool directly where that is the same thing. */
export async function readRows<T>(prisma: Pick<PrismaClient, '$queryRaw'> | Prisma.TransactionClient, sql: Prisma.Sql): Promise<T[]> {
  const fast = registered.get(prisma);
  if (!fast || fast.pool.ending || trace.getActiveSpan()?.isRecording()) return prisma.$queryRaw<T[]>(sql);
  fast.connected ??= (prisma as PrismaClient).$connect().catch((err: unknown) => {
    fast.connected = undefined;
    throw err;
  });
  await fast.connected;
  const text = sql.text; // (a getter that joins the statement's pieces on every read)
  fast.onStatement?.(text);
  const query = new RowsQuery({ text, values: sql.values.map(toParam) });
  const pool = fast.pool;
  await new Promise<void>((resolve, reject) => {
    (pool.query.bind(pool) as unknown as SubmitOnPool)(query, (err) => {
      if (!err) return resolve();
      Error.captureStackTrace(err); // as pg does for its own promise: a stack that leads back here, not to the socket
      reject(err);
    });
  });
  if (query.failure !== undefined) throw query.failure;
  return query.made as T[];
}
