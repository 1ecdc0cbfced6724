// Tombstones of published questions taken down: `publishedQuestions(changedSince)`
// gives what changed, `removedPublishedQuestions(since)` what left public view since, oldest
// first. Consultations are never taken down once published (no unpublish), so they need none.
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { PageArgs, pageWindow, toPage } from '../../kit/pagination.ts';
import { checkSince, TombstonePage } from '../../kit/tombstones.ts';
import type { CitizensContext } from '../context.ts';
import { QUESTIONS } from './sources.ts';

/** Public once (it has a published title or date) and not public now. */
const REMOVED: Prisma.CitizenRequestWhereInput = {
  OR: [
    { publishedAt: null, publicTitle: { not: null } },
    { publishedAt: { not: null }, state: { not: 'ANSWERED' } },
  ],
};

@Resolver()
export class RemovedQuestionsResolver {
  @Query(() => TombstonePage, { description: 'Tombstones of published questions taken down since a moment, oldest first.' })
  async removedPublishedQuestions(@Arg('since', () => Date) since: Date, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: CitizensContext) {
    const window = pageWindow(page);
    const where: Prisma.CitizenRequestWhereInput = { AND: [REMOVED, { updatedAt: { gte: checkSince(since) } }] };
    const [rows, total] = await Promise.all([
      ctx.prisma.citizenRequest.findMany({
        where,
        select: { id: true, updatedAt: true },
        orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
        skip: window.skip,
        take: window.take,
      }),
      ctx.prisma.citizenRequest.count({ where }),
    ]);
    const base = `${ctx.publicBaseUrl?.replace(/\/$/, '') ?? ''}/citizens/print/question`;
    const nodes = rows.map((r) => ({ id: r.id, kind: QUESTIONS, url: `${base}/${r.id}`, removedAt: r.updatedAt, reason: 'UNPUBLISHED' }));
    return toPage(nodes, total, window);
  }
}
