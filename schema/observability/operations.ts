// What the job runner and the backup command report to operators, through one small hook: the
// runner (or backup module) registers a provider at boot; /metrics and the operator console read
// it. Until a provider is registered both say "not reported" instead of inventing zeros.
import { Gauge } from 'prom-client';
import { registry } from './metrics.ts';

export interface JobsSnapshot {
  /** Jobs by state, e.g. { queued: 3, running: 1, failed: 0, dead: 0 }. */
  counts: Record<'queued' | 'running' | 'failed' | 'dead', number>;
  /** Recent failures, newest first (name, when, error code): for the console. */
  recentFailures?: { job: string; at: string; error: string }[];
  /** Per job: waiting (queued + retrying) and dead letters. */
  byJob?: { job: string; waiting: number; running: number; dead: number }[];
}

export interface BackupsSnapshot {
  /** The newest complete backup, or null when none was ever written. */
  last: { at: string; name: string; bytes?: number; verified: boolean; verifiedAt?: string | null } | null;
}

interface Providers {
  jobs?: () => Promise<JobsSnapshot>;
  backups?: () => Promise<BackupsSnapshot>;
}

const providers: Providers = {};

export function registerJobsProvider(fn: () => Promise<JobsSnapshot>) {
  providers.jobs = fn;
}

export function registerBackupsProvider(fn: () => Promise<BackupsSnapshot>) {
  providers.backups = fn;
}

export const readJobs = async (): Promise<JobsSnapshot | null> => (providers.jobs ? providers.jobs() : null);
export const readBackups = async (): Promise<BackupsSnapshot | null> => (providers.backups ? providers.backups() : null);

new Gauge({
  name: 'hub_jobs',
  help: 'Jobs of the job runner by state (queued, running, failed, dead); absent until the runner reports.',
  labelNames: ['state'] as const,
  registers: [registry],
  async collect() {
    const snapshot = await readJobs().catch(() => null);
    if (!snapshot) return;
    for (const [state, n] of Object.entries(snapshot.counts)) this.set({ state }, n);
  },
});

new Gauge({
  name: 'hub_job_queue_depth',
  help: 'Jobs waiting to run (queued or waiting to retry), per job; absent until the runner reports.',
  labelNames: ['job'] as const,
  registers: [registry],
  async collect() {
    const snapshot = await readJobs().catch(() => null);
    this.reset();
    for (const j of snapshot?.byJob ?? []) this.set({ job: j.job }, j.waiting);
  },
});

new Gauge({
  name: 'hub_job_dead',
  help: 'Dead letters (jobs out of retries, until an operator retries them), per job.',
  labelNames: ['job'] as const,
  registers: [registry],
  async collect() {
    const snapshot = await readJobs().catch(() => null);
    this.reset();
    for (const j of snapshot?.byJob ?? []) this.set({ job: j.job }, j.dead);
  },
});

new Gauge({
  name: 'hub_backup_last_timestamp_seconds',
  help: 'When the newest complete backup was written (Unix seconds); absent until backups report.',
  labelNames: ['verified'] as const,
  registers: [registry],
  async collect() {
    const snapshot = await readBackups().catch(() => null);
    this.reset();
    if (!snapshot?.last) return;
    this.set({ verified: String(snapshot.last.verified) }, Date.parse(snapshot.last.at) / 1000);
  },
});
