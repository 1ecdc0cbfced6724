// Every kind can be written through the graph with its own block, and reads back what was sent.
import { describe, expect, it } from 'vitest';
import { usePortal } from '../harness/portal.ts';
import { AGENCY_A, EDITOR_A, failCode, ok } from '../harness/content.ts';
import { stableId } from '../../schema/seed/ids.ts';

const portal = usePortal();

const common = (title: string) => ({ agencyId: AGENCY_A, title: { vi: title }, summary: { vi: `Tóm tắt: ${title}` }, authorName: 'Biên tập viên' });

const CASES: [kind: string, block: Record<string, unknown>, fields: string, expected: Record<string, unknown>][] = [
  [
    'INTRODUCTION',
    { introduction: { topic: 'LANDMARK', unitCodes: ['08707'], unitsAsOf: '2025-06-30', latitude: '21.309', longitude: '105.604' } },
    '... on IntroductionPage { topic unitCodes administrativeUnits { name } latitude translationPoint }',
    { topic: 'LANDMARK', unitCodes: ['08707'], administrativeUnits: [{ name: 'Phường Tích Sơn' }], latitude: 21.309, translationPoint: 'a' },
  ],
  [
    'DIRECTIVE',
    {
      directive: { directionKind: 'OFFICIAL_LETTER', documentNumber: '1234/UBND–KT', issuedOn: '2026-05-04', signerName: 'Nguyễn Văn Demo' },
      trigger: { kind: 'ISSUED', date: '2026-05-04' },
    },
    '... on Directive { directionKind documentNumber issuedOn contentCategory requirement }',
    { directionKind: 'OFFICIAL_LETTER', documentNumber: '1234/UBND–KT', issuedOn: '2026-05-04', contentCategory: 'DIRECTION', requirement: 'R-4.3' },
  ],
  [
    'PETITION_RESPONSE',
    {
      petitionResponse: {
        petitioner: 'Cử tri phường Vĩnh Yên',
        petitionSummary: { vi: 'Đề nghị lắp đèn chiếu sáng', en: 'Street lights' },
        respondedOn: '2026-05-20',
      },
    },
    '... on PetitionResponse { petitioner petitionSummary { vi en } respondedOn }',
    { petitioner: 'Cử tri phường Vĩnh Yên', petitionSummary: { vi: 'Đề nghị lắp đèn chiếu sáng', en: 'Street lights' }, respondedOn: '2026-05-20' },
  ],
  [
    'COMMENDATION',
    { commendation: { decisionKind: 'SANCTION', subjectName: 'Công ty TNHH Minh họa', form: 'Phạt tiền', amountVnd: '45000000.50' } },
    '... on Commendation { decisionKind subjectName amountVnd }',
    { decisionKind: 'SANCTION', subjectName: 'Công ty TNHH Minh họa', amountVnd: '45000000.5' },
  ],
  [
    'RECEPTION_SCHEDULE',
    {
      schedule: {
        periodStart: '2026-06-01',
        periodEnd: '2026-06-30',
        officialId: stableId('official:pt-chair'),
        entries: [
          { startsAt: '2026-06-15T01:00:00Z', activityVi: 'Tiếp công dân định kỳ', resultVi: 'Tiếp 5 lượt công dân', casesReceived: 5, casesResolved: 4 },
        ],
      },
    },
    '... on ReceptionSchedule { periodStart official { fullName } entries { activity { vi } result { vi } casesReceived casesResolved } }',
    {
      periodStart: '2026-06-01',
      official: { fullName: 'Nguyễn Văn Demo' },
      entries: [{ activity: { vi: 'Tiếp công dân định kỳ' }, result: { vi: 'Tiếp 5 lượt công dân' }, casesReceived: 5, casesResolved: 4 }],
    },
  ],
  [
    'LAW_EXPLAINER',
    { lawExplainer: { sector: 'Giao thông', legalBasis: ['36/2024/QH15'] }, trigger: { kind: 'ISSUED', date: '2026-05-04' } },
    '... on LawExplainer { sector legalBasis requirement }',
    { sector: 'Giao thông', legalBasis: ['36/2024/QH15'], requirement: 'R-4.4' },
  ],
  [
    'PLAN',
    { plan: { planKind: 'ENVIRONMENT', subtype: 'POLLUTION_SOURCE', unitCodes: ['25'], periodFrom: 2026, periodTo: 2030, areaHectares: '12.50' } },
    '... on PlanItem { planKind planPoint categoryPoint subtype areaHectares translationRequired }',
    { planKind: 'ENVIRONMENT', planPoint: 'e', categoryPoint: 'e', subtype: 'POLLUTION_SOURCE', areaHectares: '12.5', translationRequired: false },
  ],
  [
    'SCIENCE_TASK',
    {
      scienceTask: {
        code: 'NV.2026/01',
        managementLevel: 'GRASSROOTS',
        field: 'Nông nghiệp',
        leadUnit: 'Trung tâm minh họa',
        acceptedOn: '2026-05-01',
        resultSummaryVi: 'Giống lúa mới cho năng suất cao',
      },
    },
    '... on ScienceTask { code managementLevel resultSummary { vi } }',
    { code: 'NV.2026/01', managementLevel: 'GRASSROOTS', resultSummary: { vi: 'Giống lúa mới cho năng suất cao' } },
  ],
  [
    'STATISTICS_DATASET',
    {
      statistics: {
        surveyPeriod: 'Năm 2025',
        methodologyVi: 'Tổng hợp báo cáo',
        values: [{ indicatorVi: 'Dân số trung bình', period: '2025', value: '1234567.5', unit: 'người', unitCode: '25' }],
      },
      trigger: { kind: 'ANNOUNCED', date: '2026-01-06' },
    },
    '... on StatisticsDataset { surveyPeriod values { indicator { vi } value unit } valueCount }',
    { surveyPeriod: 'Năm 2025', values: [{ indicator: { vi: 'Dân số trung bình' }, value: '1234567.5', unit: 'người' }], valueCount: 1 },
  ],
];

describe('writing every kind through the graph', () => {
  for (const [kind, block, fields, expected] of CASES) {
    it(`creates ${kind} and reads it back`, async () => {
      const created = await ok<Record<string, unknown>>(
        portal.url,
        EDITOR_A,
        `mutation($k: ContentKind!, $i: ContentItemInput!) { createContentItem(kind: $k, input: $i) { kind ${fields} } }`,
        {
          k: kind,
          i: { ...common(`Mục ${kind}`), ...block },
        },
      );
      expect(created).toEqual({ kind, ...expected });
    });
  }

  it('refuses a trigger its category does not count from, and unknown officials', async () => {
    const trig = await failCode(portal.url, EDITOR_A, `mutation($i: ContentItemInput!) { createContentItem(kind: STATISTICS_DATASET, input: $i) { id } }`, {
      i: { ...common('Sai mốc'), ...CASES[8]![1], trigger: { kind: 'APPROVED', date: '2026-01-06' } },
    });
    expect(trig.error.extensions?.reason).toBe('TRIGGER_NOT_APPLICABLE');
    const official = await failCode(portal.url, EDITOR_A, `mutation($i: ContentItemInput!) { createContentItem(kind: WORK_SCHEDULE, input: $i) { id } }`, {
      i: {
        ...common('Lịch'),
        schedule: { periodStart: '2026-06-01', periodEnd: '2026-06-05', officialId: '00000000-0000-4000-8000-000000000000', entries: [] },
      },
    });
    expect(official.error.extensions?.reason).toBe('UNKNOWN_OFFICIAL');
  });
});
