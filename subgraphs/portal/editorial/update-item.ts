// Save the editor's form over a draft or returned item: common fields and the kind's detail
// replaced, one revision. The slug and kind stay fixed (stable URLs).
import { HubError } from '../../../schema/errors.ts';
import type { ContentKind } from '../content/kinds.ts';
import { TranslationStatus } from '../content/types.ts';
import type { PortalContext } from '../context.ts';
import { resolveRefs } from './create-item.ts';
import { mapUniqueViolation } from './db-errors.ts';
import { cleanItemInput, type ContentItemInput } from './item-input.ts';
import { may } from './permissions.ts';
import { runTransition } from './workflow.ts';

export async function updateItem(ctx: PortalContext, id: string, expectedVersion: number | null, input: ContentItemInput, reason?: string | null) {
  let cleaned: ReturnType<typeof cleanItemInput> | undefined;
  let sectionId: string | null = null;
  return runTransition(ctx, 'UPDATE', id, {
    expectedVersion,
    reason,
    precheck: async (row) => {
      cleaned = cleanItemInput(row.kind as ContentKind, input);
      if (cleaned.common.agencyId !== row.agencyId && !may(ctx.actor, 'UPDATE', cleaned.common.agencyId)) {
        throw new HubError('FORBIDDEN', 'You may not move the item to that agency.');
      }
      ({ sectionId } = await resolveRefs(ctx, { agencyId: cleaned.common.agencyId, sectionSlug: input.sectionSlug }));
    },
    data: (row) => {
      const { common } = cleaned!;
      const complete = common.translationStatus === TranslationStatus.COMPLETE;
      const englishChanged = common.titleEn !== row.titleEn || common.summaryEn !== row.summaryEn || common.bodyEn !== row.bodyEn;
      return { ...common, sectionId, translatedAt: complete ? (englishChanged || !row.translatedAt ? ctx.now() : row.translatedAt) : null };
    },
    also: async (tx) => {
      await cleaned!.module.write(tx, id, cleaned!.detail);
    },
  }).catch((err: unknown) => mapUniqueViolation(err, 'An item with this code already exists.'));
}
