// One backup at a time per BACKUP_DIR: `npm run backup`, the daily job and a second replica all
// take `BACKUP_DIR/.lock` (created with O_EXCL, so exactly one wins) before writing, whichever
// database (server or embedded) they back up. The lock names its holder; a lock whose process is
// gone (same host), or older than `staleMs` (another host), is taken over.
import { hostname } from 'node:os';
import { open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './format.ts';

export interface LockHolder {
  pid: number;
  host: string;
  at: string;
}

export const LOCK_FILE = '.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock or throw BACKUP_LOCKED; the returned function releases it. */
export async function lockBackups(dir: string, opts: { now?: Date; staleMs?: number } = {}): Promise<() => Promise<void>> {
  const file = path.join(dir, LOCK_FILE);
  const now = opts.now ?? new Date();
  const me: LockHolder = { pid: process.pid, host: hostname(), at: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(JSON.stringify(me));
      await fh.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readFile(file, 'utf8')
      .then((t) => JSON.parse(t) as LockHolder)
      .catch(() => null);
    const age = Date.now() - ((await stat(file).catch(() => null))?.mtimeMs ?? Date.now());
    const stale = holder ? (holder.host === me.host ? !alive(holder.pid) : age > (opts.staleMs ?? 6 * 3_600_000)) : age > 60_000; // unreadable: a holder that died between creating and writing it
    if (!stale || attempt > 0) {
      throw new BackupError(
        'BACKUP_LOCKED',
        holder
          ? `another backup is being written into ${dir} (process ${holder.pid} on ${holder.host}, since ${holder.at}); try again when it ends`
          : `another backup is being written into ${dir} (${file} exists)`,
      );
    }
    await rm(file, { force: true });
  }
  throw new BackupError('BACKUP_LOCKED', `could not take ${file}`);
}
