// Small types both requests and consultations use.
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DEADLINE_STATUSES } from '../../schema/deadlines/deadline.ts';
import { enumOf } from '../kit/enums.ts';
import { LocalDateScalar } from '../kit/scalars.ts';

export const DeadlineStatusEnum = enumOf(DEADLINE_STATUSES);
registerEnumType(DeadlineStatusEnum, {
  name: 'AnswerDeadlineStatus',
  description: 'ON_TIME / LATE once answered; PENDING before the due date, OVERDUE after it.',
});

@ObjectType({ description: 'Where a request stands against its R-7.7 deadline.' })
export class DeadlineState {
  @Field(() => LocalDateScalar, { nullable: true }) dueOn!: string | null;
  @Field(() => DeadlineStatusEnum) status!: (typeof DEADLINE_STATUSES)[number];
}

@ObjectType({ description: 'A proof-of-work challenge (ALTCHA): solve it in the browser and send the payload with the submission.' })
export class ProofOfWorkChallenge {
  @Field(() => String, { description: 'The challenge as JSON, as the ALTCHA widget expects it.' }) json!: string;
  @Field(() => Date) expiresAt!: Date;
}
