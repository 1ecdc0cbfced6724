// The editor's form for any kind: common fields plus exactly one kind-specific block.
// Everything is cleaned here (NFC, controls, lengths, sanitised HTML) before it reaches SQL.
import { Field, ID, InputType } from 'type-graphql';
import { citedNumberKeys } from '../../../schema/domain/legal-citation.ts';
import { foldVietnamese } from '../../../schema/text/vietnamese.ts';
import { plainFromMarkup } from '../../../schema/text/markup.ts';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { bad, localizedIn, optLocalizedIn, optRichText, optText, richText, stringList, TEXT_LIMITS } from '../content/clean.ts';
import { checkTrigger, ContentKind, DeadlineTrigger, KINDS } from '../content/kinds.ts';
import { LocalizedTextInput } from '../content/kinds/shared-inputs.ts';
import { DETAIL_MODULES, moduleOf } from '../content/registry.ts';
import { TranslationStatus } from '../content/types.ts';

@InputType()
export class TriggerInput {
  @Field(() => DeadlineTrigger) kind!: string;
  @Field(() => LocalDateScalar) date!: string;
}

@InputType()
export class SourceInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => String, { nullable: true }) author?: string | null;
}

@InputType({ description: 'A content item as the editor fills it in. Give the block matching the kind, and no other.' })
export class ContentItemInput {
  @Field(() => ID, { nullable: true, description: 'Providing agency (required for agency editors).' }) agencyId?: string | null;
  @Field(() => String, { nullable: true, description: 'URL slug; derived from the title when absent. Fixed once created.' }) slug?: string | null;
  @Field(() => LocalizedTextInput) title!: LocalizedTextInput;
  @Field(() => LocalizedTextInput, { nullable: true }) summary?: LocalizedTextInput | null;
  @Field(() => LocalizedTextInput, { nullable: true, description: 'HTML or plain text; sanitised by an allowlist.' }) body?: LocalizedTextInput | null;
  @Field(() => String, { nullable: true, description: 'Articles: the editorial section.' }) sectionSlug?: string | null;
  @Field(() => TriggerInput, { nullable: true, description: 'The event R-7 counts from.' }) trigger?: TriggerInput | null;
  @Field(() => String, { nullable: true, description: 'Author (Dublin Core creator).' }) authorName?: string | null;
  @Field(() => SourceInput, { nullable: true }) source?: SourceInput | null;
  @Field(() => Boolean, { nullable: true, description: 'Re-used from another source (R-3.3).' }) isReused?: boolean | null;
  @Field(() => [String], { nullable: true }) subjects?: string[] | null;
  @Field(() => String, { nullable: true }) contributor?: string | null;
  @Field(() => String, { nullable: true }) coverage?: string | null;
  @Field(() => String, { nullable: true }) rights?: string | null;
  @Field(() => String, { nullable: true }) relation?: string | null;
  @Field(() => String, { nullable: true, description: 'R-4.15 point (a–e) making English mandatory; default from the kind.' }) translationPoint?: string | null;
  // …and one block per kind with a detail (its module's `inputField`), added below from the registry.
}

// The kind blocks, in registry order: `introduction: IntroductionInput`, `directive: DirectiveInput` …
for (const m of DETAIL_MODULES) {
  if (m.input)
    Field(m.input.type, { nullable: true, ...(m.input.description ? { description: m.input.description } : {}) })(ContentItemInput.prototype, m.inputField);
}

export function translationStatusOf(t: { titleEn: string | null; summaryVi: string | null; summaryEn: string | null; bodyVi: string; bodyEn: string | null }) {
  if (t.titleEn && (!t.summaryVi || t.summaryEn) && (!t.bodyVi || t.bodyEn)) return TranslationStatus.COMPLETE;
  return t.titleEn || t.summaryEn || t.bodyEn ? TranslationStatus.PARTIAL : TranslationStatus.MISSING;
}

function cleanUrl(v: string | null | undefined, field: string): string | null {
  const url = optText(v, field, 1000);
  if (url && !/^https?:\/\/[^\s]+$/i.test(url)) throw bad(field, 'URL', `${field} must be an http(s) URL.`);
  return url;
}

export function slugify(title: string): string {
  const s = foldVietnamese(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
  return s || 'noi-dung';
}

/** The detail block of the kind, refusing blocks meant for other kinds. */
function detailOf(kind: ContentKind, input: ContentItemInput): unknown {
  const mine = moduleOf(kind);
  for (const m of DETAIL_MODULES) {
    const given = (input as unknown as Record<string, unknown>)[m.inputField];
    if (m !== mine && given !== undefined && given !== null) {
      throw bad(m.inputField, 'WRONG_KIND', `${m.inputField} does not belong to a ${kind} item.`);
    }
  }
  const block = (input as unknown as Record<string, unknown>)[mine.inputField];
  if (kind !== ContentKind.ARTICLE && (block === undefined || block === null)) {
    throw bad(mine.inputField, 'MISSING_DETAIL', `A ${kind} item needs its ${mine.inputField} block.`);
  }
  return mine.clean(block as never, kind);
}

export function cleanItemInput(kind: ContentKind, input: ContentItemInput) {
  const meta = KINDS[kind];
  const module = moduleOf(kind);
  const detail = detailOf(kind, input);
  const title = localizedIn(input.title, 'title', TEXT_LIMITS.title);
  const summary = optLocalizedIn(input.summary, 'summary', TEXT_LIMITS.summary, true);
  const bodyVi = input.body ? richText(input.body.vi, 'body.vi', true) : '';
  const bodyEn = optRichText(input.body?.en, 'body.en');
  const subjects = stringList(input.subjects, 'subjects', 20, 100);
  const point = input.translationPoint ?? module.englishPoint?.(detail) ?? meta.englishPoint ?? null;
  if (point !== null && !/^[a-e]$/.test(point)) throw bad('translationPoint', 'POINT', 'translationPoint must be one of a–e.');
  const source = input.source ?? {};
  const common = {
    category: meta.category,
    categoryPoint: module.categoryPoint?.(detail) ?? null,
    agencyId: input.agencyId ?? null,
    titleVi: title.vi,
    titleEn: title.en,
    summaryVi: summary.vi,
    summaryEn: summary.en,
    bodyVi,
    bodyEn,
    titleFolded: foldVietnamese(title.vi).slice(0, 500),
    searchFolded: foldVietnamese(
      [title.vi, title.en, summary.vi, subjects.join(' '), module.searchText?.(detail), plainFromMarkup(bodyVi)].filter(Boolean).join(' '),
    ),
    triggerKind: input.trigger ? checkTrigger(meta.category, input.trigger.kind) : null,
    triggerDate: input.trigger ? new Date(`${input.trigger.date}T00:00:00Z`) : null,
    authorName: optText(input.authorName, 'authorName'),
    sourceName: optText(source.name, 'source.name', 300),
    sourceUrl: cleanUrl(source.url, 'source.url'),
    sourceAuthor: optText(source.author, 'source.author'),
    isReused: input.isReused ?? false,
    subjects,
    contributor: optText(input.contributor, 'contributor', 300),
    coverage: optText(input.coverage, 'coverage', 300),
    rights: optText(input.rights, 'rights', 300),
    relation: cleanUrl(input.relation, 'relation'),
    translationPoint: point,
    legalBasisKeys: citedNumberKeys(module.legalBases?.(detail) ?? []),
  };
  const translationStatus = translationStatusOf(common);
  return { common: { ...common, translationStatus }, detail, module };
}
