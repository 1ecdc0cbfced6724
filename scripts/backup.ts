// npm run backup: one snapshot of the database and the file stores into BACKUP_DIR (R-8).
// The embedded database is single-process: with `npm start` running, its daily job backs up.
import { existsSync } from 'node:fs';
import { openDatabase } from '../schema/db/database.ts';
import { deployMigrations } from '../schema/db/migrator.ts';
import { readBackupConfig } from './backup/config.ts';
import { BackupError } from './backup/format.ts';
import { writeBackup } from './backup/snapshot.ts';

if (existsSync('.env')) process.loadEnvFile('.env');
const config = readBackupConfig();
const db = await openDatabase();
try {
  if (db.embedded) await deployMigrations(db.url); // an embedded directory never opened by the hub
  const result = await writeBackup({
    databaseUrl: db.url,
    embedded: db.embedded,
    dir: config.dir,
    fileStores: config.fileStores,
    retentionCount: config.retentionCount,
    retentionDays: config.retentionDays,
    method: config.method,
    pgBinDir: config.pgBinDir,
  });
  const rows = Object.values(result.manifest.tables).reduce((n, t) => n + t.rows, 0);
  console.log(
    `backup written: ${result.path} (${result.method}${result.fallbackReason ? `: ${result.fallbackReason}` : ''})\n  tables ${Object.keys(result.manifest.tables).length}, rows ${rows}, files ${result.manifest.files.length}, audit head ${result.manifest.audit.headHash ?? '(none)'}`,
  );
  if (result.removed.length) console.log(`  removed by retention: ${result.removed.join(', ')}`);
} catch (err) {
  console.error(err instanceof BackupError ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}
