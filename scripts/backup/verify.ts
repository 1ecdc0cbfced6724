// The proof that a backup restores (SECURITY-MATRIX D): restore it into a scratch database
// (embedded PGlite in memory, or a new database on a PostgreSQL server), check it against the
// manifest (restore.ts), then start the whole hub on the restored data and run smoke queries
// through its gateway. The result is written beside the backup (verification.json) for the
// operator console; the scratch database and files are removed afterwards.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { startEmbeddedPostgres } from '../../schema/db/embedded.ts';
import { createPrisma } from '../../schema/db/prisma.ts';
import { startHub } from '../hub.ts';
import { BackupError, type BackupMethod } from './format.ts';
import { restoreBackup, verifyRestored, type RestoreReport, type Verification } from './restore.ts';

export interface VerifyOptions {
  backupDir: string;
  /** `embedded` (default without a server URL) or a PostgreSQL server URL on which a scratch database is created. */
  target: 'embedded' | { serverUrl: string };
  /** Where pg_restore is (default: the PATH). */
  pgBinDir?: string;
}

export interface VerifyResult extends Verification {
  backup: string;
  target: 'embedded' | 'server';
  method: BackupMethod;
  loader: RestoreReport['loader'];
  smoke: string[];
  verifiedAt: string;
}

async function scratchDatabase(target: VerifyOptions['target']): Promise<{ url: string; embedded: boolean; drop(): Promise<void> }> {
  if (target === 'embedded') {
    const pgl = await startEmbeddedPostgres();
    return { url: pgl.url, embedded: true, drop: () => pgl.stop() };
  }
  const name = `hub_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: target.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(target.serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function verifyBackup(opts: VerifyOptions): Promise<VerifyResult> {
  const files = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-restore-'));
  const db = await scratchDatabase(opts.target);
  try {
    const fileStores = { portal: path.join(files, 'portal'), legal: path.join(files, 'legal') };
    const { manifest, report } = await restoreBackup({
      backupDir: opts.backupDir,
      targetUrl: db.url,
      fileStores,
      embeddedTarget: db.embedded,
      pgBinDir: opts.pgBinDir,
    });
    const verification = await verifyRestored(db.url, manifest);
    const smoke = await smokeThroughGateway(db.url, db.embedded, fileStores);
    const result: VerifyResult = {
      ...verification,
      backup: manifest.name,
      target: db.embedded ? 'embedded' : 'server',
      method: manifest.method ?? 'logical',
      loader: report.loader,
      smoke,
      verifiedAt: new Date().toISOString(),
    };
    await writeFile(path.join(opts.backupDir, 'verification.json'), JSON.stringify(result, null, 2));
    return result;
  } finally {
    await db.drop();
    await rm(files, { recursive: true, force: true });
  }
}

/** The restored data answers through a real gateway: an agency by id, a content list, the audit chain. */
async function smokeThroughGateway(url: string, embedded: boolean, stores: Record<string, string>): Promise<string[]> {
  const prisma = createPrisma({ url, poolMax: 1 });
  const hub = await startHub({
    database: { url, embedded, prisma },
    seed: false,
    port: 0,
    logger: pino({ level: 'warn' }),
    env: { NODE_ENV: 'test', LOG_LEVEL: 'warn', PORTAL_FILES_DIR: stores.portal, LEGAL_FILES_DIR: stores.legal, REDIS_URL: '', JOBS_POLL_MS: '0' },
  });
  const passed: string[] = [];
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (res.status !== 200 || body.errors?.length)
      throw new BackupError('RESTORE_MISMATCH', `smoke query failed through the gateway: ${body.errors?.[0]?.message ?? res.status}`);
    return body.data ?? {};
  };
  try {
    const agency = await prisma.agency.findFirst({ orderBy: { code: 'asc' } });
    if (agency) {
      const data = await ask(`query($id: ID!) { agency(id: $id) { id code } }`, { id: agency.id });
      if ((data.agency as { code?: string } | null)?.code !== agency.code)
        throw new BackupError('RESTORE_MISMATCH', `agency ${agency.id} reads differently through the gateway`);
      passed.push('agency by id');
    }
    const published = await prisma.contentItem.count({ where: { state: 'PUBLISHED' } });
    const data = await ask(`{ contentItems(first: 1) { totalCount } }`);
    const total = (data.contentItems as { totalCount: number }).totalCount;
    if (published > 0 && total === 0) throw new BackupError('RESTORE_MISMATCH', 'published content is not served from the restored copy');
    passed.push('content list');
    return passed;
  } finally {
    await hub.stop();
    await prisma.$disconnect();
  }
}
