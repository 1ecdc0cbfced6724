// R-17 reports on a known data set: items provided per agency and category, R-7 on-time figures
// (delivery days in Việt Nam time), untranslated mandatory items, CSV; staff only.
import { beforeAll, describe, expect, it } from 'vitest';
import { usePortal } from '../harness/portal.ts';
import { AGENCY_A, AGENCY_B, ANON, BOARD, EDITOR_B, failCode, ok } from '../harness/content.ts';

const portal = usePortal({ clock: () => new Date('2024-08-01T03:00:00Z') });

interface Fixture {
  slug: string;
  agencyId: string;
  kind: 'INVESTMENT_PROJECT' | 'ARTICLE' | 'LAW_EXPLAINER';
  category: string;
  trigger?: [string, string];
  published?: string;
  translationPoint?: string;
  translationStatus?: 'MISSING' | 'COMPLETE';
}

const FIXTURES: Fixture[] = [
  // Approved Fri 26/04/2024 + 10 working days → due Tue 14/05/2024 (DOMAIN.md §6).
  {
    slug: 'dung-han',
    agencyId: AGENCY_A,
    kind: 'INVESTMENT_PROJECT',
    category: 'INVESTMENT_PROJECTS',
    trigger: ['approved', '2024-04-26'],
    published: '2024-05-14T03:00:00Z',
    translationPoint: 'e',
  },
  // 18:00 UTC on the 14th is already the 15th in Việt Nam: late.
  {
    slug: 'tre-mot-ngay',
    agencyId: AGENCY_A,
    kind: 'INVESTMENT_PROJECT',
    category: 'INVESTMENT_PROJECTS',
    trigger: ['approved', '2024-04-26'],
    published: '2024-05-14T18:00:00Z',
    translationPoint: 'e',
    translationStatus: 'COMPLETE',
  },
  { slug: 'qua-han', agencyId: AGENCY_A, kind: 'INVESTMENT_PROJECT', category: 'INVESTMENT_PROJECTS', trigger: ['approved', '2024-06-03'] },
  { slug: 'con-han', agencyId: AGENCY_A, kind: 'INVESTMENT_PROJECT', category: 'INVESTMENT_PROJECTS', trigger: ['approved', '2024-06-24'] },
  { slug: 'tin-thang-ba', agencyId: AGENCY_A, kind: 'ARTICLE', category: 'NEWS', published: '2024-03-01T02:00:00Z' },
  { slug: 'tin-giao-thua', agencyId: AGENCY_A, kind: 'ARTICLE', category: 'NEWS', published: '2023-12-31T20:00:00Z' },
  // Issued 01/02/2024 + 5 working days, across Tết: delivered in July, counted in the second half.
  {
    slug: 'pho-bien-muon',
    agencyId: AGENCY_B,
    kind: 'LAW_EXPLAINER',
    category: 'LAW_DISSEMINATION',
    trigger: ['issued', '2024-02-01'],
    published: '2024-07-02T02:00:00Z',
  },
];

// Report rows go in after the seed, before any test asks for a report.
beforeAll(async () => {
  for (const f of FIXTURES) {
    const at = f.published ? new Date(f.published) : null;
    await portal.db.prisma.contentItem.create({
      data: {
        kind: f.kind,
        category: f.category,
        slug: `bao-cao-${f.slug}`,
        agencyId: f.agencyId,
        titleVi: f.slug,
        titleFolded: f.slug,
        searchFolded: f.slug,
        state: at ? 'PUBLISHED' : 'APPROVED',
        publishedAt: at,
        firstPublishedAt: at,
        triggerKind: f.trigger?.[0] ?? null,
        triggerDate: f.trigger ? new Date(`${f.trigger[1]}T00:00:00Z`) : null,
        translationPoint: f.translationPoint ?? null,
        translationStatus: f.translationStatus ?? 'MISSING',
      },
    });
  }
});

