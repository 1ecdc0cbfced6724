// A bench's scratch database on a PostgreSQL server: created, migrated and seeded with the demo
// data, with a folder for the subgraphs' files; dropped afterwards (even when the bench failed).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { deployMigrations } from '../../schema/db/migrator.ts';
import { createPrisma } from '../../schema/db/prisma.ts';
import { seedAll } from '../../schema/seed/index.ts';

export interface ScratchDatabase {
  name: string;
  url: string;
  filesDir: string;
  /** What a subgraph process started on this database runs with (quiet, no job polling). */
  subgraphEnv: Record<string, string>;
  drop(): Promise<void>;
}

/** `serverUrl`: any database on the server the user may `CREATE DATABASE` from. */
export async function createScratchDatabase(serverUrl: string, prefix: string, log: (line: string) => void = () => {}): Promise<ScratchDatabase> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const filesDir = await mkdtemp(path.join(os.tmpdir(), `cong-hub-${prefix.replace(/_/g, '-')}-`));
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await rm(filesDir, { recursive: true, force: true });
  };
  try {
    log(`scratch database ${name}: migrating and seeding…`);
    await admin.query(`CREATE DATABASE ${name}`);
    await deployMigrations(url);
    const prisma = createPrisma({ url, poolMax: 2 });
    await seedAll(prisma);
    await prisma.$disconnect();
  } catch (err) {
    await drop();
    throw err;
  }
  const subgraphEnv = {
    DATABASE_URL: url,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    LEGAL_FILES_DIR: filesDir,
    PORTAL_FILES_DIR: filesDir,
    JOBS_POLL_MS: '0',
  };
  return { name, url, filesDir, subgraphEnv, drop };
}
