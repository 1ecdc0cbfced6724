// Each signed subgraph request runs inside its request's scope: the gateway's request id (from
// the signed context) on every log line and upstream call below it, a server span that joins
// the gateway's trace (W3C traceparent), and one access log line when it ends.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { registry } from '../../schema/observability/metrics.ts';
import { context, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { runInRequest } from '../../schema/observability/request-context.ts';
import { extractTraceContext, markError, SpanKind, tracer } from '../../schema/observability/tracing.ts';

export function enterRequestScope(subgraph: string, logger: Logger, requestId: string, req: IncomingMessage, res: ServerResponse, next: () => void) {
  const started = performance.now();
  const parent = extractTraceContext(req.headers);
  const span = tracer.startSpan(
    `subgraph ${subgraph} request`,
    { kind: SpanKind.SERVER, attributes: { 'hub.subgraph': subgraph, 'hub.request_id': requestId } },
    parent,
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) markError(span, `HTTP ${res.statusCode}`);
    span.end();
    logger.info({ requestId, subgraph, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'subgraph request');
  });
  runInRequest(requestId, () => context.with(trace.setSpan(parent, span), next));
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** GET /metrics of a subgraph process, for the scraper's METRICS_TOKEN only. */
export function metricsRoute(token: string) {
  const expected = digest(`Bearer ${token}`);
  return async (req: Request, res: Response) => {
    const header = req.headers.authorization;
    if (!header || !timingSafeEqual(digest(header), expected)) {
      res.status(401).json({ errors: [{ message: 'An operator token is required.', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
