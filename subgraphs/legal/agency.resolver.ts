// The portal's Agency, joined from the legal side: a document's issuing agencies (matched by
// the folded name the source gives; `issuers[].agencyMatch` records how), and the documents an
// agency issued, contributed to Agency. Both through per-request loaders: one statement for a
// page of documents or of agencies.
import { Arg, Args, Ctx, Directive, Field, FieldResolver, InputType, ObjectType, Resolver, Root } from 'type-graphql';
import type { Db } from '../../schema/db/prisma.ts';
import { HubError } from '../../schema/errors.ts';
import { PageArgs, slicePage } from '../kit/pagination.ts';
import { fromLocalDate, LocalDateScalar } from '../kit/scalars.ts';
import type { LegalContext } from './context.ts';
import { toDocument } from './mappers.ts';
import { LegalDocument, LegalDocumentPage } from './types/document.types.ts';
import { LegalValidityStatus } from './types/enums.ts';

@InputType({ description: 'Filters of an agency’s documents; all optional, combined with AND.' })
export class AgencyLegalDocumentFilter {
  @Field(() => [String], { nullable: true, description: 'Type codes: DECISION, DECREE, LAW, CIRCULAR, … (at most 20).' }) types?: string[] | null;
  @Field(() => [LegalValidityStatus], { nullable: true }) statuses?: string[] | null;
  @Field(() => LocalDateScalar, { nullable: true }) issuedFrom?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) issuedTo?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Include withdrawn documents (default false, as in the search).' }) includeWithdrawn?: boolean | null;
}

function matches(filter: AgencyLegalDocumentFilter | null): (d: Db.LegalDocument) => boolean {
  if (!filter) return (d) => !d.withdrawn;
  if (filter.types && filter.types.length > 20) throw new HubError('BAD_USER_INPUT', 'At most 20 types.', { field: 'filter.types', reason: 'TOO_MANY' });
  const types = filter.types?.length ? new Set(filter.types) : null;
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
  const from = filter.issuedFrom ? fromLocalDate(filter.issuedFrom).getTime() : null;
  const to = filter.issuedTo ? fromLocalDate(filter.issuedTo).getTime() : null;
  return (d) =>
    (filter.includeWithdrawn || !d.withdrawn) &&
    (!types || types.has(d.typeCode)) &&
    (!statuses || (d.status !== null && statuses.has(d.status))) &&
    (from === null || (d.issueDate !== null && d.issueDate.getTime() >= from)) &&
    (to === null || (d.issueDate !== null && d.issueDate.getTime() <= to));
}

@Directive('@key(fields: "nameKey")')
@ObjectType('Agency', { description: 'A state agency (owned by the portal subgraph); legal adds the documents it issued.' })
export class AgencyIssuer {
  @Field(() => String) nameKey!: string;
}

@Resolver(() => AgencyIssuer)
export class AgencyIssuerResolver {
  @FieldResolver(() => LegalDocumentPage, {
    description: 'Legal documents this agency issued (alone or jointly), newest first; withdrawn ones only on request.',
  })
  async legalDocuments(
    @Root() agency: AgencyIssuer,
    @Arg('filter', () => AgencyLegalDocumentFilter, { nullable: true }) filter: AgencyLegalDocumentFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: LegalContext,
  ) {
    const keep = matches(filter);
    return slicePage((await ctx.loaders.documentsByAgency.load(agency.nameKey)).filter(keep).map(toDocument), page);
  }
}

@Resolver(() => LegalDocument)
export class IssuingAgenciesResolver {
  // Items are nullable: legal cannot know which issuers the portal has (national bodies such as
  // the Government are not portal agencies); an issuer the portal does not resolve is null
  // instead of nulling the whole answer.
  @FieldResolver(() => [AgencyIssuer], {
    nullable: 'items',
    description: 'The issuing agencies in the order the source lists them; null for an issuer that is not an agency of the portal.',
  })
  async issuingAgencies(@Root() doc: LegalDocument, @Ctx() ctx: LegalContext): Promise<AgencyIssuer[]> {
    const rows = await ctx.loaders.issuers.load(doc.id);
    const keys = rows.filter((r) => r.agencyMatch === 'NAME' && r.agencyKey).map((r) => r.agencyKey!);
    return [...new Set(keys)].map((nameKey) => ({ nameKey }));
  }
}

/** `Agency` representations sent to legal carry the key only: nothing to read. */
export const agencyReference = { __resolveReference: (ref: { nameKey?: unknown }) => (typeof ref.nameKey === 'string' ? { nameKey: ref.nameKey } : null) };
