// Start the portal subgraph alone against a test database and call it as the gateway would
// (signed), so integration tests exercise the real HTTP path.
import { pino } from 'pino';
import 'reflect-metadata';
import { signRequest, type Actor } from '../../schema/security/signed-context.ts';
import { startPortalSubgraph } from '../../subgraphs/portal/index.ts';
import type { PortalOptions } from '../../subgraphs/portal/context.ts';
import type { RunningSubgraph } from '../../subgraphs/kit/server.ts';
import type { TestDatabase } from './db.ts';

export const TEST_SECRET = 'test-signing-secret-0123456789abcdef0123';

export async function startPortal(db: TestDatabase, options: PortalOptions = {}): Promise<RunningSubgraph> {
  return startPortalSubgraph({ prisma: db.prisma, secret: TEST_SECRET, logger: pino({ level: 'silent' }) }, 0, { schedulerIntervalMs: 0, ...options });
}

export async function signedQuery<T = unknown>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  actor: Actor = { roles: [] },
): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const body = JSON.stringify({ query, variables });
  const headers = { 'content-type': 'application/json', ...signRequest(TEST_SECRET, { requestId: 'test', actor }, body) };
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as never };
}
