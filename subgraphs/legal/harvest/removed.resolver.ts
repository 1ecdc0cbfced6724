// Tombstones of withdrawn legal documents: `legalDocuments(filter: {changedSince})`
// gives what changed, `removedLegalDocuments(since)` what was withdrawn since, oldest first.
// Gazette issues are never withdrawn.
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { PageArgs, pageWindow, toPage } from '../../kit/pagination.ts';
import { checkSince, TombstonePage } from '../../kit/tombstones.ts';
import type { LegalContext } from '../context.ts';
import { LEGAL_DOCUMENTS, legalLinks } from './sources.ts';

@Resolver()
export class RemovedLegalDocumentsResolver {
  @Query(() => TombstonePage, { description: 'Tombstones of legal documents withdrawn since a moment, oldest first.' })
  async removedLegalDocuments(@Arg('since', () => Date) since: Date, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: LegalContext) {
    const window = pageWindow(page);
    const where = { withdrawn: true, updatedAt: { gte: checkSince(since) } };
    const [rows, total] = await Promise.all([
      ctx.prisma.legalDocument.findMany({
        where,
        select: { id: true, updatedAt: true },
        orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
        skip: window.skip,
        take: window.take,
      }),
      ctx.prisma.legalDocument.count({ where }),
    ]);
    const links = legalLinks(ctx.publicBaseUrl?.replace(/\/$/, '') ?? '');
    const nodes = rows.map((r) => ({ id: r.id, kind: LEGAL_DOCUMENTS, url: links.documentUrl(r.id), removedAt: r.updatedAt, reason: 'WITHDRAWN' }));
    return toPage(nodes, total, window);
  }
}
