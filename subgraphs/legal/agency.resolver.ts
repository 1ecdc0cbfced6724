// The portal's Agency, joined from the legal side: a document's issuing agencies (matched by
// the folded name the source gives; `issuers[].agencyMatch` records how), and the documents an
// agency issued, contributed to Agency. Both through per-request loaders: one statement for a
// page of documents or of agencies.
import { Args, Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { PageArgs, slicePage } from '../kit/pagination.ts';
import type { LegalContext } from './context.ts';
import { toDocument } from './mappers.ts';
import { LegalDocument, LegalDocumentPage } from './types/document.types.ts';

@Directive('@key(fields: "nameKey")')
@ObjectType('Agency', { description: 'A state agency (owned by the portal subgraph); legal adds the documents it issued.' })
export class AgencyIssuer {
  @Field(() => String) nameKey!: string;
}

@Resolver(() => AgencyIssuer)
export class AgencyIssuerResolver {
  @FieldResolver(() => LegalDocumentPage, { description: 'Legal documents this agency issued (alone or jointly), newest first.' })
  async legalDocuments(@Root() agency: AgencyIssuer, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: LegalContext) {
    return slicePage((await ctx.loaders.documentsByAgency.load(agency.nameKey)).map(toDocument), page);
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
