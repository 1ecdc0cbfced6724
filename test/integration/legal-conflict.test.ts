// The conflict rule between a province's own publication (the provincial gazette) and the
// national database's copy, and: a provincial document is due on the portal 7 working
// days after its issue date. The provincial documents below (05 and 06/2025/QĐ-UBND) are
// illustrative [X], not real documents; the dates follow DOMAIN.md §6's worked example
// (issued Fri 24/01/2025 + 7 working days → Tue 11/02/2025, Tết in between).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/documents.ts';
import type { FixtureDocument } from '../../adapters/national-legal-db/fixtures/types.ts';
import { FIXTURE_ISSUES, type FixtureGazetteEntry } from '../../adapters/gazette/fixtures/issues.ts';
import { GAZETTE, NATIONAL, startLegalWorld, type LegalWorld } from './legal-harness.ts';

const PROVINCE = 'Ủy ban nhân dân tỉnh Vĩnh Phúc';
const GAZETTE_SUMMARY = 'Quy định mẫu về công bố thông tin trên Cổng thông tin điện tử tỉnh';

const entry = (number: string, page: number, over: Partial<FixtureGazetteEntry> = {}): FixtureGazetteEntry => ({
  number,
  type: 'Quyết định',
  issuer: PROVINCE,
  issueDate: '2025-01-24',
  summary: GAZETTE_SUMMARY,
  page,
  pageTo: page + 4,
  sourceId: null,
  ...over,
});

/** The national database's copy of 05/2025: other wording, an abbreviated issuer, plus what the gazette does not carry. */
const NATIONAL_COPY: FixtureDocument = {
  ...structuredClone(FIXTURE_DOCUMENTS.find((d) => d.id === 'qd-26-2017-ubnd-vp')!),
  id: 'qd-05-2025-x',
  number: '05/2025/QĐ-UBND',
  title: 'Quyết định 05/2025/QĐ-UBND ban hành Quy định mẫu về công bố thông tin',
  summary: 'Ban hành Quy định mẫu về công bố thông tin',
  issueDate: '2025-01-24',
  effectiveDate: '2025-02-05',
  gazetteDate: null,
  collectedFrom: null,
  issuers: [{ agency: 'UBND tỉnh Vĩnh Phúc', title: 'Chủ tịch', signer: 'Người Ký Mẫu' }],
  fields: ['Công nghệ thông tin'],
  files: [],
  gazette: [],
  history: [],
  relations: [],
  url: 'https://csdl-vbpl.invalid/van-ban/qd-05-2025-x',
  modifiedAt: '2025-02-20T09:00:00+07:00',
};

let world: LegalWorld;

beforeAll(async () => {
  world = await startLegalWorld({
    documents: [...FIXTURE_DOCUMENTS, NATIONAL_COPY],
    issues: [
      ...structuredClone([...FIXTURE_ISSUES]),
      {
        number: 3,
        numberTo: 4,
        year: 2025,
        date: '2025-02-10',
        documents: [
          entry('05/2025/QĐ-UBND', 5),
          entry('42/2022/NĐ-CP', 10, {
            type: 'Nghị định',
            issuer: 'Chính phủ',
            issueDate: '2022-06-24',
            summary: 'Một trích yếu khác',
            sourceId: 'nd-42-2022-cp',
          }),
        ],
      },
    ],
  });
});
afterAll(() => world?.close());

const DOC = `number { normalised } title summary locallyIssued withdrawn effectiveDate status { code }
  issuers { agency signerName signerTitle } sources { system withdrawn } provenance { system }
  publicationDeadline { dueDate deliveredOn status } gazetteIssues { nodes { page issue { label } } }`;

async function doc(number: string) {
  const res = await world.query<{ legalDocumentByNumber: { document: Record<string, unknown> } }>(
    `query($n: String!) { legalDocumentByNumber(number: $n) { document { ${DOC} } } }`,
    { n: number },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.legalDocumentByNumber.document;
}

describe('a provincial document first known from the provincial gazette', () => {
  it('becomes a locally issued document, published on time (R-7.4)', async () => {
    world.clock.set('2025-02-11T03:00:00Z');
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'SUCCEEDED', created: 3 });
    expect(await doc('05/2025/QD-UBND')).toMatchObject({
      title: `Quyết định 05/2025/QĐ-UBND quy định mẫu về công bố thông tin trên Cổng thông tin điện tử tỉnh`,
      summary: GAZETTE_SUMMARY,
      locallyIssued: true,
      issuers: [{ agency: PROVINCE, signerName: null, signerTitle: null }],
      sources: [{ system: GAZETTE, withdrawn: false }],
      publicationDeadline: { dueDate: '2025-02-11', deliveredOn: '2025-02-11', status: 'ON_TIME' },
      gazetteIssues: { nodes: [{ page: 5, issue: { label: 'Số 3 + 4' } }] },
    });
    // A national decree printed in the gazette is not the province's.
    expect(await doc('42/2022/NĐ-CP')).toMatchObject({ locallyIssued: false, publicationDeadline: null });
  });
});

