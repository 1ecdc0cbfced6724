// A legal subgraph for an integration test file: its own test database, real fake upstreams on
// 127.0.0.1 (the national database as JSON or SOAP, sharing one mutable catalogue, and the
// gazette), real sources with tiny delays, an injected clock, files in a temporary directory.
// Syncs run to the end through the subgraph's own syncer; queries go signed over HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import 'reflect-metadata';
import type { Actor } from '../../schema/security/signed-context.ts';
import { createCatalogue, type Catalogue } from '../../adapters/national-legal-db/fake/catalogue.ts';
import { startJsonLegalDbFake, type JsonLegalDbFake } from '../../adapters/national-legal-db/fake/json-server.ts';
import { startSoapLegalDbFake, type SoapLegalDbFake } from '../../adapters/national-legal-db/fake/soap-server.ts';
import type { FixtureDocument } from '../../adapters/national-legal-db/fixtures/types.ts';
import { startGazetteFake, type GazetteFake } from '../../adapters/gazette/fake/server.ts';
import type { FixtureGazetteIssue } from '../../adapters/gazette/fixtures/issues.ts';
import { createGazetteSource, parseGazetteConfig } from '../../adapters/gazette/source.ts';
import { createLegalDocumentSource, parseLegalDbConfig } from '../../adapters/national-legal-db/source.ts';
import { createFileFetcher } from '../../subgraphs/legal/files/file-fetcher.ts';
import { startLegalSubgraph, type RunningLegalSubgraph } from '../../subgraphs/legal/index.ts';
import type { LegalOptions } from '../../subgraphs/legal/config.ts';
import type { LegalSources, SyncSystem } from '../../subgraphs/legal/sync/syncer.ts';
import { seedOrganisation } from '../../schema/seed/organisation.ts';
import { createTestDatabase, type TestDatabase } from '../harness/db.ts';
import { signedQuery } from '../harness/portal.ts';
import { knowSubgraph, testTrust } from '../harness/signing.ts';

export const ADMIN: Actor = { id: 'admin-1', roles: ['ADMIN'] };
import { GAZETTE, NATIONAL } from '../../subgraphs/legal/sync/merge.ts';

export { GAZETTE, NATIONAL };

const RESILIENCE = {
  // Generous for a loaded 2-core CI machine; the slow modes below wait well beyond it.
  attemptTimeoutMs: 1_000,
  retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 200 },
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 100 },
};

/** A clock tests move by hand. */
export interface TestClock {
  (): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-05-04T02:00:00Z'): TestClock {
  let now = new Date(start);
  return Object.assign(() => new Date(now), {
    set: (iso: string) => void (now = new Date(iso)),
    advance: (ms: number) => void (now = new Date(now.getTime() + ms)),
  });
}

export interface WorldOptions {
  shape?: 'json' | 'soap';
  documents?: FixtureDocument[];
  issues?: FixtureGazetteIssue[];
  options?: Partial<LegalOptions>;
  /** Deadline of one upstream call (ms). */
  timeoutMs?: number;
  db?: TestDatabase;
  /**
   * The portal's agency directory, which decides whose documents are the province's
   * (subgraphs/legal/sync/province.ts): the demo seed's (default), or none.
   */
  agencies?: 'seed' | 'none';
}

export interface LegalWorld {
  db: TestDatabase;
  catalogue: Catalogue;
  legalFake: JsonLegalDbFake | SoapLegalDbFake;
  gazetteFake: GazetteFake;
  sources: LegalSources;
  subgraph: RunningLegalSubgraph;
  clock: TestClock;
  filesDir: string;
  sync(system: SyncSystem): ReturnType<RunningLegalSubgraph['syncer']['run']>;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, actor?: Actor): ReturnType<typeof signedQuery<T>>;
  close(): Promise<void>;
}

export function legalSources(legalEndpoint: string, shape: 'json' | 'soap', gazette: GazetteFake | null, clock: () => Date, timeoutMs = 1_000): LegalSources {
  const local = { allowHosts: ['127.0.0.1'] };
  // The breakers' half-open delay runs on the world's clock: tests advance it instead of waiting.
  const resilience = { ...RESILIENCE, attemptTimeoutMs: timeoutMs, clock: () => clock().getTime() };
  return {
    legal: createLegalDocumentSource(
      parseLegalDbConfig({
        kind: shape,
        endpoint: legalEndpoint,
        timeoutMs,
        maxBytes: 1024 * 1024,
        ...local,
        resilience,
      }),
      { now: clock },
    ),
    gazette: gazette
      ? createGazetteSource(
          parseGazetteConfig({
            documentsFeedUrl: gazette.documentsFeedUrl,
            issuesFeedUrl: gazette.issuesFeedUrl,
            timeoutMs,
            ...local,
            resilience,
          }),
          { now: clock },
        )
      : undefined,
    files: createFileFetcher({ system: NATIONAL, timeoutMs, maxBytes: 1024 * 1024, ...local, resilience: { ...RESILIENCE, clock: resilience.clock } }),
  };
}

export async function startLegalWorld(opts: WorldOptions = {}): Promise<LegalWorld> {
  const db = opts.db ?? (await createTestDatabase());
  if ((opts.agencies ?? 'seed') === 'seed') await seedOrganisation(db.prisma);
  const clock = testClock();
  const catalogue = createCatalogue(opts.documents);
  const shape = opts.shape ?? 'json';
  const legalFake = shape === 'json' ? await startJsonLegalDbFake({ catalogue, serveFiles: true }) : await startSoapLegalDbFake({ catalogue });
  const gazetteFake = await startGazetteFake(opts.issues ? { issues: opts.issues } : {});
  const sources = legalSources(legalFake.endpoint, shape, gazetteFake, clock, opts.timeoutMs);
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'legal-files-'));
  const subgraph = knowSubgraph(
    await startLegalSubgraph({ prisma: db.prisma, trust: testTrust(), logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) }, 0, {
      clock,
      sources,
      filesDir,
      syncAtBoot: false,
      syncIntervalMs: 0,
      liveTimeoutMs: 1_000,
      ...opts.options,
    }),
  );
  return {
    db,
    catalogue,
    legalFake,
    gazetteFake,
    sources,
    subgraph,
    clock,
    filesDir,
    sync: (system) => subgraph.syncer.run(system, 'MANUAL'),
    query: (query, variables = {}, actor) => signedQuery(subgraph.url, query, variables, actor),
    async close() {
      await subgraph.close();
      await Promise.all([sources.legal?.close(), sources.gazette?.close(), sources.files?.close()]);
      await Promise.all([legalFake.close(), gazetteFake.close()]);
      await rm(filesDir, { recursive: true, force: true });
      if (!opts.db) await db.close();
    },
  };
}

/** The documents, their national copies' hashes and the relation count: what "the same rows" means. */
export async function snapshot(db: TestDatabase) {
  const [documents, sources, relations, events, entries] = await Promise.all([
    db.prisma.legalDocument.findMany({ orderBy: { numberKey: 'asc' }, omit: { updatedAt: true } }),
    db.prisma.legalDocumentSource.findMany({
      orderBy: [{ system: 'asc' }, { sourceId: 'asc' }],
      select: { system: true, sourceId: true, contentHash: true, withdrawn: true, documentId: true },
    }),
    db.prisma.legalRelation.count(),
    db.prisma.legalValidityEvent.count(),
    db.prisma.legalGazetteEntry.count(),
  ]);
  return { documents, sources, relations, events, entries };
}
