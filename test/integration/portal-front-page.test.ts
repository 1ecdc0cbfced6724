// The portal's front page (scripts/bench/queries.ts, the bench's query) costs a fixed number of
// SQL statements whatever its page size: one per list and its count, one per relation the page
// touches (category, agency, files with their stored files, sub-agencies, officials). Guards the
// statement budget of issue 13 ("lighter subgraphs"): a new N+1 or an extra statement fails here.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FRONT_PAGE } from '../../scripts/bench/queries.ts';
import { signedQuery, usePortal } from '../harness/portal.ts';

const portal = usePortal();

interface FrontPage {
  articles: { totalCount: number; nodes: { slug: string; category: unknown; agency: unknown; attachments: { fileName: string; mediaType: string }[] }[] };
  agencies: { nodes: { slug: string; children: unknown[]; officials: unknown[] }[] };
}

/** n more published articles like a seeded one (same section and agency), each with one attachment. */
async function addArticles(n: number) {
  const prisma = portal.db.prisma;
  const { id: _id, ...source } = await prisma.contentItem.findFirstOrThrow({ where: { kind: 'ARTICLE', state: 'PUBLISHED', sectionId: { not: null } } });
  for (let i = 0; i < n; i += 1) {
    const item = await prisma.contentItem.create({ data: { ...source, slug: `${source.slug}-copy-${i}`, publishedAt: new Date(Date.UTC(2030, 0, 1 + i)) } });
    const sha256 = randomBytes(32).toString('hex');
    await prisma.storedFile.create({ data: { sha256, byteSize: 100 + i, mediaType: 'application/pdf', storageKey: `test/${sha256}` } });
    await prisma.contentFile.create({ data: { itemId: item.id, sha256, fileName: `file-${i}.pdf` } });
  }
}

async function frontPage(first: number) {
  portal.db.statements.length = 0;
  const res = await signedQuery<FrontPage>(portal.url, FRONT_PAGE.query, { first });
  expect(res.body.errors).toBeUndefined();
  return { data: res.body.data!, statements: portal.db.statements.length };
}

describe('portal front page', () => {
  it('costs the same SQL statements for 2 articles as for 10 with their files, at most 9', async () => {
    const small = await frontPage(2);
    expect(small.data.articles.nodes).toHaveLength(2);

    await addArticles(12);
    const large = await frontPage(10);
    expect(large.data.articles.nodes).toHaveLength(10);
    expect(large.data.articles.totalCount).toBeGreaterThanOrEqual(12);
    expect(large.data.articles.nodes.every((n) => n.category && n.agency && n.attachments.length === 1)).toBe(true);
    expect(large.data.articles.nodes[0]!.attachments[0]).toMatchObject({ fileName: 'file-11.pdf', mediaType: 'application/pdf' });
    expect(large.data.agencies.nodes.length).toBeGreaterThan(0);

    expect(large.statements).toBe(small.statements);
    // Two lists with their counts, category, agency, files (joined with their stored files),
    // sub-agencies, officials.
    expect(large.statements).toBeLessThanOrEqual(9);
  });
});
