// The English version of an item: title, summary and body. Allowed in every state but
// ARCHIVED, so a published item's translation goes live at once.
import { optRichText, optText, optMultiline, TEXT_LIMITS } from '../content/clean.ts';
import { TranslationStatus } from '../content/types.ts';
import type { PortalContext } from '../context.ts';
import { translationStatusOf } from './item-input.ts';
import { runTransition } from './workflow.ts';

export interface TranslationFields {
  title?: string | null;
  summary?: string | null;
  body?: string | null;
}

export function translateItem(ctx: PortalContext, id: string, t: TranslationFields, expectedVersion?: number | null) {
  const titleEn = optText(t.title, 'translation.title', TEXT_LIMITS.title);
  const summaryEn = optMultiline(t.summary, 'translation.summary', TEXT_LIMITS.summary);
  const bodyEn = optRichText(t.body, 'translation.body');
  return runTransition(ctx, 'TRANSLATE', id, {
    expectedVersion,
    reason: 'English version (R-4.15)',
    data: (row) => {
      const status = translationStatusOf({ titleEn, summaryVi: row.summaryVi, summaryEn, bodyVi: row.bodyVi, bodyEn });
      return { titleEn, summaryEn, bodyEn, translationStatus: status, translatedAt: status === TranslationStatus.COMPLETE ? ctx.now() : null };
    },
  });
}
