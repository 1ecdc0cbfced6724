// Migrate once per run into a template; every test file then gets its own copy:
// - with DATABASE_URL: a template database on the server, cloned with CREATE DATABASE … TEMPLATE;
// - without: an in-memory PGlite, migrated once and dumped to a file each test file loads.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { startEmbeddedPostgres } from '../../schema/db/embedded.ts';
import { deployMigrations } from '../../schema/db/migrator.ts';
import { installJobSchema } from '../../schema/jobs/runner.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { kind: 'server'; adminUrl: string; template: string } | { kind: 'embedded'; dumpFile: string };
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const template = `hub_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await deployMigrations(withDatabase(serverUrl, template));
    await installJobSchema(withDatabase(serverUrl, template));
    // A template must have no open connections when it is cloned.
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [template]);
    project.provide('dbTemplate', { kind: 'server', adminUrl: serverUrl, template });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}_%`]);
      for (const row of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-test-'));
  const embedded = await startEmbeddedPostgres(path.join(dir, 'template'));
  await deployMigrations(embedded.url);
  await installJobSchema(embedded.url);
  await embedded.stop();
  const db = await PGlite.create({ dataDir: path.join(dir, 'template') });
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  const dumpFile = path.join(dir, 'template.tar.gz');
  await writeFile(dumpFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('dbTemplate', { kind: 'embedded', dumpFile });
  return () => rm(dir, { recursive: true, force: true });
}
