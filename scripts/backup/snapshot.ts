// `npm run backup`: one consistent snapshot of the database (every table of the public schema,
// read in one REPEATABLE READ transaction through the ordinary connection, so the embedded
// PGlite and a server are backed up the same way and each restores into the other) plus the
// file stores. Written into a hidden temporary directory and renamed into place when complete:
// a half-written backup is never listed. Old backups beyond the retention are removed.
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { BACKUP_FORMAT, sha256, sha256File, type Manifest, type StoredFile, type TableEntry } from './format.ts';
import { checksumSql, listTables, quoteIdent, SESSION_SETUP } from './sql.ts';

export interface BackupOptions {
  databaseUrl: string;
  embedded: boolean;
  dir: string;
  /** File stores to copy, by name (portal, legal). */
  fileStores: Record<string, string>;
  /** Keep at most this many backups (default 14) … */
  retentionCount?: number;
  /** … and none older than this many days (default: no age limit). */
  retentionDays?: number;
  now?: () => Date;
}

export interface BackupResult {
  name: string;
  path: string;
  manifest: Manifest;
  removed: string[];
}

const AUDIT_TABLE = 'portal_audit_event';

export async function writeBackup(opts: BackupOptions): Promise<BackupResult> {
  const now = (opts.now ?? (() => new Date()))();
  const name = `backup-${now.toISOString().replace(/[:.]/g, '-')}`;
  await mkdir(opts.dir, { recursive: true });
  const tmp = path.join(opts.dir, `.tmp-${name}-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(path.join(tmp, 'tables'), { recursive: true });
  try {
    const client = new pg.Client({ connectionString: opts.databaseUrl });
    await client.connect();
    let manifest: Manifest;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(SESSION_SETUP);
      const serverVersion = (await client.query<{ v: string }>('SHOW server_version')).rows[0]?.v ?? '';
      const migrations = (
        await client.query<{ n: string }>(
          `SELECT migration_name AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
        )
      ).rows.map((r) => r.n);
      const tables: Record<string, TableEntry> = {};
      for (const table of await listTables(client)) tables[table] = await exportTable(client, table, tmp);
      const head = await client.query<{ hash: string | null }>(`SELECT hash FROM ${quoteIdent(AUDIT_TABLE)} ORDER BY seq DESC LIMIT 1`);
      await client.query('COMMIT');
      manifest = {
        format: BACKUP_FORMAT,
        name,
        createdAt: now.toISOString(),
        source: { embedded: opts.embedded, serverVersion },
        migrations,
        tables,
        audit: { rows: tables[AUDIT_TABLE]?.rows ?? 0, headHash: head.rows[0]?.hash ?? null },
        files: [],
      };
    } finally {
      await client.end();
    }
    for (const [store, dir] of Object.entries(opts.fileStores)) manifest.files.push(...(await copyStore(store, dir, tmp)));
    const json = JSON.stringify(manifest, null, 2);
    await writeFile(path.join(tmp, 'manifest.json'), json);
    await writeFile(path.join(tmp, 'manifest.sha256'), `${sha256(json)}\n`);
    const final = path.join(opts.dir, name);
    await rename(tmp, final);
    const removed = await applyRetention(opts.dir, opts.retentionCount ?? 14, opts.retentionDays, now);
    return { name, path: final, manifest, removed };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

async function exportTable(client: pg.Client, table: string, dir: string): Promise<TableEntry> {
  const sum = await client.query<{ rows: string; checksum: string }>(checksumSql(table));
  const file = `tables/${table}.jsonl.gz`;
  const full = path.join(dir, file);
  const cursor = `c_${table.replace(/\W/g, '_')}`;
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quoteIdent(table)} t`);
  async function* lines() {
    for (;;) {
      const { rows } = await client.query<{ j: string }>(`FETCH 500 FROM ${cursor}`);
      if (rows.length === 0) return;
      yield rows.map((r) => `${r.j}\n`).join('');
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(full));
  await client.query(`CLOSE ${cursor}`);
  return { rows: Number(sum.rows[0]?.rows ?? 0), checksum: sum.rows[0]?.checksum ?? '', file, sha256: await sha256File(full), bytes: (await stat(full)).size };
}

async function copyStore(store: string, root: string, dir: string): Promise<StoredFile[]> {
  const out: StoredFile[] = [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = path.relative(root, path.join(e.parentPath, e.name));
    const file = path.posix.join('files', store, ...rel.split(path.sep));
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await copyFile(path.join(root, rel), path.join(dir, file));
    out.push({ store, file, sha256: await sha256File(path.join(dir, file)), bytes: (await stat(path.join(dir, file))).size });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** Complete backups in `dir`, newest first (temporary directories are never listed). */
export async function listBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => /^backup-[\dT-]+Z$/.test(n))
    .sort()
    .reverse();
}

async function applyRetention(dir: string, count: number, days: number | undefined, now: Date): Promise<string[]> {
  const all = await listBackups(dir);
  const removed: string[] = [];
  for (const [i, name] of all.entries()) {
    const info = await stat(path.join(dir, name));
    const tooOld = days !== undefined && now.getTime() - info.mtimeMs > days * 86_400_000;
    // The newest backup is always kept, whatever the settings.
    if (i > 0 && (i >= count || tooOld)) {
      await rm(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}
