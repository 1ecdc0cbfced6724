// readRows (schema/db/read-rows.ts): a raw read on Prisma's own pg pool must return exactly what
// `prisma.$queryRaw` returns — every column's value and JS type — report its statement like
// Prisma's, leave pg's global type parsers (Prisma's own queries) alone, go through Prisma in a
// transaction, end with `$disconnect`, and fail as "database unavailable" (SERVICE_UNAVAILABLE)
// when the database cannot be reached. On the server and on the embedded database.
import net from 'node:net';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, Db, fastReadsOn, readRows, type PrismaClient } from '../../schema/db/prisma.ts';
import { pickColumns, timestampReaders } from '../../schema/db/read-rows.ts';
import { isDatabaseUnavailable } from '../../subgraphs/kit/database-errors.ts';
import { maskError } from '../../subgraphs/kit/server.ts';
import { createTestDatabase, onDatabaseServer, type TestDatabase } from '../harness/db.ts';

const { sql } = Db.Prisma;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** One column of every type the fast path reads, with NULLs, edge values and parameters. */
const everyType = (at: Date) => sql`
  SELECT 9007199254740993::int8 AS "big", count(*) AS "count", NULL::int8 AS "nullBig", 7::int4 AS "int4", (-3)::int2 AS "int2",
         1.5::float8 AS "float8", 0.25::float4 AS "float4", true AS "yes", NULL::bool AS "nullBool",
         '2026-03-04'::date AS "day", '0001-01-01'::date AS "firstDay", NULL::date AS "nullDay",
         '2026-03-04 05:06:07.089'::timestamp(3) AS "ts", '2026-03-04 05:06:07'::timestamp AS "tsWhole",
         '2026-03-04 05:06:07.5+07'::timestamptz AS "tstz", NULL::timestamp AS "nullTs",
         '{"a":[1,"x",null],"b":{"c":true},"d":"2026-01-01"}'::json AS "json", '{"a":1,"z":[]}'::jsonb AS "jsonb", 'null'::json AS "jsonNull",
         ARRAY['a', 'b c', NULL, '"q"', '{x}']::text[] AS "texts", ARRAY[]::text[] AS "noTexts", ARRAY['v']::varchar(5)[] AS "varchars",
         ARRAY[1, 2]::int4[] AS "ints", 'x'::char(3) AS "padded", 'v'::varchar(10) AS "varchar", 'Tiếng Việt'::text AS "text",
         '0190b6c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f'::uuid::text AS "uuidText", '0190b6c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f'::uuid AS "uuid",
         'PUBLISHED'::portal_publication_state AS "enum", 'PUBLISHED'::portal_publication_state::text AS "enumText",
         ${at}::timestamp(3) AS "paramTs", ${at}::date AS "paramDay", ${12n}::int8 AS "paramBig", ${['p', 'q']}::text[] AS "paramTexts",
         ${5}::int4 AS "paramInt", ${'s'} AS "paramText", ${null}::text AS "paramNull"
    FROM (VALUES (1), (2)) v(n)`;

