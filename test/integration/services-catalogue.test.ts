// The procedure catalogue from the fake national portal through the real sync into the graph:
// per-channel fees exact, level and field filters, Vietnamese search, online services by sector
// and field, incremental and idempotent sync with provenance, withdrawals, R-7.5 due dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PROCEDURES, generatedProcedures } from '../../adapters/national-service-portal/fixtures/procedures.ts';
import { startServicesWorld, type ServicesWorld } from './services-harness.ts';

/** A GraphQL answer as parsed JSON: its shape is what the assertions check. */
type Json = ReturnType<typeof JSON.parse>;

let w: ServicesWorld;
beforeAll(async () => {
  w = await startServicesWorld();
  const first = await w.sync();
  expect(first).toMatchObject({ status: 'SUCCEEDED', counts: { created: 5, seen: 5 } });
});
afterAll(async () => w?.close());

type Proc = Record<string, unknown> & { code: string };
const codes = (nodes: Proc[]) => nodes.map((n) => n.code).sort();

async function search(query: string | null, filter: Record<string, unknown> | null = null) {
  const res = await w.query<{ procedures: { totalCount: number; nodes: Proc[] } }>(
    `query($q: String, $f: ProcedureFilter) { procedures(query: $q, filter: $f, first: 50) { totalCount nodes { code name } } }`,
    { q: query, f: filter },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.procedures;
}

describe('a procedure as published', () => {
  it('keeps fees and time limits per channel, exact in VND', async () => {
    const res = await w.query<{ procedure: Record<string, unknown> }>(`{ procedure(code: "1.001612.000.00.00.H43") {
      code localCode name sector fields { code name } levelHistory { level validFrom validTo }
      channels { channel label { vi en } timeLimits { value unit unitText description fees { amountVnd unit description } } }
      components { name originals copies templateName templateUrl } steps applicants results whereToSubmit contact { name phone email }
      implementingAgencies { code } legalBases { text document { numberKey } } announcedBy
      text(locale: EN) { servedLocale isFallback name summary }
      source { system sourceId sourceUrl contentHash } } }`);
    expect(res.body.errors).toBeUndefined();
    const p = res.body.data!.procedure as Record<string, Json>;
    expect(p.code).toBe('1.001612');
    expect(p.localCode).toBe('1.001612.000.00.00.H43');
    expect(p.fields).toEqual([{ code: 'G09-TP04', name: 'Lý lịch tư pháp' }]);
    expect(p.levelHistory).toEqual([{ level: 'PROVINCE', validFrom: '2010-07-01', validTo: null }]);
    expect(p.channels.map((c: Json) => c.channel)).toEqual(['IN_PERSON', 'ONLINE', 'POST']);
    const inPerson = p.channels[0];
    expect(inPerson.label).toEqual({ vi: 'Trực tiếp', en: 'In person' });
    expect(inPerson.timeLimits[0]).toMatchObject({ value: '10', unit: 'WORKING_DAYS', unitText: 'Ngày làm việc' });
    expect(inPerson.timeLimits[0].fees.map((f: Json) => f.amountVnd)).toEqual(['200000', '100000']);
    expect(inPerson.timeLimits[1]).toMatchObject({ value: '15', description: 'Trường hợp phải xác minh' });
    expect(p.channels[1].timeLimits[0].fees[0]).toEqual({
      amountVnd: '100000',
      unit: 'Đồng/lần',
      description: 'Nộp trực tuyến: giảm 50% phí (Thông tư 22/2024/TT-BTC).',
    });
    expect(p.channels[2].timeLimits[0].fees[0].amountVnd).toBe('200000');
    expect(p.components[0]).toEqual({
      name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
      originals: 1,
      copies: 0,
      templateName: 'Mẫu số 03/2013/TT-LLTP',
      templateUrl: 'https://csdl-tthc.invalid/mau/03-2013-TT-LLTP.docx',
    });
    expect(p.steps).toHaveLength(3);
    expect(p.contact).toEqual({ name: 'Phòng Hành chính tư pháp', phone: '0210 3800 001', email: 'stp@phutho.gov.vn' });
    expect(p.implementingAgencies).toEqual([{ code: '000.02.00.H43' }]);
    expect(p.legalBases).toEqual([
      { text: 'Luật Lý lịch tư pháp số 28/2009/QH12', document: { numberKey: '28/2009/QH12' } },
      { text: 'Nghị định 42/2022/NĐ-CP quy định về việc cung cấp thông tin và dịch vụ công trực tuyến', document: { numberKey: '42/2022/ND-CP' } },
      // No SOVANBAN: the number is read from the text.
      { text: 'Thông tư số 244/2016/TT-BTC quy định mức thu phí cung cấp thông tin lý lịch tư pháp', document: { numberKey: '244/2016/TT-BTC' } },
    ]);
    expect(p.text).toMatchObject({ servedLocale: 'EN', isFallback: false, name: expect.stringContaining('judicial record') });
    expect(p.source).toMatchObject({ system: 'national-service-portal', sourceId: '1.001612', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('keeps "free" and "not fixed" apart, and falls back to Vietnamese without an English text', async () => {
    const res = await w.query<{ birth: Json; bulletin: Json; licence: Json }>(`{
      birth: procedure(code: "1.001193") { channels { timeLimits { value fees { amountVnd } } } }
      licence: procedure(code: "1.004203") { channels { timeLimits { fees { amountVnd description } } } }
      bulletin: procedure(code: "1.003781") { text(locale: EN) { servedLocale isFallback name } channels { timeLimits { unit } } } }`);
    expect(res.body.errors).toBeUndefined();
    const { birth, licence, bulletin } = res.body.data!;
    expect(birth.channels[0].timeLimits[0]).toEqual({ value: '0.5', fees: [{ amountVnd: '0' }] });
    expect(licence.channels[0].timeLimits[0].fees[0]).toEqual({ amountVnd: null, description: 'Không quy định.' });
    expect(bulletin.text).toEqual({ servedLocale: 'VI', isFallback: true, name: 'Cấp giấy phép xuất bản bản tin' });
    expect(bulletin.channels[0].timeLimits[0].unit).toBe('DAYS');
  });
});

describe('finding procedures', () => {
  it('matches what citizens type: no diacritics, đ = d, either tone placement, and exact codes', async () => {
    expect(codes((await search('ly lich tu phap')).nodes)).toEqual(['1.001612']);
    expect(codes((await search('dang ky khai sinh')).nodes)).toEqual(['1.001193']);
    expect(codes((await search('Đăng ký khai sinh')).nodes)).toEqual(['1.001193']);
    expect(codes((await search('chứng thực bản sao')).nodes)).toEqual(['2.000815']);
    expect(codes((await search('thông tin điện tử tổng hợp')).nodes)).toContain('1.004203');
    expect(codes((await search('1.001193')).nodes)).toEqual(['1.001193']);
    expect(codes((await search('1.001612.000.00.00.H43')).nodes)).toEqual(['1.001612']);
    expect((await search('1.999999')).totalCount).toBe(0);
  });

  it('filters by level on a date: the district tier ended on 2025-06-30', async () => {
    expect(codes((await search(null, { level: 'DISTRICT', asOf: '2024-06-01' })).nodes)).toEqual(['2.000815']);
    expect((await search(null, { level: 'DISTRICT' })).totalCount).toBe(0);
    expect(codes((await search(null, { level: 'COMMUNE' })).nodes)).toEqual(['1.001193', '2.000815']);
    expect(codes((await search(null, { level: 'PROVINCE' })).nodes)).toEqual(['1.001612', '1.003781', '1.004203']);
  });

  it('filters by field, sector, agency, channel, online and English', async () => {
    expect(codes((await search(null, { fieldCodes: ['G09-TP01', 'G09-TP05'] })).nodes)).toEqual(['1.001193', '2.000815']);
    expect(codes((await search(null, { sector: 'thong tin va truyen thong' })).nodes)).toEqual(['1.003781', '1.004203']);
    expect(codes((await search(null, { agencyCode: '000.00.21.H43' })).nodes)).toEqual(['1.001193', '2.000815']);
    expect(codes((await search(null, { channel: 'POST' })).nodes)).toEqual(['1.001612', '1.003781', '1.004203']);
    expect(codes((await search(null, { online: true })).nodes)).toEqual(['1.001193', '1.001612', '1.004203']);
    expect(codes((await search(null, { english: false })).nodes)).toEqual(['1.003781']);
  });

  it('lists online services by sector and field, with their level in both vocabularies', async () => {
    const res = await w.query<{ onlineServices: Json; serviceSectors: Json }>(`{
      onlineServices(filter: { minLevel: 4 }) { totalCount nodes { code level levelSince scope scopeSince sector field { code name } guidance portalUrl procedure { code } } }
      serviceSectors { name fields { code name } } }`);
    expect(res.body.errors).toBeUndefined();
    const { onlineServices, serviceSectors } = res.body.data!;
    expect(onlineServices.totalCount).toBe(2);
    expect(onlineServices.nodes.find((s: Json) => s.code === 'DVC-1.001612')).toMatchObject({
      level: 4,
      levelSince: '2020-09-15',
      scope: 'FULL',
      scopeSince: '2022-08-01',
      sector: 'Tư pháp',
      field: { code: 'G09-TP04', name: 'Lý lịch tư pháp' },
      procedure: { code: '1.001612' },
    });
    const partial = await w.query<{ onlineServices: Json }>(`{ onlineServices(filter: { scope: PARTIAL, sector: "thông tin" }) { nodes { code level } } }`);
    expect(partial.body.data!.onlineServices.nodes).toEqual([{ code: 'DVC-1.004203', level: 3 }]);
    expect(serviceSectors.map((s: Json) => s.name)).toEqual(['Thông tin và Truyền thông', 'Tư pháp']);
    const bad = await w.query(`{ onlineServices(filter: { minLevel: 7 }) { totalCount } }`);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('R-7.5: published at least 10 working days before the rule takes effect', () => {
  it('gives the due date counted back with the calendar and the status', async () => {
    const res = await w.query<{ a: Json; b: Json }>(`{
      a: procedure(code: "1.004203") { publicationDeadline { ruleEffectiveDate dueDate publishedOn status } }
      b: procedure(code: "1.001612") { publicationDeadline { ruleEffectiveDate dueDate publishedOn status } } }`);
    expect(res.body.errors).toBeUndefined();
    // Effective Wed 25/12/2024: 10 working days back → Wed 11/12/2024; published 01/12/2024.
    expect(res.body.data!.a.publicationDeadline).toEqual({
      ruleEffectiveDate: '2024-12-25',
      dueDate: '2024-12-11',
      publishedOn: '2024-12-01',
      status: 'ON_TIME',
    });
    // Effective Tue 01/07/2025 → Tue 17/06/2025; published 20/06/2025: late.
    expect(res.body.data!.b.publicationDeadline).toEqual({ ruleEffectiveDate: '2025-07-01', dueDate: '2025-06-17', publishedOn: '2025-06-20', status: 'LATE' });
  });
});

describe('the sync', () => {
  it('is idempotent, incremental, keeps provenance and flags withdrawals', async () => {
    const again = await w.sync();
    expect(again.status).toBe('SUCCEEDED');
    // The cursor is inclusive: only the newest change is seen again, and found unchanged.
    expect(again.counts).toMatchObject({ seen: 1, unchanged: 1 });
    expect(again.counts.created ?? 0).toBe(0);

    const birth = w.fake.procedures.get('1.001193')!;
    w.fake.procedures.set('1.001193', { ...birth, TENTTHC: 'Thủ tục đăng ký khai sinh (sửa đổi)', NGAYCAPNHAT: '20260501080000' });
    const bulletin = w.fake.procedures.get('1.003781')!;
    w.fake.procedures.set('1.003781', { ...bulletin, DAHUY: true, NGAYCAPNHAT: '20260502080000' });
    const before = await w.db.prisma.servicesProcedure.findUniqueOrThrow({ where: { code: '1.001193' } });
    const changed = await w.sync();
    expect(changed.counts).toMatchObject({ seen: 2, updated: 1, withdrawn: 1 });
    const after = await w.db.prisma.servicesProcedure.findUniqueOrThrow({ where: { code: '1.001193' } });
    expect(after.name).toBe('Thủ tục đăng ký khai sinh (sửa đổi)');
    expect(after.contentHash).not.toBe(before.contentHash);
    expect(after.firstPublishedAt).toEqual(before.firstPublishedAt);
    expect((await search(null)).totalCount).toBe(FIXTURE_PROCEDURES.length - 1);
    expect((await search(null, { includeWithdrawn: true })).totalCount).toBe(FIXTURE_PROCEDURES.length);
    const status = await w.query<{ servicesSyncStatus: Json[] }>(`{ servicesSyncStatus { job system feed configured lastSuccessAt lastErrorCode cursor } }`);
    // Both jobs are configured (the usage statistics too), keyed by their adapter's system; only the catalogue has run.
    expect(status.body.data!.servicesSyncStatus).toEqual([
      {
        job: 'national-service-portal:catalogue',
        system: 'national-service-portal',
        feed: 'catalogue',
        configured: true,
        lastSuccessAt: expect.any(String),
        lastErrorCode: null,
        cursor: '2026-05-02T01:00:00.000Z',
      },
      { job: 'one-stop:usage', system: 'one-stop', feed: 'usage', configured: true, lastSuccessAt: null, lastErrorCode: null, cursor: null },
    ]);
  });

  it('lets only an administrator run it', async () => {
    const anonymous = await w.query(`mutation { runServicesSync(job: "national-service-portal:catalogue") { status } }`);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await w.query<{ runServicesSync: Json }>(
      `mutation { runServicesSync(job: "national-service-portal:catalogue") { job status errorCode } }`,
      {},
      { id: 'a', roles: ['ADMIN'] },
    );
    expect(admin.body.data!.runServicesSync).toEqual({ job: 'national-service-portal:catalogue', status: 'SUCCEEDED', errorCode: null });
  });
  it('keeps the last good data when the portal fails, and records the code', async () => {
    w.fake.setMode({ kind: 'html-502' });
    const failed = await w.sync();
    w.fake.setMode({ kind: 'ok' });
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'UPSTREAM_UNAVAILABLE' });
    expect((await search('ly lich tu phap')).totalCount).toBe(1);
    const status = await w.query<{ servicesSyncStatus: Json[] }>(`{ servicesSyncStatus { job lastErrorCode consecutiveFailures } }`);
    expect(status.body.data!.servicesSyncStatus.find((s: Json) => s.job === 'national-service-portal:catalogue')).toEqual({
      job: 'national-service-portal:catalogue',
      lastErrorCode: 'UPSTREAM_UNAVAILABLE',
      consecutiveFailures: 1,
    });
  });
});

describe('a malformed procedure detail from the portal', () => {
  it('fails the sync with UPSTREAM_INVALID_RESPONSE (never INTERNAL_SERVER_ERROR) and keeps the last good data', async () => {
    // A world of its own: the breaker state another test leaves behind is not this test's.
    const m = await startServicesWorld();
    try {
      expect(await m.sync()).toMatchObject({ status: 'SUCCEEDED' });
      const code = '1.001612';
      const good = m.fake.procedures.get(code)!;
      const channels = (good as unknown as { CACHTHUCTHUCHIEN: { KENH: number }[] }).CACHTHUCTHUCHIEN;
      // A newer change the sync fetches whole (LayThuTuc), with a channel code that does not exist.
      m.fake.procedures.set(code, { ...good, NGAYCAPNHAT: '20270101080000', CACHTHUCTHUCHIEN: [{ ...channels[0]!, KENH: 9 }, ...channels.slice(1)] } as never);
      const statusOf = async () =>
        (await m.query<{ servicesSyncStatus: Json[] }>(`{ servicesSyncStatus { job lastErrorCode cursor } }`)).body.data!.servicesSyncStatus.find(
          (s: Json) => s.job === 'national-service-portal:catalogue',
        );
      const before = await statusOf();
      const run = await m.query<{ runServicesSync: Json }>(
        `mutation { runServicesSync(job: "national-service-portal:catalogue") { job status errorCode } }`,
        {},
        { id: 'a', roles: ['ADMIN'] },
      );
      expect(run.body.errors).toBeUndefined();
      expect(run.body.data!.runServicesSync).toEqual({ job: 'national-service-portal:catalogue', status: 'FAILED', errorCode: 'UPSTREAM_INVALID_RESPONSE' });
      // The cursor stays where the last good run left it: the change is fetched again next time.
      expect(await statusOf()).toEqual({ ...before, lastErrorCode: 'UPSTREAM_INVALID_RESPONSE' });
      const kept = await m.query<{ procedure: { channels: { channel: string }[] } }>(`{ procedure(code: "1.001612.000.00.00.H43") { channels { channel } } }`);
      expect(kept.body.errors).toBeUndefined();
      expect(kept.body.data!.procedure.channels.length).toBe(channels.length);
      // Repaired upstream: the next run takes it.
      m.fake.procedures.set(code, { ...good, NGAYCAPNHAT: '20270101080000' });
      expect(await m.sync()).toMatchObject({ status: 'SUCCEEDED', errorCode: null });
    } finally {
      await m.close();
    }
  });
});

describe('R-7.5 across Tết', () => {
  it('counts the 10 working days back over the Tết holiday and its weekends', async () => {
    // Rule effective Mon 02/03/2026. Back: 27, 26, 25, 24, 23 February (5); 21–22 a weekend,
    // 16–20 Tết (Mon–Fri), 14–15 a weekend; then 13, 12, 11, 10, 9 February (10): due Mon 09/02.
    const [early, late] = generatedProcedures(2).map((p, i) => ({
      ...p,
      QUYETDINHCONGBO: { SOQUYETDINH: '300/QĐ-UBND', NGAYHIEULUC: '20260302000000' },
      // Published on the due day (Mon 09/02), then on Tue 10/02, one working day late.
      NGAYCAPNHAT: i === 0 ? '20260209160000' : '20260210080000',
    }));
    const tet = await startServicesWorld({ procedures: [early!, late!] });
    try {
      expect(await tet.sync()).toMatchObject({ status: 'SUCCEEDED', counts: { created: 2 } });
      const res = await tet.query<{ a: Json; b: Json }>(
        `query($a: String!, $b: String!) {
      a: procedure(code: $a) { publicationDeadline { ruleEffectiveDate dueDate publishedOn status } }
      b: procedure(code: $b) { publicationDeadline { ruleEffectiveDate dueDate publishedOn status } } }`,
        { a: early!.MATTHC, b: late!.MATTHC },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.a.publicationDeadline).toEqual({
        ruleEffectiveDate: '2026-03-02',
        dueDate: '2026-02-09',
        publishedOn: '2026-02-09',
        status: 'ON_TIME',
      });
      expect(res.body.data!.b.publicationDeadline).toEqual({
        ruleEffectiveDate: '2026-03-02',
        dueDate: '2026-02-09',
        publishedOn: '2026-02-10',
        status: 'LATE',
      });
    } finally {
      await tet.close();
    }
  });
});
