// What every content item shares, as the GraphQL interface `ContentItem`, and the small
// object types hung on it: trigger, source, files, Dublin Core, locale-resolved text.
import { Field, ID, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { Locale, LocalDateScalar, LocalizedText } from '../../kit/scalars.ts';
import { ContentCategoryEnum, ContentKind, DeadlineTrigger, KINDS } from './kinds.ts';

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

export enum TranslationStatus {
  MISSING = 'MISSING',
  PARTIAL = 'PARTIAL',
  COMPLETE = 'COMPLETE',
}
registerEnumType(TranslationStatus, {
  name: 'TranslationStatus',
  description: 'State of the English version (R-4.15): COMPLETE = title, summary (when any) and body.',
});

export enum FileRole {
  ATTACHMENT = 'ATTACHMENT',
  PHOTO = 'PHOTO',
  VIDEO = 'VIDEO',
  REPORT = 'REPORT',
  SUMMARY_REPORT = 'SUMMARY_REPORT',
  APPLICATION_REPORT = 'APPLICATION_REPORT',
  DATA = 'DATA',
}
registerEnumType(FileRole, { name: 'FileRole', description: 'What a file is to its item (photo, video, a science task’s summary or application report …).' });

@ObjectType({ description: 'Where re-used content comes from (R-3.3).' })
export class SourceAttribution {
  @Field(() => String, { nullable: true, description: 'Official source (agency, publication).' }) name!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true, description: 'Author or source agency.' }) author!: string | null;
}

@ObjectType({ description: 'The event an R-7 deadline counts from.' })
export class ContentTrigger {
  @Field(() => DeadlineTrigger) kind!: string;
  @Field(() => LocalDateScalar) date!: string;
}

@ObjectType({ description: 'A file attached to an item, stored once per sha256.' })
export class ContentFile {
  @Field(() => ID) id!: string;
  @Field(() => FileRole) role!: FileRole;
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'Media type established from the file’s bytes.' }) mediaType!: string;
  @Field(() => Int) byteSize!: number;
  @Field(() => String) sha256!: string;
  @Field(() => LocalizedText, { nullable: true }) caption!: LocalizedText | null;
  @Field(() => String, { nullable: true }) credit!: string | null;
  @Field(() => Int, { nullable: true }) width!: number | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
  @Field(() => Int, { nullable: true }) durationSeconds!: number | null;
  @Field(() => String, { description: 'Download URL (published items only).' }) url!: string;
  itemId!: string;
}

@ObjectType({ description: 'Dublin Core metadata (Thông tư 24/2011/TT-BTTTT; DOMAIN.md §4). The first six are mandatory for publishing.' })
export class DublinCore {
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) creator!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the trigger date (issued, approved …) or the publication date.' }) date!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) publisher!: string | null;
  @Field(() => String, { nullable: true }) identifier!: string | null;
  @Field(() => [String]) language!: string[];
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) contributor!: string | null;
  @Field(() => [String]) subject!: string[];
  @Field(() => String, { nullable: true }) coverage!: string | null;
  @Field(() => String, { nullable: true, description: 'DCMI type: Text, Event or Dataset.' }) type!: string | null;
  @Field(() => String, { nullable: true }) format!: string | null;
  @Field(() => String, { nullable: true }) relation!: string | null;
  @Field(() => String, { nullable: true }) rights!: string | null;
  @Field(() => [String], { description: 'Mandatory elements still missing (empty when the item may be published).' }) missingMandatory!: string[];
}

@ObjectType({ description: 'An item’s text in one channel. English falls back to Vietnamese as a whole when the English title or body is missing.' })
export class ContentText {
  @Field(() => Locale) requestedLocale!: Locale;
  @Field(() => Locale, { description: 'The locale actually served.' }) servedLocale!: Locale;
  @Field(() => Boolean, { description: 'True when the requested locale was not available.' }) isFallback!: boolean;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => String, { description: 'Sanitised HTML.' }) body!: string;
}

@ObjectType({ description: 'R-7 deadline of an item (working days from its trigger; schema/deadlines).' })
export class ItemDeadline {
  @Field(() => LocalDateScalar, { nullable: true, description: 'Null when the category is updated "regularly" (no fixed deadline).' }) dueDate!: string | null;
  @Field(() => String, { description: 'ON_TIME, LATE, PENDING or OVERDUE.' }) status!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Delivery: the day the item was first published (Asia/Ho_Chi_Minh).' }) deliveredOn!:
    string | null;
}

@InterfaceType({
  description: 'Any piece of portal content (R-4): bilingual, owned by an agency, under editorial workflow.',
  resolveType: (value: { kind: ContentKind }) => KINDS[value.kind].typeName,
})
export abstract class ContentItem {
  @Field(() => ID) id!: string;
  @Field(() => ContentKind) kind!: ContentKind;
  @Field(() => ContentCategoryEnum, { description: 'R-4 category key (R-5 provider, R-7 deadline, R-17 reports).' }) contentCategory!: string;
  @Field(() => String, { description: 'The requirement ID of the category, e.g. R-4.5.' }) requirement!: string;
  @Field(() => String, { nullable: true, description: 'Point (điểm) of the clause, e.g. "b" for R-4.5 b.' }) categoryPoint!: string | null;
  @Field(() => String) slug!: string;
  @Field(() => LocalizedText) title!: LocalizedText;
  @Field(() => LocalizedText, { nullable: true }) summary!: LocalizedText | null;
  @Field(() => LocalizedText, { description: 'Sanitised HTML.' }) body!: LocalizedText;
  @Field(() => PublicationState) state!: PublicationState;
  @Field(() => Int, { description: 'Increases with every change; pass it back as expectedVersion.' }) version!: number;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Delivery date for R-7: first time the item went public.' }) firstPublishedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When an approved item will be published.' }) scheduledAt!: Date | null;
  @Field(() => ContentTrigger, { nullable: true }) trigger!: ContentTrigger | null;
  @Field(() => String, { nullable: true }) authorName!: string | null;
  @Field(() => SourceAttribution, { nullable: true }) source!: SourceAttribution | null;
  @Field(() => Boolean, { description: 'Re-used from another source: attribution is then mandatory (R-3.3).' }) isReused!: boolean;
  @Field(() => [String]) subjects!: string[];
  @Field(() => Boolean, { description: 'Belongs to the R-4.15 minimum English set (a–e).' }) translationRequired!: boolean;
  @Field(() => String, { nullable: true, description: 'The R-4.15 point (a–e) when translationRequired.' }) translationPoint!: string | null;
  @Field(() => TranslationStatus) translationStatus!: TranslationStatus;
  @Field(() => Date, { nullable: true }) translatedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  agencyId!: string | null;
  sectionId!: string | null;
  triggerKind!: string | null;
  triggerDate!: Date | null;
  contributor!: string | null;
  coverage!: string | null;
  rights!: string | null;
  relation!: string | null;
  returnReasons!: string[];
}