describe('readRows', () => {
  it('reads on the pool of a root client, and returns what $queryRaw returns, value and type', async () => {
    expect(fastReadsOn(db.prisma)).toBe(true);
    const at = new Date(Date.UTC(2026, 11, 5, 23, 59, 58, 7));
    const fast = await readRows<Record<string, unknown>>(db.prisma, everyType(at));
    const prisma = await db.prisma.$queryRaw<Record<string, unknown>[]>(everyType(at));
    expect(fast).toStrictEqual(prisma);
    // toStrictEqual tells 1n from 1 and a Date from a string; the types themselves, spelled out:
    const [row] = fast;
    expect(row).toMatchObject({ big: 9007199254740993n, count: 2n, nullBig: null, int4: 7, int2: -3, yes: true, texts: ['a', 'b c', null, '"q"', '{x}'] });
    expect(row!.day).toStrictEqual(new Date('2026-03-04T00:00:00Z'));
    expect(row!.ts).toStrictEqual(new Date('2026-03-04T05:06:07.089Z'));
    expect(row!.paramTs).toStrictEqual(at);
    expect(row!.paramDay).toStrictEqual(new Date('2026-12-05T00:00:00Z'));
    expect(row!.json).toStrictEqual({ a: [1, 'x', null], b: { c: true }, d: '2026-01-01' });
    expect([row!.uuid, row!.enum, row!.padded, row!.paramBig]).toStrictEqual(['0190b6c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f', 'PUBLISHED', 'x  ', 12n]);
    // Reported like Prisma's own statement.
    db.statements.length = 0;
    await readRows(db.prisma, everyType(at));
    await db.prisma.$queryRaw(everyType(at));
    expect(db.statements).toHaveLength(2);
    expect(db.statements[0]).toBe(db.statements[1]);
  });

  it('reads timestamps as $queryRaw does: 0–6 fractional digits, early and late years, NULL; BC, infinity as before', async () => {
    const stamps = sql`
      SELECT v.n AS "n", v.t AS "t", v.t::timestamp(3) AS "t3", v.t::timestamp(0) AS "t0", v.t::date AS "d"
        FROM (VALUES (1, '2026-03-04 05:06:07'::timestamp), (2, '2026-03-04 05:06:07.5'), (3, '2026-03-04 05:06:07.25'),
                     (4, '2026-03-04 05:06:07.125'), (5, '2026-03-04 05:06:07.1234'), (6, '2026-03-04 05:06:07.12345'),
                     (7, '2026-03-04 05:06:07.999999'), (8, '0001-01-01 00:00:00.000001'), (9, '0099-12-31 23:59:59.5'),
                     (10, '0999-02-28 12:00:00'), (11, '1969-12-31 23:59:59.999'), (12, '2024-02-29 00:00:00.01'),
                     (13, '9999-12-31 23:59:59.999999'), (14, NULL)) v(n, t)
       ORDER BY v.n`;
    const fast = await readRows<Record<string, unknown>>(db.prisma, stamps);
    expect(fast).toStrictEqual(await db.prisma.$queryRaw(stamps));
    expect(fast.map((r) => (r.t as Date | null)?.toISOString() ?? null)).toStrictEqual([
      ...['07.000', '07.500', '07.250', '07.125', '07.123', '07.123', '07.999'].map((s) => `2026-03-04T05:06:${s}Z`),
      '0001-01-01T00:00:00.000Z',
      '0099-12-31T23:59:59.500Z',
      '0999-02-28T12:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2024-02-29T00:00:00.010Z',
      '9999-12-31T23:59:59.999Z',
      null,
    ]);
    // Forms off the fast path (BC, a year past 9999, infinity) read as before: the string parse.
    const odd = ['0044-03-15 12:00:00 BC', '12026-01-02 03:04:05.5', 'infinity'];
    const [row] = await readRows<Record<string, Date>>(
      db.prisma,
      sql`SELECT ${odd[0]}::timestamp AS "bc", ${odd[1]}::timestamp AS "far", ${odd[2]}::timestamp AS "inf"`,
    );
    expect(Object.values(row!).map((d) => d.getTime())).toStrictEqual(odd.map((v) => timestampReaders.plain(v).getTime()));
  });

  it('reads a timestamp from its digits exactly as the string parse does', () => {
    const pad = (n: number, z = 2) => String(n).padStart(z, '0');
    const texts = [
      'infinity',
      '-infinity',
      '2026-03-04 05:06:07 BC',
      '2026-03-04 05:06:07.5 BC',
      '12026-03-04 05:06:07',
      '2026-03-04 05:06:07.',
      '2026-13-04 05:06:07',
    ];
    for (const year of [1, 99, 100, 400, 999, 1600, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 9999])
      for (let month = 1; month <= 12; month++)
        for (const day of [1, 28, 29, 30, 31])
          for (const time of ['00:00:00', '23:59:59', '12:34:56', '24:00:00'])
            for (const fraction of ['', '.1', '.12', '.123', '.1234', '.12345', '.123456', '.999999'])
              texts.push(`${pad(year, 4)}-${pad(month)}-${pad(day)} ${time}${fraction}`);
    const differ = texts.filter((v) => !Object.is(timestampReaders.fast(v).getTime(), timestampReaders.plain(v).getTime()));
    expect(differ).toStrictEqual([]);
  });

  it('makes rows as $queryRaw does: column order, a name given twice (first place, last value), no rows', async () => {
    const twice = sql`SELECT 1::int4 AS "a", 'x' AS "b", 3::int8 AS "a", NULL::json AS "c"`;
    const [row] = await readRows<Record<string, unknown>>(db.prisma, twice);
    expect(row).toStrictEqual((await db.prisma.$queryRaw<Record<string, unknown>[]>(twice))[0]);
    expect(Object.entries(row!)).toStrictEqual([
      ['a', 3n],
      ['b', 'x'],
      ['c', null],
    ]);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    // Column names are data, never code.
    const odd = sql`SELECT 1::int4 AS "x"")}; throw 1; ({""", 2::int4 AS "\u2028 \", 3::int4 AS "constructor"`;
    expect(await readRows(db.prisma, odd)).toStrictEqual(await db.prisma.$queryRaw(odd));
    await expect(readRows(db.prisma, sql`SELECT 1 AS "__proto__"`)).rejects.toThrow(/"__proto__"/);
    expect(await readRows(db.prisma, sql`SELECT 1::int4 AS "a" WHERE false`)).toStrictEqual([]);
  });

  it('pickColumns: a row without its extra columns, as a rest copy gives it, in the same key order', async () => {
    const [row] = await readRows<Record<string, unknown>>(db.prisma, sql`SELECT 1::int4 AS "a", 'x' AS "b c", 3::int8 AS "total", NULL::text AS "d\u2028"`);
    const { total: _total, ...rest } = row!;
    const picked = pickColumns<Record<string, unknown>>(['a', 'b c', 'd\u2028'])(row!);
    expect(picked).toStrictEqual(rest);
    expect(Object.keys(picked)).toStrictEqual(Object.keys(rest));
    expect(() => pickColumns(['a', '__proto__'])).toThrow(/__proto__/);
    expect(pickColumns(['"); throw 1; ("'])({ '"); throw 1; ("': 2 })).toStrictEqual({ '"); throw 1; ("': 2 });
  });

  it('reads a statement again after its columns changed (same text, another shape), and one statement at a time', async () => {
    // (A table of this test's database: createTestDatabase gives each file its own.)
    await db.prisma.$executeRaw`CREATE TABLE read_rows_shape (a int4)`;
    try {
      await db.prisma.$executeRaw`INSERT INTO read_rows_shape VALUES (1)`;
      const all = sql`SELECT * FROM read_rows_shape`;
      expect(await readRows(db.prisma, all)).toStrictEqual([{ a: 1 }]);
      await db.prisma.$executeRaw`ALTER TABLE read_rows_shape ADD COLUMN b int8 DEFAULT 2, ALTER COLUMN a TYPE text`;
      expect(await readRows(db.prisma, all)).toStrictEqual([{ a: '1', b: 2n }]);
    } finally {
      await db.prisma.$executeRaw`DROP TABLE read_rows_shape`;
    }
    await expect(readRows(db.prisma, sql`SELECT 1::int4 AS "a"; SELECT 2::int4 AS "b"`)).rejects.toThrow(/one statement|multiple commands/);
    // The connection is in step after the refusal.
    expect(await readRows(db.prisma, sql`SELECT 3::int4 AS "c"`)).toStrictEqual([{ c: 3 }]);
  });

  it('refuses a column type it does not read as Prisma does, rather than return something else', async () => {
    await expect(readRows(db.prisma, sql`SELECT 1.5::numeric AS "n"`)).rejects.toThrow(/column "n" has type oid 1700/);
    await expect(readRows(db.prisma, sql`SELECT '12:00'::time AS "t"`)).rejects.toThrow(/oid 1083/);
  });

  it('sets its type parsers per query: Prisma and plain pg read as before afterwards', async () => {
    const agencies = () => db.prisma.agency.findMany({ orderBy: { id: 'asc' }, take: 5 });
    const raw = () => db.prisma.$queryRaw<Record<string, unknown>[]>`SELECT count(*) AS "n", '2026-01-02'::date AS "d", '{"a":1}'::json AS "j"`;
    const plain = async () => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query('SELECT 2::int8 AS "n", \'2026-01-02 03:04:05\'::timestamp AS "t"')).rows[0] as { n: unknown; t: unknown };
      } finally {
        await client.end();
      }
    };
    const parsers = () => [20, 1082, 1114, 1184, 114].map((oid) => pg.types.getTypeParser(oid, 'text'));
    await db.prisma.agency.create({
      data: { code: 'PARSERS', slug: 'parsers', nameVi: 'Bộ phân tích', kind: 'Sở', nameFolded: 'bo phan tich', validFrom: new Date('2020-02-03T00:00:00Z') },
    });
    const before = { agencies: await agencies(), raw: await raw(), plain: await plain(), parsers: parsers() };
    expect(before.agencies.length).toBeGreaterThan(0);
    expect(before.plain.n).toBe('2'); // pg's own default for int8: a string
    await readRows(db.prisma, everyType(new Date()));
    expect({ agencies: await agencies(), raw: await raw(), plain: await plain(), parsers: parsers() }).toStrictEqual(before);
  });

  it('goes through Prisma for a transaction client: the read sees the transaction', async () => {
    const id = '0190b6c4-0000-7000-8000-0000000000aa';
    await db.prisma
      .$transaction(async (tx) => {
        expect(fastReadsOn(tx)).toBe(false);
        await tx.agency.create({ data: { id, code: 'TX-READ', slug: 'tx-read', nameVi: 'Thử giao dịch', kind: 'Sở', nameFolded: 'thu giao dich' } });
        const rows = await readRows<{ id: string; updatedAt: Date }>(
          tx,
          sql`SELECT id::text AS "id", updated_at AS "updatedAt" FROM portal_agency WHERE id = ${id}::uuid`,
        );
        expect(rows).toStrictEqual([{ id, updatedAt: expect.any(Date) }]);
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    expect(await readRows(db.prisma, sql`SELECT id FROM portal_agency WHERE id = ${id}::uuid`)).toStrictEqual([]);
  });

  it('ends its pool on $disconnect, even when only readRows used it; reads after it go through Prisma', async () => {
    const name = `read_rows_${process.pid}`;
    const url = `${db.url}${db.url.includes('?') ? '&' : '?'}application_name=${name}`;
    const client = createPrisma({ url, poolMax: 1 });
    expect(await readRows(client, sql`SELECT 1::int8 AS "one"`)).toStrictEqual([{ one: 1n }]);
    const sessions = () => readRows<{ n: bigint }>(db.prisma, sql`SELECT count(*) AS "n" FROM pg_stat_activity WHERE application_name = ${name}`);
    if (!db.embedded) expect(await sessions()).toStrictEqual([{ n: 1n }]);
    await client.$disconnect();
    expect(fastReadsOn(client)).toBe(false);
    if (!db.embedded) await expect.poll(sessions).toStrictEqual([{ n: 0n }]);
    expect(await readRows(client, sql`SELECT 2::int8 AS "two"`)).toStrictEqual([{ two: 2n }]);
    await client.$disconnect();
    if (!db.embedded) await expect.poll(sessions).toStrictEqual([{ n: 0n }]);
  });
});

