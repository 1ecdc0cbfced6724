// What the bench reports: per-scenario numbers (from the load generator's slices and the hub
// process's samples) and the ratios between scenarios.
import type { LatencyStats, SliceResult } from './protocol.ts';
import type { BenchQuery } from './queries.ts';
import type { ProcessSample } from './sampler.ts';
import type { SignedContext } from '../../schema/security/signed-context.ts';

export type Target = 'gateway' | 'direct' | 'bare-undici' | 'bare-stock';

export interface ScenarioResult {
  key: string;
  label: string;
  target: Target;
  query: string;
  url: string;
  rps: number;
  completed: number;
  seconds: number;
  sliceRps: number[];
  latency: LatencyStats;
  errors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
  /** Hub process CPU (all threads) per completed request. */
  cpuMsPerRequest: number;
  /** Share of wall time the hub's event loop was busy. */
  eventLoopUtilization: number;
  rssPeakMb: number;
  rssMeanMb: number;
}

export interface Ratio {
  label: string;
  numerator: string;
  denominator: string;
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
}

export interface BenchResult {
  startedAt: string;
  durationSeconds: number;
  options: { seconds: number; sliceSeconds: number; warmupSeconds: number; connections: number; fetcherCompare: boolean };
  machine: { node: string; platform: string; cpus: number; cpuModel: string; loadAvgStart: number[]; loadAvgEnd: number[] };
  hub: { database: 'embedded' | 'server'; rssAfterStartMb: number; notes: string[] };
  scenarios: ScenarioResult[];
  ratios: Ratio[];
}

/** One measured scenario as run.ts defines it. */
export interface Scenario {
  key: string;
  label: string;
  target: Target;
  query: BenchQuery;
  url: string;
  /** Sign as the gateway does (a private key, base64 PKCS#8) for `audience`. */
  sign?: { key: string; audience: string; context: SignedContext };
}

export const MB = 1024 * 1024;
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function summarise(s: Scenario, list: SliceResult[], sample: ProcessSample, latency: LatencyStats): ScenarioResult {
  const sum = (f: (x: SliceResult) => number) => list.reduce((n, x) => n + f(x), 0);
  const completed = sum((x) => x.completed);
  const seconds = sum((x) => x.seconds);
  return {
    key: s.key,
    label: s.label,
    target: s.target,
    query: s.query.name,
    url: s.url,
    rps: round(seconds ? completed / seconds : 0, 1),
    completed,
    seconds: round(seconds, 2),
    sliceRps: list.map((x) => round(x.completed / x.seconds, 1)),
    latency,
    errors: sum((x) => x.errors),
    timeouts: sum((x) => x.timeouts),
    non2xx: sum((x) => x.non2xx),
    graphqlErrors: sum((x) => x.graphqlErrors),
    cpuMsPerRequest: round(completed ? sample.cpuMicros / 1000 / completed : 0, 3),
    eventLoopUtilization: round(sample.elu.active / (sample.elu.active + sample.elu.idle), 3),
    rssPeakMb: round(sample.rssPeakBytes / MB, 1),
    rssMeanMb: round(sample.rssSumBytes / sample.rssCount / MB, 1),
  };
}

export function ratio(label: string, a: ScenarioResult | undefined, b: ScenarioResult | undefined): Ratio[] {
  if (!a || !b) return [];
  return [
    {
      label,
      numerator: a.key,
      denominator: b.key,
      rps: round(a.rps / b.rps, 3),
      p50: round(a.latency.p50Ms / b.latency.p50Ms, 3),
      p99: round(a.latency.p99Ms / b.latency.p99Ms, 3),
      cpuPerRequest: round(a.cpuMsPerRequest / b.cpuMsPerRequest, 3),
    },
  ];
}
