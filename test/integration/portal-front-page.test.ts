// The portal's front page (scripts/bench/queries.ts, the bench's query) costs a fixed number of
// SQL statements whatever its page size: one per list, with its total and the relations its nodes
// are asked for (articles: section, agency, files; agencies: sub-agencies, officials). Guards the
// statement budget of issue 13 ("lighter subgraphs"): a new N+1 or an extra statement fails here.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FRONT_PAGE } from '../../scripts/bench/queries.ts';
import { signedQuery, usePortal } from '../harness/portal.ts';
import { agencyPage, type AgencyListFilter } from '../../subgraphs/portal/agency-page.ts';
import { validOn } from '../../subgraphs/portal/validity.ts';
import { stableId } from '../../schema/seed/ids.ts';
import { articlePage } from '../../subgraphs/portal/content/article-page.ts';
import { contentWhere, NEWEST_FIRST } from '../../subgraphs/portal/content/content.resolver.ts';
import { WITHOUT_FOLDED } from '../../subgraphs/portal/content/item-row.ts';
import { internalContext } from '../../subgraphs/portal/context.ts';
import { ANON, BOARD, EDITOR_A, AGENCY_A } from '../harness/content.ts';
import { fastReadsOn, type PrismaClient } from '../../schema/db/prisma.ts';

const portal = usePortal();

/**
 * The same read through Prisma's raw-query path (`$queryRaw`): a transaction client is not read
 * on the pool directly (schema/db/read-rows.ts), the root client is.
 */
