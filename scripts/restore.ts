// npm run restore -- <backup dir | latest> --verify [--embedded]
//   Checks the backup, restores it into a scratch database (a new database on DATABASE_URL's
//   server, or embedded PGlite with --embedded or without DATABASE_URL), proves it against the
//   manifest, runs smoke queries through a gateway on it, and drops the scratch copy.
// npm run restore -- <backup dir | latest> --into <postgresql url>
//   Restores into an empty database (the real recovery), then proves it the same way.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readBackupConfig } from './backup/config.ts';
import { BackupError } from './backup/format.ts';
import { restoreBackup, verifyRestored } from './backup/restore.ts';
import { listBackups } from './backup/snapshot.ts';
import { verifyBackup } from './backup/verify.ts';
import { contentChanged, contentVersionReady, useRedisContentVersion } from '../schema/cache/content-version.ts';

if (existsSync('.env')) process.loadEnvFile('.env');
const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--'));
const into = args.includes('--into') ? args[args.indexOf('--into') + 1] : undefined;
if (!which || (!args.includes('--verify') && !into)) {
  console.error(
    'usage: npm run restore -- <backup dir | latest> --verify [--embedded]\n       npm run restore -- <backup dir | latest> --into <postgresql url>',
  );
  process.exit(2);
}
const config = readBackupConfig();
const dir = which === 'latest' ? path.join(config.dir, (await listBackups(config.dir))[0] ?? '(none)') : path.resolve(which);
try {
  if (into) {
    const { manifest, report } = await restoreBackup({ backupDir: dir, targetUrl: into, fileStores: config.fileStores, pgBinDir: config.pgBinDir });
    const proof = await verifyRestored(into, manifest);
    // Every answer the gateways cached is of the data before the restore (schema/cache/content-version.ts).
    const versions = useRedisContentVersion(process.env.REDIS_URL);
    await contentVersionReady();
    await contentChanged('restore');
    await versions.close();
    console.log(
      `restored ${report.backup} (${report.loader}): ${proof.tables} tables, ${proof.rows} rows, ${report.files} files; checksums and audit chain verified`,
    );
  } else {
    const serverUrl = process.env.DATABASE_URL;
    const target = args.includes('--embedded') || !serverUrl ? ('embedded' as const) : { serverUrl };
    const result = await verifyBackup({ backupDir: dir, target, pgBinDir: config.pgBinDir });
    console.log(
      `backup ${result.backup} verified on a scratch ${result.target} database: ${result.tables} tables, ${result.rows} rows, checksums equal, audit chain intact (${result.auditChecked} links, head ${result.auditHead ?? 'none'}), smoke: ${result.smoke.join(', ')}`,
    );
  }
} catch (err) {
  console.error(err instanceof BackupError ? `refused: ${err.message}` : err);
  process.exitCode = 1;
}
