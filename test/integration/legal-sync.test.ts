// Sync from the real fake national database (JSON shape, and the SOAP shape for comparison)
// and the fake gazette into a real test database, read back through the signed legal subgraph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSoapLegalDbFake } from '../../adapters/national-legal-db/fake/soap-server.ts';
import { createLegalDocumentSource, parseLegalDbConfig } from '../../adapters/national-legal-db/source.ts';
import { ADMIN, GAZETTE, NATIONAL, snapshot, startLegalWorld, type LegalWorld } from './legal-harness.ts';

let world: LegalWorld;

beforeAll(async () => {
  world = await startLegalWorld();
});
afterAll(() => world?.close());

const DOC = `
  id number { raw normalised key } type { code name } title summary issueDate effectiveDate expiryDate
  status { code label { vi en } } fields scope withdrawn locallyIssued
  issuers { agency signerName signerTitle }
  files { totalCount nodes { name mediaType size sha256 downloadUrl } }
  provenance { system sourceId fetchedAt contentHash }
  gazettePublications { from to year publishedDate }`;

async function byNumber(number: string, fields = DOC) {
  const res = await world.query<{ legalDocumentByNumber: { document: Record<string, unknown> } | null }>(
    `query($n: String!) { legalDocumentByNumber(number: $n) { stale origin document { ${fields} } } }`,
    { n: number },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.legalDocumentByNumber!.document as Record<string, unknown> & { id: string };
}

const received = () => world.legalFake.received.map((r) => `${r.method} ${r.url.split('?')[0]}`);

describe('first sync', () => {
  it('stores every document of the national database, with provenance and content hash', async () => {
    const run = await world.sync(NATIONAL);
    expect(run).toMatchObject({ status: 'SUCCEEDED', seen: 13, created: 13, updated: 0, errorCode: null, filesStored: 2, filesFailed: 0 });
    const qd = await byNumber('26/2017/QĐ-UBND');
    expect(qd).toMatchObject({
      number: { raw: '26/2017/QĐ-UBND', normalised: '26/2017/QĐ-UBND', key: '26/2017/QD-UBND' },
      type: { code: 'DECISION', name: 'Quyết định' },
      issueDate: '2017-08-17',
      effectiveDate: '2017-08-27',
      status: { code: 'CHL', label: { vi: 'Còn hiệu lực', en: 'In force' } },
      fields: ['Bộ máy hành chính', 'Công nghệ thông tin'],
      scope: 'Tỉnh Vĩnh Phúc',
      locallyIssued: true,
      issuers: [{ agency: 'Ủy ban nhân dân tỉnh Vĩnh Phúc', signerName: 'Vũ Việt Văn', signerTitle: 'Phó Chủ tịch' }],
      gazettePublications: [{ from: 45, to: 46, year: 2017, publishedDate: '2017-09-05' }],
      provenance: {
        system: NATIONAL,
        sourceId: 'qd-26-2017-ubnd-vp',
        fetchedAt: '2026-05-04T02:00:00.000Z',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    const joint = await byNumber('403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN');
    expect((joint.issuers as unknown[]).length).toBe(3);
    expect((await byNumber('77/2015/QH13')).locallyIssued).toBe(false);
  });

  it('repairs legacy-encoded text end to end (TCVN3, VNI, Windows-1258 → NFC)', async () => {
    const law = await byNumber('67/2006/QH11');
    expect(law.summary).toBe('Luật Công nghệ thông tin quy định về hoạt động ứng dụng và phát triển công nghệ thông tin');
    expect(law.issuers).toEqual([{ agency: 'Quốc hội', signerName: 'Nguyễn Phú Trọng', signerTitle: 'Chủ tịch Quốc hội' }]);
    const decree = await byNumber('64/2007/ND-CP');
    expect(decree.title).toBe('Nghị định 64/2007/NĐ-CP về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước');
    expect(decree.issuers).toEqual([{ agency: 'Chính phủ', signerName: 'Nguyễn Tấn Dũng', signerTitle: 'Thủ tướng' }]);
    const circular = await byNumber('24/2011/TT-BTTTT');
    expect(circular.summary).toMatch(/^Quy định về việc tạo lập, sử dụng và lưu trữ dữ liệu đặc tả/u);
    expect(circular.summary).toBe((circular.summary as string).normalize('NFC'));
    // The kind from the number, the en dash normalised.
    expect(await byNumber('72/2013/NĐ-CP', 'type { code } number { raw normalised }')).toEqual({
      type: { code: 'DECREE' },
      number: { raw: '72/2013/NĐ\u2013CP', normalised: '72/2013/NĐ-CP' },
    });
  });

  it('stores each relation once and shows it from both ends with its label and inverse', async () => {
    const fields = `relations(first: 50) { totalCount nodes { type label { vi en } inverseType inverseLabel { vi } number document { number { normalised } } } }`;
    const decree = (await byNumber('72/2013/NĐ-CP', fields)).relations as {
      nodes: { type: string; number: string; inverseType: string; label: { vi: string } }[];
    };
    const seen = decree.nodes.map((n) => `${n.type} ${n.number}`).sort();
    expect(seen).toEqual(['AMENDED_BY 27/2018/NĐ-CP', 'BASIS_OF 26/2017/QĐ-UBND', 'REFERENCED_BY 26/2017/QĐ-UBND', 'REPLACED_BY 147/2024/NĐ-CP']);
    expect(decree.nodes.find((n) => n.type === 'REPLACED_BY')).toMatchObject({ inverseType: 'REPLACES', label: { vi: 'Bị thay thế bởi' } });
    const amending = (await byNumber('27/2018/NĐ-CP', fields)).relations as { nodes: { type: string; number: string }[] };
    expect(amending.nodes.map((n) => `${n.type} ${n.number}`).sort()).toEqual(['AMENDS 72/2013/NĐ-CP', 'REPLACED_BY 147/2024/NĐ-CP']);
    // Both documents list the amendment upstream; the hub holds one row for it.
    expect(await world.db.prisma.legalRelation.count({ where: { kind: 'AMENDS', fromNumberKey: '27/2018/ND-CP' } })).toBe(1);
    // An end outside the hub keeps its number, with no document.
    const external = (await byNumber('47/2019/QH14', fields)).relations as { nodes: { type: string; number: string; document: unknown }[] };
    expect(external.nodes).toContainEqual(expect.objectContaining({ type: 'AMENDS', number: '76/2015/QH13', document: null }));
  });

  it('links validity history rows to the documents that caused them', async () => {
    const history = (
      await byNumber(
        '72/2013/NĐ-CP',
        'validityHistory { totalCount nodes { date action label { vi } scopeText sourceNumber sourceDocument { number { normalised } } } }',
      )
    ).validityHistory as { nodes: unknown[] };
    expect(history.nodes).toEqual([
      { date: '2013-07-15', action: 'ISSUED', label: { vi: 'Ban hành' }, scopeText: null, sourceNumber: null, sourceDocument: null },
      { date: '2013-09-01', action: 'TOOK_EFFECT', label: { vi: 'Có hiệu lực' }, scopeText: null, sourceNumber: null, sourceDocument: null },
      {
        date: '2018-04-15',
        action: 'AMENDED',
        label: { vi: 'Được sửa đổi' },
        scopeText: 'Một số điều',
        sourceNumber: '27/2018/NĐ-CP',
        sourceDocument: { number: { normalised: '27/2018/NĐ-CP' } },
      },
      {
        date: '2024-12-25',
        action: 'REPLACED',
        label: { vi: 'Bị thay thế' },
        scopeText: null,
        sourceNumber: '147/2024/NĐ-CP',
        sourceDocument: { number: { normalised: '147/2024/NĐ-CP' } },
      },
    ]);
  });

  it('mirrors files, verified by sha256, served signed only', async () => {
    const qd = await byNumber('26/2017/QĐ-UBND');
    const [file] = (qd.files as { nodes: { sha256: string; downloadUrl: string; mediaType: string }[] }).nodes;
    expect(file).toMatchObject({ mediaType: 'application/pdf', downloadUrl: `/legal/files/${file!.sha256}` });
    const origin = world.subgraph.url.replace(/\/graphql$/, '');
    expect((await fetch(`${origin}/files/${file!.sha256}`)).status).toBe(401);
    const { signedFor } = await import('../harness/signing.ts');
    const fileUrl = `${origin}/files/${file!.sha256}`;
    const res = await fetch(fileUrl, { headers: signedFor(fileUrl, { requestId: 't', actor: { roles: [] } }, '', { method: 'GET' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('26_2017_QD-UBND.pdf');
    expect(await res.text()).toBe('fixture:26_2017_QD-UBND.pdf');
    // A file the source gave no hash for is hashed when mirrored.
    const law = await byNumber('67/2006/QH11');
    expect((law.files as { nodes: { sha256: string | null; downloadUrl: string | null }[] }).nodes[0]).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      downloadUrl: expect.any(String),
    });
  });

  it('refuses an unsigned GraphQL request with 401', async () => {
    const res = await fetch(world.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ legalSyncStatus { system } }' }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('INVALID_SIGNATURE');
  });

  it('gives the same content hashes from the SOAP shape of the database', async () => {
    const soap = await startSoapLegalDbFake({ catalogue: world.catalogue });
    const source = createLegalDocumentSource(parseLegalDbConfig({ kind: 'soap', endpoint: soap.endpoint, allowHosts: ['127.0.0.1'] }), { now: world.clock });
    try {
      // Documents without files (the JSON fake serves files from its own address).
      const stored = await world.db.prisma.legalDocumentSource.findMany({ where: { system: NATIONAL, document: { files: { none: {} } } } });
      expect(stored.length).toBeGreaterThan(8);
      for (const row of stored) expect((await source.getById(row.sourceId))!.provenance.contentHash).toBe(row.contentHash);
    } finally {
      await source.close();
      await soap.close();
    }
  });
});

describe('later syncs', () => {
  it('run twice: same rows, same hashes, nothing fetched again', async () => {
    const before = await snapshot(world.db);
    world.legalFake.received.length = 0;
    const run = await world.sync(NATIONAL);
    // Asked from the cursor, the source lists only the document at the cursor itself: known, not fetched.
    expect(run).toMatchObject({ status: 'SUCCEEDED', seen: 1, created: 0, updated: 0, unchanged: 1 });
    expect(await snapshot(world.db)).toEqual(before);
    expect(received()).toEqual(['POST /api/doc/all']);
    expect(JSON.parse(world.legalFake.received[0]!.body)).toMatchObject({ updatedFrom: '2025-01-06T16:25:00' });
    // A full listing again (no cursor): every document seen, none fetched, nothing rewritten.
    await world.db.prisma.legalSyncState.update({ where: { system: NATIONAL }, data: { cursor: null } });
    world.legalFake.received.length = 0;
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', seen: 13, unchanged: 13, withdrawn: 0 });
    expect(await snapshot(world.db)).toEqual(before);
    expect(received()).toEqual(['POST /api/doc/all']);
  });

  it('incremental: only the changed document is fetched and rewritten', async () => {
    const before = await snapshot(world.db);
    world.catalogue.modify(
      'nd-42-2022-cp',
      { summary: 'Quy định về cung cấp thông tin và dịch vụ công trực tuyến (đã cập nhật)' },
      new Date('2026-05-03T09:00:00+07:00'),
    );
    world.legalFake.received.length = 0;
    const run = await world.sync(NATIONAL);
    expect(run).toMatchObject({ status: 'SUCCEEDED', seen: 2, updated: 1, unchanged: 1 });
    expect(received()).toEqual(['POST /api/doc/all', 'GET /api/doc/nd-42-2022-cp']);
    const after = await snapshot(world.db);
    const changed = after.sources.filter((s, i) => s.contentHash !== before.sources[i]!.contentHash).map((s) => s.sourceId);
    expect(changed).toEqual(['nd-42-2022-cp']);
    expect((await byNumber('42/2022/NĐ-CP')).summary).toMatch(/đã cập nhật/u);
  });

  it('a withdrawn document is marked, never deleted, and leaves default search results', async () => {
    world.catalogue.withdraw('tt-39-2017-btttt', new Date('2026-05-03T10:00:00+07:00'));
    const run = await world.sync(NATIONAL);
    expect(run).toMatchObject({ status: 'SUCCEEDED', withdrawn: 1 });
    const row = await world.db.prisma.legalDocument.findFirstOrThrow({ where: { numberKey: '39/2017/TT-BTTTT' } });
    expect(row.withdrawn).toBe(true);
    const search = (include: boolean) =>
      world.query<{ searchLegalDocuments: { totalCount: number } }>(
        `query($f: LegalDocumentFilter) { searchLegalDocuments(query: "39/2017/TT-BTTTT", filter: $f) { totalCount } }`,
        {
          f: { includeWithdrawn: include },
        },
      );
    expect((await search(false)).body.data!.searchLegalDocuments.totalCount).toBe(0);
    expect((await search(true)).body.data!.searchLegalDocuments.totalCount).toBe(1);
    const doc = await world.query<{ legalDocument: { withdrawn: boolean; sources: { withdrawn: boolean }[] } }>(
      `query($id: ID!) { legalDocument(id: $id) { withdrawn sources { withdrawn } } }`,
      { id: row.id },
    );
    expect(doc.body.data!.legalDocument).toEqual({ withdrawn: true, sources: [{ withdrawn: true }] });
  });
});

describe('gazette', () => {
  const JOIN = `{ gazetteIssueByNumber(year: 2017, number: 45) { label year date publisher provenance { system sourceId }
      documents { totalCount nodes { number summary page pageTo document { number { normalised }
        gazetteIssues { nodes { page issue { label } } } } } } } }`;

  it('links each issue to its documents and each document to its issues', async () => {
    const run = await world.sync(GAZETTE);
    expect(run).toMatchObject({ status: 'SUCCEEDED', seen: 2, created: 2 });
    const res = await world.query<{ gazetteIssueByNumber: Record<string, unknown> }>(JOIN);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.gazetteIssueByNumber).toEqual({
      label: 'Số 45',
      year: 2017,
      date: '2017-09-05',
      publisher: 'Công báo tỉnh Vĩnh Phúc',
      provenance: { system: GAZETTE, sourceId: '2017/45' },
      documents: {
        totalCount: 1,
        nodes: [
          {
            number: '26/2017/QĐ-UBND',
            summary: 'Ban hành Quy chế Quản lý và cung cấp thông tin trên Cổng Thông tin - Giao tiếp điện tử tỉnh Vĩnh Phúc',
            page: 3,
            pageTo: 32,
            document: {
              number: { normalised: '26/2017/QĐ-UBND' },
              gazetteIssues: {
                nodes: [
                  { page: 3, issue: { label: 'Số 45' } },
                  { page: 1, issue: { label: 'Số 46' } },
                ],
              },
            },
          },
        ],
      },
    });
    const list = await world.query<{ all: { totalCount: number; nodes: { label: string }[] }; of2016: { totalCount: number } }>(
      `{ all: gazetteIssues(first: 10) { totalCount nodes { label } } of2016: gazetteIssues(year: 2016) { totalCount } }`,
    );
    expect(list.body.data).toEqual({ all: { totalCount: 2, nodes: [{ label: 'Số 46' }, { label: 'Số 45' }] }, of2016: { totalCount: 0 } });
    // One document, not a second copy: the gazette's entry joined the national one.
    expect(await world.db.prisma.legalDocument.count({ where: { numberKey: '26/2017/QD-UBND' } })).toBe(1);
  });

  it('a second gazette run fetches no export it already has', async () => {
    world.gazetteFake.received.length = 0;
    const run = await world.subgraph.syncer.run(GAZETTE, 'SCHEDULE');
    expect(run).toMatchObject({ status: 'SUCCEEDED', seen: 2, unchanged: 2 });
    // The two feeds only: the newest-documents feed announces nothing the hub does not know.
    expect(world.gazetteFake.received.map((r) => r.url)).toEqual(['/rss/so-cong-bao.xml', '/rss/van-ban-moi.xml']);
  });
});

describe('sync on demand and status', () => {
  it('runLegalSync is for administrators; its progress and counts show in legalSyncStatus', async () => {
    const mutation = `mutation { runLegalSync(system: NATIONAL_LEGAL_DB) { id status trigger } }`;
    const anonymous = await world.query(mutation);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const editor = await world.query(mutation, {}, { id: 'e', roles: ['EDITOR'] });
    expect(editor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const started = await world.query<{ runLegalSync: { id: string; status: string; trigger: string } }>(mutation, {}, ADMIN);
    expect(started.body.data!.runLegalSync).toMatchObject({ status: 'RUNNING', trigger: 'MANUAL' });
    await world.subgraph.syncer.idle();
    world.clock.advance(90_000);
    const status = await world.query<{ legalSyncStatus: Record<string, unknown>[] }>(
      `{ legalSyncStatus { system configured label { vi } lastSuccessAt lastErrorCode consecutiveFailures lagSeconds records lastRun { id status seen unchanged } } }`,
    );
    const national = status.body.data!.legalSyncStatus.find((s) => s.system === 'NATIONAL_LEGAL_DB')!;
    expect(national).toMatchObject({
      configured: true,
      label: { vi: 'Cơ sở dữ liệu quốc gia về văn bản pháp luật' },
      lastErrorCode: null,
      consecutiveFailures: 0,
      lagSeconds: 90,
      records: 12,
      lastRun: { id: started.body.data!.runLegalSync.id, status: 'SUCCEEDED' },
    });
    const runs = await world.query<{ legalSyncRuns: { totalCount: number } }>(
      `{ legalSyncRuns(system: NATIONAL_LEGAL_DB, first: 2) { totalCount } }`,
      {},
      ADMIN,
    );
    expect(runs.body.data!.legalSyncRuns.totalCount).toBeGreaterThanOrEqual(5);
  });
});
