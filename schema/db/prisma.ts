// One PrismaClient per process over adapter-pg. `onStatement` lets tests count the SQL a
// request issues (the N+1 proof) without mocking anything.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { registerFastReads } from './read-rows.ts';

export type { PrismaClient };
export * as Db from '../generated/prisma/client.ts';
export { fastReadsOn, readRows } from './read-rows.ts';

export interface PrismaOptions {
  url: string;
  /** Pool size; 1 for the embedded database (PGlite is single-connection). */
  poolMax?: number;
  /** How long a connection (new, or free in the pool) is waited for; 5 s by default. */
  connectTimeoutMs?: number;
  onStatement?: (sql: string) => void;
}

export function createPrisma(opts: PrismaOptions): PrismaClient {
  // The pool is ours so that `readRows` can read on it; Prisma ends it on `$disconnect`
  // (`disposeExternalPool`), as it ended the pool it made itself before.
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolMax ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
  });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({
    adapter,
    log: opts.onStatement ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (opts.onStatement) {
    const listen = client.$on as unknown as (e: 'query', cb: (ev: { query: string }) => void) => void;
    listen.call(client, 'query', (ev) => opts.onStatement?.(ev.query));
  }
  registerFastReads(client, pool, opts.onStatement);
  return client;
}
