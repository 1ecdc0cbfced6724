// The legal subgraph inside the whole hub: upstreams configured the production way (adapter
// JSON configuration in the environment, here pointing at the fakes on 127.0.0.1), the sync
// run at boot, and the public gateway joining a legal document with its gazette issues and
// back, serving its file, reporting sync status and running an administrator's sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { TEST_JWT, type TestHub } from '../harness/hub.ts';
import { startHubWithLegalFakes, type LegalTestHub } from '../harness/legal-hub.ts';
import { expectNoLeaks, gql, send } from './support/http.ts';

let t: TestHub;
let legal: LegalTestHub;

beforeAll(async () => {
  legal = await startHubWithLegalFakes({ serveFiles: true });
  t = legal.hub;
});
afterAll(async () => {
  await legal?.stop();
});

const JOIN = `query($n: String!) { legalDocumentByNumber(number: $n) { stale document {
  id title number { normalised } status { code label { vi } }
  files { nodes { name downloadUrl } }
  gazetteIssues { nodes { page issue { id label year
    documents { nodes { page summary document { id number { normalised } } } } } } } } } }`;

type Join = {
  legalDocumentByNumber: {
    stale: boolean;
    document: {
      id: string;
      files: { nodes: { name: string; downloadUrl: string }[] };
      gazetteIssues: { nodes: { page: number; issue: { id: string; label: string; documents: { nodes: { document: { id: string } }[] } } }[] };
    };
  };
};

describe('legal documents through the gateway', () => {
  it('joins a document with its gazette issues and back', async () => {
    const res = await gql(t.url, JOIN, { variables: { n: '26/2017/QD-UBND' } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const { document } = (res.body.data as Join).legalDocumentByNumber;
    const issues = document.gazetteIssues.nodes;
    expect(issues.map((i) => `${i.issue.label}: trang ${i.page}`)).toEqual(['Số 45: trang 3', 'Số 46: trang 1']);
    for (const { issue } of issues) expect(issue.documents.nodes.map((n) => n.document.id)).toEqual([document.id]);

    // And from the issue's side.
    const issue = await gql(t.url, `query($id: ID!) { gazetteIssue(id: $id) { number documents { nodes { document { id title } } } } }`, {
      variables: { id: issues[0]!.issue.id },
    });
    expect(issue.body.data).toEqual({
      gazetteIssue: { number: 45, documents: { nodes: [{ document: { id: document.id, title: expect.stringMatching(/^Quyết định 26\/2017/u) } }] } },
    });
  });

  it('joins a law explainer’s legal bases with the legal documents they cite', async () => {
    const res = await gql(t.url, `{ lawExplainers(first: 5) { nodes { legalBases { text document { title number { normalised } } } } } }`);
    expect(res.body.errors).toBeUndefined();
    const [explainer] = (res.body.data as { lawExplainers: { nodes: { legalBases: unknown[] }[] } }).lawExplainers.nodes;
    expect(explainer!.legalBases).toEqual([
      { text: '31/2024/QH15', document: null },
      { text: '26/2017/QĐ-UBND', document: { title: expect.stringMatching(/^Quyết định 26\/2017/u), number: { normalised: '26/2017/QĐ-UBND' } } },
    ]);
  });

  it('serves a document’s file through the gateway', async () => {
    const res = await gql(t.url, JOIN, { variables: { n: '26/2017/QĐ-UBND' } });
    const [file] = (res.body.data as Join).legalDocumentByNumber.document.files.nodes;
    expect(file!.downloadUrl).toMatch(new RegExp(`^${t.base}/legal/files/[0-9a-f]{64}$`));
    const download = await fetch(file!.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(await download.text()).toBe('fixture:26_2017_QD-UBND.pdf');
    const missing = await send(`${t.base}/legal/files/${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expectNoLeaks(missing.text);
  });

  it('searches as a citizen types, and reports the sync', async () => {
    const res = await gql(
      t.url,
      `{ searchLegalDocuments(query: "nghi dinh dich vu cong truc tuyen", first: 2) { totalCount nodes { number { normalised } } }
      legalSyncStatus { system configured lastRun { status trigger } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as { searchLegalDocuments: { nodes: { number: { normalised: string } }[] }; legalSyncStatus: unknown[] };
    expect(data.searchLegalDocuments.nodes.map((n) => n.number.normalised).sort()).toEqual(['42/2022/NĐ-CP', '43/2011/NĐ-CP']);
    expect(data.legalSyncStatus).toEqual([
      { system: 'NATIONAL_LEGAL_DB', configured: true, lastRun: { status: 'SUCCEEDED', trigger: 'BOOT' } },
      { system: 'GAZETTE', configured: true, lastRun: { status: 'SUCCEEDED', trigger: 'BOOT' } },
    ]);
  });

  it('pages legal and portal lists with the one shared PageInfo type', async () => {
    const res = await gql(
      t.url,
      `{ searchLegalDocuments(first: 1) { pageInfo { __typename hasNextPage endCursor } }
      agencies(first: 1) { pageInfo { __typename hasNextPage } }
      legacy: __type(name: "LegalPageInfo") { name } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as {
      searchLegalDocuments: { pageInfo: { __typename: string; hasNextPage: boolean; endCursor: string } };
      agencies: { pageInfo: { __typename: string } };
      legacy: unknown;
    };
    expect(data.searchLegalDocuments.pageInfo).toMatchObject({ __typename: 'PageInfo', hasNextPage: true, endCursor: expect.any(String) });
    expect(data.agencies.pageInfo.__typename).toBe('PageInfo');
    expect(data.legacy).toBeNull();
  });

  it('runs a sync for an administrator only', async () => {
    const mutation = `mutation { runLegalSync(system: GAZETTE) { status trigger } }`;
    const anonymous = await gql(t.url, mutation);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const token = await issueToken(TEST_JWT, { id: 'admin-1', roles: ['ADMIN'], agencyIds: [] });
    const admin = await gql(t.url, mutation, { headers: { authorization: `Bearer ${token}` } });
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data).toEqual({ runLegalSync: { status: expect.stringMatching(/^(RUNNING|SUCCEEDED)$/), trigger: 'MANUAL' } });
  });

  it('refuses a request sent straight to the legal subgraph without the gateway’s signature', async () => {
    const legal = t.hub.subgraphs.find((s) => s.name === 'legal')!;
    const res = await send(legal.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    expect(res.status).toBe(401);
    expect((await send(legal.url.replace(/\/graphql$/, `/files/${'0'.repeat(64)}`))).status).toBe(401);
  });
});
