// Fields of LegalDocument that come from other tables or are derived: issuers, validity
// history and validity on a date, relations both ways, files, gazette issues, provenance, and
// the deadline. Every list goes through a DataLoader and is paginated.
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { vietnamDate } from '../../adapters/kit/text.ts';
import { deadlineStatus, dueDate } from '../../schema/deadlines/deadline.ts';
import { isValidityStatus, type RelationType } from '../../schema/domain/legal.ts';
import { HubError } from '../../schema/errors.ts';
import { pageWindow, PageArgs, slicePage } from '../kit/pagination.ts';
import { LocalDateScalar, toLocalDate } from '../kit/scalars.ts';
import type { LegalContext } from './context.ts';
import { toEntry, toEvent, toFile, toProvenance, toRelation, toValidity } from './mappers.ts';
import { LegalRelationType } from './types/enums.ts';
import { GazetteEntryPage } from './types/gazette.types.ts';
import { LegalDocument, LegalFilePage, LegalRelationPage, LegalValidityEventPage } from './types/document.types.ts';
import { LegalIssuer, LegalProvenance, LegalPublicationDeadline, LegalValidityAsOf } from './types/values.types.ts';
import { validityOn } from './validity/validity-on.ts';

/** The due date, or null when the calendar has no data for the year (it never guesses holidays). */
export function dueWithin7WorkingDays(issueDate: string): string | null {
  try {
    return dueDate('LEGAL_DOCUMENTS', { kind: 'issued', date: issueDate });
  } catch (error) {
    if (error instanceof HubError && error.extensions.reason === 'CALENDAR_YEAR_MISSING') return null;
    throw error;
  }
}

@Resolver(() => LegalDocument)
export class LegalDocumentFieldsResolver {
  @FieldResolver(() => [LegalIssuer], { description: 'Issuing agencies with signers and titles, in the order the source lists them.' })
  async issuers(@Root() doc: LegalDocument, @Ctx() ctx: LegalContext): Promise<LegalIssuer[]> {
    const rows = await ctx.loaders.issuers.load(doc.id);
    return rows.map((r) => ({ agency: r.agency, signerName: r.signerName, signerTitle: r.signerTitle, agencyMatch: r.agencyMatch }));
  }

  @FieldResolver(() => LegalValidityEventPage, { description: 'Validity history, oldest first.' })
  async validityHistory(@Root() doc: LegalDocument, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: LegalContext) {
    return slicePage((await ctx.loaders.events.load(doc.id)).map(toEvent), page);
  }

  @FieldResolver(() => LegalValidityAsOf, { description: 'The status the document had on `date`, derived from its validity history.' })
  async validityOn(@Root() doc: LegalDocument, @Arg('date', () => LocalDateScalar) date: string, @Ctx() ctx: LegalContext): Promise<LegalValidityAsOf> {
    const events = (await ctx.loaders.events.load(doc.id)).map((e) => ({ date: toLocalDate(e.date)!, action: e.action }));
    const status = doc.status && isValidityStatus(doc.status.code) ? doc.status.code : null;
    const result = validityOn({ issueDate: doc.issueDate, effectiveDate: doc.effectiveDate, expiryDate: doc.expiryDate, status, events }, date);
    return { date, status: toValidity(result.status), since: result.since };
  }

  @FieldResolver(() => LegalRelationPage, { description: 'Relations in both directions, each with its label and its inverse.' })
  async relations(
    @Root() doc: LegalDocument,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('types', () => [LegalRelationType], { nullable: true }) types: string[] | null,
    @Ctx() ctx: LegalContext,
  ) {
    const rows = await ctx.loaders.relationPages.load(doc.id, { types: types?.length ? (types as RelationType[]) : null, window: pageWindow(page) });
    return { ...rows, nodes: rows.nodes.map((r) => toRelation(r, doc.id)) };
  }

  @FieldResolver(() => LegalFilePage, { description: 'Files (name, type, size, sha256) with their download links.' })
  async files(@Root() doc: LegalDocument, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: LegalContext) {
    return slicePage(
      (await ctx.loaders.files.load(doc.id)).map((f) => toFile(f, ctx.runtime, ctx.publicBaseUrl)),
      page,
    );
  }

  @FieldResolver(() => GazetteEntryPage, { description: 'The gazette issues the document appeared in, with its page in each.' })
  async gazetteIssues(@Root() doc: LegalDocument, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: LegalContext) {
    return slicePage((await ctx.loaders.entriesByDocument.load(doc.id)).map(toEntry), page);
  }

  @FieldResolver(() => LegalProvenance, { nullable: true, description: 'The primary source of the data: the national database when it has the document.' })
  async provenance(@Root() doc: LegalDocument, @Ctx() ctx: LegalContext): Promise<LegalProvenance | null> {
    const [primary] = await ctx.loaders.sources.load(doc.id);
    return primary ? toProvenance(primary) : null;
  }

  @FieldResolver(() => [LegalProvenance], { description: 'Every source’s copy (national database, provincial gazette).' })
  async sources(@Root() doc: LegalDocument, @Ctx() ctx: LegalContext): Promise<LegalProvenance[]> {
    return (await ctx.loaders.sources.load(doc.id)).map(toProvenance);
  }

  @FieldResolver(() => LegalPublicationDeadline, {
    nullable: true,
    description:
      'R-7.4, for documents issued by the province: due 7 working days after the issue date; delivered when the portal first had it. Null for other documents, and for issue years the working-day calendar does not cover.',
  })
  publicationDeadline(@Root() doc: LegalDocument, @Ctx() ctx: LegalContext): LegalPublicationDeadline | null {
    if (!doc.locallyIssued || !doc.issueDate) return null;
    const due = dueWithin7WorkingDays(doc.issueDate);
    if (!due) return null;
    const deliveredOn = vietnamDate(doc.firstPublishedAt)!;
    const status = deadlineStatus({ due, deliveredOn, today: vietnamDate(ctx.runtime.now())! });
    return { dueDate: due, deliveredOn, status };
  }
}
