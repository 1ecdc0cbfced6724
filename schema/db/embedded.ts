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
  const server = new PGLiteSocketServer({ db: wholeBatches(db), host: '127.0.0.1', port: 0, maxConnections: 4 });
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

/** Frontend messages after which PostgreSQL awaits more of the same batch (up to a Sync). */
const BATCH_OPENING = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'd'].map((c) => c.charCodeAt(0)));

type SocketDb = Pick<PGlite, 'isInTransaction' | 'execProtocolRawStream' | 'exec'>;

/**
 * PGlite as its socket server should see it. The server queues every protocol message of every
 * client apart and keeps the session to one client only while a transaction is open
 * (`isInTransaction()`). An extended-protocol batch (Parse, Bind, Describe, Execute … Sync) is
 * state too: the next Bind binds the last Parse's unnamed statement. Seen under `npm start`:
 * a Bind meeting another client's Parse (08P01 "bind message supplies 3 parameters, but
 * prepared statement requires 4", 22P02 on a value of the other statement's type). So the
 * session also counts as taken from the first message of a batch until its Sync: the server then
 * runs only that client's messages. A client that leaves mid-batch is rolled back by the server
 * (`exec('ROLLBACK')`), which frees the session.
 */
export function wholeBatches<T extends SocketDb>(db: T): T {
  let batchOpen = false;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'isInTransaction') return () => batchOpen || target.isInTransaction();
      if (prop === 'execProtocolRawStream') {
        return async (message: Uint8Array, options: Parameters<T['execProtocolRawStream']>[1]) => {
          try {
            return await target.execProtocolRawStream(message, options);
          } finally {
            batchOpen = BATCH_OPENING.has(message[0] ?? 0) || (message[0] === 0x51 && /\bfrom\s+stdin\b/i.test(Buffer.from(message).toString('utf8')));
          }
        };
      }
      if (prop === 'exec') {
        return (query: string, options?: Parameters<PGlite['exec']>[1]) => {
          batchOpen = false;
          return target.exec(query, options);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
