// Start the portal subgraph alone against a test database and call it as the gateway would
// (signed), so integration tests exercise the real HTTP path.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import 'reflect-metadata';
import { afterAll, beforeAll } from 'vitest';
import { seedAll } from '../../schema/seed/index.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import { knowSubgraph, signedFor, testTrust } from './signing.ts';
import { startPortalSubgraph } from '../../subgraphs/portal/index.ts';
import type { PortalOptions, PortalRuntime } from '../../subgraphs/portal/context.ts';
import type { RunningDefinedSubgraph } from '../../subgraphs/kit/define.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export const tempFilesDir = () => mkdtemp(path.join(os.tmpdir(), 'cong-hub-files-'));

export async function startPortal(db: TestDatabase, options: PortalOptions = {}): Promise<RunningDefinedSubgraph<PortalRuntime>> {
  return knowSubgraph(
    await startPortalSubgraph({ prisma: db.prisma, trust: testTrust(), logger: pino({ level: 'silent' }) }, 0, { schedulerIntervalMs: 0, ...options }),
  );
}

/** What `usePortal` sets up; its fields are filled in by the file's `beforeAll`. */
export interface PortalFixture {
  db: TestDatabase;
  /** The running subgraph; `state` is its runtime (tests run its jobs directly). */
  server: RunningDefinedSubgraph<PortalRuntime>;
  /** The GraphQL endpoint. */
  url: string;
  /** The subgraph's own origin, where the print, save and file routes live. */
  base: string;
  filesDir: string;
}

/**
 * One seeded database and one portal subgraph for the whole test file, closed after it.
 * Files go to a fresh temporary directory unless `options.filesDir` names one, so test
 * files never share stored blobs.
 */
export function usePortal(options: PortalOptions = {}): PortalFixture {
  const fixture = {} as PortalFixture;
  beforeAll(async () => {
    fixture.db = await createTestDatabase();
    await seedAll(fixture.db.prisma);
    fixture.filesDir = options.filesDir ?? (await tempFilesDir());
    fixture.server = await startPortal(fixture.db, { ...options, filesDir: fixture.filesDir });
    fixture.url = fixture.server.url;
    fixture.base = fixture.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await fixture.server?.close();
    await fixture.db?.close();
  });
  return fixture;
}

export async function signedQuery<T = unknown>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  actor: Actor = { roles: [] },
  /** More of the signed context (idempotencyKey, clientKey …). */
  context: Partial<SignedContext> = {},
): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const body = JSON.stringify({ query, variables });
  const headers = { 'content-type': 'application/json', ...signedFor(url, { requestId: 'test', ...context, actor }, body) };
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as never };
}
