// Embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM) persisted in a data directory and
// served on a loopback socket, so the hub talks to it through `pg` exactly as it talks to a
// PostgreSQL server. PGlite is single-connection: the socket multiplexes a few clients, and the
// hub's pools use one connection each when embedded.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL's buffer cache inside PGlite's WebAssembly memory. PostgreSQL's default (128 MB)
 * becomes resident as pages are read and stays so (WebAssembly memory never shrinks): ~85 MB of
 * the one-process hub's RSS after boot for a database whose tables and indexes fit in a fraction
 * of it. A page not in the cache is read through the operating system's file cache.
 * `PGLITE_SHARED_BUFFERS` overrides (PostgreSQL's units: `64MB`, `1GB`).
 */
export const DEFAULT_SHARED_BUFFERS = '16MB';

/** Start PGlite; `dataDir` undefined = in memory (tests, scratch databases). */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const sharedBuffers = process.env.PGLITE_SHARED_BUFFERS || DEFAULT_SHARED_BUFFERS;
  if (!/^\d+\s*(kB|MB|GB)?$/.test(sharedBuffers)) throw new Error(`PGLITE_SHARED_BUFFERS must be a size such as 16MB, not "${sharedBuffers}"`);
  const db = await PGlite.create({
    dataDir,
    extensions: { unaccent, pg_trgm },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`],
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
