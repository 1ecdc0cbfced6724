// Agency portals in the graph: the links directory (AgencyPortal, Agency.webPortals),
// the state of each harvested feed and sitemap, and what was harvested (HarvestedItem, an
// entity this subgraph owns: external, with its source URL, attributed to the agency).
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageOf } from '../../kit/pagination.ts';
import { AgencyRef } from '../agency.ts';

export enum PortalSourceKind {
  FEED = 'FEED',
  SITEMAP = 'SITEMAP',
}
registerEnumType(PortalSourceKind, { name: 'PortalSourceKind', description: 'FEED: RSS 2.0 or Atom 1.0. SITEMAP: a sitemap or sitemap index.' });

@ObjectType({ description: 'One feed or sitemap of a portal and how its last harvest went.' })
export class PortalSource {
  @Field(() => PortalSourceKind) kind!: PortalSourceKind;
  @Field(() => String) url!: string;
  @Field(() => Date, { nullable: true }) lastFetchedAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastSuccessAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'OK, NOT_MODIFIED, or the UPSTREAM_* code of the last failure.' }) lastStatus!: string | null;
  @Field(() => Int, { description: 'Failures in a row (the next attempt backs off).' }) failures!: number;
  @Field(() => Int, { description: "Entries of the last successful fetch dropped: their URL is not on the portal's hosts." }) droppedOffHost!: number;
  @Field(() => Date, { nullable: true }) nextAttemptAt!: Date | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "An agency's own web portal: a link in the directory, and feeds and sitemaps the hub harvests." })
export class AgencyPortal {
  @Field(() => ID) id!: string;
  @Field(() => AgencyRef) agency!: AgencyRef;
  @Field(() => String) name!: string;
  @Field(() => String) url!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Boolean, { description: 'Its feeds and sitemaps are harvested on schedule.' }) harvest!: boolean;
  @Field(() => [String], { description: "Hosts besides the home page's that its items may live on (items elsewhere are dropped)." }) hosts!: string[];
  @Directive('@listSize(assumedSize: 5)')
  @Field(() => [PortalSource])
  sources!: PortalSource[];
}
export const AgencyPortalPage = PageOf(AgencyPortal, 'AgencyPortalPage');

@Directive('@key(fields: "id")')
@ObjectType({ description: "An item read from an agency portal's feed or sitemap: external — link to `url`; attributed to its agency (R-3.3)." })
export class HarvestedItem {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: 'Plain text (markup removed).' }) summary!: string | null;
  @Field(() => String, { description: 'The page on the agency portal.' }) url!: string;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => Date, { description: 'When the hub first saw it.' }) firstSeenAt!: Date;
  @Field(() => Date, { description: 'When its content last changed at the source, as harvested.' }) lastSeenAt!: Date;
  @Field(() => Boolean, { description: 'Always true: not the portal’s own content.' }) external!: boolean;
  @Field(() => AgencyRef) agency!: AgencyRef;
  /** Resolved by a field resolver (batched). */
  portalId!: string;
}
export const HarvestedItemPage = PageOf(HarvestedItem, 'HarvestedItemPage');

@InputType({ description: 'An agency portal for the directory; feeds and sitemaps to harvest.' })
export class AgencyPortalInput {
  @Field(() => ID) agencyId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Home page (http or https).' }) url!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) harvest?: boolean | null;
  @Field(() => [String], { nullable: true, description: 'RSS 2.0 / Atom 1.0 feed URLs (at most 10).' }) feeds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Sitemap or sitemap-index URLs (at most 5).' }) sitemaps?: string[] | null;
  @Field(() => Int, { nullable: true }) sortOrder?: number | null;
  @Field(() => [String], { nullable: true, description: "Other hosts its items may live on (at most 10), besides the home page's." }) hosts?: string[] | null;
}
