// Settings of backups, read once:
//   BACKUP_DIR               where backups are written (default .data/backups)
//   BACKUP_AT                daily backup time, HH:MM Asia/Ho_Chi_Minh (default 02:00; "off" = no daily job;
//                            off by default under NODE_ENV=test)
//   BACKUP_RETENTION_COUNT   backups kept (default 14; the newest is always kept)
//   BACKUP_RETENTION_DAYS    also remove backups older than this (default: no age limit)
//   BACKUP_METHOD            auto (default: pg_dump -Fc on a server when a pg_dump of its major
//                            version is found, else the logical export), pg_dump (required), logical
//   BACKUP_PG_BIN_DIR        where pg_dump and pg_restore are (default: the PATH)
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  BACKUP_DIR: z.string().optional(),
  BACKUP_AT: z
    .string()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d|off)$/, 'BACKUP_AT must be HH:MM or off')
    .optional(),
  BACKUP_RETENTION_COUNT: z.coerce.number().int().min(1).default(14),
  BACKUP_RETENTION_DAYS: z.coerce.number().positive().optional(),
  BACKUP_METHOD: z.enum(['auto', 'pg_dump', 'logical']).default('auto'),
  BACKUP_PG_BIN_DIR: z.string().min(1).optional(),
  PORTAL_FILES_DIR: z.string().default('.data/files'),
  LEGAL_FILES_DIR: z.string().default('.data/legal-files'),
});

export interface BackupConfig {
  dir: string;
  dailyAt: string | null;
  retentionCount: number;
  retentionDays?: number;
  method: 'auto' | 'pg_dump' | 'logical';
  pgBinDir?: string;
  fileStores: Record<string, string>;
}

export function readBackupConfig(env: NodeJS.ProcessEnv = process.env): BackupConfig {
  const e = schema.parse(env);
  const at = e.BACKUP_AT ?? (e.NODE_ENV === 'test' ? 'off' : '02:00');
  return {
    dir: path.resolve(e.BACKUP_DIR ?? '.data/backups'),
    dailyAt: at === 'off' ? null : at,
    retentionCount: e.BACKUP_RETENTION_COUNT,
    retentionDays: e.BACKUP_RETENTION_DAYS,
    method: e.BACKUP_METHOD,
    pgBinDir: e.BACKUP_PG_BIN_DIR,
    fileStores: { portal: path.resolve(e.PORTAL_FILES_DIR), legal: path.resolve(e.LEGAL_FILES_DIR) },
  };
}
