// The hub's backup format (R-8): a directory written atomically under BACKUP_DIR, the same for
// the embedded and the server database, so either restores into the other.
//   manifest.json     what was saved: migration level, per-table row counts and SQL checksums,
//                     the audit chain's head hash, every data and file-store file with its sha256
//   manifest.sha256   sha256 of manifest.json (a changed manifest is refused)
//   tables/<t>.jsonl.gz   one JSON object per row (row_to_json), gzip — the logical export, or
//   database.dump     a `pg_dump -Fc --data-only` of the same snapshot (method `pg_dump`: a
//                     server whose major version matches the pg_dump on the PATH)
//   files/<store>/…   copies of the file stores (PORTAL_FILES_DIR, LEGAL_FILES_DIR)
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export const BACKUP_FORMAT = 'cong-hub-backup/1';

export interface TableEntry {
  rows: number;
  /** md5 over the md5 of every row's text, sorted: computed in SQL, the same on any PostgreSQL. */
  checksum: string;
  /** The table's rows (logical export); absent when they are in the pg_dump file. */
  file?: string;
  sha256?: string;
  bytes?: number;
}

/** How the rows were saved: `logical` (tables/*.jsonl.gz) or `pg_dump` (database.dump, custom format). */
export type BackupMethod = 'logical' | 'pg_dump';

export interface StoredFile {
  store: string;
  /** Path inside the backup directory. */
  file: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  name: string;
  createdAt: string;
  source: { embedded: boolean; serverVersion: string };
  /** Absent in backups written before pg_dump support: `logical`. */
  method?: BackupMethod;
  /** With method `pg_dump`: the dump of every table's rows, and the pg_dump that wrote it. */
  dump?: { file: string; sha256: string; bytes: number; tool: string };
  migrations: string[];
  tables: Record<string, TableEntry>;
  audit: { rows: number; headHash: string | null };
  files: StoredFile[];
}

/** Why a backup or a restore was refused; `code` is stable (README "Operations"). */
export class BackupError extends Error {
  constructor(
    readonly code:
      | 'BACKUP_NOT_FOUND'
      | 'BACKUP_INCOMPLETE'
      | 'BACKUP_TAMPERED'
      | 'BACKUP_UNSUPPORTED'
      | 'BACKUP_LOCKED'
      | 'BACKUP_FAILED'
      | 'RESTORE_MISMATCH'
      | 'RESTORE_TARGET_NOT_EMPTY',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Every file named by the manifest is there, whole and unchanged; else a BackupError. */
export async function readVerifiedManifest(dir: string): Promise<Manifest> {
  const raw = await readFile(path.join(dir, 'manifest.json')).catch(() => null);
  if (!raw) throw new BackupError('BACKUP_NOT_FOUND', `no manifest.json in ${dir}`);
  const recorded = (await readFile(path.join(dir, 'manifest.sha256'), 'utf8').catch(() => '')).trim();
  if (!recorded) throw new BackupError('BACKUP_INCOMPLETE', 'manifest.sha256 is missing');
  if (recorded !== sha256(raw)) throw new BackupError('BACKUP_TAMPERED', 'manifest.json does not match manifest.sha256');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(raw.toString('utf8')) as Manifest;
  } catch {
    throw new BackupError('BACKUP_TAMPERED', 'manifest.json is not valid JSON');
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError('BACKUP_UNSUPPORTED', `format ${String(manifest.format)} (this hub reads ${BACKUP_FORMAT})`);
  const method = manifest.method ?? 'logical';
  if (method !== 'logical' && method !== 'pg_dump') throw new BackupError('BACKUP_UNSUPPORTED', `method ${String(method)}`);
  if (method === 'pg_dump' && !manifest.dump) throw new BackupError('BACKUP_TAMPERED', 'a pg_dump backup whose manifest names no dump file');
  const tableFiles = Object.entries(manifest.tables).map(([table, t]) => {
    if (method === 'logical' && (!t.file || !t.sha256 || t.bytes === undefined))
      throw new BackupError('BACKUP_TAMPERED', `table ${table} has no file in the manifest`);
    return t.file ? { file: t.file, sha256: t.sha256 ?? '', bytes: t.bytes ?? -1 } : null;
  });
  const entries = [...tableFiles.filter((e) => e !== null), ...(manifest.dump ? [manifest.dump] : []), ...manifest.files];
  for (const e of entries) {
    const full = path.resolve(dir, e.file);
    if (!full.startsWith(path.resolve(dir) + path.sep)) throw new BackupError('BACKUP_TAMPERED', `${e.file} points outside the backup`);
    const info = await stat(full).catch(() => null);
    if (!info) throw new BackupError('BACKUP_INCOMPLETE', `${e.file} is missing`);
    if (info.size !== e.bytes)
      throw new BackupError(
        info.size < e.bytes ? 'BACKUP_INCOMPLETE' : 'BACKUP_TAMPERED',
        `${e.file} has ${info.size} bytes, the manifest says ${e.bytes} (truncated or changed)`,
      );
    if ((await sha256File(full)) !== e.sha256) throw new BackupError('BACKUP_TAMPERED', `${e.file} does not match its sha256 in the manifest`);
  }
  return manifest;
}
