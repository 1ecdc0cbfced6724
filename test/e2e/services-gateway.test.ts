// The services subgraph inside the whole hub: the national portal configured the production way
// (adapter JSON in the environment, pointing at the fake on 127.0.0.1), the catalogue synced at
// boot, and the public gateway joining procedures with the portal's agencies and the legal
// subgraph's documents, both ways, each join one fetch per subgraph whatever the page size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CREDENTIALS, startServicePortalFake, type ServicePortalFake } from '../../adapters/national-service-portal/fake/server.ts';
import { startJsonLegalDbFake, type JsonLegalDbFake } from '../../adapters/national-legal-db/fake/json-server.ts';
import { startOneStopFake, type OneStopFake } from '../../adapters/one-stop/fake/server.ts';
import { issueToken } from '../../gateway/auth.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { gql, send } from './support/http.ts';

/** A GraphQL answer as parsed JSON: its shape is what the assertions check. */
type Json = ReturnType<typeof JSON.parse>;

let t: TestHub;
let portalFake: ServicePortalFake;
let legalFake: JsonLegalDbFake;
let oneStopFake: OneStopFake;
const ENV_KEYS = [
  'ADAPTER_NATIONAL_SERVICE_PORTAL',
  'ADAPTER_ONE_STOP',
  'SERVICES_SYNC_AT_BOOT',
  'ADAPTER_NATIONAL_LEGAL_DB',
  'LEGAL_SYNC_AT_BOOT',
  'LEGAL_FILES_DIR',
] as const;

beforeAll(async () => {
  portalFake = await startServicePortalFake();
  legalFake = await startJsonLegalDbFake();
  oneStopFake = await startOneStopFake();
  Object.assign(process.env, {
    ADAPTER_NATIONAL_SERVICE_PORTAL: JSON.stringify({ endpoint: portalFake.endpoint, ...FAKE_CREDENTIALS, allowHosts: ['127.0.0.1'] }),
    ADAPTER_ONE_STOP: JSON.stringify({ endpoint: oneStopFake.endpoint, allowHosts: ['127.0.0.1'] }),
    SERVICES_SYNC_AT_BOOT: 'true',
    ADAPTER_NATIONAL_LEGAL_DB: JSON.stringify({ kind: 'json', endpoint: legalFake.endpoint, allowHosts: ['127.0.0.1'] }),
    LEGAL_SYNC_AT_BOOT: 'true',
  });
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
  await Promise.all([portalFake?.close(), legalFake?.close(), oneStopFake?.close()]);
  for (const key of ENV_KEYS) delete process.env[key];
});

function resetProxies() {
  for (const p of Object.values(t.proxies)) p.reset();
}

