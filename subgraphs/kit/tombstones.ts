// Tombstones for incremental harvesting over GraphQL: a subgraph's public lists take
// `changedSince`, and a `removed…(since)` query answers, on request, what was public once and is
// not now (withdrawn, unpublished), so a harvester learns of removals too. One shape for every
// subgraph — a value type, @shareable like PageInfo — carrying only what identifies the item.
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';
import { PageInfo } from './pagination.ts';

@Directive('@shareable')
@ObjectType({ description: 'An item that was public and is not any more: what a harvester needs to drop it.' })
export class Tombstone {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The harvest kind (legal-documents, procedures, online-services, questions, consultations).' }) kind!: string;
  @Field(() => String, { description: 'The public URL it had: its identifier in OAI-PMH, sitemaps, feeds and Dublin Core.' }) url!: string;
  @Field(() => Date, { description: 'When it stopped being public (its last change).' }) removedAt!: Date;
  @Field(() => String, { description: 'WITHDRAWN or UNPUBLISHED.' }) reason!: string;
}

@Directive('@shareable')
@ObjectType()
export class TombstonePage {
  @Field(() => [Tombstone]) nodes!: Tombstone[];
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

/** A valid `since` (a GraphQL DateTime parses, but may still be an invalid instant). */
export function checkSince(since: Date): Date {
  if (Number.isNaN(since.getTime())) throw new HubError('BAD_USER_INPUT', 'since is not a valid instant.', { field: 'since' });
  return since;
}
