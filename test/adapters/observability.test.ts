// Upstream calls are observable: each adapter call is a client span of the request that made
// it (its traceparent travels with the HTTP request), its latency is recorded by system,
// operation and outcome, its breaker state is a metric, and log lines written while a request
// is served carry that request's id.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../adapters/kit/http.ts';
import { createUpstreamPolicy, DEFAULT_RESILIENCE } from '../../adapters/kit/resilience.ts';
import { createUrlGuard } from '../../adapters/kit/url-guard.ts';
import { createLogger } from '../../schema/observability/logger.ts';
import { OperationLabels, registry } from '../../schema/observability/metrics.ts';
import { runInRequest } from '../../schema/observability/request-context.ts';
import { startTracing, withSpan, type Tracing } from '../../schema/observability/tracing.ts';

const exporter = new InMemorySpanExporter();
let tracing: Tracing | undefined;
let server: http.Server;
let base = '';
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  tracing = startTracing({ exporter });
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(req.url === '/down' ? 503 : 200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await tracing?.shutdown();
});

const noRetry = { ...DEFAULT_RESILIENCE, attemptTimeoutMs: 2_000, retry: { ...DEFAULT_RESILIENCE.retry, maxAttempts: 1 } };

describe('upstream calls', () => {
  it('are child spans of the request, carry its traceparent and are timed by outcome', async () => {
    const client = createHttpClient({ guard: createUrlGuard({ allowHosts: ['127.0.0.1'] }), timeoutMs: 2_000, maxBytes: 10_000 });
    const policy = createUpstreamPolicy('TEST_UPSTREAM', noRetry);
    const traceId = await withSpan('request', {}, async (span) => {
      await policy.run('fetchThing', (signal) => client.request({ method: 'GET', url: `${base}/ok`, signal }), { idempotent: true });
      return span.spanContext().traceId;
    });
    await client.close();
    const spans = exporter.getFinishedSpans();
    const upstream = spans.find((s) => s.name === 'upstream TEST_UPSTREAM fetchThing');
    const request = spans.find((s) => s.name === 'request');
    expect(upstream?.spanContext().traceId).toBe(traceId);
    expect(upstream?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(seen.at(-1)?.traceparent).toBe(`00-${traceId}-${upstream!.spanContext().spanId}-01`);

    const text = await registry.metrics();
    expect(text).toMatch(/hub_upstream_request_duration_seconds_count\{system="TEST_UPSTREAM",operation="fetchThing",outcome="ok"\} 1/);
    expect(text).toMatch(/hub_circuit_breaker_state\{kind="upstream",target="TEST_UPSTREAM"\} 0/);
  });

  it('a failing call is counted under its UPSTREAM_* code and opens the breaker metric', async () => {
    const policy = createUpstreamPolicy('FLAKY_UPSTREAM', { ...noRetry, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } });
    const fail = () =>
      policy.run(
        'get',
        async () => {
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        },
        { idempotent: true },
      );
    await expect(fail()).rejects.toThrow();
    await expect(fail()).rejects.toThrow();
    const text = await registry.metrics();
    expect(text).toMatch(/hub_upstream_request_duration_seconds_count\{system="FLAKY_UPSTREAM",operation="get",outcome="UPSTREAM_UNAVAILABLE"\} 2/);
    expect(text).toMatch(/hub_circuit_breaker_state\{kind="upstream",target="FLAKY_UPSTREAM"\} 2/);
  });
});

describe('request ids in logs', () => {
  it('every line written inside a request carries its id; lines outside carry none', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', {}, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    runInRequest('req-123', () => logger.child({ adapter: 'gazette' }).info('upstream call'));
    logger.info('boot');
    expect(lines[0]).toMatchObject({ requestId: 'req-123', adapter: 'gazette', msg: 'upstream call' });
    expect(lines[1]?.requestId).toBeUndefined();
  });
});

describe('operation labels', () => {
  it('keep the allowlist, admit the first names up to the cap, then say "other"', () => {
    const labels = new OperationLabels(['Known'], 2);
    expect(['Known', 'A', 'B', 'C', 'A', null, 'bad name!'].map((n) => labels.label(n))).toEqual(['Known', 'A', 'B', 'other', 'A', 'anonymous', 'other']);
  });
});