describe('procedures through the gateway', () => {
  it('joins legal bases to legal documents and agencies to the portal, one fetch per subgraph', async () => {
    resetProxies();
    const res = await gql(
      t.url,
      `{ procedures(first: 20) { totalCount nodes { code
        implementingAgencies { code name { vi } }
        legalBases { text document { id title status { code } } } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = (res.body.data!.procedures as { nodes: Json[] }).nodes;
    const judicial = nodes.find((n) => n.code === '1.001612');
    expect(judicial.implementingAgencies).toEqual([{ code: '000.02.00.H43', name: { vi: 'Sở Tư pháp tỉnh Phú Thọ' } }]);
    // 42/2022/NĐ-CP is in the legal demo data; the Law on Judicial Records is not: text kept, document null.
    expect(judicial.legalBases[0]).toEqual({ text: 'Luật Lý lịch tư pháp số 28/2009/QH12', document: null });
    expect(judicial.legalBases[1].document).toMatchObject({ id: expect.any(String), title: expect.stringContaining('dịch vụ công trực tuyến') });
    const licence = nodes.find((n) => n.code === '1.004203');
    expect(licence.legalBases[0].document).toMatchObject({ id: expect.any(String) });
    // The query plan: one services fetch, then one batched fetch per joined subgraph.
    expect(t.proxies.services!.graphqlRequests).toBe(1);
    expect(t.proxies.portal!.graphqlRequests).toBe(1);
    expect(t.proxies.legal!.graphqlRequests).toBe(1);
  });

  it('answers Agency.procedures and LegalDocument.procedures from the services subgraph', async () => {
    resetProxies();
    const res = await gql(
      t.url,
      `{ agencies(first: 50) { nodes { code procedures(first: 10) { totalCount nodes { code name } } } }
         legalDocumentByNumber(number: "147/2024/ND-CP") { document { numberKey procedures { nodes { code } } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const agencies = (res.body.data!.agencies as { nodes: Json[] }).nodes;
    const ward = agencies.find((a) => a.code === '000.00.21.H43');
    expect(ward.procedures.nodes.map((n: Json) => n.code).sort()).toEqual(['1.001193', '2.000815']);
    const justiceOld = agencies.find((a) => a.code === '000.02.00.H61');
    expect(justiceOld?.procedures.totalCount ?? 0).toBe(0);
    const lookup = res.body.data!.legalDocumentByNumber as { document: { procedures: { nodes: { code: string }[] } } };
    expect(lookup.document.procedures.nodes).toEqual([{ code: '1.004203' }]);
    // Every agency of the page in one services fetch (the LegalDocument join is a second one).
    expect(t.proxies.services!.graphqlRequests).toBe(2);
  });
});

describe('R-9.1 usage statistics as a CSV download', () => {
  it('is a public GET route of the services subgraph, proxied by the gateway, with the graph’s rows', async () => {
    const month = (await t.hub.prisma.servicesUsageStat.findFirstOrThrow({ orderBy: { month: 'asc' } })).month.toISOString().slice(0, 7);
    const res = await gql(t.url, `query($m: String!) { serviceUsageStatistics(from: $m, to: $m) { csv csvUrl rows { serviceCode } } }`, {
      variables: { m: month },
    });
    expect(res.body.errors).toBeUndefined();
    const report = res.body.data!.serviceUsageStatistics as { csv: string; csvUrl: string; rows: unknown[] };
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.csvUrl).toBe(`${t.base}/services/data/usage-statistics/${month}_${month}.csv`);
    const file = await fetch(report.csvUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="thong-ke-dich-vu-cong_${month}_${month}.csv"`);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(bytes.subarray(3).toString('utf8')).toBe(report.csv);
    // A malformed period is the caller's 400; other paths under /services/ never reach the subgraph.
    expect((await send(`${t.base}/services/data/usage-statistics/2026-05_2026-01.csv`)).status).toBe(400);
    t.proxies.services!.reset();
    for (const path of ['/services/graphql', '/services/health', '/services/data/usage-statistics', '/services/DATA/usage-statistics/2026-01_2026-01.csv']) {
      expect((await send(`${t.base}${path}`)).status, path).toBe(404);
    }
    expect(Object.keys(t.proxies.services!.byPath)).toEqual([]);
  });
});

describe('R-17: provisionReport.agencies with the services and legal figures', () => {
  it('joins procedures, online services and legal-document delivery per agency, one fetch per subgraph', async () => {
    const token = await issueToken(TEST_JWT, { id: 'board-1', roles: ['BOARD'] });
    resetProxies();
    const res = await gql(
      t.url,
      `{ provisionReport(from: "2017-01-01", to: "2026-06-30") { from to agencies { agencyCode from to agency { name { vi } }
        procedures { due onTime late lateCodes published }
        onlineServices { total byLevel { level count } endToEnd partial dossiers { received processed onTime late } }
        legalDocuments { due onTime late lateNumbers notMeasurable } } } }`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.body.errors).toBeUndefined();
    const report = res.body.data!.provisionReport as { agencies: Json[] };
    // One portal fetch (the report and its agencies), then one batched fetch each for services and legal.
    expect(t.proxies.portal!.graphqlRequests).toBe(1);
    expect(t.proxies.services!.graphqlRequests).toBe(1);
    expect(t.proxies.legal!.graphqlRequests).toBe(1);
    const of = (code: string) => report.agencies.find((a) => a.agencyCode === code);
    expect(of('000.02.00.H43')).toMatchObject({
      from: '2017-01-01',
      to: '2026-06-30',
      agency: { name: { vi: 'Sở Tư pháp tỉnh Phú Thọ' } },
      // Judicial records: rule effective 01/07/2025, published 20/06/2025, after its due date.
      procedures: { due: 1, onTime: 0, late: 1, lateCodes: ['1.001612'], published: 1 },
      onlineServices: { total: 1, byLevel: [{ level: 4, count: 1 }], endToEnd: 1, partial: 0 },
      legalDocuments: { due: 0 },
    });
    const usage = await gql(
      t.url,
      `{ serviceUsageStatistics(from: "2026-01", to: "2026-06", agencyCode: "000.02.00.H43", allLevels: true) { totals { received processed onTime late } } }`,
    );
    expect(of('000.02.00.H43').onlineServices.dossiers).toEqual((usage.body.data!.serviceUsageStatistics as Json).totals);
    // Quyết định 26/2017/QĐ-UBND of the Vĩnh Phúc People's Committee reaches legal's figures, unjudged:
    // the calendar has no holiday data for 2017 (test/integration/legal-conflict.test.ts judges 2025 ones).
    expect(of('000.00.00.H61')).toMatchObject({ legalDocuments: { due: 0, notMeasurable: 1 } });
    expect(report.agencies.length).toBeGreaterThan(10);
  });

  it('is for staff only, as the report is', async () => {
    const res = await gql(t.url, `{ provisionReport(year: 2026, half: 1) { agencies { procedures { due } } } }`);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
