import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Db } from '../../../schema/db/prisma.ts';
import { PublicationState } from './types.ts';

@ObjectType('ContentRevision', { description: 'One change of an item: who, when, why; the snapshot is kept in the database.' })
export class ContentRevisionView {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String, { description: 'CREATE, UPDATE, SUBMIT, APPROVE, RETURN, PUBLISH, SCHEDULE, UNPUBLISH, ARCHIVE, REOPEN, TRANSLATE, ATTACH_FILES.' })
  action!: string;
  @Field(() => PublicationState, { nullable: true }) fromState!: PublicationState | null;
  @Field(() => PublicationState) toState!: PublicationState;
  @Field(() => String, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true }) actorName!: string | null;
  @Field(() => [String]) actorRoles!: string[];
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Date) createdAt!: Date;
}

export const toRevision = (r: Db.ContentRevision): ContentRevisionView => ({
  id: r.id,
  version: r.version,
  action: r.action,
  fromState: r.fromState as PublicationState | null,
  toState: r.toState as PublicationState,
  actorId: r.actorId,
  actorName: r.actorName,
  actorRoles: r.actorRoles,
  reason: r.reason,
  createdAt: r.createdAt,
});