async function throughPrisma<T>(read: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  expect(fastReadsOn(portal.db.prisma)).toBe(true);
  return portal.db.prisma.$transaction(async (tx) => {
    expect(fastReadsOn(tx)).toBe(false);
    return read(tx as unknown as PrismaClient);
  });
}

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
  it('costs the same SQL statements for 2 articles as for 10 with their files, at most 2', async () => {
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
    // The articles with their total (a window count), sections, agencies and files; the agencies
    // with their total, sub-agencies and officials.
    expect(large.statements).toBeLessThanOrEqual(2);
  });

  it('reads the articles’ bodies only when a field asked of the nodes needs them', async () => {
    const bodies = new Map(
      (await portal.db.prisma.contentItem.findMany({ where: { kind: 'ARTICLE', state: 'PUBLISHED' }, select: { slug: true, bodyVi: true } })).map((r) => [
        r.slug,
        r.bodyVi,
      ]),
    );
    expect([...bodies.values()].every((b) => b.length > 0)).toBe(true);
    const cases: [string, boolean][] = [
      [
        '{ articles(first: 5) { totalCount nodes { id slug title { vi } summary { vi } source { name } agency { slug } category { slug } attachments { fileName } } } }',
        false,
      ],
      ['{ articles(first: 5) { totalCount } }', false],
      ['{ articles(first: 5) { nodes { ... on Article { __typename slug publishedAt } } } }', false],
      ['{ articles(first: 5) { nodes { slug body { vi } } } }', true],
      ['{ articles(first: 5) { nodes { slug text { body } } } }', true],
      ['{ articles(first: 5) { nodes { slug jsonLd } } }', true],
      ['{ articles(first: 5) { nodes { slug dublinCore { description } } } }', true],
      ['query { articles(first: 5) { nodes { slug ...Body } } } fragment Body on Article { body { vi } }', true],
      ['query { articles(first: 5) { nodes { slug ... on Article { ...Text } } } } fragment Text on ContentItem { text(locale: VI) { body } }', true],
    ];
    for (const [query, reads] of cases) {
      portal.db.statements.length = 0;
      const res = await signedQuery<{ articles: { nodes?: { slug: string; body?: { vi: string }; text?: { body: string } }[] } }>(portal.url, query, {});
      expect(res.body.errors, query).toBeUndefined();
      expect(
        portal.db.statements.some((sql) => sql.includes('body_vi')),
        query,
      ).toBe(reads);
      for (const node of res.body.data!.articles.nodes ?? []) {
        if (node.body) expect(node.body.vi, query).toBe(bodies.get(node.slug));
        if (node.text) expect(node.text.body, query).toBe(bodies.get(node.slug));
      }
    }
  });

  it('a page of agencies in one statement holds the rows and total Prisma reads', async () => {
    const prisma = portal.db.prisma;
    const cases: [AgencyListFilter, { take: number; skip: number }][] = [
      [
        { asOf: '2026-06-01', rootsOnly: true },
        { take: 20, skip: 0 },
      ],
      [{ asOf: '2026-06-01' }, { take: 5, skip: 3 }],
      [
        { asOf: '2020-01-01', kind: 'Sở' },
        { take: 50, skip: 0 },
      ],
      [
        { asOf: '2026-06-01', parentId: stableId('agency:ubnd-tinh-phu-tho') },
        { take: 3, skip: 1 },
      ],
      [
        { asOf: '2026-06-01', changedSince: new Date('2000-01-01') },
        { take: 2, skip: 10_000 },
      ],
    ];
    for (const [filter, window] of cases) {
      const where = {
        AND: [
          validOn(filter.asOf),
          filter.kind ? { kind: filter.kind } : {},
          filter.parentId ? { parentId: filter.parentId } : {},
          filter.rootsOnly ? { parentId: null } : {},
          filter.changedSince ? { updatedAt: { gte: filter.changedSince } } : {},
        ],
      };
      const [rows, total] = await Promise.all([
        prisma.agency.findMany({ where, orderBy: [{ sortOrder: 'asc' }, { nameVi: 'asc' }], take: window.take, skip: window.skip }),
        prisma.agency.count({ where }),
      ]);
      const page = await agencyPage(prisma, filter, window);
      // Every field with its JS type (bigint, Date, string[] …): toStrictEqual, not toEqual.
      expect(page).toStrictEqual({ rows, total });
      expect(page).toStrictEqual(await throughPrisma((tx) => agencyPage(tx, filter, window)));
      if (window.skip === 0) expect(total).toBeGreaterThan(0);
    }
  });

  it('a page of articles in one statement holds the rows and total Prisma reads, for every caller', async () => {
    const prisma = portal.db.prisma;
    // A draft of agency A: the board and A's editor see it, the public does not.
    const { id: _id, ...source } = await prisma.contentItem.findFirstOrThrow({ where: { kind: 'ARTICLE', state: 'PUBLISHED' } });
    await prisma.contentItem.create({ data: { ...source, slug: `${source.slug}-draft`, state: 'DRAFT', agencyId: AGENCY_A, publishedAt: null } });
    const section = await prisma.articleCategory.findFirstOrThrow({ where: { items: { some: {} } } });
    const cases: [typeof ANON, { agencyId?: string; categorySlug?: string }, { take: number; skip: number }][] = [
      [ANON, {}, { take: 10, skip: 0 }],
      [ANON, { categorySlug: section.slug }, { take: 3, skip: 1 }],
      [EDITOR_A, {}, { take: 50, skip: 0 }],
      [BOARD, { agencyId: AGENCY_A }, { take: 50, skip: 0 }],
      [ANON, { categorySlug: 'no-such-section' }, { take: 5, skip: 0 }],
      [BOARD, {}, { take: 5, skip: 10_000 }],
    ];
    for (const [actor, filter, window] of cases) {
      const ctx = internalContext(prisma, portal.server.state, actor, 'test');
      const where = contentWhere(
        ctx,
        { agencyId: filter.agencyId },
        { kind: 'ARTICLE', ...(filter.categorySlug ? { section: { slug: filter.categorySlug } } : {}) },
      );
      const [rows, total] = await Promise.all([
        prisma.contentItem.findMany({ where, orderBy: NEWEST_FIRST, take: window.take, skip: window.skip, omit: WITHOUT_FOLDED }),
        prisma.contentItem.count({ where }),
      ]);
      const page = await articlePage(ctx, filter, window);
      expect(page).toStrictEqual({ rows, total });
      expect(page).toStrictEqual(await throughPrisma((tx) => articlePage(internalContext(tx, portal.server.state, actor, 'test'), filter, window)));
    }
    const all = (actor: typeof ANON) => articlePage(internalContext(prisma, portal.server.state, actor, 'test'), {}, { take: 100, skip: 0 });
    expect((await all(EDITOR_A)).total).toBe((await all(ANON)).total + 1);
  });

  it('sub-agencies and officials fetched with their agencies are the ones the loaders read', async () => {
    const prisma = portal.db.prisma;
    for (const filter of [{ asOf: '2026-06-01', rootsOnly: true }, { asOf: '2026-06-01' }, { asOf: '2026-06-01', kind: 'no-such-kind' }]) {
      const page = await agencyPage(prisma, filter, { take: 30, skip: 0 }, { children: true, officials: true });
      expect(page).toStrictEqual({ ...(await agencyPage(prisma, filter, { take: 30, skip: 0 })), children: expect.any(Array), officials: expect.any(Array) });
      expect(page).toStrictEqual(await throughPrisma((tx) => agencyPage(tx, filter, { take: 30, skip: 0 }, { children: true, officials: true })));
      const ids = page.rows.map((r) => r.id);
      const children = await prisma.agency.findMany({ where: { parentId: { in: ids } }, orderBy: [{ sortOrder: 'asc' }, { nameVi: 'asc' }] });
      const officials = await prisma.official.findMany({ where: { agencyId: { in: ids } }, orderBy: [{ sortOrder: 'asc' }, { fullName: 'asc' }] });
      expect(page.children).toStrictEqual(ids.map((id) => children.filter((c) => c.parentId === id)));
      expect(page.officials).toStrictEqual(ids.map((id) => officials.filter((o) => o.agencyId === id)));
      if (filter.rootsOnly) expect(page.children!.flat().length + page.officials!.flat().length).toBeGreaterThan(0);
    }
  });

  it('sections, agencies and files fetched with their articles are the ones the loaders read', async () => {
    const prisma = portal.db.prisma;
    const ctx = internalContext(prisma, portal.server.state, BOARD, 'test');
    const page = await articlePage(ctx, {}, { take: 50, skip: 0 }, { category: true, agency: true, files: true });
    expect({ rows: page.rows, total: page.total }).toStrictEqual(await articlePage(ctx, {}, { take: 50, skip: 0 }));
    expect(page).toStrictEqual(
      await throughPrisma((tx) =>
        articlePage(internalContext(tx, portal.server.state, BOARD, 'test'), {}, { take: 50, skip: 0 }, { category: true, agency: true, files: true }),
      ),
    );
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const sections = byId(await prisma.articleCategory.findMany());
    const agencies = byId(await prisma.agency.findMany());
    const files = await prisma.contentFile.findMany({ include: { stored: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
    expect(page.categories).toStrictEqual(page.rows.map((r) => (r.sectionId ? sections.get(r.sectionId) : null)));
    expect(page.agencies).toStrictEqual(page.rows.map((r) => (r.agencyId ? agencies.get(r.agencyId) : null)));
    expect(page.files).toStrictEqual(page.rows.map((r) => files.filter((f) => f.itemId === r.id)));
    expect(page.files!.flat().length).toBeGreaterThanOrEqual(12);
    expect(page.categories!.filter(Boolean).length).toBeGreaterThan(0);
  });
});
