// OpenTelemetry traces across gateway → subgraph → database and upstream calls.
//
// Spans are made by hand at the few places a request crosses a boundary (the gateway's request
// and each subgraph call, a subgraph's request, every upstream call) and Prisma's own
// instrumentation adds the database spans. Auto-instrumentation of `http`/`undici`/`pg` needs
// module hooks loaded before the app (`--import`), which tsx, vitest and the one-process
// launcher do not give reliably under ESM; explicit spans work in every one of them and cost
// nothing when tracing is off (the API's no-op tracer). The W3C `traceparent` header carries
// the trace from process to process.
//
// Off by default: no provider, no exporter. OTEL_EXPORTER_OTLP_ENDPOINT turns on OTLP/HTTP
// export; tests pass an in-memory exporter.
//
// The SDK (provider, processors, OTLP exporter, Prisma's instrumentation) is loaded only when
// tracing starts: with tracing off — the default — a process never loads it (~5 MB of heap and
// ~14 MB of RSS in every process of the hub; BENCHMARKS.md "Memory and start-up"). It is
// required synchronously (the packages ship CommonJS) so `startTracing` stays synchronous.
import { createRequire } from 'node:module';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Resources from '@opentelemetry/resources';
import type * as TraceBase from '@opentelemetry/sdk-trace-base';
import type * as TraceNode from '@opentelemetry/sdk-trace-node';
import type * as PrismaTracing from '@prisma/instrumentation';

type SpanExporter = TraceBase.SpanExporter;
const load = createRequire(import.meta.url);

export { SpanKind };

export const tracer = trace.getTracer('cong-hub');

export interface TracingOptions {
  serviceName?: string;
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); `/v1/traces` is appended. */
  otlpEndpoint?: string;
  /** An exporter given in code (tests: InMemorySpanExporter), exported span by span. */
  exporter?: SpanExporter;
}

export interface Tracing {
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** Start tracing for this process once; without an endpoint or exporter it stays off. */
export function startTracing(opts: TracingOptions): Tracing | undefined {
  if (active) return active;
  if (!opts.exporter && !opts.otlpEndpoint) return undefined;
  const { BatchSpanProcessor, SimpleSpanProcessor } = load('@opentelemetry/sdk-trace-base') as typeof TraceBase;
  const { NodeTracerProvider } = load('@opentelemetry/sdk-trace-node') as typeof TraceNode;
  const { OTLPTraceExporter } = load('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { resourceFromAttributes } = load('@opentelemetry/resources') as typeof Resources;
  const { PrismaInstrumentation } = load('@prisma/instrumentation') as typeof PrismaTracing;
  const processor = opts.exporter
    ? new SimpleSpanProcessor(opts.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter({ url: `${opts.otlpEndpoint!.replace(/\/$/, '')}/v1/traces`, timeoutMillis: 10_000 }));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName ?? 'cong-hub' }),
    spanProcessors: [processor],
  });
  provider.register();
  const prisma = new PrismaInstrumentation();
  prisma.setTracerProvider(provider);
  prisma.enable();
  active = {
    async shutdown() {
      prisma.disable();
      await provider.shutdown();
      active = undefined;
    },
  };
  return active;
}

/** Run `fn` in a new active span; it ends when `fn` settles, marked as an error if it threw. */
export async function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Add the active span's `traceparent` (and `tracestate`) to outgoing headers. */
export function injectTraceHeaders(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

/** The trace context a trusted caller (the gateway, signed) sent with a request. */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

export function markError(span: Span, message: string) {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}
