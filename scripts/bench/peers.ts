// `npm run bench -- --peers`: our gateway against its peers in one run (issue 13). Every process
// on its own: the subgraphs (portal, legal) on the bench's scratch PostgreSQL database, and each
// gateway — ours with the response cache off (cold) and on (warm), stock @apollo/gateway,
// Hive Gateway, Hive Gateway with the Rust query planner — pinned to core 0 with taskset, the
// subgraphs and the load generator on core 1. Scenarios run in interleaved rounds (the order of
// targets reversed every other round), so a drift in the shared machine's load falls on all.
// Per target: RPS, p50/p99, CPU ms per request of the gateway and of the subgraphs, gateway RSS,
// subgraph calls and SQL statements per request; ratios within each round.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ANONYMOUS } from '../../schema/security/signed-context.ts';
import { DEV_SIGNING_KEY } from '../../schema/security/keys.ts';
import { MALLOC_ENV, NODE_FLAGS, SUBGRAPH_NODE_FLAGS } from '../runtime-settings.ts';
import { LoadGenerator } from './load.ts';
import { createScratchDatabase } from './scratch.ts';
import { PEER_SCENARIOS, type PeerScenario } from './queries.ts';

const CHILD = path.join(import.meta.dirname, 'peer-child.ts');
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Stats {
  cpuMicros: number;
  rss: number;
  fetches: number;
  statements: number;
}

const profileArgs = (label: string): string[] =>
  process.env.BENCH_CPU_PROF && (process.env.BENCH_CPU_PROF_TARGETS ?? '').split(',').includes(label)
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${label}.cpuprofile`]
    : [];

class Peer {
  url = '';
  private waiting: ((s: Stats) => void)[] = [];
  private constructor(
    readonly label: string,
    readonly child: ChildProcess,
  ) {
    child.on('message', (m: { type: string } & Stats) => {
      if (m.type === 'stats') this.waiting.shift()?.(m);
    });
  }

  /** `shipped`: with these Node flags and the malloc setting (ours, as the start scripts run it). */
  static async start(label: string, args: string[], cpu: number | null, env: NodeJS.ProcessEnv, shipped?: readonly string[]): Promise<Peer> {
    const pinned = cpu !== null && process.platform === 'linux';
    const child = fork(CHILD, args, {
      cwd: ROOT,
      execPath: pinned ? 'taskset' : process.execPath,
      // BENCH_CPU_PROF=<dir> BENCH_CPU_PROF_TARGETS=ours-cold,portal: V8 CPU profiles of those processes.
      execArgv: [...(pinned ? ['-c', String(cpu), process.execPath] : []), ...(shipped ?? []), ...profileArgs(label), '--import', 'tsx'],
      env: { ...process.env, ...(shipped ? MALLOC_ENV : {}), ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const peer = new Peer(label, child);
    peer.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label} did not start within 120 s`)), 120_000);
      child.on('message', (m: { type: string; url?: string; error?: string }) => {
        if (m.type === 'ready') resolve(m.url!);
        if (m.type === 'error') reject(new Error(`${label}: ${m.error}`));
        if (m.type !== 'stats') clearTimeout(timer);
      });
      child.once('exit', (code) => reject(new Error(`${label} exited (${code})`)));
    });
    return peer;
  }

  stats(): Promise<Stats> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.send({ type: 'stats' });
    });
  }

  /** Disconnect (the child exits by itself, writing its --cpu-prof profile if any), then kill it if it lingers. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

export interface PeerBenchOptions {
  databaseUrl: string;
  rounds: number;
  sliceSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Targets to include (default all). */
  gateways?: string[];
  /** Scenario keys to run (default all). */
  scenarios?: string[];
  log?: (line: string) => void;
  signal?: AbortSignal;
}

interface Acc {
  completed: number;
  seconds: number;
  errors: number;
  gatewayCpu: number;
  subgraphCpu: number;
  fetches: number;
  statements: number;
  rssPeak: number;
  roundRps: number[];
}

export interface PeerRow {
  scenario: string;
  target: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  gatewayCpuMsPerReq: number | null;
  subgraphCpuMsPerReq: number;
  gatewayRssMb: number | null;
  fetchesPerReq: number;
  sqlPerReq: number;
  roundRps: number[];
}

