// Whose documents are the province's (`locallyIssued`: the conflict rule, R-7.4): those with an
// issuer matched to an agency of the province's organisation — the portal's agency directory —
// by QCVN 102 code where the source gives one, else by folded name. No configured name list: an
// agency added to or removed from the directory changes the answer at the next sync run, which
// re-merges the documents it concerns. The two documents of another province are illustrative [X].
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ISSUER_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/code-issuers.ts';
import { doc, FIXTURE_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/documents.ts';
import { foldVietnamese } from '../../schema/text/vietnamese.ts';
import { isProvincial } from '../../subgraphs/legal/sync/merge.ts';
import { NATIONAL, startLegalWorld, type LegalWorld } from './legal-harness.ts';

const OTHER_CODE = '000.00.00.H35';
const OTHER_NAME = 'Ủy ban nhân dân tỉnh Hà Nam';
const other = (id: string, number: string, agency: string) =>
  doc({
    id,
    number,
    title: `Quyết định ${number} (văn bản minh họa)`,
    summary: 'Văn bản minh họa của một tỉnh khác',
    listingType: { code: 'QD', name: 'Quyết định' },
    issueDate: '2020-03-02',
    effectiveDate: '2020-03-12',
    issuers: [{ agency, title: 'Chủ tịch', signer: null }],
    // The old rule read the scope: naming the province no longer makes a document its own.
    scope: 'Tỉnh Vĩnh Phúc',
    fields: [],
    status: null,
    modifiedAt: '2024-01-01T00:00:00+07:00',
  });

let world: LegalWorld;

beforeAll(async () => {
  world = await startLegalWorld({
    documents: [
      ...FIXTURE_DOCUMENTS,
      ...CODE_ISSUER_DOCUMENTS,
      other('qd-x-by-code', '07/2020/QĐ-UBND', OTHER_CODE),
      other('qd-x-by-name', '08/2020/QĐ-UBND', OTHER_NAME),
    ],
  });
  expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', created: FIXTURE_DOCUMENTS.length + 3 });
});
afterAll(() => world?.close());

async function local(): Promise<string[]> {
  const res = await world.query<{ searchLegalDocuments: { nodes: { number: { normalised: string } }[] } }>(
    `{ searchLegalDocuments(first: 50, filter: { locallyIssued: true }) { nodes { number { normalised } } } }`,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.searchLegalDocuments.nodes.map((n) => n.number.normalised).sort();
}

describe('issued by the province: an issuer matched to an agency of the portal’s directory', () => {
  it('counts an issuer named like a directory agency and one given by a directory agency’s code; not the scope', async () => {
    expect(await local()).toEqual(['15/2019/QĐ-UBND', '26/2017/QĐ-UBND']);
  });

  it('follows the directory: an agency added (by code, by name) makes its documents local at the next run, removed undoes it', async () => {
    const rows = [
      { code: OTHER_CODE, slug: 'x-by-code', nameVi: 'Cơ quan mẫu có mã', kind: 'Sở', nameFolded: foldVietnamese('Cơ quan mẫu có mã') },
      { code: '000.99.00.H35', slug: 'x-by-name', nameVi: OTHER_NAME, kind: 'Ủy ban nhân dân', nameFolded: foldVietnamese(OTHER_NAME) },
    ];
    await world.db.prisma.agency.createMany({ data: rows });
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', updated: 2, created: 0 });
    expect(await local()).toEqual(['07/2020/QĐ-UBND', '08/2020/QĐ-UBND', '15/2019/QĐ-UBND', '26/2017/QĐ-UBND']);

    await world.db.prisma.agency.deleteMany({ where: { slug: { in: rows.map((r) => r.slug) } } });
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', updated: 2 });
    expect(await local()).toEqual(['15/2019/QĐ-UBND', '26/2017/QĐ-UBND']);
    // Nothing left to reconcile: a run with no change re-merges nothing.
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED', updated: 0 });
  });
});

describe('isProvincial', () => {
  const rule = { codes: new Set(['000.00.00.H61']), nameKeys: new Set(['uy ban nhan dan tinh vinh phuc']) };
  it('matches by code when the issuer is written as one, else by folded name, never by a part of a name', () => {
    expect(isProvincial(['000.00.00.H61'], rule)).toBe(true);
    expect(isProvincial(['Ủy ban Nhân dân tỉnh Vĩnh Phúc '], rule)).toBe(true);
    expect(isProvincial(['Chính phủ', 'Ủy ban nhân dân tỉnh Vĩnh Phúc'], rule)).toBe(true);
    expect(isProvincial(['000.00.00.H35', 'Sở Tư pháp tỉnh Vĩnh Phúc'], rule)).toBe(false);
    expect(isProvincial([], rule)).toBe(false);
  });
});
