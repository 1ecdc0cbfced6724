// The R-8 drill (SECURITY-MATRIX D): write data, back up, corrupt and drop, restore into a
// scratch database (server → embedded and, on a server, server → server; embedded → server),
// prove the copy (counts, SQL checksums, audit chain head, smoke queries through a gateway on
// it); a tampered or truncated backup is refused before anything is restored. On a server the
// backup is a pg_dump (custom format) when the pg_dump found matches its major version; the
// logical export otherwise, for a logged reason. One backup is written at a time.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, truncate, writeFile, readFile, open } from 'node:fs/promises';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, readVerifiedManifest } from '../../scripts/backup/format.ts';
import { restoreBackup, verifyRestored } from '../../scripts/backup/restore.ts';
import { LOCK_FILE } from '../../scripts/backup/lock.ts';
import { findPgTool } from '../../scripts/backup/pg-tools.ts';
import { listBackups, writeBackup, type BackupResult } from '../../scripts/backup/snapshot.ts';
import { startEmbeddedPostgres } from '../../schema/db/embedded.ts';
import { deployMigrations } from '../../schema/db/migrator.ts';
import { createPrisma } from '../../schema/db/prisma.ts';
import { seedAll } from '../../schema/seed/index.ts';
import { verifyBackup } from '../../scripts/backup/verify.ts';
import { verifyAuditChain } from '../../subgraphs/portal/editorial/audit-chain.ts';
import { itemIn } from '../harness/content.ts';
import { usePortal } from '../harness/portal.ts';

