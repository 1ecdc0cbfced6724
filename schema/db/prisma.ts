// One PrismaClient per process over adapter-pg. `onStatement` lets tests count the SQL a
// request issues (the N+1 proof) without mocking anything.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type { PrismaClient };
export * as Db from '../generated/prisma/client.ts';

export interface PrismaOptions {
  url: string;
  /** Pool size; 1 for the embedded database (PGlite is single-connection). */
  poolMax?: number;
  onStatement?: (sql: string) => void;
}

export function createPrisma(opts: PrismaOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: opts.url,
    max: opts.poolMax ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
  });
  const client = new PrismaClient({
    adapter,
    log: opts.onStatement ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (opts.onStatement) {
    const listen = client.$on as unknown as (e: 'query', cb: (ev: { query: string }) => void) => void;
    listen.call(client, 'query', (ev) => opts.onStatement?.(ev.query));
  }
  return client;
}
