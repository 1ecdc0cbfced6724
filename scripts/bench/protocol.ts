// Messages between the bench (which hosts the hub) and the load generator process.
import type { SignedContext } from '../../schema/security/signed-context.ts';

export interface LoadJob {
  /** Latency samples are kept under this key in the load process (see `stats`). */
  key: string;
  /** Warm-up runs are not recorded. */
  record: boolean;
  url: string;
  body: string;
  headers: Record<string, string>;
  seconds: number;
  connections: number;
  /** Sign each request as the gateway would (direct calls to a subgraph). */
  /** Sign as the gateway does (a private key, base64 PKCS#8) for `audience`. */
  sign?: { key: string; audience: string; context: SignedContext };
}

export interface SliceResult {
  completed: number;
  seconds: number;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx answers whose body is not `{"data": …}` without `errors`. */
  graphqlErrors: number;
}

export interface LatencyStats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export type ChildRequest = { id: number; type: 'run'; job: LoadJob } | { id: number; type: 'stats'; key: string };

export type ChildReply = { type: 'ready' } | { id: number; ok: true; result: SliceResult | LatencyStats } | { id: number; ok: false; error: string };

/** Percentiles over raw samples (nearest-rank). */
export function latencyStats(samples: number[]): LatencyStats {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  const at = (q: number) => (n ? sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]! : 0);
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: n, meanMs: n ? sum / n : 0, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: n ? sorted[n - 1]! : 0 };
}