const portal = usePortal();
const SERVER_URL = process.env.DATABASE_URL || undefined;
let dir: string;
let backup: BackupResult;
/** pg_dump is used on a server when one of the server's major version is on the PATH. */
let pgDumpMatches = false;

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackupError);
  return err as BackupError;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-backups-'));
  await itemIn(portal.url, 'PUBLISHED');
  const approved = await itemIn(portal.url, 'APPROVED');
  // Text that COPY has to escape (tab, newline, backslash, quotes), to travel through every format.
  await portal.db.prisma.contentItem.update({ where: { id: approved.id }, data: { titleVi: 'Thông báo\tsố 1\ndòng hai \\ "trích" \\N' } });
  await mkdir(path.join(portal.filesDir, 'ab'), { recursive: true });
  await writeFile(path.join(portal.filesDir, 'ab', 'abcdef'), 'a stored file');
  if (!portal.db.embedded) {
    const tool = await findPgTool('pg_dump');
    const admin = new pg.Client({ connectionString: portal.db.url });
    await admin.connect();
    const server = Math.floor(Number((await admin.query<{ n: string }>("SELECT current_setting('server_version_num') AS n")).rows[0]!.n) / 10_000);
    await admin.end();
    expect(server).toBeGreaterThanOrEqual(13); // a real version, so the next line can be true
    pgDumpMatches = tool?.major === server;
  }
  backup = await writeBackup({ databaseUrl: portal.db.url, embedded: portal.db.embedded, dir, fileStores: { portal: portal.filesDir } });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('backup', () => {
  it('records the migration level, every table with rows and checksum, the audit head and the files', async () => {
    const m = backup.manifest;
    const chain = await verifyAuditChain(portal.db.prisma);
    expect(m.migrations.length).toBeGreaterThan(3);
    expect(m.tables.portal_audit_event?.rows).toBeGreaterThan(2);
    expect(m.tables.portal_agency?.rows).toBe(await portal.db.prisma.agency.count());
    expect(m.tables._prisma_migrations).toBeUndefined();
    expect(m.audit.headHash).toBe(chain.headHash);
    expect(m.files).toEqual([expect.objectContaining({ store: 'portal', file: 'files/portal/ab/abcdef', bytes: 13 })]);
    expect(await listBackups(dir)).toEqual([backup.name]);
  });

  it('is a pg_dump (custom format) of a server whose major version the pg_dump matches, else the logical export with the reason', async () => {
    if (pgDumpMatches) {
      expect([backup.method, backup.fallbackReason]).toEqual(['pg_dump', null]);
      expect(backup.manifest.dump).toMatchObject({ file: 'database.dump', tool: expect.stringMatching(/^pg_dump \(PostgreSQL\) \d+/) });
      // A custom-format archive (magic "PGDMP"), not SQL text.
      expect((await readFile(path.join(backup.path, 'database.dump'))).subarray(0, 5).toString()).toBe('PGDMP');
      expect(backup.manifest.tables.portal_agency).not.toHaveProperty('file');
    } else {
      expect(backup.method).toBe('logical');
      expect(backup.fallbackReason).toMatch(portal.db.embedded ? /embedded/ : /pg_dump/);
      expect(backup.manifest.tables.portal_agency?.file).toBe('tables/portal_agency.jsonl.gz');
    }
  });

  it('falls back to the logical export, saying why, when the pg_dump found is of another major version', async (ctx) => {
    if (portal.db.embedded) return ctx.skip();
    const bin = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-pgbin-'));
    await writeFile(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 99.1"\n');
    await chmod(path.join(bin, 'pg_dump'), 0o755);
    const to = path.join(dir, 'mismatch');
    const warned: unknown[] = [];
    const logger = { info: () => {}, warn: (o: unknown) => warned.push(o) };
    const opts = { databaseUrl: portal.db.url, embedded: false, dir: to, fileStores: {}, pgBinDir: bin, logger };
    const r = await writeBackup(opts);
    expect([r.method, r.fallbackReason]).toEqual([
      'logical',
      expect.stringMatching(/pg_dump \(PostgreSQL\) 99\.1 does not match the server's major version \d+/),
    ]);
    expect(warned).toEqual([{ reason: r.fallbackReason }]);
    // Required but unusable: refused, not silently another format.
    expect((await refusal(writeBackup({ ...opts, method: 'pg_dump' }))).code).toBe('BACKUP_FAILED');
    expect(await listBackups(to)).toEqual([r.name]);
    await rm(bin, { recursive: true, force: true });
  });

  it("writes one backup at a time into a directory: a second writer is refused, a dead holder's lock is taken over", async () => {
    const to = path.join(dir, 'locked');
    const opts = { databaseUrl: portal.db.url, embedded: portal.db.embedded, dir: to, fileStores: {}, method: 'logical' as const };
    const results = await Promise.allSettled([
      writeBackup({ ...opts, now: () => new Date('2026-06-01T19:00:00Z') }),
      writeBackup({ ...opts, now: () => new Date('2026-06-01T19:00:01Z') }),
    ]);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as BackupError);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refused.map((e) => [e.code, e.message])).toEqual([['BACKUP_LOCKED', expect.stringContaining(`process ${process.pid}`)]]);
    expect(await listBackups(to)).toHaveLength(1);
    // A lock left by a process that died (its pid no longer runs) does not block forever.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(path.join(to, LOCK_FILE), JSON.stringify({ pid: dead, host: os.hostname(), at: '2026-06-01T00:00:00Z' }));
    await mkdir(path.join(to, '.tmp-backup-crashed-1'));
    const after = await writeBackup({ ...opts, now: () => new Date('2026-06-02T19:00:00Z') });
    expect(await listBackups(to)).toEqual([after.name, expect.any(String)]);
    expect((await readdir(to)).filter((n) => n.startsWith('.'))).toEqual([]); // lock released, the crashed one's leftovers gone
  });

  it('lists only complete backups and keeps the configured number', async () => {
    await mkdir(path.join(dir, `.tmp-${backup.name}-1`)); // what a crash mid-backup leaves
    const extra = path.join(os.tmpdir(), `cong-hub-retention-${process.pid}`);
    await rm(extra, { recursive: true, force: true });
    const at = (iso: string) => () => new Date(iso);
    const opts = { databaseUrl: portal.db.url, embedded: portal.db.embedded, dir: extra, fileStores: {}, retentionCount: 2 };
    await writeBackup({ ...opts, now: at('2026-06-01T19:00:00Z') });
    await writeBackup({ ...opts, now: at('2026-06-02T19:00:00Z') });
    const third = await writeBackup({ ...opts, now: at('2026-06-03T19:00:00Z') });
    expect(third.removed).toEqual(['backup-2026-06-01T19-00-00-000Z']);
    expect(await listBackups(extra)).toEqual(['backup-2026-06-03T19-00-00-000Z', 'backup-2026-06-02T19-00-00-000Z']);
    expect(await listBackups(dir)).toEqual([backup.name]);
    await rm(extra, { recursive: true, force: true });
  });
});

