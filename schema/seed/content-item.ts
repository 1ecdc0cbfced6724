// Writes one demo content item (the common row) the way the portal's editorial code would:
// NFC text, folded search columns, translation status, delivery date. Idempotent by id.
import type { PrismaClient } from '../db/prisma.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { citedNumberKeys } from '../domain/legal-citation.ts';
import { creatorOf, publishingGaps, vietnamDate } from '../domain/publishing.ts';
import { foldVietnamese, nfc } from '../text/vietnamese.ts';
import { plainFromMarkup } from '../text/markup.ts';
import { stableId } from './ids.ts';

export interface ItemSeed {
  id: string;
  kind: Prisma.ContentItemCreateInput['kind'];
  category: string;
  categoryPoint?: string | null;
  slug: string;
  sectionId?: string | null;
  agencyId: string | null;
  title: { vi: string; en?: string | null };
  summary?: { vi: string; en?: string | null } | null;
  body?: { vi: string; en?: string | null } | null;
  state?: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED' | 'PUBLISHED';
  publishedAt?: Date | null;
  trigger?: { kind: string; date: string } | null;
  authorName?: string | null;
  source?: { name: string; url?: string; author?: string } | null;
  subjects?: string[];
  coverage?: string | null;
  translationPoint?: string | null;
  searchExtra?: string;
  /** The detail's legal bases as cited: their number keys go on the item (LegalDocument.relatedContent). */
  legalBasis?: readonly string[];
}

const n = (s: string | null | undefined) => (s ? nfc(s) : null);

function translationStatus(s: ItemSeed): 'MISSING' | 'PARTIAL' | 'COMPLETE' {
  const t = s.title.en;
  const sum = s.summary?.en;
  const body = s.body?.en;
  if (t && (!s.summary?.vi || sum) && (!s.body?.vi || body)) return 'COMPLETE';
  return t || sum || body ? 'PARTIAL' : 'MISSING';
}

export async function upsertItem(prisma: PrismaClient, s: ItemSeed): Promise<void> {
  const published = s.state === undefined || s.state === 'PUBLISHED';
  const publishedAt = published ? (s.publishedAt ?? new Date('2026-01-15T02:00:00Z')) : null;
  const status = translationStatus(s);
  const titleVi = nfc(s.title.vi);
  const data = {
    kind: s.kind,
    category: s.category,
    categoryPoint: s.categoryPoint ?? null,
    slug: s.slug,
    sectionId: s.sectionId ?? null,
    agencyId: s.agencyId,
    titleVi,
    titleEn: n(s.title.en),
    summaryVi: n(s.summary?.vi),
    summaryEn: n(s.summary?.en),
    bodyVi: n(s.body?.vi) ?? '',
    bodyEn: n(s.body?.en),
    titleFolded: foldVietnamese(titleVi).slice(0, 500),
    searchFolded: foldVietnamese(
      [titleVi, s.title.en, s.summary?.vi, ...(s.subjects ?? []), s.searchExtra, plainFromMarkup(s.body?.vi)].filter(Boolean).join(' '),
    ),
    state: s.state ?? 'PUBLISHED',
    publishedAt,
    firstPublishedAt: publishedAt,
    triggerKind: s.trigger?.kind ?? null,
    triggerDate: s.trigger ? new Date(`${s.trigger.date}T00:00:00Z`) : null,
    authorName: n(s.authorName),
    sourceName: n(s.source?.name),
    sourceUrl: s.source?.url ?? null,
    sourceAuthor: n(s.source?.author),
    isReused: Boolean(s.source),
    subjects: (s.subjects ?? []).map(nfc),
    coverage: n(s.coverage),
    translationPoint: s.translationPoint ?? null,
    translationStatus: status,
    translatedAt: status === 'COMPLETE' ? publishedAt : null,
    legalBasisKeys: citedNumberKeys(s.legalBasis ?? []),
    createdById: 'seed',
  } satisfies Prisma.ContentItemUncheckedCreateInput;
  if (data.state === 'PUBLISHED') await assertPublishable(prisma, s.id, data);
  await prisma.contentItem.upsert({ where: { id: s.id }, create: { id: s.id, ...data }, update: data });
}

/** The seed publishes through the workflow's rule (schema/domain/publishing.ts): a gap is a bug in the demo data. */
async function assertPublishable(
  prisma: PrismaClient,
  id: string,
  d: Pick<
    Prisma.ContentItemUncheckedCreateInput,
    'titleVi' | 'summaryVi' | 'authorName' | 'isReused' | 'sourceName' | 'sourceAuthor' | 'agencyId' | 'triggerDate' | 'publishedAt'
  >,
): Promise<void> {
  const agency = d.agencyId ? await prisma.agency.findUnique({ where: { id: d.agencyId }, select: { nameVi: true } }) : null;
  const triggerDate = d.triggerDate ? new Date(d.triggerDate) : null;
  const publishedAt = d.publishedAt ? new Date(d.publishedAt) : null;
  const gaps = publishingGaps({
    title: d.titleVi || null,
    creator: creatorOf({ authorName: d.authorName ?? null, isReused: d.isReused ?? false, sourceAuthor: d.sourceAuthor ?? null }),
    date: triggerDate ? triggerDate.toISOString().slice(0, 10) : publishedAt ? vietnamDate(publishedAt) : null,
    description: d.summaryVi ?? null,
    publisher: agency?.nameVi ?? null,
    identifier: `urn:uuid:${id}`,
    isReused: d.isReused ?? false,
    sourceName: d.sourceName ?? null,
    sourceAuthor: d.sourceAuthor ?? null,
  });
  if (gaps.length) throw new Error(`seed item ${d.titleVi} cannot be published: ${gaps.join(', ')}`);
}

// Ids, dates and filler shared by the seeders of content kinds (content.ts, content-plans.ts).
export const agency = (slug: string) => stableId(`agency:${slug}`);
export const item = (kind: string, slug: string) => stableId(`content:${kind}:${slug}`);
export const day = (s: string) => new Date(`${s}T00:00:00Z`);
export const at = (s: string) => new Date(s);
export const SAMPLE = '<p>Nội dung minh họa cho dự án Cổng hub.</p>';

/** Upserts an item whose id is derived from its kind and slug; returns the id for its detail rows. */
export async function seedItem(prisma: PrismaClient, s: Omit<ItemSeed, 'id'>): Promise<string> {
  const id = item(s.kind, s.slug);
  await upsertItem(prisma, { id, ...s });
  return id;
}

/** A detail table keyed by the item id (one row per item). */
interface DetailTable<D> {
  upsert(args: { where: { itemId: string }; create: D & { itemId: string }; update: D }): PromiseLike<unknown>;
}

/** Upserts the detail row of an item, so seeding again updates it in place. */
export async function upsertDetail<D extends object>(table: DetailTable<NoInfer<D>>, itemId: string, data: D): Promise<void> {
  await table.upsert({ where: { itemId }, create: { itemId, ...data }, update: data });
}
