// Fields this subgraph contributes to other subgraphs' entities: an agency's procedures and
// the procedures based on a legal document. Both are pages cut in one statement for every
// agency (or document) of the request (loaders.ts).
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { pageWindow, PageArgs, toPage } from '../kit/pagination.ts';
import { vietnamToday, type ServicesContext } from './context.ts';
import { toProcedure } from './mappers.ts';
import { AdministrativeProcedurePage } from './procedure.resolver.ts';
import { Agency, LegalDocumentRef } from './types/federation.types.ts';
import { ProcedureFilter } from './types/inputs.ts';
import type { IdPage } from './loaders.ts';
import type { PageWindow } from '../kit/pagination.ts';

async function pageOf(ctx: ServicesContext, page: IdPage, window: PageWindow) {
  const rows = await ctx.loaders.procedure.loadMany(page.ids);
  const procedures = rows.flatMap((r) => (r && !(r instanceof Error) ? [toProcedure(r)] : []));
  return toPage(procedures, page.total, window);
}

@Resolver(() => Agency)
export class AgencyProceduresResolver {
  @FieldResolver(() => AdministrativeProcedurePage, { description: 'Procedures this agency carries out (R-4.8), by name.' })
  async procedures(
    @Root() agency: Agency,
    @Arg('filter', () => ProcedureFilter, { nullable: true }) filter: ProcedureFilter | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: ServicesContext,
  ) {
    const window = pageWindow(args);
    const page = await ctx.loaders.proceduresByAgency.load({ key: agency.code, window, filter: filter ?? null, today: vietnamToday(ctx.runtime.now()) });
    return pageOf(ctx, page, window);
  }
}

@Resolver(() => LegalDocumentRef)
export class LegalDocumentProceduresResolver {
  @FieldResolver(() => AdministrativeProcedurePage, { description: 'Procedures whose legal bases cite this document.' })
  async procedures(@Root() doc: LegalDocumentRef, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: ServicesContext) {
    const window = pageWindow(args);
    const page = await ctx.loaders.proceduresByLegalBasis.load({ key: doc.numberKey, window, filter: null, today: vietnamToday(ctx.runtime.now()) });
    return pageOf(ctx, page, window);
  }
}
