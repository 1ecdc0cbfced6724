// npm start: the whole hub on this machine, with demo data.
import { existsSync } from 'node:fs';
import { startHub } from './hub.ts';

// A local .env (see .env.example) is read once at boot; real environments set variables directly.
if (existsSync('.env')) process.loadEnvFile('.env');

let stopping = false;
// Ctrl-C / SIGTERM once the hub answers: not ready at once, drain, stop (the job runner too, once
// it has started). Before that, the default: the process ends at once.
const onSignals = (stop: () => Promise<void>) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: draining and stopping…`);
      await stop().catch((err: unknown) => console.error(err));
      process.exit(0);
    });
  }
};

// The banner is printed as soon as the gateway answers; the job runner starts after it (the
// deferred boot syncs then run in the background), and startHub returns once it has.
const starting = startHub({
  onServing: ({ url, database, stop }) => {
    onSignals(stop);
    const base = url.replace(/\/graphql$/, '');
    console.log(
      `\nCổng hub is running.\n  GraphQL endpoint: ${url}\n  GraphQL IDE:      ${base}/ide/\n  Health:           ${base}/health  ·  ${base}/ready\n  Database:         ${database.embedded ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL server'}\n`,
    );
  },
});
// A failure of the boot's last steps while a signal already stops the hub is not a crash.
await starting.catch((err: unknown) => {
  if (!stopping) throw err;
});