export interface PeerBenchResult {
  startedAt: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAvgStart: number[]; loadAvgEnd: number[] };
  options: Omit<PeerBenchOptions, 'databaseUrl' | 'log' | 'signal'>;
  rows: PeerRow[];
  /** Per scenario: ours (cold, warm) ÷ each peer, RPS median of the per-round ratios (min–max). */
  ratios: { scenario: string; numerator: string; denominator: string; median: number; min: number; max: number }[];
}

const TARGETS = ['direct', 'ours-cold', 'ours-nocollapse', 'ours-warm', 'stock', 'hive', 'hive-router'] as const;
const MB = 1024 * 1024;
const r2 = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
};

export async function runPeerBench(opts: PeerBenchOptions): Promise<PeerBenchResult> {
  const log = opts.log ?? (() => {});
  const started = new Date().toISOString();
  const loadAvgStart = os.loadavg();
  const scratch = await createScratchDatabase(opts.databaseUrl, 'bench', log);
  const peers: Peer[] = [];
  let load: LoadGenerator | undefined;
  try {
    const subEnv = scratch.subgraphEnv;
    log('starting the subgraphs (portal, legal) on core 1…');
    // As `npm run start:subgraph` runs them (every gateway calls the same subgraph processes).
    const subgraphs = [
      await Peer.start('portal', ['subgraph', 'portal'], 1, subEnv, SUBGRAPH_NODE_FLAGS),
      await Peer.start('legal', ['subgraph', 'legal'], 1, subEnv, SUBGRAPH_NODE_FLAGS),
    ];
    peers.push(...subgraphs);
    const urls: Record<string, string> = {
      portal: subgraphs[0]!.url,
      legal: subgraphs[1]!.url,
      services: 'http://127.0.0.1:9/graphql',
      citizens: 'http://127.0.0.1:9/graphql',
    };
    const subgraphUrlEnv = Object.fromEntries(Object.entries(urls).map(([n, u]) => [`SUBGRAPH_URL_${n.toUpperCase()}`, u]));
    const gwEnv = {
      BENCH_SUBGRAPH_URLS: JSON.stringify(urls),
      ...subgraphUrlEnv,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '1000000000',
      MAX_COST: '1000000',
      MAX_DEPTH: '20',
      REDIS_URL: '',
    };
    const wanted = new Set<string>(opts.gateways ?? TARGETS);
    const gateways = new Map<string, Peer>();
    for (const [target, args, env] of [
      // As shipped (request collapsing on), with the response cache off.
      ['ours-cold', ['gateway', 'ours'], { RESPONSE_CACHE: 'false' }],
      // Opt-in (BENCH_GATEWAYS=…,ours-defaults): ours cold on Node's default flags and malloc
      // settings, to weigh the shipped ones (scripts/runtime-settings.ts) in the same run.
      ['ours-defaults', ['gateway', 'ours'], { RESPONSE_CACHE: 'false' }],
      // The same without request collapsing (gateway/request-collapse.ts): what it adds, in the open.
      ['ours-nocollapse', ['gateway', 'ours'], { RESPONSE_CACHE: 'false', REQUEST_COLLAPSING: 'false' }],
      ['ours-warm', ['gateway', 'ours'], { RESPONSE_CACHE: 'true' }],
      ['stock', ['gateway', 'stock'], {}],
      ['hive', ['gateway', 'hive'], { LOG_LEVEL: 'error' }],
      ['hive-router', ['gateway', 'hive-router'], { LOG_LEVEL: 'error' }],
    ] as const) {
      if (!wanted.has(target)) continue;
      log(`starting gateway ${target} on core 0…`);
      const peer = await Peer.start(target, [...args], 0, { ...gwEnv, ...env }, args[1] === 'ours' && target !== 'ours-defaults' ? NODE_FLAGS : undefined);
      gateways.set(target, peer);
      peers.push(peer);
    }
    load = await LoadGenerator.start(1);
    const sign = { key: DEV_SIGNING_KEY, audience: 'portal', context: { requestId: 'bench', actor: ANONYMOUS, locale: 'vi' } };

    type Cell = { scenario: PeerScenario; target: string; url: string; signed: boolean };
    const cells: Cell[] = [];
    const scenarios = opts.scenarios ? PEER_SCENARIOS.filter((x) => opts.scenarios!.includes(x.key)) : PEER_SCENARIOS;
    for (const scenario of scenarios) {
      if (scenario.direct && wanted.has('direct')) cells.push({ scenario, target: 'direct', url: urls.portal!, signed: true });
      for (const [target, peer] of gateways) cells.push({ scenario, target, url: peer.url, signed: false });
    }
    const keyOf = (c: Cell) => `${c.scenario.key}/${c.target}`;
    const body = (s: PeerScenario) => JSON.stringify({ query: s.query, variables: s.variables });
    const job = (c: Cell, seconds: number, record: boolean) => ({
      key: keyOf(c),
      record,
      url: c.url,
      body: body(c.scenario),
      headers: { 'content-type': 'application/json' },
      seconds,
      connections: opts.connections,
      sign: c.signed ? sign : undefined,
    });

    // Preflight: every cell answers with data and no errors; answers compared per scenario.
    const { signGatewayRequest } = await import('../../schema/security/gateway-signature.ts');
    const { parsePrivateKey, sharedKeyFor } = await import('../../schema/security/keys.ts');
    const { encodeContext } = await import('../../schema/security/signed-context.ts');
    const answers = new Map<string, string>();
    for (const c of cells) {
      const b = body(c.scenario);
      const headers = {
        'content-type': 'application/json',
        ...(c.signed
          ? signGatewayRequest(sharedKeyFor(parsePrivateKey(DEV_SIGNING_KEY), 'portal'), {
              method: 'POST',
              url: c.url,
              audience: 'portal',
              context: encodeContext(sign.context),
              body: b,
            })
          : {}),
      };
      const res = await fetch(c.url, { method: 'POST', headers, body: b });
      const json = (await res.json()) as { data?: unknown; errors?: unknown };
      if (!json.data || json.errors) throw new Error(`${keyOf(c)}: preflight failed (${res.status}): ${JSON.stringify(json).slice(0, 400)}`);
      const text = JSON.stringify(json.data);
      const first = answers.get(c.scenario.key);
      if (first === undefined) answers.set(c.scenario.key, text);
      else if (first !== text) log(`warning: ${keyOf(c)} answered differently from the first target`);
    }
    if (opts.warmupSeconds > 0) {
      log(`warming up (${opts.warmupSeconds} s per cell)…`);
      for (const c of cells) await load.run(job(c, opts.warmupSeconds, false));
    }

    const acc = new Map<string, Acc>();
    const roundRatios = new Map<string, number[]>();
    for (let r = 0; r < opts.rounds; r++) {
      for (const scenario of scenarios) {
        const row = cells.filter((c) => c.scenario === scenario);
        const order = r % 2 === 0 ? row : [...row].reverse();
        log(`round ${r + 1}/${opts.rounds} ${scenario.key}: ${order.map((c) => c.target).join(' → ')}`);
        const rps = new Map<string, number>();
        for (const c of order) {
          opts.signal?.throwIfAborted();
          const gw = gateways.get(c.target);
          const before = await Promise.all([gw?.stats(), ...subgraphs.map((s) => s.stats())]);
          const slice = await load.run(job(c, opts.sliceSeconds, true));
          const after = await Promise.all([gw?.stats(), ...subgraphs.map((s) => s.stats())]);
          const d = (i: number, f: keyof Stats) => (after[i]?.[f] ?? 0) - (before[i]?.[f] ?? 0);
          const sub = (f: keyof Stats) => subgraphs.reduce((n, _s, i) => n + d(i + 1, f), 0);
          const a = acc.get(keyOf(c)) ?? {
            completed: 0,
            seconds: 0,
            errors: 0,
            gatewayCpu: 0,
            subgraphCpu: 0,
            fetches: 0,
            statements: 0,
            rssPeak: 0,
            roundRps: [],
          };
          a.completed += slice.completed;
          a.seconds += slice.seconds;
          a.errors += slice.errors + slice.non2xx + slice.graphqlErrors;
          a.gatewayCpu += d(0, 'cpuMicros');
          a.subgraphCpu += sub('cpuMicros');
          a.fetches += sub('fetches');
          a.statements += sub('statements');
          a.rssPeak = Math.max(a.rssPeak, after[0]?.rss ?? 0);
          a.roundRps.push(r2(slice.completed / slice.seconds, 1));
          acc.set(keyOf(c), a);
          rps.set(c.target, slice.completed / slice.seconds);
        }
        for (const num of ['ours-cold', 'ours-nocollapse', 'ours-warm']) {
          for (const den of ['direct', 'stock', 'hive', 'hive-router', ...(num === 'ours-cold' ? ['ours-nocollapse'] : [])]) {
            const x = rps.get(num);
            const y = rps.get(den);
            if (x === undefined || y === undefined || y === 0) continue;
            const k = `${scenario.key}|${num}|${den}`;
            roundRatios.set(k, [...(roundRatios.get(k) ?? []), x / y]);
          }
        }
      }
    }

    const rows: PeerRow[] = [];
    for (const c of cells) {
      const a = acc.get(keyOf(c))!;
      const lat = await load.stats(keyOf(c));
      const n = a.completed || 1;
      rows.push({
        scenario: c.scenario.key,
        target: c.target,
        rps: r2(a.completed / a.seconds, 1),
        p50Ms: r2(lat.p50Ms),
        p99Ms: r2(lat.p99Ms),
        errors: a.errors,
        gatewayCpuMsPerReq: c.target === 'direct' ? null : r2(a.gatewayCpu / 1000 / n, 3),
        subgraphCpuMsPerReq: r2(a.subgraphCpu / 1000 / n, 3),
        gatewayRssMb: c.target === 'direct' ? null : r2(a.rssPeak / MB, 1),
        fetchesPerReq: r2(a.fetches / n, 3),
        sqlPerReq: r2(a.statements / n, 2),
        roundRps: a.roundRps,
      });
    }
    const ratios = [...roundRatios].map(([k, xs]) => {
      const [scenario, numerator, denominator] = k.split('|') as [string, string, string];
      return { scenario, numerator, denominator, median: r2(median(xs), 3), min: r2(Math.min(...xs), 3), max: r2(Math.max(...xs), 3) };
    });
    const cpu = os.cpus();
    return {
      startedAt: started,
      machine: { node: process.version, cpus: cpu.length, cpuModel: cpu[0]?.model ?? '?', loadAvgStart, loadAvgEnd: os.loadavg() },
      options: {
        rounds: opts.rounds,
        sliceSeconds: opts.sliceSeconds,
        warmupSeconds: opts.warmupSeconds,
        connections: opts.connections,
        gateways: opts.gateways,
      },
      rows,
      ratios,
    };
  } finally {
    await load?.close().catch(() => {});
    await Promise.all(peers.map((p) => p.stop()));
    await scratch.drop();
  }
}

