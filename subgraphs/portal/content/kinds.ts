// The content kinds of Điều 4 and what each kind means for the rest of the hub: its R-4
// category (the key R-7 deadlines and R-17 reports use), its URL segment, its Dublin Core type
// and the point that makes its English version mandatory — all from the registry.
import { registerEnumType } from 'type-graphql';
import { CATEGORIES, TRIGGER_KINDS, UPDATE_RULES, type ContentCategory, type TriggerKind } from '../../../schema/deadlines/rules.ts';
import { HubError } from '../../../schema/errors.ts';
import { ContentKind, KINDS } from './registry.ts';

export { ContentKind, KINDS } from './registry.ts';
export type { KindMeta } from './kinds/module.ts';
registerEnumType(ContentKind, { name: 'ContentKind', description: 'What a content item is; each kind is a GraphQL type implementing ContentItem.' });

/** The R-4 categories and R-7 trigger kinds as GraphQL enums: the calendar's, shared. */
export { ContentCategory as ContentCategoryEnum, DeadlineTrigger } from '../calendar/calendar.types.ts';

export const kindBySegment = (segment: string): ContentKind | undefined => (Object.keys(KINDS) as ContentKind[]).find((k) => KINDS[k].segment === segment);

export const requirementOf = (category: string): string => CATEGORIES[category as ContentCategory] ?? category;

/** A trigger must be one the category's R-7 rule counts from (when the rule names any). */
export function checkTrigger(category: ContentCategory, kind: string): TriggerKind {
  if (!(TRIGGER_KINDS as readonly string[]).includes(kind)) {
    throw new HubError('BAD_USER_INPUT', `trigger.kind must be one of ${TRIGGER_KINDS.join(', ')}.`, { field: 'trigger.kind', reason: 'TRIGGER_KIND' });
  }
  const rule = UPDATE_RULES[category].rule;
  if ('triggers' in rule && !(rule.triggers as readonly string[]).includes(kind)) {
    throw new HubError('BAD_USER_INPUT', `${category} deadlines count from: ${rule.triggers.join(', ')}.`, {
      field: 'trigger.kind',
      reason: 'TRIGGER_NOT_APPLICABLE',
    });
  }
  return kind as TriggerKind;
}
