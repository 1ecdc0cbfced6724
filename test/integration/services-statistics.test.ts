// usage statistics synced from the fake one-stop system (known data set) and the
// provision of procedures per agency (the procedures' part of R-17), on known dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_USAGE } from '../../adapters/one-stop/fixtures/dossiers.ts';
import { signedFor } from '../harness/signing.ts';
import { startServicesWorld, type ServicesWorld } from './services-harness.ts';

let w: ServicesWorld;
beforeAll(async () => {
  w = await startServicesWorld(); // 4 May 2026
  expect((await w.sync()).status).toBe('SUCCEEDED');
  expect(await w.subgraph.syncer.run(w.subgraph.syncer.jobOf('usage')!)).toMatchObject({ status: 'SUCCEEDED', counts: { rows: 15 } });
});
afterAll(async () => w?.close());

const REPORT = `query($from: String!, $to: String!, $agency: String, $all: Boolean) {
  serviceUsageStatistics(from: $from, to: $to, agencyCode: $agency, allLevels: $all) {
    from to csv csvUrl totals { received receivedOnline processed onTime late onTimeRate monthlyAverage }
    rows { serviceCode serviceName agency { code } counts { received receivedOnline processed onTime late onTimeRate monthlyAverage } months { month received } } } }`;

type Report = {
  serviceUsageStatistics: {
    csv: string;
    csvUrl: string;
    totals: Record<string, number>;
    rows: { serviceCode: string; agency: { code: string }; counts: Record<string, number>; months: unknown[] }[];
  };
};

const sum = (service: string | null, from: string, to: string, field: 'TiepNhan' | 'DaXuLy' | 'DungHan' | 'TreHan') =>
  FIXTURE_USAGE.filter((u) => (!service || u.MaDichVu === service) && u.Thang >= from && u.Thang <= to).reduce((a, u) => a + u[field], 0);

