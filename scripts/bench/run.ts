// The benchmark: start the hub in this process, drive it from a separate load process, and
// measure the same query through the gateway and straight to the portal subgraph, in
// interleaved slices so a noisy machine hits every scenario alike.
import { generateKeyPairSync } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startHub, type RunningHub } from '../hub.ts';
import { ANONYMOUS, encodeContext } from '../../schema/security/signed-context.ts';
import { signGatewayRequest } from '../../schema/security/gateway-signature.ts';
import { parsePrivateKey, sharedKeyFor } from '../../schema/security/keys.ts';
import { startBareGateway, type BareGateway } from './bare-gateway.ts';
import { LoadGenerator } from './load.ts';
import type { SliceResult } from './protocol.ts';
import { AGENCY_LOOKUP, FRONT_PAGE, bodyOf } from './queries.ts';
import { MB, ratio, round, summarise, type BenchResult, type Scenario, type ScenarioResult } from './results.ts';
import { addSamples, startSampler, type ProcessSample } from './sampler.ts';

export type { BenchResult, Ratio, ScenarioResult } from './results.ts';

export interface BenchOptions {
  /** Measured seconds per scenario, split into interleaved slices. */
  seconds: number;
  sliceSeconds: number;
  /** Unrecorded run per scenario before measuring (JIT, connection pools). */
  warmupSeconds: number;
  connections: number;
  /** Also compare @apollo/gateway's stock fetcher with ours on a minimal gateway. */
  fetcherCompare: boolean;
  /** PostgreSQL URL; default DATABASE_URL, else embedded PGlite in a temporary directory. */
  databaseUrl?: string;
  /** Extra environment for the hub. */
  env?: NodeJS.ProcessEnv;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Stops between slices (Ctrl-C); the hub is stopped either way. */
  signal?: AbortSignal;
}

/** Light check before measuring: every scenario answers 200 with data and no errors. */
async function preflight(s: Scenario): Promise<unknown> {
  const body = bodyOf(s.query);
  const signed = s.sign
    ? signGatewayRequest(sharedKeyFor(parsePrivateKey(s.sign.key), s.sign.audience), {
        method: 'POST',
        url: s.url,
        audience: s.sign.audience,
        context: encodeContext(s.sign.context),
        body,
      })
    : {};
  const headers = { 'content-type': 'application/json', ...signed };
  const res = await fetch(s.url, { method: 'POST', headers, body });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  if (res.status !== 200 || !json.data || json.errors) {
    throw new Error(`${s.label}: preflight failed (${res.status}): ${JSON.stringify(json).slice(0, 300)}`);
  }
  return json.data;
}

