// The job runner across processes on one database: two worker processes racing for the same
// recurring slots run each slot once, and a job whose worker is killed (SIGKILL, holding the
// lease) is taken over by another process once the lease expires.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '../../schema/jobs/runner.ts';
import { createTestDatabase, type TestDatabase } from '../harness/db.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let db: TestDatabase;
let dir: string;
const children: ChildProcess[] = [];

function worker(mode: 'probe' | 'hang', extra: Record<string, string> = {}) {
  const env = { ...process.env, JOB_MODE: mode, JOB_DATABASE_URL: db.url, ...extra };
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a child process, so
  // a SIGKILL would reach only the CLI and leave the real worker holding its lease (and the run open).
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/support/job-worker.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

/** Resolves with the first stdout line matching `re`. */
function line(child: ChildProcess, re: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = re.exec(buf);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before printing ${re}`)));
  });
}

/** Resolves once the children together have printed `n` lines matching `re` (no polling). */
function lines(children: ChildProcess[], re: RegExp, n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    for (const child of children) {
      let buf = '';
      child.stdout?.on('data', (d: Buffer) => {
        buf += d.toString();
        const parts = buf.split('\n');
        buf = parts.pop() ?? '';
        seen += parts.filter((l) => re.test(l)).length;
        if (seen >= n) resolve();
      });
      child.once('exit', (code) => seen < n && reject(new Error(`a worker exited (${code}) after ${seen} of ${n} lines ${re}`)));
    }
  });
}

/** Polls `probe` until it answers (for what only the database's own clock decides: a lease's expiry). */
async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-jobs-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('two worker processes on one database', () => {
  it('run every recurring slot exactly once between them', async () => {
    const file = path.join(dir, 'probe.log');
    const a = worker('probe', { JOB_PROBE_FILE: file });
    const b = worker('probe', { JOB_PROBE_FILE: file });
    const ran = lines([a, b], /^RAN /, 6);
    await Promise.all([line(a, /READY/), line(b, /READY/)]);
    const read = async () => (await readFile(file, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
    // Both poll every 500 ms for 1 s slots: every slot is contended. Waits for the runs they report.
    await ran;
    a.kill('SIGTERM');
    b.kill('SIGTERM');
    await Promise.all([a, b].map((c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r(null)))));
    const runs = await read();
    const slots = runs.map((r) => r.split(' ')[0]);
    expect(slots.length).toBeGreaterThanOrEqual(6);
    expect(new Set(slots).size).toBe(slots.length);
  }, 120_000); // two processes start under tsx: slow on a loaded machine, so no tight deadline

  it('take over a job whose worker was killed while holding its lease', async () => {
    const logger = pino({ level: 'silent' });
    let takenOver: { attempt: number; jobId: string } | undefined;
    const runner = await startJobRunner({
      url: db.url,
      logger,
      poolMax: 1,
      superviseSeconds: 1,
      jobs: [{ name: 'hang', leaseSeconds: 1, retryDelaySeconds: 0, run: async (ctx) => (takenOver = { attempt: ctx.attempt, jobId: ctx.jobId }) }],
    });
    try {
      const id = await runner.send('hang');
      const child = worker('hang');
      const [, claimed] = await line(child, /CLAIMED (\S+)/);
      expect(claimed).toBe(id);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect((await runner.listJobs())[0]?.counts.running).toBe(1); // the dead worker's lease is still held

      await until(
        'the lease to expire and the job to run here',
        async () => {
          await runner.supervise();
          await runner.runDue();
          return takenOver;
        },
        90_000,
      );
      expect(takenOver).toEqual({ attempt: 1, jobId: id });
      const [record] = await runner.history('hang');
      expect(record).toMatchObject({ id, state: 'done', attempt: 1 });
    } finally {
      await runner.stop();
    }
  }, 120_000);
});
