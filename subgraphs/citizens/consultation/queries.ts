// Reading consultations: the public sees published drafts and published comments (never
// contact data); the drafting agency and the board see every comment and get a CSV summary.
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { HubError } from '../../../schema/errors.ts';
import { isUuid } from '../../kit/batch.ts';
import { pageWindow, toPage, type PageArgs } from '../../kit/pagination.ts';
import type { CitizensContext } from '../context.ts';
import { isoOfColumn, PROVINCE_TIME_ZONE } from '../local-time.ts';
import { loadConsultation, requireDrafter } from './manage.ts';
import { toAttachment } from '../files.ts';
import type { CommentState, Consultation, ConsultationKind, ConsultationStatus, PublicComment, StaffComment } from './types.ts';

export function toConsultation(row: Db.Consultation, commentCount: number, now: Date): Consultation {
  const status: ConsultationStatus =
    now < row.opensAt ? ('UPCOMING' as ConsultationStatus) : now < row.closesAt ? ('OPEN' as ConsultationStatus) : ('CLOSED' as ConsultationStatus);
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind as ConsultationKind,
    title: row.title,
    summary: row.summary,
    body: row.body,
    draftingAgency: { id: row.draftingAgencyId },
    receivingAgency: { name: row.receivingName, address: row.receivingAddress, email: row.receivingEmail },
    opensOn: isoOfColumn(row.opensOn),
    closesOn: isoOfColumn(row.closesOn),
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    status,
    publishedAt: row.publishedAt,
    legalDocument: row.legalDocumentId ? { id: row.legalDocumentId } : null,
    commentCount,
  };
}

/** Published comment counts of many consultations in one statement. */
export async function publishedCounts(ctx: CitizensContext, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await ctx.prisma.consultationComment.groupBy({
    by: ['consultationId'],
    where: { consultationId: { in: ids }, state: 'PUBLISHED' },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.consultationId, r._count._all]));
}

export async function publicConsultations(ctx: CitizensContext, args: PageArgs & { status?: ConsultationStatus | null; changedSince?: Date | null }) {
  const window = pageWindow(args);
  const now = ctx.now();
  const byStatus: Record<string, Prisma.ConsultationWhereInput> = {
    UPCOMING: { opensAt: { gt: now } },
    OPEN: { opensAt: { lte: now }, closesAt: { gt: now } },
    CLOSED: { closesAt: { lte: now } },
  };
  const where: Prisma.ConsultationWhereInput = {
    publishedAt: { lte: now },
    ...(args.status ? byStatus[args.status] : {}),
    ...(args.changedSince ? { updatedAt: { gte: args.changedSince } } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.prisma.consultation.findMany({ where, orderBy: [{ closesAt: 'desc' }, { id: 'desc' }], skip: window.skip, take: window.take }),
    ctx.prisma.consultation.count({ where }),
  ]);
  const counts = await publishedCounts(
    ctx,
    rows.map((r) => r.id),
  );
  return toPage(
    rows.map((r) => toConsultation(r, counts.get(r.id) ?? 0, now)),
    total,
    window,
  );
}

export async function publicConsultation(ctx: CitizensContext, idOrSlug: string) {
  const now = ctx.now();
  const row = await ctx.prisma.consultation.findFirst({
    where: { ...(isUuid(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug.slice(0, 120) }), publishedAt: { lte: now } },
  });
  if (!row) return null;
  const counts = await publishedCounts(ctx, [row.id]);
  return toConsultation(row, counts.get(row.id) ?? 0, now);
}

type CommentRow = Db.ConsultationComment & { files: Db.ConsultationCommentFile[] };

/** The public sees only the files the moderator published with the comment. */
const toPublicComment = (c: CommentRow, allFiles = false): PublicComment => ({
  id: c.id,
  attachments: c.files.filter((f) => allFiles || f.published).map(toAttachment),
  authorName: c.authorName,
  organisation: c.organisation,
  section: c.section,
  body: c.body,
  submittedAt: c.submittedAt,
});

export async function publishedComments(ctx: CitizensContext, consultationId: string, args: PageArgs) {
  const window = pageWindow(args);
  const where = { consultationId, state: 'PUBLISHED' as const };
  const [rows, total] = await Promise.all([
    ctx.prisma.consultationComment.findMany({
      where,
      include: WITH_FILES,
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      skip: window.skip,
      take: window.take,
    }),
    ctx.prisma.consultationComment.count({ where }),
  ]);
  return toPage(
    rows.map((c) => toPublicComment(c)),
    total,
    window,
  );
}

export async function staffComments(ctx: CitizensContext, consultationId: string, args: PageArgs & { state?: CommentState | null }) {
  const consultation = await loadConsultation(ctx, consultationId);
  requireDrafter(ctx, consultation.draftingAgencyId);
  const window = pageWindow(args);
  const where = { consultationId, ...(args.state ? { state: args.state } : {}) };
  const [rows, total] = await Promise.all([
    ctx.prisma.consultationComment.findMany({
      where,
      include: WITH_FILES,
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      skip: window.skip,
      take: window.take,
    }),
    ctx.prisma.consultationComment.count({ where }),
  ]);
  const nodes: StaffComment[] = rows.map((c) => toStaffComment(c));
  return toPage(nodes, total, window);
}

const WITH_FILES = { files: { orderBy: { createdAt: 'asc' as const } } } as const;

/** A comment as the drafting agency and the board see it: every file, contact data. */
export const toStaffComment = (c: CommentRow): StaffComment => ({
  ...toPublicComment(c, true),
  state: c.state as CommentState,
  authorEmail: c.authorEmail,
  authorPhone: c.authorPhone,
  moderationNote: c.moderationNote,
});

/** A spreadsheet must not run a comment as a formula (CSV injection): such cells get a leading '. */
const cell = (v: string | null) => (v && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ''));
const LOCAL_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: PROVINCE_TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' });

/**
 * The drafting agency's summary of every comment (R-4.12c), UTF-8 with a BOM (spreadsheets
 * then read Vietnamese right), times in Asia/Ho_Chi_Minh. Contact data stays out: the agency
 * reads it in the app when it must reply.
 */
export async function commentSummaryCsv(ctx: CitizensContext, consultationId: string): Promise<string> {
  const consultation = await loadConsultation(ctx, consultationId);
  requireDrafter(ctx, consultation.draftingAgencyId);
  const rows = await ctx.prisma.consultationComment.findMany({ where: { consultationId }, orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }], take: 10_000 });
  if (rows.length === 10_000) throw new HubError('BAD_USER_INPUT', 'Too many comments for one summary.', { reason: 'TOO_MANY' });
  const header = ['Thời gian gửi', 'Người góp ý', 'Cơ quan, tổ chức', 'Điều, khoản', 'Trạng thái', 'Nội dung góp ý'];
  const body = rows.map((c) => [LOCAL_TIME.format(c.submittedAt), cell(c.authorName), cell(c.organisation), cell(c.section), c.state, cell(c.body)]);
  return `\uFEFF${stringify([header, ...body])}`;
}
