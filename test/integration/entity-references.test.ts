// Federation entity references are batched: however many representations the gateway sends in
// one `_entities` call, and whichever @key they use, each entity type costs ONE SQL statement.
// Malformed ids and unknown keys answer null without an error and without a cast failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ISSUER_DOCUMENTS, UBND_VINH_PHUC_CODE } from '../../adapters/national-legal-db/fixtures/code-issuers.ts';
import { FIXTURE_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/documents.ts';
import { signedQuery, usePortal } from '../harness/portal.ts';
import { GAZETTE, NATIONAL, startLegalWorld, type LegalWorld } from './legal-harness.ts';

const AGENCIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Agency { id code name { vi } } } }`;
const DOCUMENTS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on LegalDocument { id numberKey title } } }`;

type Entity = { id: string; code?: string; numberKey?: string } | null;

describe('portal: Agency by id and by QCVN 102 code', () => {
  const portal = usePortal();
  let agencies: { id: string; code: string }[];

  beforeAll(async () => {
    await portal.db.prisma.agency.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({
        code: `000.${String(i).padStart(2, '0')}.99.T01`,
        slug: `ref-test-${i}`,
        nameVi: `Đơn vị tham chiếu ${i}`,
        kind: 'Phòng',
        nameFolded: `don vi tham chieu ${i}`,
      })),
    });
    // One code across two eras: a code names the current one.
    await portal.db.prisma.agency.createMany({
      data: [
        {
          code: '000.00.00.T02',
          slug: 'era-old',
          nameVi: 'Sở cũ',
          kind: 'Sở',
          nameFolded: 'so cu',
          validFrom: new Date('2010-01-01'),
          validTo: new Date('2025-06-30'),
        },
        { code: '000.00.00.T02', slug: 'era-new', nameVi: 'Sở mới', kind: 'Sở', nameFolded: 'so moi', validFrom: new Date('2025-07-01') },
      ],
    });
    agencies = await portal.db.prisma.agency.findMany({
      where: { slug: { startsWith: 'ref-test-' } },
      select: { id: true, code: true },
      orderBy: { slug: 'asc' },
    });
  });

  it('resolves 100 representations, half by id and half by code, in one statement', async () => {
    const reps = agencies.map((a, i) => (i % 2 === 0 ? { __typename: 'Agency', id: a.id } : { __typename: 'Agency', code: a.code }));
    portal.db.statements.length = 0;
    const res = await signedQuery<{ _entities: Entity[] }>(portal.url, AGENCIES, { reps });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?._entities.map((e) => e?.id)).toEqual(agencies.map((a) => a.id));
    expect(portal.db.statements).toHaveLength(1);
  });

  it('resolves 100 issuer keys from legal, half by code and half by folded name, in one statement', async () => {
    const rows = await portal.db.prisma.agency.findMany({
      where: { slug: { startsWith: 'ref-test-' } },
      select: { id: true, code: true, nameFolded: true },
      orderBy: { slug: 'asc' },
    });
    // As legal sends them: the half of the key the source gave, the other half null.
    const reps = rows.map((a, i) => ({
      __typename: 'Agency',
      issuerKey: i % 2 === 0 ? { code: a.code, nameKey: null } : { code: null, nameKey: a.nameFolded },
    }));
    reps[99] = { __typename: 'Agency', issuerKey: { code: 'no.such.code', nameKey: null } };
    portal.db.statements.length = 0;
    const res = await signedQuery<{ _entities: Entity[] }>(portal.url, AGENCIES, { reps });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?._entities.map((e) => e?.id ?? null)).toEqual([...rows.slice(0, 99).map((a) => a.id), null]);
    expect(portal.db.statements).toHaveLength(1);
  });

  it('answers null for unknown or malformed keys, and a code names its current era', async () => {
    const reps = [
      { __typename: 'Agency', id: 'not-a-uuid' },
      { __typename: 'Agency', issuerKey: { code: null, nameKey: null } },
      { __typename: 'Agency', id: '00000000-0000-4000-8000-000000000000' },
      { __typename: 'Agency', code: 'no.such.code' },
      { __typename: 'Agency', code: '000.00.00.T02' },
    ];
    const res = await signedQuery<{ _entities: (Entity & { name?: { vi: string } })[] }>(portal.url, AGENCIES, { reps });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?._entities.slice(0, 4)).toEqual([null, null, null, null]);
    expect(res.body.data?._entities[4]).toMatchObject({ code: '000.00.00.T02', name: { vi: 'Sở mới' } });
  });

  it('reaches no database for representations that cannot name anything', async () => {
    portal.db.statements.length = 0;
    const res = await signedQuery<{ _entities: Entity[] }>(portal.url, AGENCIES, { reps: [{ __typename: 'Agency', id: 'x' }] });
    expect(res.body.data?._entities).toEqual([null]);
    expect(portal.db.statements).toHaveLength(0);
  });
});

