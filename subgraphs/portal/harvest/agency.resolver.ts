// schema.org GovernmentOrganization JSON-LD of an agency, in the graph.
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Agency } from '../organisation.types.ts';

export function agencyJsonLd(a: Agency): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentOrganization',
    name: a.name.vi,
    alternateName: [a.name.en, a.shortName].filter(Boolean),
    identifier: a.code,
    url: a.website ?? undefined,
    email: a.email ?? undefined,
    telephone: a.phone ?? undefined,
    faxNumber: a.fax ?? undefined,
    address: a.address ?? undefined,
    description: a.functions?.vi ?? undefined,
    foundingDate: a.validFrom ?? undefined,
    dissolutionDate: a.validTo ?? undefined,
  };
}

@Resolver(() => Agency)
export class AgencyJsonLdResolver {
  @FieldResolver(() => String, { description: 'schema.org GovernmentOrganization as JSON-LD, serialised: embed it as <script type="application/ld+json">.' })
  jsonLd(@Root() agency: Agency): string {
    return JSON.stringify(agencyJsonLd(agency));
  }
}
