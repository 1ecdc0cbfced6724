// Counts every GraphQL request the gateway answers (by operation and outcome), every error sent
// (by operation and code) and its duration, and names the request's span after the operation.
// Reads the response as sent, after formatError: the codes counted are the codes clients saw.
import type { ApolloServerPlugin } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import { Kind } from 'graphql';
import { codeLabel, metrics, type OperationLabels } from '../../schema/observability/metrics.ts';
import type { GatewayContext } from '../context.ts';
import { OPERATOR_STATUS_REQUEST } from './graph-status.ts';

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
          metrics.graphqlRequests.inc({ operation, outcome });
          for (const error of errors) metrics.graphqlErrors.inc({ operation, code: codeLabel(error.extensions?.code) });
          metrics.graphqlDuration.observe({ operation }, (now() - started) / 1000);
        },
      };
    },
  };
}
