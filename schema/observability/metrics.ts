// Prometheus metrics of one hub process (prom-client). The gateway serves them at /metrics
// behind an operator token; in the one-process layout the subgraphs and adapters share this
// registry, so one scrape sees everything.
//
// Label cardinality is bounded by construction: operation names go through `OperationLabels`
// (an allowlist, then the first N names seen, then "other"), error codes through the registry
// in schema/errors.ts, subgraphs and upstream systems are configured names, agencies are the
// province's agency list.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isHubErrorCode } from '../errors.ts';

export const registry = new Registry();
/**
 * How often the event-loop lag is sampled (prom-client's `nodejs_eventloop_lag_*`, Node's
 * monitorEventLoopDelay). prom-client's default, 10 ms, wakes every process 100 times a second,
 * idle or not: ~7 ms of CPU a second per process here (a subgraph idle between calls, every
 * replica). Sampled every 100 ms the lag percentiles still show any stall worth an alert (the
 * delay of each wake-up is measured whole; only the count of samples drops).
 */
export const EVENT_LOOP_SAMPLING_MS = 100;
collectDefaultMetrics({ register: registry, prefix: 'hub_', eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLING_MS });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const metrics = {
  graphqlRequests: new Counter({
    name: 'hub_graphql_requests_total',
    help: 'GraphQL requests answered by the gateway, by operation and outcome (ok, partial = data with errors, error = no data).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  }),
  graphqlErrors: new Counter({
    name: 'hub_graphql_errors_total',
    help: 'Errors sent to clients, by operation and stable extensions.code.',
    labelNames: ['operation', 'code'] as const,
    registers: [registry],
  }),
  graphqlDuration: new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'Time from the request reaching Apollo Server to the response, by operation.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  subgraphDuration: new Histogram({
    name: 'hub_subgraph_request_duration_seconds',
    help: 'Gateway → subgraph calls, by subgraph and outcome (ok, http_<status>, timeout, unavailable, too_large).',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  upstreamDuration: new Histogram({
    name: 'hub_upstream_request_duration_seconds',
    help: 'Adapter calls to external systems (retries included), by system, operation and outcome (ok or the UPSTREAM_* code).',
    labelNames: ['system', 'operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  breakerState: new Gauge({
    name: 'hub_circuit_breaker_state',
    help: 'Circuit breakers: 0 closed, 1 half-open, 2 open, 3 isolated; kind = subgraph or upstream.',
    labelNames: ['kind', 'target'] as const,
    registers: [registry],
    collect() {
      for (const b of breakerStates()) this.set({ kind: b.kind, target: b.target }, BREAKER_VALUES[b.state]);
    },
  }),
  jobFailures: new Counter({
    name: 'hub_job_failures_total',
    help: 'Failed job attempts, by job name (reported by the job runner).',
    labelNames: ['job'] as const,
    registers: [registry],
  }),
  cacheLookups: new Counter({
    name: 'hub_cache_lookups_total',
    help: 'Lookups in the hub’s caches, by cache and result (hit, miss).',
    labelNames: ['cache', 'result'] as const,
    registers: [registry],
  }),
};

const cacheTally = new Map<string, { hit: number; miss: number }>();

/** Count one lookup in a cache (`hub_cache_lookups_total`, `hub_cache_hit_ratio`). Cache names are fixed in code. */
export function cacheLookup(cache: string, hit: boolean) {
  metrics.cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
  const t = cacheTally.get(cache) ?? { hit: 0, miss: 0 };
  if (hit) t.hit += 1;
  else t.miss += 1;
  cacheTally.set(cache, t);
}

new Gauge({
  name: 'hub_cache_hit_ratio',
  help: 'Share of lookups answered from each cache since the process started (hits / lookups).',
  labelNames: ['cache'] as const,
  registers: [registry],
  collect() {
    for (const [cache, t] of cacheTally) if (t.hit + t.miss > 0) this.set({ cache }, t.hit / (t.hit + t.miss));
  },
});

export const BREAKER_VALUES = { closed: 0, 'half-open': 1, open: 2, isolated: 3 } as const;
export type BreakerStateName = keyof typeof BREAKER_VALUES;

const breakers = new Map<string, { kind: string; target: string; read: () => BreakerStateName }>();

/** Watch a breaker: its state is read at each scrape and by the operator console. The latest
 * breaker registered for a target wins (a reloaded supergraph builds new data sources). */
export function watchBreaker(kind: 'subgraph' | 'upstream', target: string, read: () => BreakerStateName) {
  breakers.set(`${kind}:${target}`, { kind, target, read });
}

/** Every breaker this process watches, with its current state. */
export const breakerStates = () => [...breakers.values()].map(({ kind, target, read }) => ({ kind, target, state: read() }));

/** An error code as a label: a registered code, or "other" (never client text). */
export function codeLabel(code: unknown): string {
  if (isHubErrorCode(code)) return code;
  if (typeof code === 'string' && /^[A-Z][A-Z_]{2,40}$/.test(code)) return code;
  return 'other';
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Operation names as labels, bounded: the configured allowlist always counts under its own
 * name; other valid names get their own label while fewer than `max` are known; the rest
 * (and invalid names) are "other", anonymous operations "anonymous".
 */
export class OperationLabels {
  private readonly known: Set<string>;
  private readonly dynamic = new Set<string>();

  constructor(
    allowlist: readonly string[] = [],
    private readonly max = 50,
  ) {
    this.known = new Set(allowlist);
  }

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.known.has(name) || this.dynamic.has(name)) return name;
    if (!NAME.test(name) || this.dynamic.size >= this.max) return 'other';
    this.dynamic.add(name);
    return name;
  }
}