describe('the drill', () => {
  it('after the live data is corrupted and a table dropped, the backup restores and proves itself on a scratch embedded database', async () => {
    await portal.db.prisma.$executeRaw`UPDATE portal_agency SET slug = slug || '-x' WHERE id = (SELECT id FROM portal_agency ORDER BY code LIMIT 1)`;
    // The check can fail: the damaged live database no longer matches the manifest.
    expect((await refusal(verifyRestored(portal.db.url, backup.manifest))).code).toBe('RESTORE_MISMATCH');
    await portal.db.prisma.$executeRaw`DROP TABLE portal_audit_event CASCADE`;

    const result = await verifyBackup({ backupDir: backup.path, target: 'embedded' });
    expect(result).toMatchObject({ ok: true, target: 'embedded', auditHead: backup.manifest.audit.headHash, smoke: ['agency by id', 'content list'] });
    expect(result.rows).toBe(Object.values(backup.manifest.tables).reduce((n, t) => n + t.rows, 0));
    // PGlite takes no COPY from pg_restore: a dump's rows go in through the hub's connection.
    expect(result.loader).toBe(backup.method === 'pg_dump' ? 'pg_restore-sql' : 'logical');
    expect(JSON.parse(await readFile(path.join(backup.path, 'verification.json'), 'utf8'))).toMatchObject({ ok: true, backup: backup.name });
  }, 240_000);

  it('restores on a PostgreSQL server too (server → server)', async (ctx) => {
    if (!SERVER_URL) return ctx.skip();
    const result = await verifyBackup({ backupDir: backup.path, target: { serverUrl: SERVER_URL } });
    expect(result).toMatchObject({ ok: true, target: 'server', auditHead: backup.manifest.audit.headHash });
    // A pg_dump backup is loaded by pg_restore itself on a server of its version.
    expect(result.loader).toBe(backup.method === 'pg_dump' ? 'pg_restore' : 'logical');
  }, 240_000);

  it('restores a backup of the embedded database into a PostgreSQL server (embedded → server, --into)', async (ctx) => {
    if (!SERVER_URL) return ctx.skip();
    const source = await startEmbeddedPostgres();
    const name = `hub_into_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    try {
      await deployMigrations(source.url);
      const prisma = createPrisma({ url: source.url, poolMax: 1 });
      await seedAll(prisma);
      const agencies = await prisma.agency.count();
      await prisma.$disconnect();
      const to = path.join(dir, 'from-embedded');
      const embedded = await writeBackup({ databaseUrl: source.url, embedded: true, dir: to, fileStores: {} });
      expect([embedded.method, embedded.fallbackReason]).toEqual(['logical', expect.stringMatching(/embedded/)]);
      expect(embedded.manifest.tables.portal_agency?.rows).toBe(agencies);
      await admin.query(`CREATE DATABASE ${name}`);
      const target = new URL(SERVER_URL);
      target.pathname = `/${name}`;
      const { manifest, report } = await restoreBackup({ backupDir: embedded.path, targetUrl: target.toString() });
      expect(report).toMatchObject({ loader: 'logical', rows: Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0) });
      expect(await verifyRestored(target.toString(), manifest)).toMatchObject({ ok: true, auditHead: manifest.audit.headHash });
      // A second restore over it is refused: --into wants an empty database.
      expect((await refusal(restoreBackup({ backupDir: embedded.path, targetUrl: target.toString() }))).code).toBe('RESTORE_TARGET_NOT_EMPTY');
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await source.stop();
    }
  }, 240_000);

  it('refuses to restore over a database that holds data', async () => {
    expect((await refusal(restoreBackup({ backupDir: backup.path, targetUrl: portal.db.url }))).code).toBe('RESTORE_TARGET_NOT_EMPTY');
  });
});

describe('a damaged backup is refused before anything is restored', () => {
  const copy = async (name: string) => {
    const to = path.join(dir, `damaged-${name}`);
    await cp(backup.path, to, { recursive: true });
    return to;
  };
  /** The file holding the rows: the pg_dump archive, or one table's export. */
  const dataName = () => backup.manifest.dump?.file ?? backup.manifest.tables.portal_agency!.file!;
  const tableFile = (d: string) => path.join(d, dataName());

  it('a changed byte in a table file', async () => {
    const d = await copy('byte');
    const fh = await open(tableFile(d), 'r+');
    const { size } = await fh.stat();
    const buf = Buffer.alloc(1);
    await fh.read(buf, 0, 1, Math.floor(size / 2));
    await fh.write(Buffer.from([buf[0]! ^ 0xff]), 0, 1, Math.floor(size / 2));
    await fh.close();
    const err = await refusal(readVerifiedManifest(d));
    expect([err.code, err.message]).toEqual(['BACKUP_TAMPERED', expect.stringContaining(`${dataName()} does not match its sha256`)]);
  });

  it('a truncated table file', async () => {
    const d = await copy('truncated');
    await truncate(tableFile(d), 10);
    const err = await refusal(readVerifiedManifest(d));
    expect([err.code, err.message]).toEqual(['BACKUP_INCOMPLETE', expect.stringContaining(`${dataName()} has 10 bytes`)]);
    // Nothing was restored: the refusal comes before any connection (this URL answers nothing).
    expect((await refusal(restoreBackup({ backupDir: d, targetUrl: 'postgresql://127.0.0.1:1/none' }))).code).toBe('BACKUP_INCOMPLETE');
  });

  it('an edited manifest, a missing digest, a missing file', async () => {
    const d = await copy('manifest');
    const raw = await readFile(path.join(d, 'manifest.json'), 'utf8');
    await writeFile(
      path.join(d, 'manifest.json'),
      raw.replace(/"rows": (\d+)/, (_m, n: string) => `"rows": ${Number(n) + 1}`),
    );
    expect((await refusal(readVerifiedManifest(d))).code).toBe('BACKUP_TAMPERED');
    await rm(path.join(d, 'manifest.sha256'));
    expect((await refusal(readVerifiedManifest(d))).code).toBe('BACKUP_INCOMPLETE');
    const e = await copy('missing');
    await rm(path.join(e, 'files'), { recursive: true });
    expect((await refusal(restoreBackup({ backupDir: e, targetUrl: 'postgresql://127.0.0.1:1/none' }))).code).toBe('BACKUP_INCOMPLETE');
    expect((await readdir(dir)).filter((n) => n.startsWith('backup-'))).toEqual([backup.name]);
  });
});
