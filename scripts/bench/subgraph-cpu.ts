// `npm run bench:subgraph-cpu`: what one front-page query (scripts/bench/queries.ts) costs the
// portal subgraph, measured in its own process (issue 13, "Lighter subgraphs"): CPU ms per request
// (process.cpuUsage of the subgraph process), SQL statements and rows per request. Signed requests
// straight to the subgraph (RFC 9421, as the gateway sends them), one at a time (sequential) and 50
// in flight (concurrent), on a scratch PostgreSQL database (DATABASE_URL's server) migrated and
// seeded with the demo data. No gateway, no response cache.
//
//   --base <git ref>   also run the portal of that commit (a temporary worktree) side by side:
//                      the rounds alternate between the two, and the ratios are taken per round.
//   --cpu-prof <dir>   write V8 CPU profiles of the subgraph processes there (<target>.cpuprofile).
//   --query <name>     front-page (default), light (one agency by slug: one statement) or
//                      typename ({ __typename }: no resolver, no SQL — the fixed cost of a call).
//   --signature <alg>  how calls to this checkout are signed: hmac-sha256 (default: the portal's
//                      shared key, as the gateway signs calls to the hub's own subgraphs) or ed25519.
//   --base-signature <alg>  the same for the baseline: ed25519 by default (what gateways sent
//                      before shared keys; a baseline with shared keys can take hmac-sha256).
//
// The subgraph processes run with the Node flags and malloc setting `npm run start:subgraph` ships
// (runtime-settings.ts), and are warmed up first (BENCH_WARMUP requests at 50 in flight) so the
// rounds measure the steady state, not V8's tiering up.
//
// Environment: BENCH_ROUNDS (4), BENCH_SEQUENTIAL (500 per round), BENCH_CONCURRENT (1000 per
// round), BENCH_CONNECTIONS (50), BENCH_WARMUP (3000). Writes bench-results/subgraph-cpu.json.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signGatewayRequest } from '../../schema/security/gateway-signature.ts';
import { DEV_SIGNING_KEY, parsePrivateKey, sharedKeyFor, type GatewayKey } from '../../schema/security/keys.ts';
import { ANONYMOUS, encodeContext } from '../../schema/security/signed-context.ts';
import { MALLOC_ENV, SUBGRAPH_NODE_FLAGS } from '../runtime-settings.ts';
import { AGENCY_LOOKUP, FRONT_PAGE } from './queries.ts';
import { createScratchDatabase } from './scratch.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'subgraph-cpu-child.ts');

interface Stats {
  cpuMicros: number;
  systemMicros: number;
  statements: number;
  rows: number;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return n;
}

class Target {
  private waiting: ((s: Stats) => void)[] = [];
  private constructor(
    readonly label: string,
    readonly child: ChildProcess,
    readonly url: string,
    /** What calls to this target are signed with. */
    readonly key: GatewayKey,
  ) {
    child.on('message', (m: { type: string } & Stats) => {
      if (m.type === 'stats') this.waiting.shift()?.(m);
    });
  }

