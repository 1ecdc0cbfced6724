// news articles: bilingual, categorised, with source attribution and media.
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalizedText } from '../kit/scalars.ts';
import { PageOf } from '../kit/pagination.ts';

export enum PublicationState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
  PUBLISHED = 'PUBLISHED',
  UNPUBLISHED = 'UNPUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(PublicationState, { name: 'PublicationState', description: 'Editorial state; the public sees PUBLISHED only (R-3.4).' });

@ObjectType({ description: 'Where re-used content comes from (R-3.3).' })
export class SourceAttribution {
  @Field(() => String, { nullable: true, description: 'Official source (agency, publication).' }) name!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true, description: 'Author or source agency.' }) author!: string | null;
}

@ObjectType()
export class ArticleCategory {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => LocalizedText) name!: LocalizedText;
  parentId!: string | null;
}

@ObjectType({ description: 'A file or medium attached to an article.' })
export class Attachment {
  @Field(() => ID) id!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String) mediaType!: string;
  @Field(() => Int) byteSize!: number;
  @Field(() => String) sha256!: string;
  @Field(() => LocalizedText, { nullable: true }) caption!: LocalizedText | null;
  @Field(() => String, { nullable: true }) credit!: string | null;
  @Field(() => Int, { nullable: true }) width!: number | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
  @Field(() => Int, { nullable: true }) durationSeconds!: number | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A news article (R-4.2).' })
export class Article {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => LocalizedText) title!: LocalizedText;
  @Field(() => LocalizedText, { nullable: true }) summary!: LocalizedText | null;
  @Field(() => LocalizedText) body!: LocalizedText;
  @Field(() => PublicationState) state!: PublicationState;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => String, { nullable: true }) authorName!: string | null;
  @Field(() => SourceAttribution, { nullable: true }) source!: SourceAttribution | null;
  @Field(() => Boolean, { description: 'Re-used from another source: attribution is then mandatory.' }) isReused!: boolean;
  @Field(() => Date) updatedAt!: Date;
  categoryId!: string;
  agencyId!: string | null;
}

export const ArticlePage = PageOf(Article, 'ArticlePage');

@InputType()
export class ArticleFilter {
  @Field(() => String, { nullable: true, description: 'Words of the title, with or without diacritics.' }) search?: string | null;
  @Field(() => String, { nullable: true }) categorySlug?: string | null;
  @Field(() => ID, { nullable: true }) agencyId?: string | null;
}
