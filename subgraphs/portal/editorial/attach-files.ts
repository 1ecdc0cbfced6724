// Add files to a draft or returned item (photos with caption/credit/size, reports …).
import type { PortalContext } from '../context.ts';
import { attachPrepared, prepareFiles, type FileUploadInput } from './file-input.ts';
import { loadForChange, runTransition } from './workflow.ts';

export async function attachFiles(ctx: PortalContext, id: string, files: FileUploadInput[], expectedVersion?: number | null) {
  await loadForChange(ctx, 'ATTACH_FILES', id);
  const prepared = await prepareFiles(files, ctx.options);
  return runTransition(ctx, 'ATTACH_FILES', id, {
    expectedVersion,
    reason: `${prepared.length} file(s)`,
    also: (tx) => attachPrepared(tx, id, prepared),
    detail: { sha256: prepared.map((f) => f.sha256) },
  });
}
