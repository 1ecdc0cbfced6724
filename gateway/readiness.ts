// Readiness of the subgraphs behind the gateway (each checks its own database). /ready is on
// the public port: one check is shared by every probe for a second, so a flood of probes does
// not turn into a flood of subgraph and database calls.
//
// The hub's own (`core`) subgraphs decide readiness; a partner agency's subgraph being down
// makes the hub `degraded` (still 200: its fields answer with SUBGRAPH_UNAVAILABLE, the rest of
// the graph is served), never not-ready. Each subgraph's latency and last error are reported,
// without URLs.
import type { TrustClass } from './subgraph-registry.ts';

const CACHE_MS = 1_000;
const CHECK_TIMEOUT_MS = 2_000;

export interface SubgraphCheck {
  ok: boolean;
  trust: TrustClass;
  /** How long the last probe took (ms), answered or not. */
  latencyMs: number;
  /** The most recent failure, kept after recovery so an operator sees what happened. */
  lastError?: { reason: string; at: string };
}

export type ReadinessStatus = 'ready' | 'degraded' | 'not-ready';

export interface ReadinessReport {
  status: ReadinessStatus;
  /** Name → up: the short view (probes, the operator console). */
  subgraphs: Record<string, boolean>;
  checks: Record<string, SubgraphCheck>;
}

export interface ReadinessTarget {
  url: string;
  trust: TrustClass;
}

/** core down → not-ready; only partners down → degraded. */
export function statusOf(checks: Record<string, Pick<SubgraphCheck, 'ok' | 'trust'>>): ReadinessStatus {
  const down = Object.values(checks).filter((c) => !c.ok);
  if (down.some((c) => c.trust === 'core')) return 'not-ready';
  return down.length ? 'degraded' : 'ready';
}

export function createReadiness(
  /** The subgraphs to probe, or a function giving them at each check (a partner published since boot). */
  targets: Record<string, ReadinessTarget> | (() => Record<string, ReadinessTarget>),
  opts: { now?: () => number; probe?: (url: string) => Promise<ProbeResult> } = {},
): () => Promise<ReadinessReport> {
  const now = opts.now ?? (() => Date.now());
  const probe = opts.probe ?? check;
  const lastErrors = new Map<string, SubgraphCheck['lastError']>();
  let last: { at: number; answer: Promise<ReadinessReport> } | undefined;

  const checkAll = async (): Promise<ReadinessReport> => {
    const entries = await Promise.all(
      Object.entries(typeof targets === 'function' ? targets() : targets).map(async ([name, target]) => {
        const started = performance.now();
        const result = await probe(target.url);
        const latencyMs = Math.round(performance.now() - started);
        if (!result.ok) lastErrors.set(name, { reason: result.reason, at: new Date(now()).toISOString() });
        const lastError = lastErrors.get(name);
        return [name, { ok: result.ok, trust: target.trust, latencyMs, ...(lastError ? { lastError } : {}) }] as const;
      }),
    );
    const checks: Record<string, SubgraphCheck> = Object.fromEntries(entries);
    return { status: statusOf(checks), subgraphs: Object.fromEntries(entries.map(([n, c]) => [n, c.ok])), checks };
  };

  return () => {
    if (!last || now() - last.at >= CACHE_MS) last = { at: now(), answer: checkAll() };
    return last.answer;
  };
}

export type ProbeResult = { ok: true } | { ok: false; reason: string };

async function check(url: string): Promise<ProbeResult> {
  try {
    const res = await fetch(url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await res.body?.cancel();
    return res.ok ? { ok: true } : { ok: false, reason: `HTTP ${res.status}` };
  } catch (err) {
    const name = (err as { name?: string }).name;
    return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'TIMEOUT' : 'UNREACHABLE' };
  }
}
