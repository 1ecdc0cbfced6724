// The search answer in the graph: hits carry the federated entity itself (the SearchResult
// union of every registered kind's type, resolved by its owning subgraph through the gateway in
// one batched `_entities` call per subgraph), with kind, highlights, score and facets.
import { createUnionType, Directive, Field, Float, ID, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { enumOf } from '../kit/enums.ts';
import { PageInfo } from '../kit/pagination.ts';
import { AgencyRef } from './agency.ts';
import { HarvestedItem } from './portals/types.ts';
import { SEARCH_KINDS } from './sources/registry.ts';

export { AgencyRef };

export const SearchKind = enumOf(SEARCH_KINDS.map((k) => k.kind));
registerEnumType(SearchKind, {
  name: 'SearchKind',
  description: 'Every kind of public item the one search covers.',
  valuesConfig: Object.fromEntries(SEARCH_KINDS.map((k) => [k.kind, { description: `${k.description} Resolves to ${k.typename}.` }])),
});

export enum SearchSort {
  RELEVANCE = 'RELEVANCE',
  DATE_DESC = 'DATE_DESC',
  DATE_ASC = 'DATE_ASC',
}
registerEnumType(SearchSort, {
  name: 'SearchSort',
  description: 'RELEVANCE: exact number/code matches first, then text rank, then newest. Without a query, newest first.',
});

/** One stub per registered type: its key only; the owning subgraph resolves the rest. */
function entityStub(typename: string, keyField: 'id' | 'code'): ClassType {
  @Directive(`@key(fields: "${keyField}", resolvable: false)`)
  @ObjectType(typename)
  class Stub {
    @Field(() => (keyField === 'id' ? ID : String), { name: keyField })
    key!: string;
  }
  Object.defineProperty(Stub, 'name', { value: `${typename}Ref` });
  return Stub;
}

/** Types this subgraph owns itself: members of the union as they are, not stubs. */
const OWN_TYPES: Record<string, ClassType> = { HarvestedItem };

const members = new Map<string, ClassType>();
for (const k of SEARCH_KINDS) if (!members.has(k.typename)) members.set(k.typename, OWN_TYPES[k.typename] ?? entityStub(k.typename, k.keyField));
export const ENTITY_STUBS = [...members.values()].filter((c) => !Object.values(OWN_TYPES).includes(c));
const UNION_MEMBERS = [...members.values()];

export interface EntityRef {
  __typename: string;
  key: string;
}

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'What a hit is: the federated entity of its kind, resolved by the subgraph that owns it.',
  types: () => UNION_MEMBERS as [ClassType, ...ClassType[]],
  resolveType: (value) => (value as EntityRef).__typename,
});

@ObjectType({ description: 'A stretch of `text` that matched (UTF-16 offsets): wrap it to highlight.' })
export class HighlightRange {
  @Field(() => Int) start!: number;
  @Field(() => Int) length!: number;
}

@ObjectType({ description: 'The title, or a snippet of the body around the first match, with the matched words.' })
export class SearchHighlight {
  @Field(() => String, { description: '"title" or "body".' }) field!: string;
  @Field(() => String) text!: string;
  @Directive('@listSize(assumedSize: 5)')
  @Field(() => [HighlightRange])
  ranges!: HighlightRange[];
}

@ObjectType({ description: 'One item found.' })
export class SearchHit {
  @Field(() => SearchKind) kind!: string;
  @Field(() => SearchResult, { nullable: true, description: 'The item itself (null if its owner no longer serves it).' })
  item!: EntityRef | null;
  @Field(() => String, { description: 'Title as indexed (the item has its own, localised).' }) title!: string;
  @Field(() => Date, { nullable: true, description: 'The date the item is known by: issue date, publication.' }) date!: Date | null;
  @Field(() => Float, { description: 'Text relevance (higher is better; 0 without a query).' }) score!: number;
  @Field(() => Boolean, { description: 'The query named its number/symbol or code exactly.' }) exactMatch!: boolean;
  @Directive('@listSize(assumedSize: 2)')
  @Field(() => [SearchHighlight])
  highlights!: SearchHighlight[];
  @Directive('@listSize(assumedSize: 2)')
  @Field(() => [AgencyRef], { description: 'Agencies the item belongs to (owner, issuers, implementing agencies).' })
  agencies!: AgencyRef[];
  @Field(() => Boolean, { description: 'Harvested from another site (an agency portal): link to sourceUrl.' }) external!: boolean;
  @Field(() => String, { nullable: true }) sourceUrl!: string | null;
  @Field(() => String, { nullable: true }) sourceName!: string | null;
}

@ObjectType()
export class KindFacet {
  @Field(() => SearchKind) kind!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class AgencyFacet {
  @Field(() => AgencyRef) agency!: AgencyRef;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class YearFacet {
  @Field(() => Int) year!: number;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Counts per value over the matching items; each facet ignores its own filter, so every choice shows what it would give.' })
export class SearchFacets {
  @Directive('@listSize(assumedSize: 10)')
  @Field(() => [KindFacet])
  kinds!: KindFacet[];
  @Directive('@listSize(assumedSize: 20)')
  @Field(() => [AgencyFacet], { description: 'Top 50 agencies.' })
  agencies!: AgencyFacet[];
  @Directive('@listSize(assumedSize: 10)')
  @Field(() => [YearFacet])
  years!: YearFacet[];
}

@ObjectType()
export class SearchResults {
  @Field(() => [SearchHit]) nodes!: SearchHit[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => SearchFacets) facets!: SearchFacets;
}