/** The result as Markdown (BENCHMARKS.md carries the latest). */
export function peerMarkdown(r: PeerBenchResult): string {
  const out: string[] = [];
  out.push(
    `Run ${r.startedAt} — Node ${r.machine.node}, ${r.machine.cpus} CPU (${r.machine.cpuModel}), load average ${r.machine.loadAvgStart.map((x) => x.toFixed(2)).join(' ')} → ${r.machine.loadAvgEnd.map((x) => x.toFixed(2)).join(' ')}; ${r.options.rounds} rounds × ${r.options.sliceSeconds} s per cell, ${r.options.connections} connections.`,
    '',
    '| scenario | target | RPS | rounds (RPS) | p50 ms | p99 ms | errors | gateway CPU ms/req | subgraph CPU ms/req | gateway RSS MB | fetches/req | SQL/req |',
    '|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const x of r.rows) {
    out.push(
      `| ${x.scenario} | ${x.target} | ${x.rps.toFixed(0)} | ${x.roundRps.map((v) => v.toFixed(0)).join(' / ')} | ${x.p50Ms.toFixed(1)} | ${x.p99Ms.toFixed(1)} | ${x.errors} | ${x.gatewayCpuMsPerReq?.toFixed(2) ?? '–'} | ${x.subgraphCpuMsPerReq.toFixed(2)} | ${x.gatewayRssMb?.toFixed(0) ?? '–'} | ${x.fetchesPerReq.toFixed(2)} | ${x.sqlPerReq.toFixed(1)} |`,
    );
  }
  out.push('', '| scenario | ratio (RPS, same round) | median | min–max |', '|---|---|---:|---|');
  for (const x of r.ratios)
    out.push(`| ${x.scenario} | ${x.numerator} ÷ ${x.denominator} | ${x.median.toFixed(2)} | ${x.min.toFixed(2)}–${x.max.toFixed(2)} |`);
  return out.join('\n');
}
