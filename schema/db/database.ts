// Where the hub's PostgreSQL is: a server when DATABASE_URL is set, otherwise PGlite embedded
// in this process and persisted under DATA_DIR.
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded.ts';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded database is used. */
  url?: string;
  /** Data directory of the embedded database; `':memory:'` keeps it in memory. */
  dataDir?: string;
}

export async function openDatabase(opts: DatabaseOptions = {}): Promise<DatabaseHandle> {
  // An explicit empty string means "embedded", even when DATABASE_URL is set.
  const url = opts.url ?? process.env.DATABASE_URL;
  if (url) return { url, embedded: false, close: async () => {} };
  const dir = opts.dataDir ?? process.env.DATA_DIR ?? path.resolve('.data/pglite');
  const pg = await startEmbeddedPostgres(dir === ':memory:' ? undefined : dir);
  return { url: pg.url, embedded: true, close: () => pg.stop() };
}
