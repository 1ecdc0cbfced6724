// The working-day calendar and the Điều 7 update rules, as the frontend and partners see them.
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CATEGORY_KEYS, TRIGGER_KINDS } from '../../../schema/deadlines/rules.ts';
import { enumOf } from '../../kit/enums.ts';
import { LocalDateScalar, LocalizedText } from '../../kit/scalars.ts';

/** R-4.x content categories, as a GraphQL enum generated from the rules module. */
export const ContentCategory = enumOf(CATEGORY_KEYS);
registerEnumType(ContentCategory, { name: 'ContentCategory', description: 'Content categories of Điều 4 (R-4.1 … R-4.15).' });

/** R-7 trigger kinds (`issued` …) as a GraphQL enum (ISSUED …) generated from the rules module. */
export const DeadlineTrigger = Object.fromEntries(TRIGGER_KINDS.map((k) => [k.toUpperCase(), k])) as Record<string, string>;
registerEnumType(DeadlineTrigger, { name: 'DeadlineTrigger', description: 'The event a deadline counts from (or back to).' });

@ObjectType({ description: 'Whether a date is a working day for civil servants, and why.' })
export class CalendarDay {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => Int, { description: '0 = Sunday … 6 = Saturday.' }) weekday!: number;
  @Field(() => Boolean) working!: boolean;
  @Field(() => String, { description: 'weekday, weekend, worked-saturday, holiday, tet, compensatory or bridge.' }) reason!: string;
  @Field(() => LocalizedText, { nullable: true }) name!: LocalizedText | null;
  @Field(() => Boolean, { description: 'Only proposed, not yet announced by the government.' }) provisional!: boolean;
}

@ObjectType()
export class CalendarWarning {
  @Field(() => String) code!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) message!: string;
}

@ObjectType({ description: 'Which years the holiday data covers, and what is missing.' })
export class CalendarCoverageInfo {
  @Field(() => String) dataVersion!: string;
  @Field(() => [Int]) years!: number[];
  @Field(() => [CalendarWarning]) warnings!: CalendarWarning[];
}

@ObjectType({ description: 'An update rule of Điều 7 for one content category.' })
export class UpdateRuleInfo {
  @Field(() => ContentCategory) category!: string;
  @Field(() => String, { description: 'Requirement ID, e.g. R-4.6.' }) requirement!: string;
  @Field(() => String) clause!: string;
  @Field(() => String, { description: 'regular, afterTrigger, beforeTrigger, immediately or promptly.' }) kind!: string;
  @Field(() => Int, { nullable: true }) workingDays!: number | null;
  @Field(() => Int, { nullable: true, description: 'When several sectors must coordinate (Q&A).' }) coordinatedWorkingDays!: number | null;
  @Field(() => [DeadlineTrigger]) triggers!: string[];
  @Field(() => [String], { description: 'Keys of the agencies responsible under Điều 5.' }) providerKeys!: string[];
}

@ObjectType({ description: 'When a piece of content is due on the portal (R-7).' })
export class ContentDeadline {
  @Field(() => ContentCategory) category!: string;
  @Field(() => LocalDateScalar) triggerDate!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Null when the rule sets no date (regular updates).' }) due!: string | null;
  @Field(() => String, { description: 'For R-4.8 the due date is the latest allowed date before the trigger.' }) kind!: string;
}
