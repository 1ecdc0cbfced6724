// Every gateway → subgraph call as a client span (its `traceparent` goes with the request, so
// the subgraph's spans join the trace) and a latency observation by subgraph and outcome; each
// subgraph's circuit breaker is watched.
import type { Fetcher } from '@apollo/utils.fetcher';
import { metrics, watchBreaker, type BreakerStateName } from '../../schema/observability/metrics.ts';
import { injectTraceHeaders, markError, SpanKind, withSpan } from '../../schema/observability/tracing.ts';
import { SubgraphFetchError } from '../fetcher.ts';

export function observedFetcher(subgraph: string, fetcher: Fetcher, now = () => performance.now()): Fetcher {
  return (url, init) =>
    withSpan(`subgraph ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'hub.subgraph': subgraph, 'http.request.method': 'POST' } }, async (span) => {
      const headers = injectTraceHeaders({ ...(init?.headers as Record<string, string>) });
      const started = now();
      let outcome = 'ok';
      try {
        const res = await fetcher(url, { ...init, headers });
        span.setAttribute('http.response.status_code', res.status);
        if (!res.ok) {
          outcome = `http_${res.status}`;
          markError(span, outcome);
        }
        return res;
      } catch (error) {
        outcome = error instanceof SubgraphFetchError ? error.kind.toLowerCase() : 'unavailable';
        throw error;
      } finally {
        metrics.subgraphDuration.observe({ subgraph, outcome }, (now() - started) / 1000);
      }
    });
}

/** Read at each scrape: the gateway's breaker has no events, and needs none. */
export function observeSubgraphBreaker(subgraph: string, breaker: { stateName: BreakerStateName }) {
  watchBreaker('subgraph', subgraph, () => breaker.stateName);
}
