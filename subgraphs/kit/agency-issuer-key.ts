// The key by which the portal's Agency and the legal subgraph join (Federation 2): how a legal
// source names an issuing agency. A source gives either the agency's QCVN 102 code or its name
// (folded like Agency.nameKey), so the legal subgraph fills one half of the key; the portal,
// which owns agencies, always fills both. One key both subgraphs can fill, so `issuingAgencies`
// mixes code- and name-matched issuers in one list (one `_entities` fetch), and the portal's
// agencies reach legal with both halves. `@inaccessible`: plumbing of the join, not part of the
// public API (whose Agency.code and Agency.nameKey stay non-null).
import { Directive, Field, ObjectType } from 'type-graphql';

@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType('AgencyIssuerKey', { description: 'How a legal source names an agency: its QCVN 102 code, its folded name, or both (the portal’s agencies).' })
export class AgencyIssuerKey {
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field(() => String, { nullable: true }) nameKey!: string | null;
}

/** The representation's key as a lookup by one of the portal's own keys: by code when given, else by folded name. */
export function issuerKeyLookup(rep: Record<string, unknown>): { code: string } | { nameKey: string } | null {
  const key = rep.issuerKey;
  if (!key || typeof key !== 'object') return null;
  const { code, nameKey } = key as Record<string, unknown>;
  if (typeof code === 'string' && code) return { code };
  if (typeof nameKey === 'string' && nameKey) return { nameKey };
  return null;
}
