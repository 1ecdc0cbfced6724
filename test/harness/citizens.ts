// Start the citizens subgraph alone against a test database and call it as the gateway would
// (signed, with a client key), plus helpers: solve a proof-of-work challenge as a browser would,
// capture the subgraph's log lines (to prove contact data never reaches them).
import { Writable } from 'node:stream';
import { pino } from 'pino';
import 'reflect-metadata';
import { afterAll, beforeAll } from 'vitest';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Actor } from '../../schema/security/signed-context.ts';
import { knowSubgraph, signedFor, testTrust } from './signing.ts';
import { startCitizensSubgraph } from '../../subgraphs/citizens/index.ts';
import type { CitizensOptions } from '../../subgraphs/citizens/context.ts';
import type { RunningSubgraph } from '../../subgraphs/kit/server.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { tempFilesDir } from './portal.ts';

export interface CitizensFixture {
  db: TestDatabase;
  server: RunningSubgraph;
  url: string;
  /** Every log line the subgraph wrote, as JSON text. */
  logs: string[];
}

export function useCitizens(options: CitizensOptions = {}): CitizensFixture {
  const fixture = { logs: [] as string[] } as CitizensFixture;
  beforeAll(async () => {
    fixture.db = await createTestDatabase();
    const sink = new Writable({
      write(chunk, _enc, done) {
        fixture.logs.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    fixture.server = knowSubgraph(
      await startCitizensSubgraph({ prisma: fixture.db.prisma, trust: testTrust(), logger }, 0, {
        powMaxNumber: 30,
        filesDir: await tempFilesDir(),
        ...options,
      }),
    );
    fixture.url = fixture.server.url;
  });
  afterAll(async () => {
    await fixture.server?.close();
    await fixture.db?.close();
  });
  return fixture;
}

export interface GqlResult<T> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
  text: string;
}

export async function call<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  who: { actor?: Actor; clientKey?: string; idempotencyKey?: string } = {},
): Promise<GqlResult<T>> {
  const body = JSON.stringify({ query, variables });
  const ctx = { requestId: 'test', actor: who.actor ?? { roles: [] }, clientKey: who.clientKey ?? 'client-default', idempotencyKey: who.idempotencyKey };
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signedFor(url, ctx, body) }, body });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as GqlResult<T>['body'], text };
}

/** What a browser does with the ALTCHA widget: fetch a challenge, solve it, send the payload. */
export async function solvedProofOfWork(url: string, clientKey = 'client-default'): Promise<string> {
  const r = await call<{ submissionChallenge: { json: string } }>(url, '{ submissionChallenge { json } }', {}, { clientKey });
  const challenge = JSON.parse(r.body.data!.submissionChallenge.json) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('challenge not solved');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

export const BOARD: Actor = { id: 'board-1', roles: ['BOARD'] };
export const editorOf = (agencyId: string, id = `editor-${agencyId.slice(0, 8)}`): Actor => ({ id, roles: ['EDITOR'], agencyIds: [agencyId] });

export const AGENCY_A = '0190a1b2-0000-7000-8000-00000000000a';
export const AGENCY_B = '0190a1b2-0000-7000-8000-00000000000b';
export const AGENCY_C = '0190a1b2-0000-7000-8000-00000000000c';
