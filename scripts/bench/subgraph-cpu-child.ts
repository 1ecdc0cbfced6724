// One portal subgraph for the subgraph CPU bench (subgraph-cpu.ts), forked over IPC: the code of
// the checkout at argv[2] (this one, or a baseline worktree), on the bench database. Counts the
// SQL statements it sends and the rows they return (pg's Client.query, wrapped), and replies to
// { type: 'stats' } with its CPU time (process.cpuUsage) and those counters.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../..'));
const counters = { statements: 0, rows: 0 };

type Callback = (err: unknown, res?: { rowCount?: number | null; rows?: unknown[] }) => void;
type Query = (...args: unknown[]) => unknown;
/** Count statements and returned rows on the pg the checkout's Prisma adapter uses. */
function countQueries(): void {
  const pg = createRequire(path.join(root, 'package.json'))('pg') as { Client: { prototype: { query: Query } } };
  const original = pg.Client.prototype.query;
  const rowsOf = (res?: { rows?: unknown[] }) => (Array.isArray(res?.rows) ? res.rows.length : 0);
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    counters.statements += 1;
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last] as Callback;
      args[last] = ((err, res) => ((counters.rows += rowsOf(res)), cb(err, res))) satisfies Callback;
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<{ rows?: unknown[] }> | undefined;
    if (result && typeof result.then === 'function')
      void result.then(
        (res) => (counters.rows += rowsOf(res)),
        () => {},
      );
    return result;
  };
}

async function start(): Promise<string> {
  const load = <T>(file: string) => import(pathToFileURL(path.join(root, file)).href) as Promise<T>;
  countQueries();
  const { SUBGRAPHS } = await load<typeof import('../../subgraphs/registry.ts')>('subgraphs/registry.ts');
  const { runSubgraph } = await load<typeof import('../../subgraphs/kit/define.ts')>('subgraphs/kit/define.ts');
  const { createPrisma } = await load<typeof import('../../schema/db/prisma.ts')>('schema/db/prisma.ts');
  const { memoryReplayGuard } = await load<typeof import('../../schema/security/replay-guard.ts')>('schema/security/replay-guard.ts');
  const keys = await load<typeof import('../../schema/security/keys.ts')>('schema/security/keys.ts');
  const def = SUBGRAPHS.find((s) => s.name === 'portal')!;
  const prisma = createPrisma({ url: process.env.DATABASE_URL!, poolMax: 10 });
  const running = await runSubgraph(
    def,
    {
      prisma,
      trust: {
        keys: keys.verifyingKeysOf([keys.parsePrivateKey(keys.DEV_SIGNING_KEY)]),
        // Shared keys (hmac-sha256) where the checkout has them (an older baseline has not).
        sharedKeys: (keys as Partial<typeof keys>).sharedKeysBySubgraph?.([keys.parsePrivateKey(keys.DEV_SIGNING_KEY)]),
        replay: memoryReplayGuard(),
      },
      logger: pino({ level: 'silent' }),
    },
    { port: 0, jobs: false },
  );
  return running.url;
}

process.on('message', (msg: { type: string }) => {
  if (msg.type !== 'stats') return;
  const cpu = process.cpuUsage();
  process.send?.({ type: 'stats', cpuMicros: cpu.user + cpu.system, systemMicros: cpu.system, ...counters });
});
process.on('disconnect', () => process.exit(0));
start().then(
  (url) => process.send?.({ type: 'ready', url }),
  (err: unknown) => {
    process.send?.({ type: 'error', error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
    setTimeout(() => process.exit(1), 100);
  },
);
