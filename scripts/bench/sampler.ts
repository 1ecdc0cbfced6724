// What the hub process spends while a slice runs: resident memory (sampled), CPU time and event
// loop utilisation. Gateway, subgraphs and (embedded) PostgreSQL all share this process.
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export interface ProcessSample {
  rssPeakBytes: number;
  rssSumBytes: number;
  rssCount: number;
  cpuMicros: number;
  elu: EventLoopUtilization;
}

export function startSampler(intervalMs = 100): { stop(): ProcessSample } {
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  let peak = 0;
  let sum = 0;
  let count = 0;
  const take = () => {
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    sum += rss;
    count += 1;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const cpu = process.cpuUsage(cpu0);
      return { rssPeakBytes: peak, rssSumBytes: sum, rssCount: count, cpuMicros: cpu.user + cpu.system, elu: performance.eventLoopUtilization(elu0) };
    },
  };
}

/** Several slices of one scenario, added up. */
export function addSamples(a: ProcessSample | undefined, b: ProcessSample): ProcessSample {
  if (!a) return b;
  return {
    rssPeakBytes: Math.max(a.rssPeakBytes, b.rssPeakBytes),
    rssSumBytes: a.rssSumBytes + b.rssSumBytes,
    rssCount: a.rssCount + b.rssCount,
    cpuMicros: a.cpuMicros + b.cpuMicros,
    elu: { idle: a.elu.idle + b.elu.idle, active: a.elu.active + b.elu.active, utilization: 0 },
  };
}
