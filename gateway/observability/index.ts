// The gateway's observability: request/error metrics and traces on /graphql, spans and
// latencies of subgraph calls, breaker states, the operator-only /metrics and the console's
// status endpoint. server.ts wires it in a few lines.
import type { Express, RequestHandler } from 'express';
import type { Fetcher } from '@apollo/utils.fetcher';
import { Registry } from 'prom-client';
import { OperationLabels, breakerStates, registry } from '../../schema/observability/metrics.ts';
import { readBackups } from '../../schema/observability/operations.ts';
import { createGraphStatus, type RunGraph } from './graph-status.ts';
import { graphqlMetricsPlugin } from './graphql-metrics.ts';
import { requireOperator } from './operator-auth.ts';
import { observedFetcher, observeSubgraphBreaker } from './subgraph-calls.ts';

export { traceRequests } from './request-span.ts';
export { OPERATOR_STATUS_REQUEST } from './graph-status.ts';

export interface ObservabilityConfig {
  metricsToken?: string;
  operations: string[];
  maxOperations: number;
}

export function createObservability(config: ObservabilityConfig) {
  const labels = new OperationLabels(config.operations, config.maxOperations);
  return {
    plugin: graphqlMetricsPlugin(labels),
    fetcherFor: (subgraph: string, fetcher: Fetcher) => observedFetcher(subgraph, fetcher),
    observeBreaker: (subgraph: string, breaker: { stateName: 'closed' | 'open' | 'half-open' }) => observeSubgraphBreaker(subgraph, breaker),
    /** /metrics and /console/api/status, both for operators only. */
    mount(
      app: Express,
      deps: {
        authenticate: RequestHandler;
        rateLimit: RequestHandler;
        readiness: () => Promise<Record<string, boolean>>;
        /** Per subgraph, for operators: trust class, owner, contact, latency, last error (subgraph-registry.ts). */
        subgraphDetails?: () => Promise<Record<string, unknown>>;
        runGraph: RunGraph;
      },
    ) {
      const status = createGraphStatus(deps.runGraph);
      app.get(
        '/metrics',
        deps.rateLimit,
        requireOperator({ metricsToken: config.metricsToken, authenticate: deps.authenticate, allowMetricsToken: true }),
        async (_req, res) => {
          const merged = Registry.merge([registry, status.registry]);
          res.type(merged.contentType).send(await merged.metrics());
        },
      );
      app.get('/console/api/status', deps.rateLimit, requireOperator({ authenticate: deps.authenticate, allowMetricsToken: false }), async (_req, res) => {
        // Jobs are in the graph (operatorJobs): the console reads them there.
        const [subgraphs, subgraphDetails, backups] = await Promise.all([deps.readiness(), deps.subgraphDetails?.() ?? null, readBackups().catch(() => null)]);
        res.setHeader('cache-control', 'no-store');
        res.json({ at: new Date().toISOString(), subgraphs, subgraphDetails, breakers: breakerStates(), backups });
      });
    },
  };
}