describe('portal: content items and administrative units, 100 representations', () => {
  const portal = usePortal();
  const ITEMS = `query($reps: [_Any!]!) { _entities(representations: $reps) {
    ... on Directive { id legalBases { text } } ... on PlanItem { id planKind } ... on InvestmentProject { id budgetVnd } ... on Article { id slug } } }`;
  const UNITS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AdministrativeUnit { id code } } }`;
  const TYPENAME: Record<string, string> = { DIRECTIVE: 'Directive', PLAN: 'PlanItem', INVESTMENT_PROJECT: 'InvestmentProject', ARTICLE: 'Article' };

  it('resolves 100 content items of four kinds with one statement for the items and one per detail table', async () => {
    const rows = await portal.db.prisma.contentItem.findMany({
      where: { state: 'PUBLISHED', kind: { in: ['DIRECTIVE', 'PLAN', 'INVESTMENT_PROJECT', 'ARTICLE'] } },
      select: { id: true, kind: true },
      orderBy: { id: 'asc' },
    });
    expect(new Set(rows.map((r) => r.kind)).size).toBe(4);
    const reps = Array.from({ length: 100 }, (_, i) => rows[i % rows.length]!).map((r) => ({ __typename: TYPENAME[r.kind], id: r.id }));
    portal.db.statements.length = 0;
    const res = await signedQuery<{ _entities: Entity[] }>(portal.url, ITEMS, { reps });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?._entities.map((e) => e?.id)).toEqual(reps.map((r) => r.id));
    // portal_content_item once; the direction, plan and investment detail tables once each (articles have none).
    expect(portal.db.statements).toHaveLength(4);
  });

  it('resolves 100 administrative units in one statement', async () => {
    const units = await portal.db.prisma.administrativeUnit.findMany({ select: { id: true }, take: 100, orderBy: { id: 'asc' } });
    expect(units.length).toBeGreaterThan(10);
    const reps = Array.from({ length: 100 }, (_, i) => ({ __typename: 'AdministrativeUnit', id: units[i % units.length]!.id }));
    portal.db.statements.length = 0;
    const res = await signedQuery<{ _entities: Entity[] }>(portal.url, UNITS, { reps });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?._entities.map((e) => e?.id)).toEqual(reps.map((r) => r.id));
    expect(portal.db.statements).toHaveLength(1);
  });
});

describe('legal: LegalDocument by id and by number key', () => {
  let world: LegalWorld;
  beforeAll(async () => {
    world = await startLegalWorld({ documents: [...FIXTURE_DOCUMENTS, ...CODE_ISSUER_DOCUMENTS] });
    expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED' });
  });
  afterAll(() => world?.close());

  it('resolves 100 representations by id and by number key in one statement', async () => {
    const docs = await world.db.prisma.legalDocument.findMany({ select: { id: true, numberKey: true }, orderBy: { numberKey: 'asc' } });
    expect(docs.length).toBeGreaterThan(3);
    const reps = Array.from({ length: 100 }, (_, i) => {
      const d = docs[i % docs.length]!;
      if (i % 10 === 9) return { __typename: 'LegalDocument', numberKey: `${i}/2099/QD-NONE` };
      return i % 2 === 0 ? { __typename: 'LegalDocument', id: d.id } : { __typename: 'LegalDocument', numberKey: d.numberKey };
    });
    world.db.statements.length = 0;
    const res = await world.query<{ _entities: Entity[] }>(DOCUMENTS, { reps });
    expect(res.body.errors).toBeUndefined();
    const answers = res.body.data!._entities;
    expect(answers).toHaveLength(100);
    answers.forEach((e, i) => {
      if (i % 10 === 9) expect(e).toBeNull();
      else expect(e?.numberKey).toBe(docs[i % docs.length]!.numberKey);
    });
    expect(world.db.statements).toHaveLength(1);
  });

  /** An Agency as the gateway sends it to legal: the issuer key, and the portal's code and name (@requires). */
  const agency = (key: { code: string | null; nameKey: string | null }, portal?: { code: string; nameKey: string }) => ({
    __typename: 'Agency',
    issuerKey: key,
    ...portal,
  });
  const AGENCY_DOCS = `query($reps: [_Any!]!, $f: AgencyLegalDocumentFilter) { _entities(representations: $reps) {
    ... on Agency { legalDocuments(first: 5, filter: $f) { totalCount nodes { numberKey } } } } }`;
  type AgencyDocs = { legalDocuments: { totalCount: number; nodes: { numberKey: string }[] } } | null;

  it('answers 100 Agency representations, by code and by folded name, with their documents: no statement per agency', async () => {
    const issuers = await world.db.prisma.legalIssuer.findMany({ select: { agencyKey: true, agencyMatch: true }, distinct: ['agencyKey'] });
    const byCode = issuers.filter((i) => i.agencyMatch === 'CODE');
    const byName = issuers.filter((i) => i.agencyMatch === 'NAME');
    expect(byCode.length).toBeGreaterThan(0);
    expect(byName.length).toBeGreaterThan(1);
    const reps = Array.from({ length: 100 }, (_, i) => {
      if (i % 2 === 0) return agency({ code: null, nameKey: `khong co ${i}` }, { code: `000.${i}.00.X00`, nameKey: `khong co ${i}` });
      if (i % 4 === 1) return agency({ code: byCode[i % byCode.length]!.agencyKey, nameKey: null });
      return agency({ code: null, nameKey: byName[i % byName.length]!.agencyKey });
    });
    world.db.statements.length = 0;
    const res = await world.query<{ _entities: AgencyDocs[] }>(AGENCY_DOCS, { reps });
    expect(res.body.errors).toBeUndefined();
    const answers = res.body.data!._entities;
    expect(answers.filter((a, i) => i % 2 === 1).every((a) => a!.legalDocuments.totalCount > 0)).toBe(true);
    expect(answers.filter((a, i) => i % 2 === 0).every((a) => a!.legalDocuments.totalCount === 0)).toBe(true);
    // The reference itself reads nothing; the documents of all 100 are the issuers' rows and their
    // documents (Prisma loads the relation with a second statement), whatever the number of agencies.
    expect(world.db.statements).toHaveLength(2);
  });

  it('gives an agency the documents whose issuer carried its code and those that named it', async () => {
    const named = await world.db.prisma.legalIssuer.findFirstOrThrow({
      where: { agencyMatch: 'NAME', document: { numberKey: { startsWith: '26/2017/' } } },
      select: { agencyKey: true },
    });
    const ubnd = { code: UBND_VINH_PHUC_CODE, nameKey: named.agencyKey! };
    const res = await world.query<{ _entities: AgencyDocs[] }>(AGENCY_DOCS, {
      reps: [
        // From the portal: both halves of the key, and its code and name.
        agency(ubnd, ubnd),
        // From a document's issuingAgencies (one half), with the portal's code and name: the same.
        agency({ code: UBND_VINH_PHUC_CODE, nameKey: null }, ubnd),
        // One half and nothing more (not how the gateway calls): what that half links.
        agency({ code: UBND_VINH_PHUC_CODE, nameKey: null }),
        agency({ code: null, nameKey: ubnd.nameKey }),
      ],
    });
    expect(res.body.errors).toBeUndefined();
    const numbers = res.body.data!._entities.map((e) => e!.legalDocuments.nodes.map((n) => n.numberKey.split('/').slice(0, 2).join('/')));
    // Newest first: 15/2019 (issuer given as 000.00.00.H61), then 26/2017 (issuer named).
    expect(numbers).toEqual([['15/2019', '26/2017'], ['15/2019', '26/2017'], ['15/2019'], ['26/2017']]);
    const matches = await world.query<{ legalDocumentByNumber: { document: { issuers: { agencyMatch: string }[] } } }>(
      `{ legalDocumentByNumber(number: "15/2019/QĐ-UBND") { document { issuers { agencyMatch } } } }`,
    );
    expect(matches.body.data!.legalDocumentByNumber.document.issuers).toEqual([{ agencyMatch: 'CODE' }]);
  });

  it('filters an agency’s documents (type, status, issue dates, withdrawn)', async () => {
    const issuer = await world.db.prisma.legalIssuer.findFirstOrThrow({ where: { agencyMatch: 'NAME' }, select: { agencyKey: true, document: true } });
    const doc = issuer.document;
    const count = async (filter: Record<string, unknown>) => {
      const res = await world.query<{ _entities: { legalDocuments: { totalCount: number } }[] }>(
        `query($reps: [_Any!]!, $f: AgencyLegalDocumentFilter) { _entities(representations: $reps) { ... on Agency { legalDocuments(filter: $f) { totalCount } } } }`,
        { reps: [agency({ code: null, nameKey: issuer.agencyKey })], f: filter },
      );
      expect(res.body.errors).toBeUndefined();
      return res.body.data!._entities[0]!.legalDocuments.totalCount;
    };
    const all = await count({});
    expect(all).toBeGreaterThan(0);
    expect(await count({ types: [doc.typeCode] })).toBeGreaterThan(0);
    expect(await count({ types: ['NO_SUCH_TYPE'] })).toBe(0);
    if (doc.status) expect(await count({ statuses: [doc.status] })).toBeGreaterThan(0);
    expect(await count({ issuedTo: '1990-01-01' })).toBe(0);
    expect(await count({ issuedFrom: '1990-01-01' })).toBe(all);
    await world.db.prisma.legalDocument.update({ where: { id: doc.id }, data: { withdrawn: true } });
    try {
      expect(await count({})).toBe(all - 1);
      expect(await count({ includeWithdrawn: true })).toBe(all);
    } finally {
      await world.db.prisma.legalDocument.update({ where: { id: doc.id }, data: { withdrawn: false } });
    }
  });

  it('resolves 100 GazetteIssue representations in one statement', async () => {
    expect(await world.sync(GAZETTE)).toMatchObject({ status: 'SUCCEEDED' });
    const issues = await world.db.prisma.legalGazetteIssue.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    expect(issues.length).toBeGreaterThan(0);
    const reps = Array.from({ length: 100 }, (_, i) => ({ __typename: 'GazetteIssue', id: i % 10 === 9 ? 'not-a-uuid' : issues[i % issues.length]!.id }));
    world.db.statements.length = 0;
    const res = await world.query<{ _entities: ({ id: string } | null)[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on GazetteIssue { id } } }`,
      { reps },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!._entities.map((e) => e?.id ?? null)).toEqual(reps.map((r) => (r.id === 'not-a-uuid' ? null : r.id)));
    expect(world.db.statements).toHaveLength(1);
  });
});
