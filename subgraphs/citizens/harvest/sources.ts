// Published questions and answers and public consultations as harvest kinds, with the
// public pages that identify them (/print/question/<id>, /print/consultation/<slug>, served by
// the gateway at /citizens/print/…): Dublin Core and schema.org JSON-LD (QAPage; a draft open
// for comment as a DigitalDocument with its CommentAction window). Nothing of the asker is
// published. A question taken out of public view after publication is a tombstone.
import type express from 'express';
import type { Logger } from 'pino';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { cursorFor, datestampOf, emptyDublinCore, endOfSecond, parseCursor, type HarvestQuery, type HarvestRecord } from '../../../schema/contract/harvest.ts';
import type { HarvestContext, HarvestFilter, HarvestSource } from '../../kit/harvest.ts';
import { harvestPageHandler, sendHarvestPage, sendNotFound } from '../../kit/harvest-page.ts';
import type { SubgraphTrust } from '../../kit/signature.ts';

export const QUESTIONS = 'questions';
export const CONSULTATIONS = 'consultations';
export const CITIZEN_PAGE_ROUTES = ['/print/question/:id', '/print/consultation/:slug'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
const range = (f: HarvestFilter) =>
  f.from || f.until ? { updatedAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.until ? { lte: endOfSecond(new Date(f.until)) } : {}) } } : {};

/** Keyset condition after a cursor, with the bound PostgreSQL can start an index scan at. */
function keyset(q: HarvestQuery, published: string): Record<string, unknown> {
  const c = q.after ? parseCursor(q.after) : null;
  if (!c) return {};
  return q.order === 'changed'
    ? { updatedAt: { gte: c.at }, OR: [{ updatedAt: { gt: c.at } }, { id: { gt: c.id } }] }
    : { [published]: { lte: c.at }, OR: [{ [published]: { lt: c.at } }, { id: { lt: c.id } }] };
}

type QuestionRow = Prisma.CitizenRequestGetPayload<object>;

export function questionRecord(row: QuestionRow, ctx: HarvestContext): HarvestRecord {
  const url = `${ctx.publicBaseUrl}/citizens/print/question/${row.id}`;
  const live = row.state === 'ANSWERED' && row.publishedAt !== null;
  const base = { kind: QUESTIONS, id: row.id, url, datestamp: datestampOf(row.updatedAt), deleted: !live, agencies: [] };
  if (!live) return base;
  const title = row.publicTitle ?? row.title;
  return {
    ...base,
    publishedAt: row.publishedAt!.toISOString(),
    title,
    summary: row.fieldName,
    dc: {
      ...emptyDublinCore(),
      title: [title],
      creator: ['Ban Biên tập Cổng Thông tin điện tử'],
      subject: row.fieldName ? [row.fieldName] : [],
      description: [row.publicBody ?? title],
      publisher: ['Ban Biên tập Cổng Thông tin điện tử'],
      date: [day(row.answeredOn ?? row.publishedAt)!],
      type: ['Text', row.kind === 'PETITION' ? 'Phản ánh, kiến nghị' : 'Hỏi đáp'],
      format: ['text/html'],
      identifier: [url],
      language: ['vi'],
    },
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'QAPage',
      '@id': url,
      url,
      mainEntity: {
        '@type': 'Question',
        name: title,
        text: row.publicBody ?? title,
        about: row.fieldName ?? undefined,
        dateCreated: day(row.receivedOn),
        answerCount: row.answerText ? 1 : 0,
        acceptedAnswer: row.answerText ? { '@type': 'Answer', text: row.answerText, dateCreated: day(row.answeredOn) ?? undefined } : undefined,
      },
    },
  };
}

type ConsultationRow = Prisma.ConsultationGetPayload<object>;

export function consultationRecord(row: ConsultationRow, ctx: HarvestContext): HarvestRecord {
  const url = `${ctx.publicBaseUrl}/citizens/print/consultation/${row.slug}`;
  const base = {
    kind: CONSULTATIONS,
    id: row.id,
    url,
    datestamp: datestampOf(row.updatedAt),
    deleted: row.publishedAt === null,
    agencies: [],
    // The drafting agency is a reference: the gateway maps it to its code (set agency:<code>).
    agencyIds: [row.draftingAgencyId],
  };
  if (!row.publishedAt) return base;
  return {
    ...base,
    publishedAt: row.publishedAt.toISOString(),
    title: row.title,
    summary: row.summary,
    dc: {
      ...emptyDublinCore(),
      title: [row.title],
      creator: [row.receivingName],
      description: [row.summary ?? row.title],
      publisher: [row.receivingName],
      date: [day(row.opensOn)!],
      type: ['Text', 'Dự thảo lấy ý kiến'],
      format: ['text/html'],
      identifier: [url],
      language: ['vi'],
      coverage: [`${day(row.opensOn)}/${day(row.closesOn)}`],
    },
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'DigitalDocument',
      '@id': url,
      url,
      name: row.title,
      abstract: row.summary ?? undefined,
      datePublished: row.publishedAt.toISOString(),
      creativeWorkStatus: 'Draft',
      potentialAction: { '@type': 'CommentAction', startTime: row.opensAt.toISOString(), endTime: row.closesAt.toISOString() },
    },
  };
}

