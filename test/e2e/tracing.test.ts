// One query, one trace: the gateway's request span, its call to the subgraph, the subgraph's
// own request span (joined through the W3C traceparent header) and the database spans under it
// share one trace id, each the child of the one before. And the request id a client receives
// is on the gateway's and the subgraph's log lines for that request.
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../schema/observability/logger.ts';
import { startTracing, type Tracing } from '../../schema/observability/tracing.ts';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { gql } from './support/http.ts';

const exporter = new InMemorySpanExporter();
const lines: Record<string, unknown>[] = [];
let tracing: Tracing | undefined;
let t: TestHub;

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'cong-hub-test', exporter });
  const logger = createLogger('info', {}, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  t = await startTestHub({ logger });
});
afterAll(async () => {
  await t?.stop();
  await tracing?.shutdown();
});

const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;

describe('tracing', () => {
  it('one query yields one trace spanning gateway, subgraph and database', async () => {
    exporter.reset();
    const res = await gql(t.url, 'query TracedAgencies { agencies(first: 2) { nodes { id name { vi } } } }');
    expect(res.body.errors).toBeUndefined();
    const traceId = res.headers.get('x-trace-id');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const root = spans.find((s) => s.name === 'POST /graphql');
    const call = spans.find((s) => s.name === 'subgraph portal');
    const served = spans.find((s) => s.name === 'subgraph portal request');
    expect(root, 'gateway request span').toBeDefined();
    expect(parentOf(root!)).toBeUndefined();
    expect(root!.attributes['graphql.operation.name']).toBe('TracedAgencies');
    expect(call, 'gateway → subgraph client span').toBeDefined();
    // Apollo Gateway's own spans (gateway.request → execute → fetch) sit between the two.
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const chain: string[] = [];
    for (let s: ReadableSpan | undefined = call; s; s = byId.get(parentOf(s) ?? '')) chain.push(s.name);
    expect(chain).toEqual(['subgraph portal', 'gateway.fetch', 'gateway.execute', 'gateway.request', 'POST /graphql']);
    expect(served, 'subgraph server span').toBeDefined();
    expect(parentOf(served!)).toBe(call!.spanContext().spanId);
    // Prisma's spans (operation, then SQL) sit under the subgraph's request span.
    const prisma = spans.filter((s) => s.name.startsWith('prisma:'));
    expect(prisma.length).toBeGreaterThan(0);
    expect(prisma.some((s) => parentOf(s) === served!.spanContext().spanId)).toBe(true);
    expect(prisma.every((s) => byId.has(parentOf(s)!))).toBe(true);
    expect(spans.some((s) => s.name === 'prisma:client:db_query' || s.name === 'prisma:engine:db_query')).toBe(true);
  });

  it('a client-sent traceparent does not join the hub trace (untrusted at the public edge)', async () => {
    const foreign = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await gql(t.url, '{ agencies(first: 1) { totalCount } }', { headers: { traceparent: foreign } });
    expect(res.headers.get('x-trace-id')).not.toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('the request id reaches the gateway and subgraph log lines of that request', async () => {
    const res = await gql(t.url, 'query LoggedAgencies { agencies(first: 1) { totalCount } }');
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    const mine = lines.filter((l) => l.requestId === requestId);
    expect(mine.find((l) => l.msg === 'graphql request' && l.status === 200)).toBeDefined();
    expect(mine.find((l) => l.msg === 'subgraph request' && l.subgraph === 'portal' && l.status === 200)).toBeDefined();
  });
});
