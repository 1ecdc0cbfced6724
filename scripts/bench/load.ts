// Parent side of the load generator: one child process for the whole bench (see load-child.ts),
// jobs sent over IPC. The child is killed when the bench stops or this process exits.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ChildReply, ChildRequest, LatencyStats, LoadJob, SliceResult } from './protocol.ts';

const CHILD = path.join(import.meta.dirname, 'load-child.ts');
const ROOT = path.resolve(import.meta.dirname, '../..');

type Pending = { resolve: (v: SliceResult | LatencyStats) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class LoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited = false;
  private readonly killOnExit = () => this.child.kill('SIGKILL');

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (msg: ChildReply) => {
      if (!('id' in msg)) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`load generator: ${msg.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      process.off('exit', this.killOnExit);
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error(`load generator exited (${signal ?? code})`));
      }
      this.pending.clear();
    });
    process.on('exit', this.killOnExit);
  }

  /** Start the child (Node of this process, TypeScript through tsx) and wait until it is ready. */
  static async start(cpu?: number): Promise<LoadGenerator> {
    // Pinned to one core with taskset when asked (the peer bench keeps core 0 for the gateway).
    const pinned = cpu !== undefined && process.platform === 'linux';
    const child = fork(CHILD, [], {
      cwd: ROOT,
      execPath: pinned ? 'taskset' : process.execPath,
      execArgv: [...(pinned ? ['-c', String(cpu), process.execPath] : []), '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const gen = new LoadGenerator(child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('load generator did not start within 30 s')), 30_000);
      child.on('message', (msg: ChildReply) => {
        if ('type' in msg && msg.type === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`load generator exited before it was ready (${code})`));
      });
    }).catch(async (err: unknown) => {
      await gen.close();
      throw err;
    });
    return gen;
  }

  run(job: LoadJob): Promise<SliceResult> {
    return this.request({ id: 0, type: 'run', job }, (job.seconds + 30) * 1000) as Promise<SliceResult>;
  }

  stats(key: string): Promise<LatencyStats> {
    return this.request({ id: 0, type: 'stats', key }, 10_000) as Promise<LatencyStats>;
  }

  private request(msg: ChildRequest, timeoutMs: number): Promise<SliceResult | LatencyStats> {
    if (this.exited) return Promise.reject(new Error('load generator is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`load generator did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child.send({ ...msg, id });
    });
  }

  /** Disconnect (the child exits by itself), then kill it if it lingers. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
}
