// What operators see of the job runner, read from pg-boss's tables in the hub's database (so any
// process answers, whichever runs the jobs): every queue (= job) with its retry policy, its jobs
// by state, its schedule and next slot (recorded by the runner in each slot's job), its history,
// and recent failures. Used by the graph (portal's `operatorJobs`) and the console through it.
export type JobState = 'queued' | 'retrying' | 'running' | 'done' | 'dead' | 'cancelled';

/** pg-boss states as the hub names them (`failed` = out of retries = a dead letter). */
export const JOB_STATES: Record<string, JobState> = {
  created: 'queued',
  retry: 'retrying',
  active: 'running',
  completed: 'done',
  failed: 'dead',
  cancelled: 'cancelled',
};

/** Runs one SQL statement with positional parameters ($1…), answering its rows. */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface JobRun {
  id: string;
  job: string;
  state: JobState;
  attempt: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The slot a recurring job ran for; null for one sent on demand. */
  slot: Date | null;
  /** The failure's message (dead and retrying jobs). */
  error: string | null;
  /** What the job returned (JSON), for a finished job. */
  output: unknown;
}

export interface JobOverview {
  name: string;
  /** e.g. "every 30000 ms", "daily at 02:00 (Asia/Ho_Chi_Minh)"; null until a recurring slot was queued. */
  schedule: string | null;
  nextDueAt: Date | null;
  retryLimit: number;
  leaseSeconds: number;
  counts: Record<JobState, number>;
  lastRun: JobRun | null;
}

const SCHEMA = /^[a-z_][a-z0-9_]*$/;
const emptyCounts = (): Record<JobState, number> => ({ queued: 0, retrying: 0, running: 0, done: 0, dead: 0, cancelled: 0 });
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

const RUN_COLUMNS = `id::text AS id, name, state::text AS state, retry_count, created_on, started_on, completed_on, data->>'__slot' AS slot, output`;

function toRun(r: Record<string, unknown>): JobRun {
  const state = JOB_STATES[String(r.state)] ?? 'queued';
  const output = (r.output ?? null) as Record<string, unknown> | null;
  const failed = state === 'dead' || state === 'retrying';
  return {
    id: String(r.id),
    job: String(r.name),
    state,
    attempt: Number(r.retry_count ?? 0),
    createdAt: new Date(r.created_on as string),
    startedAt: date(r.started_on),
    finishedAt: date(r.completed_on),
    slot: date(r.slot),
    error: failed && output && typeof output.message === 'string' ? output.message : null,
    output: state === 'done' ? output : null,
  };
}

async function installed(sql: SqlRunner, schema: string): Promise<boolean> {
  if (!SCHEMA.test(schema)) throw new Error(`invalid job schema name ${schema}`);
  const [row] = await sql(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`${schema}.queue`]);
  return row?.ok === true;
}

export async function readJobOverview(sql: SqlRunner, schema = 'pgboss'): Promise<JobOverview[]> {
  if (!(await installed(sql, schema))) return [];
  const queues = await sql(`SELECT name, retry_limit, expire_seconds FROM ${schema}.queue ORDER BY name`, []);
  if (!queues.length) return [];
  // Sequential: the embedded database has one connection.
  const counts = await sql(`SELECT name, state::text AS state, count(*)::int AS n FROM ${schema}.job GROUP BY 1, 2`, []);
  // The newest slot job of each queue carries the schedule and the next slot.
  const latest = await sql(
    `SELECT DISTINCT ON (name) name, data->>'__schedule' AS schedule, data->>'__next' AS next FROM ${schema}.job
      WHERE data->>'__schedule' IS NOT NULL ORDER BY name, created_on DESC`,
    [],
  );
  const last = await sql(
    `SELECT DISTINCT ON (name) ${RUN_COLUMNS} FROM ${schema}.job WHERE state IN ('completed', 'failed') ORDER BY name, completed_on DESC, id`,
    [],
  );
  return queues.map((q) => {
    const name = String(q.name);
    const c = emptyCounts();
    for (const r of counts) if (r.name === name) c[JOB_STATES[String(r.state)] ?? 'queued'] += Number(r.n);
    const s = latest.find((r) => r.name === name);
    const l = last.find((r) => r.name === name);
    return {
      name,
      schedule: (s?.schedule as string | null) ?? null,
      nextDueAt: date(s?.next),
      retryLimit: Number(q.retry_limit),
      leaseSeconds: Number(q.expire_seconds),
      counts: c,
      lastRun: l ? toRun(l) : null,
    };
  });
}

/** One job's runs, newest first. */
export async function readJobHistory(sql: SqlRunner, name: string, limit: number, schema = 'pgboss'): Promise<JobRun[]> {
  if (!(await installed(sql, schema))) return [];
  const rows = await sql(`SELECT ${RUN_COLUMNS} FROM ${schema}.job WHERE name = $1 ORDER BY created_on DESC, id LIMIT $2`, [name, limit]);
  return rows.map(toRun);
}

/** Failed attempts, newest first: dead letters and jobs waiting to retry. */
export async function readJobFailures(sql: SqlRunner, limit: number, schema = 'pgboss'): Promise<JobRun[]> {
  if (!(await installed(sql, schema))) return [];
  const rows = await sql(
    `SELECT ${RUN_COLUMNS} FROM ${schema}.job WHERE state IN ('failed', 'retry') AND output IS NOT NULL
      ORDER BY COALESCE(completed_on, started_on, created_on) DESC, id LIMIT $1`,
    [limit],
  );
  return rows.map(toRun);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An operator's retry of a dead job: back to `retrying` with one more attempt allowed, due now
 * (the statement pg-boss's own `retry()` runs). Answers the run, or null when no dead job of
 * that name has that id.
 */
export async function retryDeadJob(sql: SqlRunner, name: string, id: string, schema = 'pgboss'): Promise<JobRun | null> {
  if (!UUID.test(id) || !(await installed(sql, schema))) return null;
  const rows = await sql(
    `UPDATE ${schema}.job SET state = 'retry', retry_limit = retry_limit + 1, completed_on = NULL, start_after = GREATEST(start_after, ${schema}.job_now())
      WHERE name = $1 AND id = $2::uuid AND state = 'failed' RETURNING ${RUN_COLUMNS}`,
    [name, id],
  );
  return rows[0] ? toRun(rows[0]) : null;
}
