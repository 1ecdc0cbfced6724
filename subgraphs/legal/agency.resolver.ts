// The portal's Agency, joined from the legal side (Federation 2). A source names an issuer by
// its QCVN 102 code or by its name; legal records which (`issuers[].agencyMatch`) and joins on
// one key both subgraphs can fill, `issuerKey { code nameKey }` (kit/agency-issuer-key.ts):
// legal fills the half the source gave, the portal both. `Agency.legalDocuments` @requires the
// portal's code and folded name, so an agency reached from anywhere (the portal's lists, or a
// document's issuingAgencies) gets the documents whose issuer carried its code as well as those
// that named it. Both directions through per-request loaders: one statement for a page of
// documents or of agencies.
import { Arg, Args, Ctx, Directive, Field, FieldResolver, InputType, ObjectType, Resolver, Root } from 'type-graphql';
import type { Db } from '../../schema/db/prisma.ts';
import { HubError } from '../../schema/errors.ts';
import { PageArgs, slicePage } from '../kit/pagination.ts';
import { fromLocalDate, LocalDateScalar } from '../kit/scalars.ts';
import type { LegalContext } from './context.ts';
import { toDocument } from './mappers.ts';
import { LegalDocument, LegalDocumentPage } from './types/document.types.ts';
import { LegalValidityStatus } from './types/enums.ts';
import { AgencyIssuerKey } from '../kit/agency-issuer-key.ts';

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

@Directive('@key(fields: "issuerKey { code nameKey }")')
@ObjectType('Agency', { description: 'A state agency (owned by the portal subgraph); legal adds the documents it issued.' })
export class AgencyIssuer {
  @Directive('@inaccessible')
  @Field(() => AgencyIssuerKey)
  issuerKey!: AgencyIssuerKey;
  // The portal's, sent along by the gateway for legalDocuments (@requires); never resolved here.
  @Directive('@external') @Field(() => String) code?: string;
  @Directive('@external') @Field(() => String) nameKey?: string;
}

/** The agency's code and folded name: the portal's (@requires) when given, else the half of the key legal knows. */
export function agencyKeys(agency: AgencyIssuer): { code: string | null; nameKey: string | null } {
  return { code: agency.code ?? agency.issuerKey?.code ?? null, nameKey: agency.nameKey ?? agency.issuerKey?.nameKey ?? null };
}

@Resolver(() => AgencyIssuer)
export class AgencyIssuerResolver {
  @Directive('@requires(fields: "code nameKey")')
  @FieldResolver(() => LegalDocumentPage, {
    description: 'Legal documents this agency issued (alone or jointly; its issuer given by code or by name), newest first; withdrawn ones only on request.',
  })
  async legalDocuments(
    @Root() agency: AgencyIssuer,
    @Arg('filter', () => AgencyLegalDocumentFilter, { nullable: true }) filter: AgencyLegalDocumentFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: LegalContext,
  ) {
    const keep = matches(filter);
    return slicePage((await ctx.loaders.documentsByAgency.load(agencyKeys(agency))).filter(keep).map(toDocument), page);
  }
}

@Resolver(() => LegalDocument)
export class IssuingAgenciesResolver {
  // Items are nullable: legal cannot know which issuers the portal has (national bodies such as
  // the Government are not portal agencies); an issuer the portal does not resolve is null
  // instead of nulling the whole answer.
  @FieldResolver(() => [AgencyIssuer], {
    nullable: 'items',
    description:
      'The issuing agencies in the order the source lists them, matched by QCVN 102 code where the source gives one, else by name (issuers[].agencyMatch says which); null for an issuer that is not an agency of the portal.',
  })
  async issuingAgencies(@Root() doc: LegalDocument, @Ctx() ctx: LegalContext): Promise<AgencyIssuer[]> {
    const rows = await ctx.loaders.issuers.load(doc.id);
    const seen = new Set<string>();
    const out: AgencyIssuer[] = [];
    for (const r of rows) {
      if (!r.agencyKey || (r.agencyMatch !== 'CODE' && r.agencyMatch !== 'NAME')) continue;
      const id = `${r.agencyMatch}:${r.agencyKey}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ issuerKey: r.agencyMatch === 'CODE' ? { code: r.agencyKey, nameKey: null } : { code: null, nameKey: r.agencyKey } });
    }
    return out;
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** `Agency` representations sent to legal carry the key (and the required code and name): nothing to read. */
export const agencyReference = {
  __resolveReference: (ref: { issuerKey?: unknown; code?: unknown; nameKey?: unknown }): AgencyIssuer | null => {
    const key = ref.issuerKey && typeof ref.issuerKey === 'object' ? (ref.issuerKey as Record<string, unknown>) : null;
    if (!key) return null;
    const issuerKey = { code: text(key.code) ?? null, nameKey: text(key.nameKey) ?? null };
    if (!issuerKey.code && !issuerKey.nameKey) return null;
    return { issuerKey, code: text(ref.code), nameKey: text(ref.nameKey) };
  },
};