describe('R-9.1 usage statistics', () => {
  it('counts dossiers per service and agency over months, with usage frequency', async () => {
    const res = await w.query<Report>(REPORT, { from: '2026-01', to: '2026-03' });
    expect(res.body.errors).toBeUndefined();
    const report = res.body.data!.serviceUsageStatistics;
    const judicial = report.rows.find((r) => r.serviceCode === '1.001612')!;
    // 120, 122, 124 received; 118, 120, 122 processed; 95% on time rounded per month.
    expect(judicial).toMatchObject({
      agency: { code: '000.02.00.H43' },
      counts: { received: 366, receivedOnline: 219, processed: 360, onTime: 342, late: 18, onTimeRate: 0.95, monthlyAverage: 122 },
    });
    expect(judicial.months).toHaveLength(3);
    expect(report.rows.map((r) => r.serviceCode).sort()).toEqual(['1.001193', '1.001612', '1.004203']);
    expect(report.totals).toMatchObject({
      received: sum(null, '2026-01', '2026-03', 'TiepNhan'),
      processed: sum(null, '2026-01', '2026-03', 'DaXuLy'),
      onTime: sum(null, '2026-01', '2026-03', 'DungHan'),
      late: sum(null, '2026-01', '2026-03', 'TreHan'),
    });
    const lines = report.csv.trim().split('\n');
    expect(lines[0]).toBe('service_code,service_name,agency_code,from,to,received,received_online,processed,on_time,late,on_time_rate,monthly_average');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith('1.001612,'))).toContain(',000.02.00.H43,2026-01,2026-03,366,219,360,342,18,0.95,122');
    expect(res.body.data!.serviceUsageStatistics).toMatchObject({ csvUrl: '/services/data/usage-statistics/2026-01_2026-03.csv' });
  });

  it('filters by agency, and refuses impossible periods', async () => {
    const ward = await w.query<Report>(REPORT, { from: '2026-01', to: '2026-05', agency: '000.00.21.H43' });
    expect(ward.body.data!.serviceUsageStatistics.rows.map((r) => r.serviceCode)).toEqual(['1.001193']);
    expect(ward.body.data!.serviceUsageStatistics.totals.received).toBe(sum('1.001193', '2026-01', '2026-05', 'TiepNhan'));
    for (const [from, to] of [
      ['2026-13', '2026-14'],
      ['2026-05', '2026-01'],
      ['2020-01', '2026-01'],
    ]) {
      const bad = await w.query(REPORT, { from, to });
      expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('gives each online service its usage: a chosen period, or the 12 months up to this one', async () => {
    const q = `{ onlineService(code: "DVC-1.001612") { code
      q1: usage(from: "2026-01", to: "2026-03") { from to counts { received receivedOnline processed onTime late onTimeRate monthlyAverage }
        months { month received receivedOnline processed onTime late } }
      recent: usage { from to counts { received } months { month } } } }`;
    const res = await w.query<{ onlineService: Record<string, Record<string, unknown>> }>(q);
    expect(res.body.errors).toBeUndefined();
    const { q1, recent } = res.body.data!.onlineService;
    expect(q1!.counts).toEqual({ received: 366, receivedOnline: 219, processed: 360, onTime: 342, late: 18, onTimeRate: 0.95, monthlyAverage: 122 });
    expect(q1!.months).toEqual([
      { month: '2026-01', received: 120, receivedOnline: 72, processed: 118, onTime: 112, late: 6 },
      { month: '2026-02', received: 122, receivedOnline: 73, processed: 120, onTime: 114, late: 6 },
      { month: '2026-03', received: 124, receivedOnline: 74, processed: 122, onTime: 116, late: 6 },
    ]);
    // 4 May 2026: June 2025 – May 2026; the system has counted 2026 only.
    expect(recent).toMatchObject({ from: '2025-06', to: '2026-05', counts: { received: sum('1.001612', '2025-06', '2026-05', 'TiepNhan') } });
    expect((recent!.months as unknown[]).length).toBe(5);
    const bad = await w.query(`{ onlineService(code: "DVC-1.001612") { usage(from: "2026-04", to: "2026-01") { from } } }`);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('costs one statement for the usage of a whole page of services', async () => {
    const page = `{ onlineServices(first: 50) { nodes { code usage(from: "2026-01", to: "2026-12") { counts { received } } } } }`;
    w.db.statements.length = 0;
    const res = await w.query<{ onlineServices: { nodes: { code: string; usage: { counts: { received: number } } }[] } }>(page);
    expect(res.body.errors).toBeUndefined();
    // The page, its count, and the usage of every service on it.
    expect(w.db.statements.length).toBe(3);
    const byCode = Object.fromEntries(res.body.data!.onlineServices.nodes.map((n) => [n.code, n.usage.counts.received]));
    // Synced on 4 May 2026: January to May.
    expect(byCode['DVC-1.001193']).toBe(sum('1.001193', '2026-01', '2026-05', 'TiepNhan'));
  });

  it('serves the same report as a CSV download for spreadsheets, signed only', async () => {
    const origin = w.subgraph.url.replace(/\/graphql$/, '');
    const url = `${origin}/data/usage-statistics/2026-01_2026-03.csv`;
    expect((await fetch(url)).status).toBe(401);
    const get = (u: string) => fetch(u, { headers: signedFor(u, { requestId: 't', actor: { roles: [] } }, '', { method: 'GET' }) });
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="thong-ke-dich-vu-cong_2026-01_2026-03.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const graph = await w.query<Report>(REPORT, { from: '2026-01', to: '2026-03' });
    expect(bytes.subarray(3).toString('utf8')).toBe(graph.body.data!.serviceUsageStatistics.csv);
    expect(bytes.toString('utf8')).toContain('Cấp Phiếu lý lịch tư pháp');

    const ward = await get(`${origin}/data/usage-statistics/2026-01_2026-05.csv?agencyCode=000.00.21.H43&allLevels=true`);
    expect(ward.headers.get('content-disposition')).toContain('_000.00.21.H43.csv');
    const lines = (await ward.text()).trim().split('\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['1.001193']);

    for (const [path, status] of [
      ['/data/usage-statistics/2026-05_2026-01.csv', 400],
      ['/data/usage-statistics/2020-01_2026-01.csv', 400],
      ['/data/usage-statistics/2026-01_2026-03.csv?agencyCode=%3Cscript%3E', 400],
      ['/data/usage-statistics/2026-01_2026-03.csv?allLevels=yes', 400],
      ['/data/usage-statistics/2026-01.csv', 404],
      ['/data/usage-statistics/2026-13_2026-14.csv', 400],
    ] as const) {
      expect((await get(`${origin}${path}`)).status, path).toBe(status);
    }
  });

  it('syncs idempotently', async () => {
    const before = await w.db.prisma.servicesUsageStat.findMany({ orderBy: [{ serviceCode: 'asc' }, { month: 'asc' }], omit: { fetchedAt: true } });
    expect((await w.subgraph.syncer.run(w.subgraph.syncer.jobOf('usage')!)).status).toBe('SUCCEEDED');
    const after = await w.db.prisma.servicesUsageStat.findMany({ orderBy: [{ serviceCode: 'asc' }, { month: 'asc' }], omit: { fetchedAt: true } });
    expect(after).toEqual(before);
  });
});

describe('R-7.5 in the R-17 report', () => {
  it("gives each agency's procedures published on time and late, by the rule's effective date", async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { code procedureProvision(from: "2024-12-01", to: "2025-07-31") {
      due onTime late onTimeRate lateCodes } } } }`;
    const res = await w.query<{ _entities: { code: string; procedureProvision: Record<string, unknown> }[] }>(q, {
      r: ['000.02.00.H43', '000.03.00.H43', '000.00.21.H43', '000.99.00.H43'].map((code) => ({ __typename: 'Agency', code })),
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!._entities.map((e) => e.procedureProvision)).toEqual([
      // Judicial records: rule effective 01/07/2025, due 17/06/2025, published 20/06/2025.
      { due: 1, onTime: 0, late: 1, onTimeRate: 0, lateCodes: ['1.001612'] },
      // Website licence: effective 25/12/2024, due 11/12/2024, published 01/12/2024.
      { due: 1, onTime: 1, late: 0, onTimeRate: 1, lateCodes: [] },
      { due: 2, onTime: 0, late: 2, onTimeRate: 0, lateCodes: ['1.001193', '2.000815'] },
      { due: 0, onTime: 0, late: 0, onTimeRate: null, lateCodes: [] },
    ]);
  });
});

describe('the services part of provisionReport.agencies (R-17)', () => {
  const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AgencyProvision { agencyCode from to
    procedures { due onTime late onTimeRate lateCodes published }
    onlineServices { total byLevel { level count } endToEnd partial dossiers { received receivedOnline processed onTime late onTimeRate monthlyAverage } } } } }`;
  type Figures = { procedures: Record<string, unknown>; onlineServices: Record<string, unknown> };
  const rep = (agencyCode: string, from: string, to: string) => ({ __typename: 'AgencyProvision', agencyCode, from, to });

  it('gives procedures due, on time, late and published, and online services by level with their dossiers', async () => {
    const res = await w.query<{ _entities: Figures[] }>(Q, {
      r: [
        rep('000.03.00.H43', '2024-12-01', '2025-07-31'),
        rep('000.02.00.H43', '2026-01-01', '2026-03-31'),
        rep('000.02.00.H43', '2019-01-01', '2019-12-31'),
        rep('000.99.00.H43', '2026-01-01', '2026-03-31'),
      ],
    });
    expect(res.body.errors).toBeUndefined();
    const [science, justice, justice2019, nobody] = res.body.data!._entities;
    // Website licence: rule effective 25/12/2024, due 11/12/2024, published 01/12/2024; a partial level 3 service.
    expect(science).toMatchObject({
      procedures: { due: 1, onTime: 1, late: 0, onTimeRate: 1, lateCodes: [], published: 1 },
      onlineServices: { total: 1, byLevel: [{ level: 3, count: 1 }], endToEnd: 0, partial: 1 },
    });
    // Judicial records, a level 4 end-to-end service: January–March 2026 from the one-stop system.
    expect(justice).toEqual({
      agencyCode: '000.02.00.H43',
      from: '2026-01-01',
      to: '2026-03-31',
      procedures: { due: 0, onTime: 0, late: 0, onTimeRate: null, lateCodes: [], published: 0 },
      onlineServices: {
        total: 1,
        byLevel: [{ level: 4, count: 1 }],
        endToEnd: 1,
        partial: 0,
        dossiers: { received: 366, receivedOnline: 219, processed: 360, onTime: 342, late: 18, onTimeRate: 0.95, monthlyAverage: 122 },
      },
    });
    // In 2019 the service was not yet at level 4 (since 15/09/2020) nor end-to-end (since 01/08/2022).
    expect(justice2019!.onlineServices).toMatchObject({ total: 1, byLevel: [{ level: null, count: 1 }], endToEnd: 0, partial: 0, dossiers: { received: 0 } });
    expect(nobody!.onlineServices).toMatchObject({ total: 0, byLevel: [], dossiers: { received: 0, onTimeRate: null } });
  });

  it('costs the same few statements for 3 agencies or 60', async () => {
    const reps = (n: number) =>
      Array.from({ length: n }, (_, i) => rep(i % 3 === 0 ? '000.02.00.H43' : `000.${String(i).padStart(2, '0')}.00.H43`, '2026-01-01', '2026-06-30'));
    w.db.statements.length = 0;
    expect((await w.query(Q, { r: reps(3) })).body.errors).toBeUndefined();
    const few = w.db.statements.length;
    w.db.statements.length = 0;
    expect((await w.query(Q, { r: reps(60) })).body.errors).toBeUndefined();
    expect(w.db.statements.length).toBe(few);
    expect(few).toBeLessThanOrEqual(4);
  });
});
