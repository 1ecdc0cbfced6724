// PublishedQuestion and Consultation as federation entities (the one search returns them): the
// gateway's `_entities` batch becomes one statement per type through a per-request DataLoader,
// with the same visibility as the public queries (published questions; consultations from
// their publication instant). Anything else answers null.
import DataLoader from 'dataloader';
import { isUuid } from '../kit/batch.ts';
import type { CitizensContext } from './context.ts';
import { toConsultation } from './consultation/queries.ts';
import { toPublished } from './requests/mappers.ts';

interface Loaders {
  question: DataLoader<string, ReturnType<typeof toPublished> | null>;
  consultation: DataLoader<string, ReturnType<typeof toConsultation> | null>;
}

const perRequest = new WeakMap<object, Loaders>();

function loaders(ctx: CitizensContext): Loaders {
  let l = perRequest.get(ctx);
  if (l) return l;
  l = {
    question: new DataLoader(async (ids) => {
      const rows = await ctx.prisma.citizenRequest.findMany({
        where: { id: { in: ids.filter(isUuid) }, state: 'ANSWERED', publishedAt: { not: null } },
        // Only the files the board published with the question (files.ts).
        include: { agencies: true, files: { where: { published: true }, orderBy: { createdAt: 'asc' } } },
      });
      const byId = new Map(rows.map((r) => [r.id, toPublished(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    consultation: new DataLoader(async (ids) => {
      const now = ctx.now();
      const valid = ids.filter(isUuid);
      const [rows, counts] = await Promise.all([
        ctx.prisma.consultation.findMany({ where: { id: { in: valid }, publishedAt: { lte: now } } }),
        ctx.prisma.consultationComment.groupBy({
          by: ['consultationId'],
          where: { consultationId: { in: valid }, state: 'PUBLISHED' },
          _count: { _all: true },
        }),
      ]);
      const count = new Map(counts.map((c) => [c.consultationId, c._count._all]));
      const byId = new Map(rows.map((r) => [r.id, toConsultation(r, count.get(r.id) ?? 0, now)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
  perRequest.set(ctx, l);
  return l;
}

export const citizensReferences = {
  PublishedQuestion: { __resolveReference: (ref: { id: string }, ctx: CitizensContext) => loaders(ctx).question.load(ref.id) },
  Consultation: { __resolveReference: (ref: { id: string }, ctx: CitizensContext) => loaders(ctx).consultation.load(ref.id) },
};
