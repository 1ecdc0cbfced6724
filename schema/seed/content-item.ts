// Writes one demo content item (the common row) the way the portal's editorial code would:
// NFC text, folded search columns, translation status, delivery date. Idempotent by id.
import type { PrismaClient } from '../db/prisma.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { foldVietnamese, nfc } from '../text/vietnamese.ts';

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
    searchFolded: foldVietnamese([titleVi, s.title.en, s.summary?.vi, ...(s.subjects ?? []), s.searchExtra].filter(Boolean).join(' ')),
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
    createdById: 'seed',
  } satisfies Prisma.ContentItemUncheckedCreateInput;
  await prisma.contentItem.upsert({ where: { id: s.id }, create: { id: s.id, ...data }, update: data });
}
