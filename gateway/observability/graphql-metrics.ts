// Counts every GraphQL request the gateway answers (by operation and outcome), every error sent
// (by operation and code) and its duration, and names the request's span after the operation.
// Reads the response as sent, after formatError: the codes counted are the codes clients saw.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import { Kind } from 'graphql';
import { codeLabel, metrics, type OperationLabels } from '../../schema/observability/metrics.ts';
import type { GatewayContext } from '../context.ts';
import { OPERATOR_STATUS_REQUEST } from './graph-status.ts';

/** How a request was counted: request collapsing (request-collapse.ts) counts each follower the same. */
export interface Answered {
  operation: string;
  outcome: 'ok' | 'partial' | 'error';
  codes: string[];
}
/** Where a caller running Apollo Server itself learns how its request was counted (Apollo
 * Server hands plugins a copy of the context, so the context cannot carry it back). */
export const answerSink = new AsyncLocalStorage<AnswerSink>();
export interface AnswerSink {
  answered?: Answered;
  /** The cacheable answer's remaining policy lifetime, whole seconds: how long the response
   * cache keeps it from now (response-cache.ts), which may be longer than the max-age its header
   * tells HTTP caches. */
  cacheMaxAge?: number;
}

/** Count one answered request (Apollo Server's, or a collapsed follower's with its own duration). */
export function countAnswer(answered: Answered, seconds: number) {
  const { operation, outcome, codes } = answered;
  metrics.graphqlRequests.inc({ operation, outcome });
  for (const code of codes) metrics.graphqlErrors.inc({ operation, code });
  metrics.graphqlDuration.observe({ operation }, seconds);
}

export function graphqlMetricsPlugin(labels: OperationLabels, now = () => performance.now()): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      // The gateway's own status reads (graph-status.ts) are not client traffic.
      if (contextValue.requestId === OPERATOR_STATUS_REQUEST) return;
      const started = now();
      return {
        async willSendResponse({ request, operationName, response, document }) {
          // A query that failed validation has no resolved operation: name it from its text.
          const named = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)?.name?.value;
          const operation = labels.label(operationName ?? request.operationName ?? named);
          trace.getActiveSpan()?.setAttribute('graphql.operation.name', operation);
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const errors = body?.errors ?? [];
          const outcome = errors.length === 0 ? 'ok' : body?.data ? 'partial' : 'error';
          const answered: Answered = { operation, outcome, codes: errors.map((error) => codeLabel(error.extensions?.code)) };
          const sink = answerSink.getStore();
          if (sink) sink.answered = answered;
          countAnswer(answered, (now() - started) / 1000);
        },
      };
    },
  };
}