describe('then the national copy arrives', () => {
  it('joins the same document; the provincial copy wins what it states, the national copy adds the rest', async () => {
    world.clock.set('2025-02-21T03:00:00Z');
    const run = await world.sync(NATIONAL);
    expect(run).toMatchObject({ status: 'SUCCEEDED' });
    expect(run.conflicts).toBe(2); // summary and issuing agency differ
    expect(await world.db.prisma.legalDocument.count({ where: { numberKey: '05/2025/QD-UBND' } })).toBe(1);
    expect(await doc('05/2025/QĐ-UBND')).toMatchObject({
      title: 'Quyết định 05/2025/QĐ-UBND ban hành Quy định mẫu về công bố thông tin',
      summary: GAZETTE_SUMMARY,
      issuers: [{ agency: PROVINCE, signerName: 'Người Ký Mẫu', signerTitle: 'Chủ tịch' }],
      effectiveDate: '2025-02-05',
      status: { code: 'CHL' },
      locallyIssued: true,
      provenance: { system: NATIONAL },
      sources: [
        { system: NATIONAL, withdrawn: false },
        { system: GAZETTE, withdrawn: false },
      ],
      // Delivered when the portal first had it, whichever copy came first.
      publicationDeadline: { dueDate: '2025-02-11', deliveredOn: '2025-02-11', status: 'ON_TIME' },
    });
  });

  it('for a document that is not the province’s, the national copy wins', async () => {
    expect(await doc('42/2022/NĐ-CP')).toMatchObject({
      summary: 'Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng',
      issuers: [{ agency: 'Chính phủ' }],
      locallyIssued: false,
      gazetteIssues: { nodes: [{ page: 10, issue: { label: 'Số 3 + 4' } }] },
    });
    expect(await world.db.prisma.legalDocument.count({ where: { numberKey: '42/2022/ND-CP' } })).toBe(1);
  });

  it('a national withdrawal does not hide what the province published; other documents are withdrawn', async () => {
    world.catalogue.withdraw('qd-05-2025-x', new Date('2025-02-22T09:00:00+07:00'));
    world.catalogue.withdraw('nd-42-2022-cp', new Date('2025-02-22T09:01:00+07:00'));
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', withdrawn: 2 });
    expect(await doc('05/2025/QĐ-UBND')).toMatchObject({ withdrawn: false, sources: [{ system: NATIONAL, withdrawn: true }, { system: GAZETTE }] });
    expect(await doc('42/2022/NĐ-CP')).toMatchObject({ withdrawn: true });
  });
});

describe('R-7.4 lateness', () => {
  it('a provincial document first on the portal after its due date is LATE', async () => {
    world.gazetteFake.issues.push({
      number: 5,
      numberTo: null,
      year: 2025,
      date: '2025-02-20',
      documents: [entry('06/2025/QĐ-UBND', 1, { summary: 'Quy định mẫu thứ hai' })],
    });
    world.clock.set('2025-02-21T03:00:00Z');
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'SUCCEEDED', created: 1 });
    expect((await doc('06/2025/QĐ-UBND')).publicationDeadline).toEqual({ dueDate: '2025-02-11', deliveredOn: '2025-02-21', status: 'LATE' });
    const local = await world.query<{ searchLegalDocuments: { totalCount: number } }>(
      `{ searchLegalDocuments(filter: { locallyIssued: true, year: 2025 }) { totalCount } }`,
    );
    expect(local.body.data!.searchLegalDocuments.totalCount).toBe(2);
  });
});

describe('R-7.4 in the R-17 report (provisionReport.agencies)', () => {
  it('counts an agency’s documents issued in the period, on time and late, and leaves years without calendar data unjudged', async () => {
    // The subgraph alone (no gateway): the key legal joins the portal's agencies by.
    const issuer = await world.query<{ legalDocumentByNumber: { document: { issuingAgencies: { issuerKey: { nameKey: string } }[] } } }>(
      `{ legalDocumentByNumber(number: "06/2025/QĐ-UBND") { document { issuingAgencies { issuerKey { nameKey } } } } }`,
    );
    const nameKey = issuer.body.data!.legalDocumentByNumber.document.issuingAgencies[0]!.issuerKey.nameKey;
    // As the portal sends it: the agency's code and folded name, and the period.
    const rep = (from: string, to: string) => ({ __typename: 'AgencyProvision', agencyCode: '000.00.00.H61', agencyNameKey: nameKey, from, to });
    const res = await world.query<{ _entities: { legalDocuments: Record<string, unknown> }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AgencyProvision { legalDocuments { due onTime late onTimeRate lateNumbers notMeasurable } } } }`,
      {
        r: [
          rep('2025-01-01', '2025-01-31'),
          rep('2017-01-01', '2017-12-31'),
          rep('2025-03-01', '2025-12-31'),
          { ...rep('2025-01-01', '2025-01-31'), agencyNameKey: 'khong co' },
        ],
      },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!._entities.map((e) => e.legalDocuments)).toEqual([
      // Both issued Fri 24/01/2025, due Tue 11/02/2025 (Tết between): 05/2025 delivered on 11/02, 06/2025 on 21/02.
      { due: 2, onTime: 1, late: 1, onTimeRate: 0.5, lateNumbers: ['06/2025/QĐ-UBND'], notMeasurable: 0 },
      // Quyết định 26/2017: no holiday data for 2017, so no due date to judge it by.
      { due: 0, onTime: 0, late: 0, onTimeRate: null, lateNumbers: [], notMeasurable: 1 },
      { due: 0, onTime: 0, late: 0, onTimeRate: null, lateNumbers: [], notMeasurable: 0 },
      { due: 0, onTime: 0, late: 0, onTimeRate: null, lateNumbers: [], notMeasurable: 0 },
    ]);
  });
});
