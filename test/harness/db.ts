// A database of its own for each test file, already migrated (see global-setup.ts).
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { wholeBatches } from '../../schema/db/embedded.ts';
import { createPrisma, type PrismaClient } from '../../schema/db/prisma.ts';
import { withDatabase } from './global-setup.ts';

export interface TestDatabase {
  url: string;
  embedded: boolean;
  prisma: PrismaClient;
  /** SQL statements seen by `prisma` since the last reset. */
  statements: string[];
  close(): Promise<void>;
}

/** Clones retry briefly: PostgreSQL refuses while another session touches the template. */
async function cloneTemplate(admin: pg.Client, name: string, template: string) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (err) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/**
 * Whether this run's test databases are on a PostgreSQL server (DATABASE_URL set). Without it each
 * test file gets a PGlite behind a socket server inside the test process, serving a few
 * connections at a time: tests of whole hubs in other processes, or of network cuts between the
 * hub and its database server, need the server path and skip on this one (CI runs both).
 */
export const onDatabaseServer = (): boolean => inject('dbTemplate').kind === 'server';

export async function createTestDatabase(): Promise<TestDatabase> {
  const tpl = inject('dbTemplate');
  const statements: string[] = [];
  if (tpl.kind === 'server') {
    const name = `${tpl.template}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: tpl.adminUrl });
    await admin.connect();
    await cloneTemplate(admin, name, tpl.template);
    const url = withDatabase(tpl.adminUrl, name);
    const prisma = createPrisma({ url, poolMax: 5, onStatement: (s) => statements.push(s) });
    return {
      url,
      embedded: false,
      prisma,
      statements,
      async close() {
        await prisma.$disconnect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dump = new Blob([await readFile(tpl.dumpFile)]);
  const db = await PGlite.create({ loadDataDir: dump, extensions: { unaccent, pg_trgm } });
  // As the embedded hub serves it: each client's protocol batch whole (schema/db/embedded.ts).
  const server = new PGLiteSocketServer({ db: wholeBatches(db), host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  const prisma = createPrisma({ url, poolMax: 1, onStatement: (s) => statements.push(s) });
  return {
    url,
    embedded: true,
    prisma,
    statements,
    async close() {
      await prisma.$disconnect();
      await server.stop();
      await db.close();
    },
  };
}
