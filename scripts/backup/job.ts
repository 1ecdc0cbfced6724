// The daily backup as a job of the hub's runner (once a day across replicas, at BACKUP_AT in
// Asia/Ho_Chi_Minh), and what operators see of backups (/metrics, the console).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobDefinition } from '../../schema/jobs/runner.ts';
import { registerBackupsProvider, type BackupsSnapshot } from '../../schema/observability/operations.ts';
import type { BackupConfig } from './config.ts';
import type { Manifest } from './format.ts';
import { listBackups, writeBackup } from './snapshot.ts';

export const BACKUP_JOB = 'hub.backup';

export function backupJobs(database: { url: string; embedded: boolean }, config: BackupConfig): JobDefinition[] {
  registerBackupsProvider(() => latestBackup(config.dir));
  if (!config.dailyAt) return [];
  return [
    {
      name: BACKUP_JOB,
      dailyAt: config.dailyAt,
      leaseSeconds: 3_600,
      retryLimit: 2,
      retryDelaySeconds: 300,
      async run(ctx) {
        const r = await writeBackup({
          databaseUrl: database.url,
          embedded: database.embedded,
          dir: config.dir,
          fileStores: config.fileStores,
          retentionCount: config.retentionCount,
          retentionDays: config.retentionDays,
          method: config.method,
          pgBinDir: config.pgBinDir,
          now: () => ctx.now,
          logger: ctx.logger,
        });
        return {
          name: r.name,
          method: r.method,
          fallbackReason: r.fallbackReason,
          tables: Object.keys(r.manifest.tables).length,
          files: r.manifest.files.length,
          removed: r.removed,
        };
      },
    },
  ];
}

/** The newest complete backup, and whether `npm run restore -- … --verify` proved it. */
export async function latestBackup(dir: string): Promise<BackupsSnapshot> {
  const [name] = await listBackups(dir);
  if (!name) return { last: null };
  const manifest = JSON.parse(await readFile(path.join(dir, name, 'manifest.json'), 'utf8')) as Manifest;
  const verification = await readFile(path.join(dir, name, 'verification.json'), 'utf8')
    .then((t) => JSON.parse(t) as { ok?: boolean; verifiedAt?: string })
    .catch(() => null);
  return { last: { at: manifest.createdAt, name, verified: verification?.ok === true, verifiedAt: verification?.verifiedAt ?? null } };
}
