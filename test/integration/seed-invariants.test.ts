// The demo seed goes through the publishing rule: every item it publishes satisfies what the
// editor's publish step checks (R-3.3 attribution, the six mandatory Dublin Core elements), and
// the seeder refuses a published item that would not.
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { upsertItem } from '../../schema/seed/content-item.ts';
import { stableId } from '../../schema/seed/ids.ts';
import { internalContext } from '../../subgraphs/portal/context.ts';
import { publishMissing } from '../../subgraphs/portal/editorial/publish-item.ts';
import { usePortal } from '../harness/portal.ts';

const portal = usePortal();

describe('seeded content', () => {
  it('every published item passes the publish step’s checks', async () => {
    const ctx = internalContext(portal.db.prisma, portal.server.state, { id: 'test', roles: ['BOARD'] }, 'seed-invariants');
    const published = await portal.db.prisma.contentItem.findMany({ where: { state: 'PUBLISHED' } });
    expect(published.length).toBeGreaterThan(20);
    const gaps = await Promise.all(published.map(async (row) => ({ slug: row.slug, missing: await publishMissing(ctx, row, row.publishedAt!) })));
    expect(gaps.filter((g) => g.missing.length > 0)).toEqual([]);
  });

  it('the seeder refuses to publish an item without a creator', async () => {
    await expect(
      upsertItem(portal.db.prisma, {
        id: stableId('content:test:no-creator'),
        kind: 'ARTICLE',
        category: 'NEWS',
        slug: 'khong-tac-gia',
        agencyId: stableId('agency:so-tai-chinh-phu-tho'),
        title: { vi: 'Bài không có tác giả' },
        summary: { vi: 'Tóm tắt.' },
      }),
    ).rejects.toThrow(/dublinCore\.creator/);
    expect(await portal.db.prisma.contentItem.count({ where: { slug: 'khong-tac-gia' } })).toBe(0);
  });
});
