// HTTP helpers for e2e tests: whole responses (status, headers, raw text, parsed body) and
// the checks every rejection must pass (SECURITY-MATRIX "Rejected").
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  body: GraphQLBody;
  ms: number;
}

export async function send(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const started = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  let body: GraphQLBody = {};
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    // not JSON: the assertions on content-type report it
  }
  return { status: res.status, headers: res.headers, text, body, ms: performance.now() - started };
}

export function post(url: string, body: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

export function gql(url: string, query: string, opts: { variables?: Record<string, unknown>; headers?: Record<string, string> } = {}): Promise<HttpResult> {
  return post(url, JSON.stringify({ query, variables: opts.variables }), opts.headers);
}

/** Internal detail that must never reach a client. */
const LEAKS = [
  /127\.0\.0\.1/,
  /localhost/i,
  /ECONNREFUSED|ECONNRESET|UND_ERR|socket/i,
  /prisma/i,
  /\bSELECT\b|\bFROM\s+"/,
  /\.ts:\d+|node_modules|\bat\s+\S+\s+\(/,
  /stacktrace|exception/i,
  /subgraph\.invalid|https?:\/\//,
  /"serviceName"/,
];

export function expectNoLeaks(text: string, extra: RegExp[] = []) {
  for (const pattern of [...LEAKS, ...extra]) expect(text, `response leaks ${pattern}`).not.toMatch(pattern);
}

/** Every error carries the request id the response header announced. */
export function expectRequestIds(res: HttpResult) {
  const id = res.headers.get('x-request-id');
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  for (const e of res.body.errors ?? []) expect(e.extensions?.requestId).toBe(id);
}

/** A refusal: status, registered code, JSON, request id, no data, no leak, no limit value. */
export function expectRejected(res: HttpResult, status: number, code: string, opts: { noDigits?: boolean } = {}) {
  expect({ status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  expect(res.body.data ?? null).toBeNull();
  expectRequestIds(res);
  expectNoLeaks(res.text);
  // Limit values (depth 10, 15 aliases, 2000 tokens …) must not appear in a message.
  if (opts.noDigits !== false) for (const e of res.body.errors ?? []) expect(e.message).not.toMatch(/\d{2,}/);
}

/** A port nothing listens on (free at the time of the call). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
