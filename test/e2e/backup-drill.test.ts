// The R-8 drill (SECURITY-MATRIX D): write data, back up, corrupt and drop, restore into a
// scratch database (server → embedded and, on a server, server → server), prove the copy
// (counts, SQL checksums, audit chain head, smoke queries through a gateway on it); a tampered
// or truncated backup is refused before anything is restored.
import { cp, mkdir, mkdtemp, readdir, rm, truncate, writeFile, readFile, open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, readVerifiedManifest } from '../../scripts/backup/format.ts';
import { restoreBackup, verifyRestored } from '../../scripts/backup/restore.ts';
import { listBackups, writeBackup, type BackupResult } from '../../scripts/backup/snapshot.ts';
import { verifyBackup } from '../../scripts/backup/verify.ts';
import { verifyAuditChain } from '../../subgraphs/portal/editorial/audit-chain.ts';
import { itemIn } from '../harness/content.ts';
import { usePortal } from '../harness/portal.ts';

const portal = usePortal();
let dir: string;
let backup: BackupResult;

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
  await itemIn(portal.url, 'APPROVED');
  await mkdir(path.join(portal.filesDir, 'ab'), { recursive: true });
  await writeFile(path.join(portal.filesDir, 'ab', 'abcdef'), 'a stored file');
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
    expect(JSON.parse(await readFile(path.join(backup.path, 'verification.json'), 'utf8'))).toMatchObject({ ok: true, backup: backup.name });
  }, 240_000);

  it('restores on a PostgreSQL server too (server → server)', async (ctx) => {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) return ctx.skip();
    const result = await verifyBackup({ backupDir: backup.path, target: { serverUrl } });
    expect(result).toMatchObject({ ok: true, target: 'server', auditHead: backup.manifest.audit.headHash });
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
  const tableFile = (d: string) => path.join(d, backup.manifest.tables.portal_agency!.file);

  it('a changed byte in a table file', async () => {
    const d = await copy('byte');
    const fh = await open(tableFile(d), 'r+');
    const { size } = await fh.stat();
    const buf = Buffer.alloc(1);
    await fh.read(buf, 0, 1, Math.floor(size / 2));
    await fh.write(Buffer.from([buf[0]! ^ 0xff]), 0, 1, Math.floor(size / 2));
    await fh.close();
    const err = await refusal(readVerifiedManifest(d));
    expect([err.code, err.message]).toEqual(['BACKUP_TAMPERED', expect.stringContaining('portal_agency.jsonl.gz does not match its sha256')]);
  });

  it('a truncated table file', async () => {
    const d = await copy('truncated');
    await truncate(tableFile(d), 10);
    expect((await refusal(readVerifiedManifest(d))).code).toBe('BACKUP_INCOMPLETE');
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
