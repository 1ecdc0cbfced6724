// What `npm start` shows without any configuration: in development the services and legal
// subgraphs start their bundled fake upstreams (national public-service portal, one-stop system,
// national legal database, gazette) on 127.0.0.1 and really sync from them at boot. The demo
// procedures then resolve every legal basis to a LegalDocument and every implementing agency to
// the portal's Agency through the gateway, the usage statistics are in, and the one-stop system
// answers a dossier in every status.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PROCEDURES } from '../../adapters/national-service-portal/fixtures/procedures.ts';
import { FIXTURE_DOSSIERS } from '../../adapters/one-stop/fixtures/dossiers.ts';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { gql } from './support/http.ts';

/** A GraphQL answer as parsed JSON: its shape is what the assertions check. */
type Json = ReturnType<typeof JSON.parse>;

let t: TestHub;
let filesDir: string;

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'demo-start-'));
  // As `npm start` runs: development, no adapter configured, syncs at boot (the defaults there).
  t = await startTestHub({ env: { NODE_ENV: 'development', LEGAL_FILES_DIR: filesDir, SERVICES_DOSSIER_LOOKUPS_PER_MINUTE: '100' } });
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await rm(filesDir, { recursive: true, force: true });
});

const data = async (query: string, variables?: Record<string, unknown>) => {
  const res = await gql(t.url, query, { variables });
  expect(res.body.errors).toBeUndefined();
  return res.body.data as Json;
};

describe('npm start’s demo data', () => {
  it('synced the catalogue and the usage statistics at boot, from the fakes, with provenance', async () => {
    const { servicesSyncStatus, procedures, onlineServices } = await data(`{
      servicesSyncStatus { job system feed configured lastSuccessAt lastErrorCode }
      procedures(first: 50) { totalCount nodes { code source { system } } }
      onlineServices(first: 50) { totalCount nodes { code usage(from: "2026-01", to: "2026-03") { counts { received } } } } }`);
    expect(servicesSyncStatus).toEqual([
      {
        job: 'national-service-portal:catalogue',
        system: 'national-service-portal',
        feed: 'catalogue',
        configured: true,
        lastSuccessAt: expect.any(String),
        lastErrorCode: null,
      },
      { job: 'one-stop:usage', system: 'one-stop', feed: 'usage', configured: true, lastSuccessAt: expect.any(String), lastErrorCode: null },
    ]);
    expect(procedures.totalCount).toBe(FIXTURE_PROCEDURES.length);
    expect(new Set(procedures.nodes.map((n: Json) => n.source.system))).toEqual(new Set(['national-service-portal']));
    expect(onlineServices.totalCount).toBeGreaterThan(0);
    expect(await t.hub.prisma.servicesUsageStat.count()).toBeGreaterThan(0);
  });

  it('resolves every legal basis of every procedure to a legal document, and every implementing agency', async () => {
    const { procedures } = await data(`{ procedures(first: 50) { nodes { code
      legalBases { text document { numberKey title } }
      implementingAgencies { code name { vi } } } } }`);
    const cited = FIXTURE_PROCEDURES.flatMap((p) => p.CANCUPHAPLY ?? []).length;
    const bases = procedures.nodes.flatMap((p: Json) => p.legalBases.map((b: Json) => ({ code: p.code, ...b })));
    expect(bases).toHaveLength(cited);
    for (const b of bases) expect(b.document, `${b.code}: ${b.text}`).toMatchObject({ numberKey: expect.any(String), title: expect.any(String) });
    for (const p of procedures.nodes) {
      expect(p.implementingAgencies.length, p.code).toBeGreaterThan(0);
      for (const a of p.implementingAgencies) expect(a, p.code).toMatchObject({ name: { vi: expect.any(String) } });
    }
    // The justice laws among them, joined back from the legal side.
    const { legalDocumentByNumber } = await data(`{ legalDocumentByNumber(number: "28/2009/QH12") { document { title procedures { nodes { code } } } } }`);
    expect(legalDocumentByNumber.document).toEqual({ title: 'Luật Lý lịch tư pháp', procedures: { nodes: [{ code: '1.001612' }] } });
  });

  it('joins the province’s documents to its agency whether the source named the issuer or gave its code, and counts both as local', async () => {
    const { agencies, searchLegalDocuments } = await data(`{
      agencies(first: 1, filter: { search: "Ủy ban nhân dân tỉnh Vĩnh Phúc", asOf: "2020-01-01" }) { nodes { slug legalDocuments(first: 10) { nodes { numberKey } } } }
      searchLegalDocuments(first: 20, filter: { locallyIssued: true }) { nodes { numberKey issuers { agencyMatch } issuingAgencies { slug } } } }`);
    expect(agencies.nodes[0].slug).toBe('ubnd-tinh-vinh-phuc');
    expect(agencies.nodes[0].legalDocuments.nodes.map((n: Json) => n.numberKey)).toEqual(['15/2019/QD-UBND', '26/2017/QD-UBND']);
    const local = new Map(searchLegalDocuments.nodes.map((n: Json) => [n.numberKey, n]));
    expect(local.get('15/2019/QD-UBND')).toEqual({
      numberKey: '15/2019/QD-UBND',
      issuers: [{ agencyMatch: 'CODE' }],
      issuingAgencies: [{ slug: 'ubnd-tinh-vinh-phuc' }],
    });
    expect(local.get('26/2017/QD-UBND')).toEqual({
      numberKey: '26/2017/QD-UBND',
      issuers: [{ agencyMatch: 'NAME' }],
      issuingAgencies: [{ slug: 'ubnd-tinh-vinh-phuc' }],
    });
  });

  it('answers a dossier in every status from the one-stop system', async () => {
    const seen = new Map<string, number>();
    for (const d of FIXTURE_DOSSIERS) {
      const { dossier } = await data(`query($c: String!, $v: String!) { dossier(code: $c, verification: $v) { stale dossier { status } } }`, {
        c: d.MaHoSo,
        v: d.SoDienThoai.slice(-4),
      });
      expect(dossier, d.MaHoSo).toMatchObject({ stale: false });
      seen.set(dossier.dossier.status, (seen.get(dossier.dossier.status) ?? 0) + 1);
    }
    expect(seen.size).toBe(10);
    expect(Math.min(...seen.values())).toBeGreaterThanOrEqual(3);
  });
  it('registered the demo agency portal and harvested it: links directory and the one search', async () => {
    const res = await gql(
      t.url,
      `{ agencyPortals(first: 5) { nodes { name sources { kind lastStatus } } }
         search(query: "chung thuc ban sao", kinds: [AGENCY_PORTAL_ITEM]) { totalCount nodes { external sourceUrl } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as {
      agencyPortals: { nodes: { name: string; sources: { lastStatus: string }[] }[] };
      search: { totalCount: number; nodes: { external: boolean }[] };
    };
    // OK at boot; NOT_MODIFIED once the scheduled harvest job has asked again (the development hub runs jobs).
    for (const s of data.agencyPortals.nodes[0]!.sources) expect(['OK', 'NOT_MODIFIED']).toContain(s.lastStatus);
    expect(data.search.totalCount).toBe(1);
    expect(data.search.nodes[0]!.external).toBe(true);
  });
});
