// The services subgraph inside the whole hub: the national portal configured the production way
// (adapter JSON in the environment, pointing at the fake on 127.0.0.1), the catalogue synced at
// boot, and the public gateway joining procedures with the portal's agencies and the legal
// subgraph's documents, both ways, each join one fetch per subgraph whatever the page size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CREDENTIALS, startServicePortalFake, type ServicePortalFake } from '../../adapters/national-service-portal/fake/server.ts';
import { startJsonLegalDbFake, type JsonLegalDbFake } from '../../adapters/national-legal-db/fake/json-server.ts';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { gql } from './support/http.ts';

/** A GraphQL answer as parsed JSON: its shape is what the assertions check. */
type Json = ReturnType<typeof JSON.parse>;

let t: TestHub;
let portalFake: ServicePortalFake;
let legalFake: JsonLegalDbFake;
const ENV_KEYS = ['ADAPTER_NATIONAL_SERVICE_PORTAL', 'SERVICES_SYNC_AT_BOOT', 'ADAPTER_NATIONAL_LEGAL_DB', 'LEGAL_SYNC_AT_BOOT', 'LEGAL_FILES_DIR'] as const;

beforeAll(async () => {
  portalFake = await startServicePortalFake();
  legalFake = await startJsonLegalDbFake();
  Object.assign(process.env, {
    ADAPTER_NATIONAL_SERVICE_PORTAL: JSON.stringify({ endpoint: portalFake.endpoint, ...FAKE_CREDENTIALS, allowHosts: ['127.0.0.1'] }),
    SERVICES_SYNC_AT_BOOT: 'true',
    ADAPTER_NATIONAL_LEGAL_DB: JSON.stringify({ kind: 'json', endpoint: legalFake.endpoint, allowHosts: ['127.0.0.1'] }),
    LEGAL_SYNC_AT_BOOT: 'true',
  });
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
  await Promise.all([portalFake?.close(), legalFake?.close()]);
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
