// Two builds of our gateway side by side (issue 13, gateway CPU): the same subgraphs, the same
// load, each gateway alone on core 0 (taskset), slices alternated A/B then B/A, so a drift in
// the shared machine's load falls on both. Reports the gateway's CPU ms per request per slice
// and the ratio B ÷ A within each round.
//
//   DATABASE_URL=postgresql://… tsx scripts/bench/gateway-ab.ts --a <checkout> [--b <checkout>]
//     [--rounds 5] [--seconds 4] [--scenarios front-page,two-subgraphs] [--dedup true|false]
//     [--prof <dir>]   (V8 CPU profiles of both gateways: a.cpuprofile, b.cpuprofile)
//
// `--a`/`--b` are checkouts of the repository (node_modules present or linked); `--b` defaults
// to this one. The subgraphs and the load generator run from this checkout on core 1.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LoadGenerator } from './load.ts';
import { createScratchDatabase } from './scratch.ts';
import { PEER_SCENARIOS } from './queries.ts';

const HERE = path.resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: HERE },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '50' },
    scenarios: { type: 'string', default: 'front-page,two-subgraphs' },
    dedup: { type: 'string', default: 'true' },
    prof: { type: 'string' },
  },
});
if (!args.a) throw new Error('--a <checkout> is required');
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL (a PostgreSQL server) is required');

interface Stats {
  cpuMicros: number;
}

function start(label: string, root: string, argv: string[], cpu: number, env: NodeJS.ProcessEnv, prof?: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(root, 'scripts/bench/peer-child.ts'), argv, {
    cwd: root,
    execPath: 'taskset',
    execArgv: [
      '-c',
      String(cpu),
      process.execPath,
      ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=${label}.cpuprofile`] : []),
      '--import',
      'tsx',
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type: string; url?: string; error?: string }) => {
      if (m.type === 'ready') resolve({ child, url: m.url! });
      if (m.type === 'error') reject(new Error(`${label}: ${m.error}`));
    });
    child.once('exit', (code) => reject(new Error(`${label} exited (${code})`)));
  });
}

const stats = (child: ChildProcess) =>
  new Promise<Stats>((resolve) => {
    const on = (m: { type: string } & Stats) => {
      if (m.type !== 'stats') return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    child.send({ type: 'stats' });
  });

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const scratch = await createScratchDatabase(databaseUrl, 'bench_ab');
const children: ChildProcess[] = [];
let load: LoadGenerator | undefined;
try {
  const subEnv = scratch.subgraphEnv;
  const portal = await start('portal', HERE, ['subgraph', 'portal'], 1, subEnv);
  const legal = await start('legal', HERE, ['subgraph', 'legal'], 1, subEnv);
  children.push(portal.child, legal.child);
  const urls = { portal: portal.url, legal: legal.url, services: 'http://127.0.0.1:9/graphql', citizens: 'http://127.0.0.1:9/graphql' };
  const gwEnv = {
    BENCH_SUBGRAPH_URLS: JSON.stringify(urls),
    ...Object.fromEntries(Object.entries(urls).map(([n, u]) => [`SUBGRAPH_URL_${n.toUpperCase()}`, u])),
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    MAX_COST: '1000000',
    MAX_DEPTH: '20',
    REDIS_URL: '',
    RESPONSE_CACHE: 'false',
    REQUEST_COLLAPSING: 'false',
    SUBGRAPH_DEDUP: args.dedup,
  };
  const gateways: Record<'a' | 'b', { child: ChildProcess; url: string }> = {
    a: await start('a', path.resolve(args.a), ['gateway', 'ours'], 0, gwEnv, args.prof),
    b: await start('b', path.resolve(args.b), ['gateway', 'ours'], 0, gwEnv, args.prof),
  };
  children.push(gateways.a.child, gateways.b.child);
  load = await LoadGenerator.start(1);
  const scenarios = PEER_SCENARIOS.filter((s) => args.scenarios.split(',').includes(s.key));
  const seconds = Number(args.seconds);
  const connections = Number(args.connections);
  const job = (key: string, url: string, body: string, s: number, record: boolean) => ({
    key,
    record,
    url,
    body,
    headers: { 'content-type': 'application/json' },
    seconds: s,
    connections,
  });
  for (const s of scenarios) {
    const body = JSON.stringify({ query: s.query, variables: s.variables });
    for (const g of ['a', 'b'] as const) {
      const res = await fetch(gateways[g].url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await res.text();
      if (!text.startsWith('{"data":') || text.includes('"errors":')) throw new Error(`${g} ${s.key}: ${text.slice(0, 300)}`);
      await load.run(job(`${s.key}/${g}/warm`, gateways[g].url, body, 2, false));
    }
  }
  const rows: Record<string, { cpu: number[]; rps: number[]; ratio: number[] }> = {};
  for (let r = 0; r < Number(args.rounds); r++) {
    for (const s of scenarios) {
      const body = JSON.stringify({ query: s.query, variables: s.variables });
      const perReq: Partial<Record<'a' | 'b', number>> = {};
      for (const g of r % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
        const before = await stats(gateways[g].child);
        const slice = await load.run(job(`${s.key}/${g}`, gateways[g].url, body, seconds, true));
        const after = await stats(gateways[g].child);
        const bad = slice.errors + slice.non2xx + slice.graphqlErrors;
        if (bad) console.log(`  ${s.key}/${g}: ${bad} failed answers`);
        const ms = (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, slice.completed);
        perReq[g] = ms;
        const row = (rows[`${s.key}/${g}`] ??= { cpu: [], rps: [], ratio: [] });
        row.cpu.push(ms);
        row.rps.push(slice.completed / slice.seconds);
      }
      rows[`${s.key}/b`]!.ratio.push(perReq.b! / perReq.a!);
      console.log(`round ${r + 1} ${s.key}: a ${perReq.a!.toFixed(3)} ms/req, b ${perReq.b!.toFixed(3)} ms/req, b÷a ${(perReq.b! / perReq.a!).toFixed(2)}`);
    }
  }
  console.log(
    `\nload average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; dedup ${args.dedup}; ${connections} connections, ${seconds} s slices`,
  );
  console.log('| scenario | build | gateway CPU ms/req (median) | per round | RPS (median) | CPU b÷a (median, min–max) |');
  console.log('|---|---|---:|---|---:|---|');
  for (const s of scenarios) {
    for (const g of ['a', 'b'] as const) {
      const row = rows[`${s.key}/${g}`]!;
      const ratio = g === 'b' ? `${median(row.ratio).toFixed(2)} (${Math.min(...row.ratio).toFixed(2)}–${Math.max(...row.ratio).toFixed(2)})` : '';
      console.log(
        `| ${s.key} | ${g} | ${median(row.cpu).toFixed(3)} | ${row.cpu.map((x) => x.toFixed(2)).join(' / ')} | ${median(row.rps).toFixed(0)} | ${ratio} |`,
      );
    }
  }
} finally {
  await load?.close().catch(() => {});
  await Promise.all(children.map(stop));
  await scratch.drop();
}