export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const loadAvgStart = os.loadavg();
  const key = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
  const dataDir = databaseUrl ? undefined : await mkdtemp(path.join(os.tmpdir(), 'cong-hub-bench-'));
  // Should the process exit before `finally` (a forced exit), the scratch database still goes.
  const removeDataDir = () => dataDir && rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeDataDir);
  let hub: RunningHub | undefined;
  let load: LoadGenerator | undefined;
  const bare: BareGateway[] = [];
  try {
    log(`starting the hub (${databaseUrl ? 'PostgreSQL server' : 'embedded PGlite'})…`);
    const logger = pino({ level: 'silent' });
    hub = await startHub({
      port: 0,
      databaseUrl: databaseUrl ?? '',
      dataDir,
      logger,
      // Its own rate-limit keys: a shared Redis must not carry the bench's load into other clients' counts.
      env: {
        RATE_LIMIT_PER_MINUTE: '1000000000',
        RATE_LIMIT_PREFIX: `bench-${process.pid}`,
        GATEWAY_SIGNING_KEYS: key,
        LOG_LEVEL: 'silent',
        ...opts.env,
        HOST: '127.0.0.1',
      },
    });
    const portal = hub.subgraphs.find((s) => s.name === 'portal');
    if (!portal) throw new Error('the portal subgraph is not running');
    load = await LoadGenerator.start();
    const sign = { key, audience: 'portal', context: { requestId: 'bench', actor: ANONYMOUS } };

    const scenarios: Scenario[] = [
      { key: 'gateway-page', label: 'front page via gateway', target: 'gateway', query: FRONT_PAGE, url: hub.url },
      { key: 'direct-page', label: 'front page direct to portal', target: 'direct', query: FRONT_PAGE, url: portal.url, sign },
      { key: 'gateway-light', label: 'agency(slug:) via gateway', target: 'gateway', query: AGENCY_LOOKUP, url: hub.url },
      { key: 'direct-light', label: 'agency(slug:) direct to portal', target: 'direct', query: AGENCY_LOOKUP, url: portal.url, sign },
    ];
    if (opts.fetcherCompare) {
      const subgraphUrls = Object.fromEntries(hub.subgraphs.map((s) => [s.name, s.url]));
      for (const kind of ['undici', 'stock'] as const) {
        const gw = await startBareGateway(kind, { signingKey: key, subgraphUrls, logger });
        bare.push(gw);
        const label = `front page, minimal gateway, ${kind === 'undici' ? 'our undici' : 'stock'} fetcher`;
        scenarios.push({ key: `bare-${kind}-page`, label, target: `bare-${kind}`, query: FRONT_PAGE, url: gw.url });
      }
    }

    const answers = new Map<string, string>();
    for (const s of scenarios) answers.set(s.key, JSON.stringify(await preflight(s)));
    if (answers.get('gateway-page') !== answers.get('direct-page')) log('warning: the gateway and the subgraph answered the front page differently');
    const rssAfterStartMb = round(process.memoryUsage.rss() / MB, 1);

    const job = (s: Scenario, seconds: number, record: boolean) => ({
      key: s.key,
      record,
      url: s.url,
      body: bodyOf(s.query),
      headers: { 'content-type': 'application/json' },
      seconds,
      connections: opts.connections,
      sign: s.sign,
    });
    if (opts.warmupSeconds > 0) {
      log(`warming up (${opts.warmupSeconds} s per scenario)…`);
      for (const s of scenarios) {
        opts.signal?.throwIfAborted();
        await load.run(job(s, opts.warmupSeconds, false));
      }
    }

    const rounds = Math.max(1, Math.ceil(opts.seconds / opts.sliceSeconds));
    const slices = new Map<string, SliceResult[]>();
    const samples = new Map<string, ProcessSample>();
    for (let r = 0; r < rounds; r++) {
      opts.signal?.throwIfAborted();
      const seconds = Math.min(opts.sliceSeconds, opts.seconds - r * opts.sliceSeconds) || opts.sliceSeconds;
      // A B C D, then D C B A: a drift in machine load falls on every scenario alike.
      const order = r % 2 === 0 ? scenarios : [...scenarios].reverse();
      log(`round ${r + 1}/${rounds}: ${order.map((s) => s.key).join(' → ')} (${seconds} s each)`);
      for (const s of order) {
        opts.signal?.throwIfAborted();
        const sampler = startSampler();
        const slice = await load.run(job(s, seconds, true));
        samples.set(s.key, addSamples(samples.get(s.key), sampler.stop()));
        slices.set(s.key, [...(slices.get(s.key) ?? []), slice]);
      }
    }

    const results: ScenarioResult[] = [];
    for (const s of scenarios) results.push(summarise(s, slices.get(s.key) ?? [], samples.get(s.key)!, await load.stats(s.key)));
    const by = (key: string) => results.find((x) => x.key === key);
    const ratios = [
      ...ratio('front page: gateway ÷ direct', by('gateway-page'), by('direct-page')),
      ...ratio('agency(slug:): gateway ÷ direct', by('gateway-light'), by('direct-light')),
      ...ratio('minimal gateway: undici ÷ stock fetcher', by('bare-undici-page'), by('bare-stock-page')),
    ];
    const notes = [
      hub.database.embedded
        ? 'The gateway, the subgraphs and the embedded PostgreSQL (PGlite) share one process: RSS and CPU are the whole hub’s, database included.'
        : 'The gateway and the subgraphs share one process: RSS and CPU are the whole hub’s (the PostgreSQL server’s are not counted).',
      'Through the gateway a request costs gateway + subgraph work on that one process; direct costs subgraph work only.',
      'The load generator (autocannon) runs in a separate process on the same machine.',
      ...(opts.fetcherCompare ? ['The two minimal gateways (--fetcher-compare) run in the hub process too; they skip the production middleware alike.'] : []),
    ];
    return {
      startedAt: new Date(started).toISOString(),
      durationSeconds: round((Date.now() - started) / 1000, 1),
      options: {
        seconds: opts.seconds,
        sliceSeconds: opts.sliceSeconds,
        warmupSeconds: opts.warmupSeconds,
        connections: opts.connections,
        fetcherCompare: opts.fetcherCompare,
      },
      machine: {
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '?',
        loadAvgStart,
        loadAvgEnd: os.loadavg(),
      },
      hub: { database: hub.database.embedded ? 'embedded' : 'server', rssAfterStartMb, notes },
      scenarios: results,
      ratios,
    };
  } finally {
    await load?.close().catch(() => {});
    for (const gw of bare) await gw.stop().catch(() => {});
    await hub?.stop().catch(() => {});
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    process.off('exit', removeDataDir);
  }
}
