// A job runner in a process of its own, for the multi-process tests (test/e2e/jobs.test.ts):
//   JOB_MODE=probe  run the recurring `probe` job (every second), appending "<slot> <pid>" to
//                   JOB_PROBE_FILE for each run (a record kept outside the database it tests)
//                   and printing "RAN <slot>" (what the test waits for, instead of polling)
//   JOB_MODE=hang   claim one `hang` job, print "CLAIMED <id>", and never finish (to be killed)
import { appendFile } from 'node:fs/promises';
import { pino } from 'pino';
import { startJobRunner } from '../../../schema/jobs/runner.ts';

const url = process.env.JOB_DATABASE_URL ?? '';
const mode = process.env.JOB_MODE;
const logger = pino({ level: 'silent' });

if (mode === 'probe') {
  const runner = await startJobRunner({
    url,
    logger,
    poolMax: 1,
    pollMs: 500,
    jobs: [
      {
        name: 'probe',
        everyMs: 1_000,
        async run(ctx) {
          await appendFile(process.env.JOB_PROBE_FILE ?? '', `${ctx.slot} ${process.pid}\n`);
          console.log(`RAN ${ctx.slot}`);
          return { pid: process.pid };
        },
      },
    ],
  });
  console.log('READY');
  process.once('SIGTERM', async () => {
    await runner.stop();
    process.exit(0);
  });
} else if (mode === 'hang') {
  const runner = await startJobRunner({
    url,
    logger,
    poolMax: 1,
    jobs: [
      {
        name: 'hang',
        leaseSeconds: 1,
        retryDelaySeconds: 0,
        run: (ctx) => {
          console.log(`CLAIMED ${ctx.jobId}`);
          return new Promise(() => {}); // holds the lease until the process is killed
        },
      },
    ],
  });
  await runner.runDue();
} else {
  console.error('JOB_MODE must be probe or hang');
  process.exit(2);
}
