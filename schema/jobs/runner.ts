// The one job runner of the hub: every scheduled and background task (scheduled publication,
// legal and gazette sync, the daily backup, …) runs as a job of pg-boss on the hub's own
// PostgreSQL (server or embedded PGlite). pg-boss claims jobs with SELECT … FOR UPDATE SKIP
// LOCKED, so one job runs in one process however many replicas poll; an active job is a lease
// (`leaseSeconds`): when its worker dies, pg-boss's supervisor fails it on expiry and it is
// retried elsewhere with exponential backoff; a job out of retries stays `failed` (the dead
// letters operators see in `listJobs`). Recurring jobs are cut into slots (schedule.ts) whose
// job id is derived from the slot, so replicas that notice the same slot insert one job.
import { PgBoss, type Job } from 'pg-boss';
import type { Logger } from 'pino';
import { metrics } from '../observability/metrics.ts';
import { registerJobsProvider } from '../observability/operations.ts';
import { assertSchedule, describeSchedule, nextSlot, slotJobId, slotStart, type Schedule } from './schedule.ts';

export interface JobContext {
  /** The runner's clock at the start of the attempt (tests inject it). */
  now: Date;
  jobId: string;
  /** 0 for the first attempt. */
  attempt: number;
  /** The slot a recurring job was created for (ISO instant); null for a job sent on demand. */
  slot: string | null;
  data: Record<string, unknown>;
  /** Aborted when the lease expires or the runner stops. */
  signal: AbortSignal;
  logger: Logger;
}

export interface JobDefinition {
  /** Letters, digits, `_ . - /` (e.g. `portal.publish-due`). */
  name: string;
  /** Recurring: one job every N ms (slots aligned on the epoch). */
  everyMs?: number;
  /** Recurring: one job a day at HH:MM, Asia/Ho_Chi_Minh. */
  dailyAt?: string;
  /** Attempts after the first (default 3), spaced by exponential backoff from `retryDelaySeconds` (default 30). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How long an attempt may hold its lease before it is taken as crashed (default 900 s). */
  leaseSeconds?: number;
  /** What the job does; the value it returns is kept in the job's history. */
  run(ctx: JobContext): Promise<unknown>;
}

/** `retrying`: an attempt failed and the next waits its backoff; `dead`: out of retries. */
export type JobStateName = 'queued' | 'retrying' | 'running' | 'done' | 'dead' | 'cancelled';

export interface JobRecord {
  id: string;
  state: JobStateName;
  attempt: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  output: unknown;
}

export interface JobSummary {
  name: string;
  schedule: string | null;
  nextDueAt: Date | null;
  counts: Record<JobStateName, number>;
  last: JobRecord | null;
}

export interface JobRunnerOptions {
  url: string;
  jobs: JobDefinition[];
  logger: Logger;
  clock?: () => Date;
  /** Connections of the runner's own pool (default 2; 1 on the embedded database). */
  poolMax?: number;
  /** How often this process looks for due slots and polls for work; 0 = never (tests drive `runDue`). */
  pollMs?: number;
  /** Days a finished job stays in the history (default 7). */
  historyDays?: number;
  /** How often expired leases are looked for (default 60 s); a crashed worker's job waits its lease plus this. */
  superviseSeconds?: number;
  /** The PostgreSQL schema of pg-boss's tables (default `pgboss`). */
  schema?: string;
  /** Report to /metrics and the operator console (schema/observability/operations.ts; default true). */
  report?: boolean;
}

export interface JobRunner {
  readonly names: string[];
  /** Create the jobs of the slots that came due (idempotent across processes); returns their ids. */
  enqueueDue(): Promise<string[]>;
  /** Enqueue what is due, then run in this process every job that is ready, to the end (tests, `npm run` commands). */
  runDue(): Promise<JobRecord[]>;
  /** Enqueue a job on demand; null when an identical one is already waiting. */
  send(name: string, data?: Record<string, unknown>): Promise<string | null>;
  /** Fail expired leases now (pg-boss also does it on its own timer) so their jobs are retried. */
  supervise(): Promise<void>;
  /** Put a dead job back in the queue (an operator's retry). */
  retry(name: string, id: string): Promise<void>;
  listJobs(): Promise<JobSummary[]>;
  /** Failed attempts, newest first (dead jobs and those waiting to retry). */
  recentFailures(limit?: number): Promise<{ job: string; id: string; at: Date; state: JobStateName; error: string }[]>;
  history(name: string, limit?: number): Promise<JobRecord[]>;
  stop(): Promise<void>;
}

const STATES: Record<string, JobStateName> = {
  created: 'queued',
  retry: 'retrying',
  active: 'running',
  completed: 'done',
  failed: 'dead',
  cancelled: 'cancelled',
};
const emptyCounts = (): Record<JobStateName, number> => ({ queued: 0, retrying: 0, running: 0, done: 0, dead: 0, cancelled: 0 });

