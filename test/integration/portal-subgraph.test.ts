import { describe, expect, it } from 'vitest';
import { signedQuery, usePortal } from '../harness/portal.ts';
import { signedFor } from '../harness/signing.ts';
import { seedAll } from '../../schema/seed/index.ts';
import { stableId } from '../../schema/seed/ids.ts';

const portal = usePortal();

/** n extra agencies under one parent, each with an official, so a page has n items. */
async function addAgencies(n: number, prefix: string) {
  const parentId = stableId('agency:ubnd-tinh-phu-tho');
  for (let i = 0; i < n; i += 1) {
    const a = await portal.db.prisma.agency.create({
      data: {
        code: `${prefix}.${i}`,
        slug: `${prefix}-${i}`,
        nameVi: `Đơn vị thử ${prefix} ${i}`,
        kind: 'Phòng',
        parentId,
        nameFolded: `don vi thu ${prefix} ${i}`,
      },
    });
    await portal.db.prisma.official.create({ data: { agencyId: a.id, fullName: `Cán bộ ${i}`, positionVi: 'Chuyên viên', nameFolded: `can bo ${i}` } });
  }
}

const AGENCY_PAGE = `query($first: Int, $kind: String) {
  agencies(first: $first, filter: { kind: $kind }) {
    totalCount
    nodes { name { vi } parent { name { vi } } children { slug } officials { fullName agency { slug } } administrativeUnit { name } }
  }
}`;

