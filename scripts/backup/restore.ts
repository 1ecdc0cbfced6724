// `npm run restore -- <backup> [--verify]`: checks the backup (manifest digest, every file's
// size and sha256), migrates an empty database to the same level, loads every table (FK checks
// and triggers off while loading, sequences moved past the restored ids), restores the file
// stores, then proves the copy: migrations, row counts and SQL checksums equal to the manifest,
// the audit chain intact with the recorded head. Any difference is a RESTORE_MISMATCH.
import { createReadStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { deployMigrations } from '../../schema/db/migrator.ts';
import { createPrisma } from '../../schema/db/prisma.ts';
import { verifyAuditChain } from '../../subgraphs/portal/editorial/audit-chain.ts';
import { BackupError, readVerifiedManifest, type Manifest } from './format.ts';
import { findPgTool, loadDumpThrough, runPgTool, serverMajor } from './pg-tools.ts';
import { checksumSql, listTables, quoteIdent, SESSION_SETUP } from './sql.ts';

export interface RestoreOptions {
  backupDir: string;
  /** An empty database (a scratch one for --verify). */
  targetUrl: string;
  /** Where to put the file stores back, by store name; stores not named are not restored. */
  fileStores?: Record<string, string>;
  /** The target is embedded PGlite (pg_restore cannot load it directly). */
  embeddedTarget?: boolean;
  /** Where pg_restore is (default: the PATH). */
  pgBinDir?: string;
}

export interface RestoreReport {
  backup: string;
  tables: number;
  rows: number;
  files: number;
  auditHead: string | null;
  /** How the rows went in: the logical files, pg_restore into the server, or pg_restore's SQL through the hub. */
  loader: 'logical' | 'pg_restore' | 'pg_restore-sql';
}

export async function restoreBackup(opts: RestoreOptions): Promise<{ manifest: Manifest; report: RestoreReport }> {
  const manifest = await readVerifiedManifest(opts.backupDir);
  const client = new pg.Client({ connectionString: opts.targetUrl });
  await client.connect();
  try {
    const existing = await listTables(client);
    if (existing.length) {
      const { rows } = await client.query<{ n: string }>(existing.map((t) => `SELECT count(*)::text AS n FROM ${quoteIdent(t)}`).join(' UNION ALL '));
      if (rows.some((r) => r.n !== '0')) throw new BackupError('RESTORE_TARGET_NOT_EMPTY', 'the target database holds data: restore into an empty database');
    }
    const applied = await deployMigrations(opts.targetUrl);
    const level = (
      await client.query<{ n: string }>(
        `SELECT migration_name AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
      )
    ).rows.map((r) => r.n);
    if (level.join() !== manifest.migrations.join()) {
      throw new BackupError(
        'RESTORE_MISMATCH',
        `the backup is at migration ${manifest.migrations.at(-1)}, this hub's code at ${level.at(-1)} (applied now: ${applied.length}); restore with the matching release`,
      );
    }
    const tables = await listTables(client);
    const unknown = Object.keys(manifest.tables).filter((t) => !tables.includes(t));
    if (unknown.length) throw new BackupError('RESTORE_MISMATCH', `tables in the backup but not in the schema: ${unknown.join(', ')}`);
    const dump = manifest.method === 'pg_dump' ? manifest.dump : undefined;
    let rows = 0;
    let loader: RestoreReport['loader'] = 'logical';
    const pgRestore = dump ? await findPgTool('pg_restore', opts.pgBinDir) : null;
    if (dump && !pgRestore) throw new BackupError('BACKUP_UNSUPPORTED', `a pg_dump backup (${dump.tool}) needs pg_restore, and none was found`);
    const direct = pgRestore && (await serverMajor(client)) === pgRestore.major && !opts.embeddedTarget;
    if (dump && pgRestore && direct) {
      // pg_restore loads the rows itself (COPY), triggers and foreign keys off, in one transaction.
      if (tables.length) await client.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')}`);
      await runPgTool(
        pgRestore,
        ['--data-only', '--disable-triggers', '--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', path.join(opts.backupDir, dump.file)],
        {
          url: opts.targetUrl,
        },
      );
      await resetSequences(client);
      rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
      loader = 'pg_restore';
    } else {
      await client.query('BEGIN');
      await client.query(SESSION_SETUP);
      // Rows are loaded as saved: foreign keys and triggers would see tables half-loaded.
      await client.query(`SET LOCAL session_replication_role = replica`);
      if (tables.length) await client.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')}`);
      if (dump && pgRestore) {
        // Another major version, or PGlite (no COPY over its socket): pg_restore reads, the hub inserts.
        rows = await loadDumpThrough(client, pgRestore, path.join(opts.backupDir, dump.file));
        loader = 'pg_restore-sql';
      } else {
        for (const [table, entry] of Object.entries(manifest.tables)) {
          if (!entry.file) throw new BackupError('BACKUP_TAMPERED', `table ${table} has no file in the manifest`);
          rows += await loadTable(client, table, path.join(opts.backupDir, entry.file));
        }
      }
      await resetSequences(client);
      await client.query('COMMIT');
    }
    for (const f of manifest.files) {
      const root = opts.fileStores?.[f.store];
      if (!root) continue;
      const dest = path.join(root, ...f.file.split('/').slice(2));
      await mkdir(path.dirname(dest), { recursive: true });
      await copyFile(path.join(opts.backupDir, f.file), dest);
    }
    return {
      manifest,
      report: {
        backup: manifest.name,
        tables: Object.keys(manifest.tables).length,
        rows,
        files: manifest.files.length,
        auditHead: manifest.audit.headHash,
        loader,
      },
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

async function loadTable(client: pg.Client, table: string, file: string): Promise<number> {
  const cols = (
    await client.query<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      [table],
    )
  ).rows.map((r) => quoteIdent(r.c));
  const insert = `INSERT INTO ${quoteIdent(table)} (${cols.join(', ')}) OVERRIDING SYSTEM VALUE SELECT ${cols.join(', ')} FROM json_populate_recordset(NULL::${quoteIdent(table)}, $1::json)`;
  let batch: string[] = [];
  let n = 0;
  const flush = async () => {
    if (!batch.length) return;
    await client.query(insert, [`[${batch.join(',')}]`]);
    n += batch.length;
    batch = [];
  };
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    batch.push(line);
    if (batch.length >= 500) await flush();
  }
  await flush();
  return n;
}

/** Serial and identity columns continue after the restored ids. */
async function resetSequences(client: pg.Client) {
  const { rows } = await client.query<{ t: string; c: string; s: string }>(
    `SELECT c.table_name AS t, c.column_name AS c, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS s
       FROM information_schema.columns c WHERE c.table_schema = 'public' AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
  );
  for (const r of rows) {
    await client.query(
      `SELECT setval($1, COALESCE((SELECT max(${quoteIdent(r.c)}) FROM ${quoteIdent(r.t)}), 1), (SELECT max(${quoteIdent(r.c)}) FROM ${quoteIdent(r.t)}) IS NOT NULL)`,
      [r.s],
    );
  }
}

export interface Verification {
  ok: true;
  tables: number;
  rows: number;
  auditChecked: number;
  auditHead: string | null;
}

/** Proves the restored database equals the manifest; throws RESTORE_MISMATCH on the first difference. */
export async function verifyRestored(targetUrl: string, manifest: Manifest): Promise<Verification> {
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect();
  let rows = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(SESSION_SETUP);
    for (const [table, entry] of Object.entries(manifest.tables)) {
      const got = (await client.query<{ rows: string; checksum: string }>(checksumSql(table))).rows[0];
      if (Number(got?.rows) !== entry.rows) throw new BackupError('RESTORE_MISMATCH', `${table}: ${got?.rows} rows restored, ${entry.rows} in the backup`);
      if (got?.checksum !== entry.checksum)
        throw new BackupError('RESTORE_MISMATCH', `${table}: checksum ${got?.checksum} differs from the backup's ${entry.checksum}`);
      rows += entry.rows;
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const prisma = createPrisma({ url: targetUrl, poolMax: 1 });
  try {
    const chain = await verifyAuditChain(prisma);
    if (!chain.intact) throw new BackupError('RESTORE_MISMATCH', `the audit chain is broken at seq ${chain.firstBreak?.seq} (${chain.firstBreak?.reason})`);
    if (chain.headHash !== manifest.audit.headHash)
      throw new BackupError('RESTORE_MISMATCH', `audit head ${chain.headHash} differs from the recorded ${manifest.audit.headHash}`);
    return { ok: true, tables: Object.keys(manifest.tables).length, rows, auditChecked: chain.checked, auditHead: chain.headHash };
  } finally {
    await prisma.$disconnect();
  }
}
