// an agency sends content to the portal through the graph — the item and its files in one
// mutation, created and submitted to the editorial board in one transaction.
import type { ContentKind } from '../content/kinds.ts';
import type { PortalContext } from '../context.ts';
import { createItem } from './create-item.ts';
import { prepareFiles, type FileUploadInput } from './file-input.ts';
import type { ContentItemInput } from './item-input.ts';
import { requireRole, requireScope } from './permissions.ts';

export async function submitAgencyContent(ctx: PortalContext, kind: ContentKind, input: ContentItemInput, files: FileUploadInput[]) {
  // Check the caller and the agency before decoding or storing a single byte.
  await requireRole(ctx, 'CREATE');
  await requireScope(ctx, 'CREATE', { id: null, agencyId: input.agencyId ?? null });
  const prepared = await prepareFiles(files, ctx.options);
  return createItem(ctx, kind, input, { files: prepared, submit: true });
}