  static async start(label: string, root: string, key: GatewayKey, env: NodeJS.ProcessEnv, profileDir?: string): Promise<Target> {
    const prof = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${label}.cpuprofile`] : [];
    const child = fork(CHILD, [root], {
      cwd: root,
      execArgv: [...SUBGRAPH_NODE_FLAGS, ...prof, '--import', 'tsx'],
      env: { ...process.env, ...MALLOC_ENV, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.on('message', (m: { type: string; url?: string; error?: string }) => {
        if (m.type === 'ready') resolve(m.url!);
        if (m.type === 'error') reject(new Error(`${label}: ${m.error}`));
      });
      child.once('exit', (code) => reject(new Error(`${label} exited (${code})`)));
    });
    return new Target(label, child, url, key);
  }

  stats(): Promise<Stats> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.send({ type: 'stats' });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

const ed25519Key = parsePrivateKey(DEV_SIGNING_KEY);
const keyFor = (alg: string): GatewayKey => {
  if (alg === 'ed25519') return ed25519Key;
  if (alg === 'hmac-sha256') return sharedKeyFor(ed25519Key, 'portal');
  throw new Error(`a signature algorithm is ed25519 or hmac-sha256 (got ${alg})`);
};
const context = encodeContext({ requestId: 'bench', actor: ANONYMOUS, locale: 'vi' });
const QUERIES: Record<string, { query: string; variables: Record<string, unknown> }> = {
  'front-page': FRONT_PAGE,
  light: AGENCY_LOOKUP,
  typename: { query: '{ __typename }', variables: {} },
};
let body = '';
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One signed request; a kept-alive socket the server closed meanwhile is retried once (newly signed). */
const call = (t: Target): Promise<string> => send(t).catch((err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? send(t) : Promise.reject(err)));

/** One signed request (a fresh nonce each time); resolves with the answer's text. */
function send(t: Target): Promise<string> {
  const url = t.url;
  const headers = { 'content-type': 'application/json', ...signGatewayRequest(t.key, { method: 'POST', url, audience: 'portal', context, body }) };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200 || !text.startsWith('{"data":') || text.includes('"errors":'))
          reject(new Error(`request failed (${res.statusCode}): ${text.slice(0, 300)}`));
        else resolve(text);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function drive(t: Target, total: number, inFlight: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      next += 1;
      await call(t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
  return total / ((performance.now() - started) / 1000);
}

interface Sample {
  cpuMsPerReq: number;
  /** Of which in the kernel (socket writes and reads, mostly). */
  systemMsPerReq: number;
  sqlPerReq: number;
  rowsPerReq: number;
  rps: number;
}

async function measure(t: Target, total: number, inFlight: number): Promise<Sample> {
  const before = await t.stats();
  const rps = await drive(t, total, inFlight);
  const after = await t.stats();
  return {
    cpuMsPerReq: (after.cpuMicros - before.cpuMicros) / 1000 / total,
    systemMsPerReq: (after.systemMicros - before.systemMicros) / 1000 / total,
    sqlPerReq: (after.statements - before.statements) / total,
    rowsPerReq: (after.rows - before.rows) / total,
    rps,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const f = (n: number, d = 2) => n.toFixed(d);

async function main() {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      'cpu-prof': { type: 'string' },
      query: { type: 'string', default: 'front-page' },
      signature: { type: 'string', default: 'hmac-sha256' },
      'base-signature': { type: 'string', default: 'ed25519' },
    },
  });
  const keys = { base: keyFor(values['base-signature']), current: keyFor(values.signature) };
  const chosen = QUERIES[values.query];
  if (!chosen) throw new Error(`--query: one of ${Object.keys(QUERIES).join(', ')}`);
  body = JSON.stringify({ query: chosen.query, variables: chosen.variables });
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('bench:subgraph-cpu runs the portal in its own process on a PostgreSQL server: set DATABASE_URL.');
    process.exit(2);
  }
  const rounds = int('BENCH_ROUNDS', 4);
  const sequential = int('BENCH_SEQUENTIAL', 500);
  const concurrent = int('BENCH_CONCURRENT', 1000);
  const connections = int('BENCH_CONNECTIONS', 50);
  const warmup = int('BENCH_WARMUP', 3000);
  const profileDir = values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined;
  const log = (line: string) => console.error(`[subgraph-cpu] ${line}`);

  const scratch = await createScratchDatabase(databaseUrl, 'bench_cpu', log);
  const filesDir = scratch.filesDir;
  let baseDir: string | undefined;
  let baseCommit: string | undefined;
  const targets: Target[] = [];
  try {
    if (values.base) {
      baseCommit = execFileSync('git', ['rev-parse', values.base], { cwd: ROOT, encoding: 'utf8' }).trim();
      baseDir = path.join(filesDir, 'base');
      log(`baseline ${values.base} (${baseCommit.slice(0, 10)}): worktree at ${baseDir}`);
      execFileSync('git', ['worktree', 'add', '--detach', '-q', baseDir, baseCommit], { cwd: ROOT });
      // The same installed packages and generated Prisma client as this checkout (hard links).
      execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), baseDir]);
      await cp(path.join(ROOT, 'schema/generated'), path.join(baseDir, 'schema/generated'), { recursive: true });
    }
    const env = { DATABASE_URL: scratch.url, NODE_ENV: 'development', LOG_LEVEL: 'silent', PORTAL_FILES_DIR: filesDir, REDIS_URL: '' };
    for (const [label, root] of [...(baseDir ? [['base', baseDir]] : []), ['current', ROOT]] as const) {
      log(`starting portal ${label}…`);
      targets.push(await Target.start(label, root, keys[label as keyof typeof keys], env, profileDir));
    }
    // Same answer from each target (the work must not change what the page shows).
    const answers = await Promise.all(targets.map((t) => call(t)));
    if (answers.some((a) => a !== answers[0])) throw new Error('the targets answer differently');
    for (const t of targets) await drive(t, warmup, connections); // warm-up (JIT tiers, pools)

    const samples = new Map<string, Sample[]>();
    const ratios = new Map<string, number[]>();
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 ? [...targets].reverse() : targets;
      for (const [phase, total, inFlight] of [
        ['sequential', sequential, 1],
        ['concurrent', concurrent, connections],
      ] as const) {
        const inRound = new Map<string, Sample>();
        for (const t of order) {
          const s = await measure(t, total, inFlight);
          inRound.set(t.label, s);
          samples.set(`${t.label}/${phase}`, [...(samples.get(`${t.label}/${phase}`) ?? []), s]);
          log(
            `round ${round + 1} ${phase} ${t.label}: ${f(s.cpuMsPerReq, 3)} ms CPU/req (system ${f(s.systemMsPerReq, 3)}), ${f(s.sqlPerReq)} SQL/req, ${f(s.rowsPerReq, 1)} rows/req, ${f(s.rps, 0)} req/s`,
          );
        }
        if (inRound.has('base')) ratios.set(phase, [...(ratios.get(phase) ?? []), inRound.get('current')!.cpuMsPerReq / inRound.get('base')!.cpuMsPerReq]);
      }
    }

    const rows = [...samples].map(([k, ss]) => {
      const [target, phase] = k.split('/') as [string, string];
      const cpu = ss.map((s) => s.cpuMsPerReq);
      return {
        target,
        phase,
        cpuMsPerReq: median(cpu),
        cpuMin: Math.min(...cpu),
        cpuMax: Math.max(...cpu),
        systemMsPerReq: median(ss.map((s) => s.systemMsPerReq)),
        sqlPerReq: median(ss.map((s) => s.sqlPerReq)),
        rowsPerReq: median(ss.map((s) => s.rowsPerReq)),
        rps: median(ss.map((s) => s.rps)),
      };
    });
    const loadAverage = os
      .loadavg()
      .map((x) => f(x))
      .join(' ');
    const plan = `${rounds} rounds × (${sequential} sequential + ${concurrent} at ${connections} in flight) per target after ${warmup} warm-up requests, flags ${SUBGRAPH_NODE_FLAGS.join(' ')}`;
    const lines = [
      `Query ${values.query}, signed ${values.signature} (base ${values['base-signature']}). Run ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPU, load average ${loadAverage}; ${plan}.`,
      '',
      '| target | phase | CPU ms/req (median) | min–max | of which system | SQL/req | rows/req | req/s |',
      '|---|---|---:|---|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.target} | ${r.phase} | ${f(r.cpuMsPerReq, 3)} | ${f(r.cpuMin, 3)}–${f(r.cpuMax, 3)} | ${f(r.systemMsPerReq, 3)} | ${f(r.sqlPerReq, 1)} | ${f(r.rowsPerReq, 1)} | ${f(r.rps, 0)} |`,
      ),
    ];
    if (ratios.size) {
      lines.push('', '| phase | CPU current ÷ base (same round) | median | min–max |', '|---|---|---:|---|');
      for (const [phase, rs] of ratios)
        lines.push(`| ${phase} | ${baseCommit!.slice(0, 10)} → current | ${f(median(rs))} | ${f(Math.min(...rs))}–${f(Math.max(...rs))} |`);
    }
    console.log(lines.join('\n'));
    await mkdir(path.join(ROOT, 'bench-results'), { recursive: true });
    await writeFile(
      path.join(ROOT, 'bench-results/subgraph-cpu.json'),
      JSON.stringify(
        { at: new Date().toISOString(), baseCommit, rounds, sequential, concurrent, connections, rows, ratios: Object.fromEntries(ratios) },
        null,
        2,
      ),
    );
  } finally {
    for (const t of targets) await t.stop();
    agent.destroy();
    if (baseDir) execFileSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: ROOT });
    await scratch.drop();
  }
}

await main();