/** What the subgraph's error mask makes of an error a resolver threw. */
const masked = (err: unknown) =>
  maskError(pino({ level: 'silent' }), 'portal')(
    { message: String((err as Error).message), extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    new GraphQLError(String((err as Error).message), { originalError: err as Error }),
  );

async function failure(client: PrismaClient, statement = sql`SELECT 1 AS "one"`): Promise<unknown> {
  try {
    await readRows(client, statement);
  } catch (err) {
    return err;
  } finally {
    await client.$disconnect();
  }
  throw new Error('readRows did not fail');
}

describe('readRows when the database cannot be reached', () => {
  const listening: net.Server[] = [];
  afterAll(async () => {
    await Promise.all(listening.map((s) => new Promise((r) => s.close(r))));
  });
  const listen = async (onSocket: (s: net.Socket) => void) => {
    const server = net.createServer(onSocket);
    listening.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as net.AddressInfo).port;
  };

  it.each([['127.0.0.1'], ['localhost']])('connection refused (%s) is SERVICE_UNAVAILABLE', async (host) => {
    const port = await listen(() => {});
    await new Promise((r) => listening.pop()!.close(r));
    const err = await failure(createPrisma({ url: `postgresql://postgres@${host}:${port}/postgres`, connectTimeoutMs: 2_000 }));
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(masked(err)).toStrictEqual({ message: 'The database is unavailable: retry shortly.', path: undefined, extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('a server that never answers (connection timeout) is SERVICE_UNAVAILABLE', async () => {
    const sockets: net.Socket[] = [];
    const port = await listen((s) => sockets.push(s));
    const err = await failure(createPrisma({ url: `postgresql://postgres@127.0.0.1:${port}/postgres`, connectTimeoutMs: 200 }));
    sockets.forEach((s) => s.destroy());
    expect(String(err)).toMatch(/timeout/i);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(masked(err).extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it.skipIf(!onDatabaseServer())('a connection closed inside a transaction (Prisma’s driver adapter: ConnectionClosed) is SERVICE_UNAVAILABLE', async () => {
    const client = createPrisma({ url: db.url, poolMax: 2 });
    const err = await client
      .$transaction(async (tx) => {
        await tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`.catch(() => undefined);
        await tx.$queryRaw`SELECT 1`;
      })
      .catch((e: unknown) => e);
    await client.$disconnect();
    expect(err).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(masked(err).extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('the driver adapter’s error kinds of a lost connection are SERVICE_UNAVAILABLE, the others not', () => {
    // The form the C7 e2e met in a savepoint: the adapter's error, its kind in `cause`, no code.
    const adapterError = Object.assign(new Error('ConnectionClosed'), { name: 'DriverAdapterError', cause: { kind: 'ConnectionClosed' } });
    expect(isDatabaseUnavailable(adapterError)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('UniqueConstraintViolation'), { cause: { kind: 'UniqueConstraintViolation' } }))).toBe(false);
  });

  it('a pool with no free connection (exhausted) is SERVICE_UNAVAILABLE', async () => {
    const client = createPrisma({ url: db.url, poolMax: 1, connectTimeoutMs: 300 });
    let err: unknown;
    await client.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      err = await readRows(client, sql`SELECT 1 AS "one"`).catch((e: unknown) => e);
    });
    await client.$disconnect();
    expect(String(err)).toMatch(/timeout exceeded when trying to connect/);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(masked(err).extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('every address of a host refusing (AggregateError) and a pool already ended are SERVICE_UNAVAILABLE', async () => {
    const port = await listen(() => {});
    await new Promise((r) => listening.pop()!.close(r));
    // A host name with two addresses, both refused: Node's happy-eyeballs connect fails with an AggregateError.
    const twoAddresses: net.LookupFunction = (_host, _options, callback) =>
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: '127.0.0.1', family: 4 },
        { address: '127.0.0.2', family: 4 },
      ]);
    const refused = await new Promise<unknown>((resolve) => {
      const socket = net.connect({ host: 'two.invalid', port, lookup: twoAddresses, autoSelectFamily: true });
      socket.on('error', resolve);
    });
    expect(refused).toBeInstanceOf(AggregateError);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const pool = new pg.Pool({ connectionString: db.url });
    await pool.end();
    const ended = await pool.query('SELECT 1').catch((e: unknown) => e);
    expect(String(ended)).toMatch(/after calling end/);
    expect(isDatabaseUnavailable(ended)).toBe(true);
    expect(isDatabaseUnavailable(new Error('syntax error at or near "SELEC"'))).toBe(false);
    expect(isDatabaseUnavailable(await readRows(db.prisma, sql`SELECT 1/0 AS "x"`).catch((e: unknown) => e))).toBe(false);
  });

  it.skipIf(!onDatabaseServer())('too many connections (53300) is SERVICE_UNAVAILABLE', async () => {
    const role = `read_rows_limited_${process.pid}`;
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 0`);
    try {
      const err = await failure(createPrisma({ url: db.url.replace(/\/\/[^@/]*@/, `//${role}@`) }));
      expect((err as { code?: string }).code).toBe('53300');
      expect(isDatabaseUnavailable(err)).toBe(true);
      expect(masked(err).extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await admin.query(`DROP ROLE ${role}`);
      await admin.end();
    }
  });

  it.skipIf(!onDatabaseServer())('a connection the server terminates mid-query (57P01) is SERVICE_UNAVAILABLE', async () => {
    const name = `read_rows_kill_${process.pid}`;
    const client = createPrisma({ url: `${db.url}${db.url.includes('?') ? '&' : '?'}application_name=${name}`, poolMax: 1 });
    const pending = failure(client, sql`SELECT pg_sleep(10) IS NULL AS "slept"`);
    await expect
      .poll(() => readRows<{ n: bigint }>(db.prisma, sql`SELECT count(*) AS "n" FROM pg_stat_activity WHERE application_name = ${name} AND state = 'active'`))
      .toStrictEqual([{ n: 1n }]);
    await db.prisma.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${name}`;
    const err = await pending;
    expect((err as { code?: string }).code).toBe('57P01');
    expect(isDatabaseUnavailable(err)).toBe(true);
  });
});

describe('a statement the server cancels for its statement_timeout (57014)', () => {
  it.skipIf(!onDatabaseServer())('is SERVICE_UNAVAILABLE, read through readRows or through Prisma', async () => {
    const client = createPrisma({ url: db.url, poolMax: 1 });
    try {
      await client.$executeRaw`SELECT set_config('statement_timeout', '50', false)`;
      // One connection (poolMax 1): the session's timeout applies to both reads.
      const fast = await readRows(client, sql`SELECT pg_sleep(2) IS NULL AS "slept"`).then(
        () => new Error('no timeout'),
        (e: unknown) => e,
      );
      // (The failed read's connection is not reused: set the timeout on the next one.)
      await client.$executeRaw`SELECT set_config('statement_timeout', '50', false)`;
      const viaPrisma = await client.$queryRaw`SELECT pg_sleep(2) IS NULL AS "slept"`.then(
        () => new Error('no timeout'),
        (e: unknown) => e,
      );
      for (const err of [fast, viaPrisma]) {
        expect(String((err as Error).message)).toMatch(/57014|statement timeout/);
        expect(isDatabaseUnavailable(err)).toBe(true);
        expect(masked(err).extensions?.code).toBe('SERVICE_UNAVAILABLE');
      }
    } finally {
      await client.$disconnect();
    }
  });
});
