// the GraphQL type of science and technology tasks (the kind's module: science.module.ts).
import { Directive, Field, ObjectType } from 'type-graphql';
import { LocalDateScalar, LocalizedText } from '../../../kit/scalars.ts';
import { ContentItem } from '../types.ts';
import { ManagementLevel } from './science.module.ts';

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A science and technology task (R-4.11). The name is the item’s title.' })
export class ScienceTask extends ContentItem {
  @Field(() => String) code!: string;
  @Field(() => ManagementLevel) managementLevel!: ManagementLevel;
  @Field(() => String) field!: string;
  @Field(() => String, { description: 'Lead unit (tổ chức chủ trì).' }) leadUnit!: string;
  @Field(() => String, { nullable: true, description: 'Chủ nhiệm nhiệm vụ.' }) principalInvestigator!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) startOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) endOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Acceptance (nghiệm thu) date; results are published after it.' }) acceptedOn!: string | null;
  @Field(() => LocalizedText, { nullable: true, description: 'Results after acceptance.' }) resultSummary!: LocalizedText | null;
}
