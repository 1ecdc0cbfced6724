import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Vietnamese text (required) and its English version (optional, R-4.15).' })
export class LocalizedTextInput {
  @Field(() => String) vi!: string;
  @Field(() => String, { nullable: true }) en?: string | null;
}