export function citizenSources(prisma: PrismaClient): HarvestSource[] {
  // Tombstones: answered questions once published and not now; nothing never published.
  const qWhere = (f: HarvestFilter): Prisma.CitizenRequestWhereInput => ({
    ...(f.deleted ? { OR: [{ publishedAt: { not: null } }, { publicTitle: { not: null } }] } : { state: 'ANSWERED', publishedAt: { not: null } }),
    ...(f.agency ? { id: { in: [] } } : {}),
    ...range(f),
  });
  const cWhere = (f: HarvestFilter): Prisma.ConsultationWhereInput => ({
    ...(f.deleted ? {} : { publishedAt: { not: null } }),
    ...(f.agency ? { draftingAgencyId: { in: f.agencyIds ?? [] } } : {}),
    ...range(f),
  });
  const order = (q: HarvestQuery) =>
    q.order === 'changed' ? [{ updatedAt: 'asc' as const }, { id: 'asc' as const }] : [{ publishedAt: 'desc' as const }, { id: 'desc' as const }];
  const next = (rows: { id: string; updatedAt: Date; publishedAt: Date | null }[], q: HarvestQuery) => {
    const last = rows[q.limit - 1];
    return rows.length > q.limit && last ? cursorFor(q.order === 'changed' ? last.updatedAt : (last.publishedAt ?? last.updatedAt), last.id) : null;
  };
  return [
    {
      kinds: [{ kind: QUESTIONS, label: { vi: 'Hỏi đáp, phản ánh kiến nghị', en: 'Questions and answers' }, formats: [], pages: true, category: 'QUESTIONS' }],
      async page(q, ctx) {
        const rows = await prisma.citizenRequest.findMany({
          where: { AND: [qWhere(q), keyset(q, 'publishedAt') as Prisma.CitizenRequestWhereInput] },
          orderBy: order(q),
          skip: q.offset,
          take: q.limit + 1,
        });
        return { records: rows.slice(0, q.limit).map((r) => questionRecord(r, ctx)), next: next(rows, q) };
      },
      count: (f) => prisma.citizenRequest.count({ where: qWhere(f) }),
      async resolve(url, ctx) {
        const prefix = `${ctx.publicBaseUrl}/citizens/print/question/`;
        const id = url.startsWith(prefix) ? url.slice(prefix.length) : '';
        const row = UUID.test(id) ? await prisma.citizenRequest.findFirst({ where: { id, ...qWhere({ kind: QUESTIONS, deleted: true }) } }) : null;
        return row ? questionRecord(row, ctx) : null;
      },
    },
    {
      kinds: [
        { kind: CONSULTATIONS, label: { vi: 'Lấy ý kiến dự thảo văn bản', en: 'Public consultations' }, formats: [], pages: true, category: 'CONSULTATIONS' },
      ],
      async page(q, ctx) {
        const rows = await prisma.consultation.findMany({
          where: { AND: [cWhere(q), keyset(q, 'publishedAt') as Prisma.ConsultationWhereInput] },
          orderBy: order(q),
          skip: q.offset,
          take: q.limit + 1,
        });
        return { records: rows.slice(0, q.limit).map((r) => consultationRecord(r, ctx)), next: next(rows, q) };
      },
      count: (f) => prisma.consultation.count({ where: cWhere(f) }),
      async resolve(url, ctx) {
        const prefix = `${ctx.publicBaseUrl}/citizens/print/consultation/`;
        const slug = url.startsWith(prefix) ? url.slice(prefix.length) : '';
        const row = SLUG.test(slug) ? await prisma.consultation.findUnique({ where: { slug } }) : null;
        return row ? consultationRecord(row, ctx) : null;
      },
    },
  ];
}

export function citizenPageRoutes(deps: { prisma: PrismaClient; trust: SubgraphTrust; logger: Logger; clock(): Date }) {
  const notFound = sendNotFound;
  const guard = (run: Parameters<typeof harvestPageHandler>[1]) => harvestPageHandler({ ...deps, audience: 'citizens' }, run);
  return (app: express.Express) => {
    app.get(
      '/print/question/:id',
      guard(async (req, res, ctx) => {
        const id = String(req.params.id);
        const row = UUID.test(id) ? await deps.prisma.citizenRequest.findFirst({ where: { id, state: 'ANSWERED', publishedAt: { not: null } } }) : null;
        if (!row) return void notFound(res);
        const r = questionRecord(row, ctx);
        sendHarvestPage(res, r, [
          ['Lĩnh vực', row.fieldName],
          ['Nội dung', row.publicBody],
          ['Trả lời', row.answerText],
          ['Ngày trả lời', day(row.answeredOn)],
        ]);
      }),
    );
    app.get(
      '/print/consultation/:slug',
      guard(async (req, res, ctx) => {
        const slug = String(req.params.slug);
        const row = SLUG.test(slug) ? await deps.prisma.consultation.findFirst({ where: { slug, publishedAt: { not: null } } }) : null;
        if (!row) return void notFound(res);
        sendHarvestPage(res, consultationRecord(row, ctx), [
          ['Tóm tắt', row.summary],
          ['Thời gian lấy ý kiến', `${day(row.opensOn)} – ${day(row.closesOn)}`],
          ['Cơ quan nhận ý kiến', `${row.receivingName}, ${row.receivingAddress}, ${row.receivingEmail}`],
        ]);
      }),
    );
  };
}