function scheduleOf(def: JobDefinition): Schedule | null {
  if (def.everyMs !== undefined && def.dailyAt !== undefined) throw new Error(`job ${def.name}: give everyMs or dailyAt, not both`);
  const s = def.everyMs !== undefined ? { everyMs: def.everyMs } : def.dailyAt !== undefined ? { dailyAt: def.dailyAt } : null;
  if (s) assertSchedule(def.name, s);
  return s;
}

const asOutput = (value: unknown): object => (value && typeof value === 'object' && !Array.isArray(value) ? value : { value: value ?? null });

/** Create pg-boss's tables ahead of time (test templates; a runner also does it at its first start). */
export async function installJobSchema(url: string, schema = 'pgboss'): Promise<void> {
  const boss = new PgBoss({ connectionString: url, max: 1, schema, schedule: false, supervise: false, registerInstance: false });
  await boss.start();
  await boss.stop({ graceful: false, close: true });
}

export async function startJobRunner(opts: JobRunnerOptions): Promise<JobRunner> {
  const schema = opts.schema ?? 'pgboss';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid job schema name ${schema}`);
  const clock = opts.clock ?? (() => new Date());
  const defs = new Map(opts.jobs.map((d) => [d.name, { def: d, schedule: scheduleOf(d) }]));
  if (defs.size !== opts.jobs.length) throw new Error('two jobs share a name');
  const logger = opts.logger.child({ component: 'jobs' });
  const boss = new PgBoss({
    connectionString: opts.url,
    max: opts.poolMax ?? 2,
    schema,
    application_name: 'cong-hub-jobs',
    // Recurring work is cut into slots here (with the injectable clock), not by pg-boss's cron.
    schedule: false,
    supervise: true,
    superviseIntervalSeconds: opts.superviseSeconds ?? 60,
    monitorIntervalSeconds: opts.superviseSeconds ?? 60,
  });
  boss.on('error', (err: unknown) => logger.error({ err }, 'job runner error'));
  await boss.start();
  const historySeconds = Math.round((opts.historyDays ?? 7) * 86_400);
  // The queues as they are, in one statement: a boot only writes those that are new or changed
  // (it used to read and rewrite each one, two round trips per job on every start).
  const existing = new Map((await boss.getQueues([...defs.keys()])).map((q) => [q.name, q]));
  for (const { def } of defs.values()) {
    // `stately`: at most one waiting and one running job per queue, so a slow job never piles up slots.
    const delay = def.retryDelaySeconds ?? 30;
    const queue = {
      retryLimit: def.retryLimit ?? 3,
      retryDelay: delay,
      // Backoff from the delay, at most an hour apart; a zero delay (tests) retries at once.
      retryBackoff: delay > 0,
      expireInSeconds: def.leaseSeconds ?? 900,
      deleteAfterSeconds: historySeconds,
    };
    const current = existing.get(def.name);
    if (!current) await boss.createQueue(def.name, { ...queue, policy: 'stately', ...(delay > 0 ? { retryDelayMax: 3_600 } : {}) });
    else if (Object.entries(queue).some(([k, v]) => current[k as keyof typeof queue] !== v)) await boss.updateQueue(def.name, queue);
  }

  const inFlight = new Set<Promise<unknown>>();
  const controllers = new Set<AbortController>();

  async function execute(def: JobDefinition, job: Job<Record<string, unknown>>): Promise<object> {
    const { __slot, __schedule: _schedule, __next: _next, ...data } = job.data ?? {};
    const controller = new AbortController();
    controllers.add(controller);
    job.signal?.addEventListener('abort', () => controller.abort(job.signal.reason));
    const ctx: JobContext = {
      now: clock(),
      jobId: job.id,
      attempt: job.retryCount,
      slot: typeof __slot === 'string' ? __slot : null,
      data,
      signal: controller.signal,
      logger: logger.child({ job: def.name, jobId: job.id, attempt: job.retryCount }),
    };
    try {
      const out = await def.run(ctx);
      ctx.logger.debug({ out }, 'job done');
      return asOutput(out);
    } catch (err) {
      ctx.logger.warn({ err }, 'job attempt failed');
      metrics.jobFailures.inc({ job: def.name });
      throw err;
    } finally {
      controllers.delete(controller);
    }
  }

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };

  async function enqueueDue(): Promise<string[]> {
    const now = clock();
    const created: string[] = [];
    for (const { def, schedule } of defs.values()) {
      if (!schedule) continue;
      const slot = slotStart(schedule, now);
      // The schedule and the next slot ride along, for operators (schema/jobs/inspect.ts).
      const data = { __slot: slot.toISOString(), __schedule: describeSchedule(schedule), __next: nextSlot(schedule, slot).toISOString() };
      const id = await boss.send(def.name, data, { id: slotJobId(def.name, slot) });
      if (id) created.push(id);
    }
    return created;
  }

  async function runReady(name: string): Promise<JobRecord[]> {
    const entry = defs.get(name);
    if (!entry) return [];
    const ran: JobRecord[] = [];
    for (;;) {
      const [job] = await boss.fetch<Record<string, unknown>>(name, { batchSize: 1 });
      if (!job) return ran;
      const attempt = { id: job.id, retryCount: job.retryCount };
      await track(
        execute(entry.def, job).then(
          (out) => boss.complete(name, attempt, out),
          (err: unknown) => boss.fail(name, attempt, { message: err instanceof Error ? err.message : String(err) }),
        ),
      );
      const [rec] = await history(name, 1, job.id);
      if (rec) ran.push(rec);
    }
  }

  async function history(name: string, limit = 20, id?: string, finishedOnly = false): Promise<JobRecord[]> {
    const where = [id ? 'AND id = $3' : '', finishedOnly ? `AND state IN ('completed', 'failed')` : ''].join(' ');
    const order = finishedOnly ? 'completed_on DESC' : 'created_on DESC';
    const { rows } = await boss
      .getDb()
      .executeSql(
        `SELECT id, state, retry_count, created_on, started_on, completed_on, output FROM ${schema}.job WHERE name = $1 ${where} ORDER BY ${order}, id LIMIT $2`,
        id ? [name, limit, id] : [name, limit],
      );
    return (rows as Record<string, unknown>[]).map((r) => ({
      id: String(r.id),
      state: STATES[String(r.state)] ?? 'queued',
      attempt: Number(r.retry_count),
      createdAt: new Date(r.created_on as string),
      startedAt: r.started_on ? new Date(r.started_on as string) : null,
      finishedAt: r.completed_on ? new Date(r.completed_on as string) : null,
      output: r.output ?? null,
    }));
  }

  async function recentFailures(limit = 10) {
    const { rows } = await boss
      .getDb()
      .executeSql(
        `SELECT name, id, state::text AS state, COALESCE(completed_on, started_on, created_on) AS at, output->>'message' AS error FROM ${schema}.job WHERE name = ANY($1) AND state IN ('failed', 'retry') AND output IS NOT NULL ORDER BY at DESC LIMIT $2`,
        [[...defs.keys()], limit],
      );
    return (rows as Record<string, string>[]).map((r) => ({
      job: r.name ?? '',
      id: r.id ?? '',
      at: new Date(r.at ?? 0),
      state: STATES[r.state ?? ''] ?? 'dead',
      error: r.error ?? '',
    }));
  }

  let timer: NodeJS.Timeout | undefined;
  const pollMs = opts.pollMs ?? 0;
  if (pollMs > 0) {
    for (const { def } of defs.values()) {
      await boss.work<Record<string, unknown>>(def.name, { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, pollMs / 1000) }, ([job]) =>
        job ? track(execute(def, job)) : Promise.resolve({}),
      );
    }
    const tick = () => void enqueueDue().catch((err: unknown) => logger.error({ err }, 'could not enqueue due jobs'));
    tick(); // catch up at boot: a slot missed while the hub was down runs now
    timer = setInterval(tick, pollMs);
    timer.unref();
  }

  const runner: JobRunner = {
    names: [...defs.keys()],
    enqueueDue,
    async runDue() {
      await enqueueDue();
      const all: JobRecord[] = [];
      for (const name of defs.keys()) all.push(...(await runReady(name)));
      return all;
    },
    async send(name, data = {}) {
      if (!defs.has(name)) throw new Error(`unknown job ${name}`);
      return boss.send(name, data);
    },
    supervise: () => boss.supervise(),
    async retry(name, id) {
      await boss.retry(name, id);
    },
    async listJobs() {
      const names = [...defs.keys()];
      const { rows } = await boss
        .getDb()
        .executeSql(`SELECT name, state::text AS state, count(*)::int AS n FROM ${schema}.job WHERE name = ANY($1) GROUP BY 1, 2`, [names]);
      const now = clock();
      return Promise.all(
        [...defs.values()].map(async ({ def, schedule }) => {
          const counts = emptyCounts();
          for (const r of rows as { name: string; state: string; n: number }[]) if (r.name === def.name) counts[STATES[r.state] ?? 'queued'] += r.n;
          const [last] = await history(def.name, 1, undefined, true);
          return {
            name: def.name,
            schedule: schedule ? describeSchedule(schedule) : null,
            nextDueAt: schedule ? nextSlot(schedule, now) : null,
            counts,
            last: last ?? null,
          };
        }),
      );
    },
    history: (name, limit) => history(name, limit),
    recentFailures,
    async stop() {
      clearInterval(timer);
      for (const c of controllers) c.abort(new Error('job runner stopping'));
      await Promise.allSettled([...inFlight]);
      await boss.stop({ graceful: true, close: true, timeout: 10_000 });
    },
  };
  if (opts.report ?? true) {
    registerJobsProvider(async () => {
      const total = { queued: 0, running: 0, failed: 0, dead: 0 };
      const jobs = await runner.listJobs();
      for (const j of jobs) {
        total.queued += j.counts.queued;
        total.running += j.counts.running;
        total.failed += j.counts.retrying;
        total.dead += j.counts.dead;
      }
      const failures = await recentFailures(10);
      return {
        counts: total,
        recentFailures: failures.map((f) => ({ job: f.job, at: f.at.toISOString(), error: f.error })),
        byJob: jobs.map((j) => ({ job: j.name, waiting: j.counts.queued + j.counts.retrying, running: j.counts.running, dead: j.counts.dead })),
      };
    });
  }
  return runner;
}
