// Settings of the job runner, read once at boot:
//   JOBS_POLL_MS            how often a process looks for due and queued jobs (default 2000;
//                           0 = this process runs no jobs, e.g. a replica that only serves;
//                           0 by default under NODE_ENV=test, where tests call runDue())
//   JOBS_SUPERVISE_SECONDS  how often expired leases (crashed workers) are looked for (default 60)
//   JOBS_HISTORY_DAYS       how long finished jobs are kept as history (default 7)
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  JOBS_POLL_MS: z.coerce.number().int().min(0).optional(),
  JOBS_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  JOBS_HISTORY_DAYS: z.coerce.number().min(1).max(365).default(7),
});

export interface JobsConfig {
  pollMs: number;
  superviseSeconds: number;
  historyDays: number;
}

export function readJobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  const e = schema.parse(env);
  const pollMs = e.JOBS_POLL_MS ?? (e.NODE_ENV === 'test' ? 0 : 2_000);
  if (pollMs > 0 && pollMs < 500) throw new Error('JOBS_POLL_MS must be 0 or at least 500');
  return { pollMs, superviseSeconds: e.JOBS_SUPERVISE_SECONDS, historyDays: e.JOBS_HISTORY_DAYS };
}
