// A document's relations paged in the database: a law that is the basis of hundreds of
// documents, read page by page from both ends, filtered by type, with the page's window in
// the SQL (not a whole list cut in memory) and still one statement for a page of documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DOCUMENTS } from '../../adapters/national-legal-db/fixtures/documents.ts';
import { NATIONAL, startLegalWorld, type LegalWorld } from './legal-harness.ts';

const LAW = '67/2006/QH11';
const BASED_ON_LAW = 250;

let world: LegalWorld;
let lawId: string;

beforeAll(async () => {
  world = await startLegalWorld({ documents: [...FIXTURE_DOCUMENTS] });
  expect(await world.sync(NATIONAL)).toMatchObject({ status: 'SUCCEEDED' });
  const law = await world.db.prisma.legalDocument.findFirstOrThrow({ where: { numberKey: '67/2006/QH11' } });
  lawId = law.id;
  // Documents outside the hub that cite the law (illustrative [X]): stored as the sync stores
  // them, in the active direction, with the far end known by number only.
  await world.db.prisma.legalRelation.createMany({
    data: Array.from({ length: BASED_ON_LAW }, (_, i) => ({
      kind: 'BASED_ON' as const,
      fromNumber: `${i + 1}/2024/QĐ-X`,
      fromNumberKey: `${i + 1}/2024/QD-X`,
      toDocumentId: law.id,
      toNumber: LAW,
      toNumberKey: '67/2006/QH11',
    })),
  });
});
afterAll(() => world?.close());

type RelationPage = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { type: string; number: string }[] };

async function relations(args: { first?: number; after?: string | null; types?: string[] }): Promise<RelationPage> {
  const res = await world.query<{ legalDocument: { relations: RelationPage } }>(
    `query($id: ID!, $first: Int, $after: String, $types: [LegalRelationType!]) { legalDocument(id: $id) {
      relations(first: $first, after: $after, types: $types) { totalCount pageInfo { hasNextPage endCursor } nodes { type number } } } }`,
    { id: lawId, ...args },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.legalDocument.relations;
}

describe('relations paged in the database', () => {
  it('reads every relation once, page after page, with a stable order and total', async () => {
    const all = await world.db.prisma.legalRelation.count({ where: { OR: [{ fromDocumentId: lawId }, { toDocumentId: lawId }] } });
    expect(all).toBeGreaterThan(BASED_ON_LAW);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: RelationPage = await relations({ first: 100, after });
      expect(page.totalCount).toBe(all);
      expect(page.nodes.length).toBe(Math.min(100, all - seen.length));
      seen.push(...page.nodes.map((n) => `${n.type} ${n.number}`));
      after = page.pageInfo.endCursor;
      expect(page.pageInfo.hasNextPage).toBe(after !== null);
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(Math.ceil(all / 100));
    expect(new Set(seen).size).toBe(all);
  });

  it('filters by the type each end sees: BASIS_OF on the law is the stored BASED_ON', async () => {
    const basis = await relations({ first: 5, types: ['BASIS_OF'] });
    expect(basis.totalCount).toBeGreaterThanOrEqual(BASED_ON_LAW);
    expect(basis.nodes.every((n) => n.type === 'BASIS_OF')).toBe(true);
    // The law is based on nothing in the hub: the outgoing direction of the same kind is empty.
    expect(await relations({ first: 5, types: ['BASED_ON'] })).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
  });

  it('still reports the total on a page past the end', async () => {
    const first = await relations({ first: 1 });
    const pastEnd = Buffer.from(`o:${first.totalCount + 5}`).toString('base64url');
    expect(await relations({ first: 10, after: pastEnd })).toMatchObject({ totalCount: first.totalCount, nodes: [], pageInfo: { hasNextPage: false } });
  });

  it('asks the database for the window only, in one statement', async () => {
    world.db.statements.length = 0;
    await relations({ first: 3 });
    const reads = world.db.statements.filter((s) => /legal_relation/.test(s));
    expect(reads).toHaveLength(1);
    // The rows beyond the window stay in the database: the statement carries its bounds.
    expect(reads[0]).toMatch(/row_number\(\) OVER/i);
    expect(reads[0]).toMatch(/rn <= /);
  });
});
