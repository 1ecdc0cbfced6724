// The root span of a public GraphQL request. A client's own `traceparent` is not trusted at
// the public edge (it would let anyone write into the operators' traces): each request starts
// a trace, and its id is echoed in `x-trace-id` beside `x-request-id`.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { markError, tracer } from '../../schema/observability/tracing.ts';

/** Middleware right before Apollo Server (inside the request id's scope); one access log line
 * per request with its id, status and time. */
export const traceRequests = (logger: Logger) => (req: Request, res: Response, next: NextFunction) => {
  const started = performance.now();
  const span = tracer.startSpan('POST /graphql', {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': req.method, 'url.path': '/graphql', 'hub.request_id': res.locals.requestId as string },
  });
  const traceId = span.spanContext().traceId;
  if (span.isRecording()) res.setHeader('x-trace-id', traceId);
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) markError(span, `HTTP ${res.statusCode}`);
    span.end();
    logger.info({ requestId: res.locals.requestId as string, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'graphql request');
  });
  context.with(trace.setSpan(context.active(), span), next);
};
