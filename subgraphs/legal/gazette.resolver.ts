// Queries on the official gazette: an issue by id or by number and year, issues of a year,
// and an issue's documents.
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { pageWindow, PageArgs, slicePage, toPage } from '../kit/pagination.ts';
import { isUuid } from '../kit/batch.ts';
import { checkYear } from './args.ts';
import type { LegalContext } from './context.ts';
import { toEntry, toIssue } from './mappers.ts';
import { GazetteEntryPage, GazetteIssue, GazetteIssuePage } from './types/gazette.types.ts';

@Resolver(() => GazetteIssue)
export class GazetteIssueResolver {
  @Query(() => GazetteIssue, { nullable: true, description: 'One gazette issue by id.' })
  async gazetteIssue(@Arg('id', () => ID) id: string, @Ctx() ctx: LegalContext): Promise<GazetteIssue | null> {
    if (!isUuid(id)) return null;
    const row = await ctx.loaders.issue.load(id);
    return row ? toIssue(row) : null;
  }

  @Query(() => GazetteIssue, { nullable: true, description: 'The issue carrying this number in this year (also inside a range "Số 45 + 46").' })
  async gazetteIssueByNumber(@Arg('year', () => Int) year: number, @Arg('number', () => Int) number: number, @Ctx() ctx: LegalContext) {
    checkYear(year);
    const row = await ctx.prisma.legalGazetteIssue.findFirst({
      where: { year, OR: [{ number }, { number: { lte: number }, numberTo: { gte: number } }] },
      orderBy: { number: 'desc' },
    });
    return row ? toIssue(row) : null;
  }

  @Query(() => GazetteIssuePage, { description: 'Gazette issues, newest first; optionally of one year.' })
  async gazetteIssues(
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Arg('changedSince', () => Date, {
      nullable: true,
      description: 'Only issues fetched or changed at or after this instant (incremental harvesting; issues are never withdrawn).',
    })
    changedSince: Date | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: LegalContext,
  ) {
    checkYear(year);
    const window = pageWindow(page);
    const where = { ...(year === null || year === undefined ? {} : { year }), ...(changedSince ? { fetchedAt: { gte: changedSince } } : {}) };
    const [rows, total] = await Promise.all([
      ctx.prisma.legalGazetteIssue.findMany({ where, orderBy: [{ date: 'desc' }, { number: 'desc' }], take: window.take, skip: window.skip }),
      ctx.prisma.legalGazetteIssue.count({ where }),
    ]);
    return toPage(rows.map(toIssue), total, window);
  }

  @FieldResolver(() => GazetteEntryPage, { description: 'The documents in this issue, with summary and page.' })
  async documents(@Root() issue: GazetteIssue, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: LegalContext) {
    return slicePage((await ctx.loaders.entriesByIssue.load(issue.id)).map(toEntry), page);
  }
}
