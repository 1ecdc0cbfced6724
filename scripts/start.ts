// npm start: the whole hub on this machine, with demo data.
import { existsSync } from 'node:fs';
import { startHub } from './hub.ts';

// A local .env (see .env.example) is read once at boot; real environments set variables directly.
if (existsSync('.env')) process.loadEnvFile('.env');

const hub = await startHub();
const base = hub.url.replace(/\/graphql$/, '');
console.log(
  `\nCổng hub is running.\n  GraphQL endpoint: ${hub.url}\n  GraphQL IDE:      ${base}/ide/\n  Health:           ${base}/health  ·  ${base}/ready\n  Database:         ${hub.database.embedded ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL server'}\n`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: draining and stopping…`);
    await hub.stop().catch((err: unknown) => console.error(err));
    process.exit(0);
  });
}
