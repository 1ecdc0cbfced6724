// npm start: the whole hub on this machine, with demo data.
import { existsSync } from 'node:fs';
import { startHub, type RunningHub } from './hub.ts';

// A local .env (see .env.example) is read once at boot; real environments set variables directly.
if (existsSync('.env')) process.loadEnvFile('.env');

let stopping = false;
// Ctrl-C / SIGTERM once the hub answers: drain and stop (waiting for the end of the boot if the
// job runner is still starting). Before that, the default: the process ends at once.
const onSignals = (started: Promise<RunningHub>) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: draining and stopping…`);
      const hub = await started.catch((err: unknown) => console.error(err));
      if (hub) await hub.stop().catch((err: unknown) => console.error(err));
      process.exit(0);
    });
  }
};

// The banner is printed as soon as the gateway answers; the job runner starts after it (the
// deferred boot syncs then run in the background), and startHub returns once it has.
const started: Promise<RunningHub> = startHub({
  onServing: ({ url, database }) => {
    onSignals(started);
    const base = url.replace(/\/graphql$/, '');
    console.log(
      `\nCổng hub is running.\n  GraphQL endpoint: ${url}\n  GraphQL IDE:      ${base}/ide/\n  Health:           ${base}/health  ·  ${base}/ready\n  Database:         ${database.embedded ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL server'}\n`,
    );
  },
});
await started;