const REPORT = `query($year: Int, $half: Int, $from: LocalDate, $to: LocalDate, $agencyId: ID) {
  provisionReport(year: $year, half: $half, from: $from, to: $to, agencyId: $agencyId) {
    from to asOf csv rows { agencyId category requirement provided onTime late overdue pending onTimeRate untranslatedMandatory } } }`;

interface Report {
  from: string;
  to: string;
  asOf: string;
  csv: string;
  rows: Record<string, unknown>[];
}

describe('R-17 provision report', () => {
  it('counts a half-year per agency and category against R-7', async () => {
    const r = await ok<Report>(portal.url, BOARD, REPORT, { year: 2024, half: 1 });
    expect([r.from, r.to, r.asOf]).toEqual(['2024-01-01', '2024-06-30', '2024-06-30']);
    const a = r.rows.filter((row) => row.agencyId === AGENCY_A);
    expect(a).toEqual([
      {
        agencyId: AGENCY_A,
        category: 'INVESTMENT_PROJECTS',
        requirement: 'R-4.10',
        provided: 2,
        onTime: 1,
        late: 1,
        overdue: 1,
        pending: 1,
        onTimeRate: 0.3333,
        untranslatedMandatory: 1,
      },
      {
        agencyId: AGENCY_A,
        category: 'NEWS',
        requirement: 'R-4.2',
        provided: 2,
        onTime: 0,
        late: 0,
        overdue: 0,
        pending: 0,
        onTimeRate: null,
        untranslatedMandatory: 0,
      },
    ]);
    expect(r.rows.some((row) => row.agencyId === AGENCY_B)).toBe(false);
  });

  it('judges the second half as of today, and a custom range', async () => {
    const h2 = await ok<Report>(portal.url, BOARD, REPORT, { year: 2024, half: 2, agencyId: AGENCY_B });
    expect(h2.asOf).toBe('2024-08-01');
    expect(h2.rows).toEqual([
      {
        agencyId: AGENCY_B,
        category: 'LAW_DISSEMINATION',
        requirement: 'R-4.4',
        provided: 1,
        onTime: 0,
        late: 1,
        overdue: 0,
        pending: 0,
        onTimeRate: 0,
        untranslatedMandatory: 0,
      },
    ]);
    const custom = await ok<Report>(portal.url, BOARD, REPORT, { from: '2024-05-14', to: '2024-05-14', agencyId: AGENCY_A });
    expect(custom.rows).toEqual([expect.objectContaining({ category: 'INVESTMENT_PROJECTS', provided: 1, onTime: 1, late: 0 })]);
  });

  it('gives the same figures as CSV, with agency names', async () => {
    const r = await ok<Report>(portal.url, BOARD, REPORT, { year: 2024, half: 1, agencyId: AGENCY_A });
    expect(r.csv.trim().split('\n')).toEqual([
      'agency,requirement,category,provided,on_time,late,overdue,pending,on_time_rate,untranslated_mandatory',
      'Sở Tài chính tỉnh Phú Thọ,R-4.10,INVESTMENT_PROJECTS,2,1,1,1,1,0.3333,1',
      'Sở Tài chính tỉnh Phú Thọ,R-4.2,NEWS,2,0,0,0,0,,0',
    ]);
  });

  it('is for staff only; an agency editor sees their own agencies', async () => {
    expect((await failCode(portal.url, ANON, REPORT, { year: 2024 })).code).toBe('FORBIDDEN');
    const mine = await ok<Report>(portal.url, EDITOR_B, REPORT, { year: 2024 });
    expect(mine.rows.map((r) => r.agencyId)).toEqual([AGENCY_B]);
    expect((await failCode(portal.url, BOARD, REPORT, { year: 2024, half: 3 })).code).toBe('BAD_USER_INPUT');
    expect((await failCode(portal.url, BOARD, REPORT, { from: '2024-06-01', to: '2024-01-01' })).code).toBe('BAD_USER_INPUT');
  });
});
