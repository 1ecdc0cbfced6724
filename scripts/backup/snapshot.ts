// `npm run backup`: one consistent snapshot of the database (every table of the public schema,
// read in one REPEATABLE READ transaction) plus the file stores. On a server whose major version
// matches the pg_dump found, the rows are a `pg_dump -Fc` of that very snapshot
// (pg_export_snapshot); otherwise (embedded PGlite, no or another pg_dump) the hub's logical
// export through the ordinary connection, the reason logged. Either restores into either kind of
// database. One writer at a time (lock.ts); written into a hidden temporary directory and renamed
// into place when complete: a half-written backup is never listed. Old backups beyond the
// retention are removed.
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import type { Logger } from 'pino';
import { BACKUP_FORMAT, BackupError, sha256, sha256File, type BackupMethod, type Manifest, type StoredFile, type TableEntry } from './format.ts';
import { lockBackups } from './lock.ts';
import { findPgTool, runPgTool, serverMajor, type PgTool } from './pg-tools.ts';
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
  /** `auto` (default): pg_dump on a server when a pg_dump of its major version is found, else logical. */
  method?: 'auto' | BackupMethod;
  /** Where pg_dump is (default: the PATH). */
  pgBinDir?: string;
  now?: () => Date;
  /** Told which method was used and why pg_dump was not. */
  logger?: Pick<Logger, 'info' | 'warn'>;
}

export interface BackupResult {
  name: string;
  path: string;
  manifest: Manifest;
  removed: string[];
  method: BackupMethod;
  /** Why the logical export was used instead of pg_dump (null when pg_dump was, or was not wanted). */
  fallbackReason: string | null;
}

const AUDIT_TABLE = 'portal_audit_event';
const DUMP_FILE = 'database.dump';

/** pg_dump when it can be used for this database, else the logical export and why. */
async function chooseMethod(opts: BackupOptions, client: pg.Client): Promise<{ method: BackupMethod; tool: PgTool | null; reason: string | null }> {
  const wanted = opts.method ?? 'auto';
  if (wanted === 'logical') return { method: 'logical', tool: null, reason: null };
  const refuse = (reason: string) => {
    if (wanted === 'pg_dump') throw new BackupError('BACKUP_FAILED', `BACKUP_METHOD=pg_dump but ${reason}`);
    return { method: 'logical' as const, tool: null, reason };
  };
  if (opts.embedded) return refuse('the embedded database has no pg_dump of its own (PGlite)');
  const tool = await findPgTool('pg_dump', opts.pgBinDir);
  if (!tool) return refuse(`no pg_dump found${opts.pgBinDir ? ` in ${opts.pgBinDir}` : ' on the PATH'}`);
  const server = await serverMajor(client);
  if (tool.major !== server) return refuse(`${tool.version} does not match the server's major version ${server}`);
  return { method: 'pg_dump', tool, reason: null };
}

export async function writeBackup(opts: BackupOptions): Promise<BackupResult> {
  const now = (opts.now ?? (() => new Date()))();
  const name = `backup-${now.toISOString().replace(/[:.]/g, '-')}`;
  await mkdir(opts.dir, { recursive: true });
  const unlock = await lockBackups(opts.dir, { now });
  const tmp = path.join(opts.dir, `.tmp-${name}-${process.pid}`);
  try {
    // Holding the lock, no backup is being written: what a crashed one left goes.
    for (const n of await readdir(opts.dir)) if (n.startsWith('.tmp-')) await rm(path.join(opts.dir, n), { recursive: true, force: true });
    await mkdir(path.join(tmp, 'tables'), { recursive: true });
    const client = new pg.Client({ connectionString: opts.databaseUrl });
    await client.connect();
    let manifest: Manifest;
    let chosen: Awaited<ReturnType<typeof chooseMethod>>;
    try {
      chosen = await chooseMethod(opts, client);
      if (chosen.reason) opts.logger?.warn({ reason: chosen.reason }, 'backup: logical export instead of pg_dump');
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(SESSION_SETUP);
      const serverVersion = (await client.query<{ v: string }>('SHOW server_version')).rows[0]?.v ?? '';
      const migrations = (
        await client.query<{ n: string }>(
          `SELECT migration_name AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
        )
      ).rows.map((r) => r.n);
      const tables: Record<string, TableEntry> = {};
      let dump: Manifest['dump'];
      if (chosen.tool) {
        // pg_dump reads the very snapshot the checksums below are computed on.
        const snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
        for (const table of await listTables(client)) {
          const sum = (await client.query<{ rows: string; checksum: string }>(checksumSql(table))).rows[0];
          tables[table] = { rows: Number(sum?.rows ?? 0), checksum: sum?.checksum ?? '' };
        }
        const full = path.join(tmp, DUMP_FILE);
        await runPgTool(
          chosen.tool,
          [
            `--snapshot=${snapshot}`,
            '--format=custom',
            '--data-only',
            '--schema=public',
            '--exclude-table=public._prisma_migrations',
            '--no-owner',
            '--no-privileges',
            `--file=${full}`,
          ],
          { url: opts.databaseUrl },
        );
        dump = { file: DUMP_FILE, sha256: await sha256File(full), bytes: (await stat(full)).size, tool: chosen.tool.version };
      } else {
        for (const table of await listTables(client)) tables[table] = await exportTable(client, table, tmp);
      }
      const head = await client.query<{ hash: string | null }>(`SELECT hash FROM ${quoteIdent(AUDIT_TABLE)} ORDER BY seq DESC LIMIT 1`);
      await client.query('COMMIT');
      manifest = {
        format: BACKUP_FORMAT,
        name,
        createdAt: now.toISOString(),
        source: { embedded: opts.embedded, serverVersion },
        method: chosen.method,
        ...(dump ? { dump } : {}),
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
    if (await stat(final).catch(() => null)) throw new BackupError('BACKUP_FAILED', `${final} exists already`);
    await rename(tmp, final);
    const removed = await applyRetention(opts.dir, opts.retentionCount ?? 14, opts.retentionDays, now);
    opts.logger?.info({ backup: name, method: chosen.method, removed }, 'backup written');
    return { name, path: final, manifest, removed, method: chosen.method, fallbackReason: chosen.reason };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  } finally {
    await unlock();
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