describe('portal subgraph', () => {
  it('refuses an unsigned request with 401 before parsing', async () => {
    const res = await fetch(portal.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ _service { sdl } }"}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'INVALID_SIGNATURE' } }] });
  });

  it('refuses an unsigned 2 MB body with 401 from its headers, without reading it (not 413)', async () => {
    const body = `{"query":"${'x'.repeat(2_000_000)}"}`;
    const res = await fetch(portal.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'INVALID_SIGNATURE' } }] });
  });

  it('refuses a signature for another subgraph and a replayed one', async () => {
    const body = '{"query":"{ articles { totalCount } }"}';
    const forLegal = signedFor(portal.url, { requestId: 'x', actor: { roles: [] } }, body, { audience: 'legal' });
    expect((await fetch(portal.url, { method: 'POST', headers: { 'content-type': 'application/json', ...forLegal }, body })).status).toBe(401);
    const once = { 'content-type': 'application/json', ...signedFor(portal.url, { requestId: 'x', actor: { roles: [] } }, body) };
    expect((await fetch(portal.url, { method: 'POST', headers: once, body })).status).toBe(200);
    expect((await fetch(portal.url, { method: 'POST', headers: once, body })).status).toBe(401);
  });

  it('refuses a signature made for another body', async () => {
    const signed = signedFor(portal.url, { requestId: 'x', actor: { roles: [] } }, '{"query":"{ articles { totalCount } }"}');
    const res = await fetch(portal.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body: '{"query":"{ _service { sdl } }"}',
    });
    expect(res.status).toBe(401);
  });

  it('refuses an expired signature', async () => {
    const body = '{"query":"{ articles { totalCount } }"}';
    const signed = signedFor(portal.url, { requestId: 'x', actor: { roles: [] } }, body, { nowMs: Date.now() - 10 * 60_000 });
    const res = await fetch(portal.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, body });
    expect(res.status).toBe(401);
  });

  it('serves seeded agencies with officials and the unit they belong to', async () => {
    const { body } = await signedQuery<{
      agency: { name: { vi: string }; officials: { fullName: string; isLeader: boolean }[]; administrativeUnit: { code: string } };
    }>(portal.url, `{ agency(slug: "ubnd-tinh-phu-tho") { name { vi } officials { fullName isLeader } administrativeUnit { code } } }`);
    expect(body.data?.agency.name.vi).toBe('Ủy ban nhân dân tỉnh Phú Thọ');
    expect(body.data?.agency.administrativeUnit.code).toBe('25');
    expect(body.data?.agency.officials[0]?.isLeader).toBe(true);
  });

  it('finds agencies typed without diacritics', async () => {
    const { body } = await signedQuery<{ agencies: { nodes: { slug: string }[] } }>(
      portal.url,
      `{ agencies(filter: { search: "SO TU PHAP" }) { nodes { slug } } }`,
    );
    expect(body.data?.agencies.nodes.map((n) => n.slug)).toEqual(['so-tu-phap-phu-tho']);
  });

  it('answers the unit that existed on a date and its successor after the merger', async () => {
    const { body } = await signedQuery<{ before: { name: string; successor: { name: string } }; after: { name: string } }>(
      portal.url,
      `{ before: administrativeUnit(code: "08707", asOf: "2025-06-30") { name successor { name } }
         after: administrativeUnit(code: "08707", asOf: "2025-07-01") { name } }`,
    );
    expect(body.data?.before).toEqual({ name: 'Phường Tích Sơn', successor: { name: 'Phường Vĩnh Yên' } });
    expect(body.data?.after.name).toBe('Phường Vĩnh Yên');
  });

  it('shows the public published articles only', async () => {
    const { body } = await signedQuery<{ articles: { nodes: { state: string }[]; totalCount: number } }>(
      portal.url,
      `{ articles(first: 50) { totalCount nodes { state } } }`,
    );
    expect(body.data?.articles.nodes.every((n) => n.state === 'PUBLISHED')).toBe(true);
    const all = await portal.db.prisma.contentItem.count({ where: { kind: 'ARTICLE' } });
    expect(body.data?.articles.totalCount).toBeLessThan(all);
  });

  it('rejects a page size over the maximum with BAD_USER_INPUT', async () => {
    const { body } = await signedQuery(portal.url, `{ articles(first: 99999999) { totalCount } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages with a cursor', async () => {
    const first = await signedQuery<{ articles: { nodes: { slug: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
      portal.url,
      `{ articles(first: 2) { nodes { slug } pageInfo { endCursor hasNextPage } } }`,
    );
    const page1 = first.body.data!.articles;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await signedQuery<{ articles: { nodes: { slug: string }[] } }>(
      portal.url,
      `query($after: String) { articles(first: 2, after: $after) { nodes { slug } } }`,
      { after: page1.pageInfo.endCursor },
    );
    const overlap = second.body.data!.articles.nodes.filter((n) => page1.nodes.some((m) => m.slug === n.slug));
    expect(second.body.data!.articles.nodes).toHaveLength(2);
    expect(overlap).toEqual([]);
  });

  it('issues the same number of SQL statements for 5 and for 50 agencies (no N+1)', async () => {
    await addAgencies(5, 'small');
    portal.db.statements.length = 0;
    const small = await signedQuery<{ agencies: { nodes: unknown[] } }>(portal.url, AGENCY_PAGE, { first: 5, kind: 'Phòng' });
    expect(small.body.data?.agencies.nodes).toHaveLength(5);
    const smallCount = portal.db.statements.length;

    await addAgencies(45, 'large');
    portal.db.statements.length = 0;
    const large = await signedQuery<{ agencies: { nodes: unknown[] } }>(portal.url, AGENCY_PAGE, { first: 50, kind: 'Phòng' });
    expect(large.body.data?.agencies.nodes).toHaveLength(50);
    expect(smallCount).toBeGreaterThan(2);
    expect(portal.db.statements.length).toBe(smallCount);
  });

  it('seeding twice changes nothing', async () => {
    const counts = () =>
      Promise.all([
        portal.db.prisma.administrativeUnit.count(),
        portal.db.prisma.contentItem.count(),
        portal.db.prisma.official.count(),
        portal.db.prisma.scheduleEntry.count(),
        portal.db.prisma.statisticValue.count(),
        portal.db.prisma.investmentProject.count(),
      ]);
    const before = await counts();
    await seedAll(portal.db.prisma);
    const after = await counts();
    expect(after).toEqual(before);
  });
});
