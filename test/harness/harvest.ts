// Large generated sets for the harvest surfaces' tests: published news items written straight
// into the portal's table in one statement (120,000 rows in seconds on the server).
import type { PrismaClient } from '../../schema/db/prisma.ts';

export interface GeneratedNews {
  count: number;
  agencyId: string;
  /** The first item's publication and last change; each next one a second later. */
  start: Date;
  /** Slug prefix (unique per call). */
  prefix: string;
}

export async function insertPublishedNews(prisma: PrismaClient, g: GeneratedNews): Promise<void> {
  const start = g.start.toISOString();
  await prisma.$executeRaw`INSERT INTO portal_content_item (id, kind, category, slug, agency_id, title_vi, summary_vi, title_folded, search_folded, state,
       published_at, first_published_at, updated_at, author_name)
     SELECT gen_random_uuid(), 'ARTICLE', 'NEWS', ${g.prefix} || '-' || i, ${g.agencyId}::uuid, 'Tin số ' || i, 'Tóm tắt tin số ' || i, 'tin so ' || i, 'tin so ' || i,
       'PUBLISHED', ${start}::timestamp + make_interval(secs => i), ${start}::timestamp + make_interval(secs => i), ${start}::timestamp + make_interval(secs => i), 'Phóng viên'
     FROM generate_series(1, ${g.count}::int) AS i`;
}
