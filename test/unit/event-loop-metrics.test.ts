// The process metrics every hub process exports (schema/observability/metrics.ts): the event-loop
// lag is sampled every EVENT_LOOP_SAMPLING_MS (not prom-client's 10 ms, which woke every process
// 100 times a second) and still shows a stall.
import { describe, expect, it } from 'vitest';
import { EVENT_LOOP_SAMPLING_MS, registry } from '../../schema/observability/metrics.ts';

const lagMax = async (): Promise<number> => {
  // A whole collection, as a scrape does (prom-client sets the lag gauges together, then resets).
  const all = (await registry.getMetricsAsJSON()) as { name: string; values: { value: number }[] }[];
  return Number(all.find((m) => m.name === 'hub_nodejs_eventloop_lag_max_seconds')?.values[0]?.value ?? NaN);
};

describe('event-loop lag metric', () => {
  it('is sampled every 100 ms and reports a 300 ms stall', async () => {
    expect(EVENT_LOOP_SAMPLING_MS).toBe(100);
    await lagMax(); // a collection resets the histogram
    // Real time on purpose: Node's monitorEventLoopDelay times the loop itself (no clock to
    // inject). Shorter waits (none before the stall, or under one sampling period after it) miss
    // the stall.
    await new Promise((r) => setTimeout(r, 2 * EVENT_LOOP_SAMPLING_MS));
    const stallUntil = Date.now() + 300;
    while (Date.now() < stallUntil) {
      // the loop is blocked: the sampling timer cannot fire
    }
    await new Promise((r) => setTimeout(r, 2 * EVENT_LOOP_SAMPLING_MS));
    expect(await lagMax()).toBeGreaterThanOrEqual(0.15);
  });
});
