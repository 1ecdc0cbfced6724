import type { Db } from '../../../schema/db/prisma.ts';
import { localizedOrNull } from '../../kit/scalars.ts';
import type { PortalContext } from '../context.ts';
import type { ContentFile, FileRole } from './types.ts';

export const toContentFile = (r: Db.ContentFile & { stored: Db.StoredFile }, ctx: PortalContext): ContentFile => ({
  id: r.id,
  role: r.role as FileRole,
  fileName: r.fileName,
  mediaType: r.stored.mediaType,
  byteSize: r.stored.byteSize,
  sha256: r.sha256,
  caption: localizedOrNull(r.captionVi, r.captionEn),
  credit: r.credit,
  width: r.width,
  height: r.height,
  durationSeconds: r.durationSec,
  url: `${ctx.linkBase()}/files/${r.id}/${encodeURIComponent(r.fileName)}`,
  itemId: r.itemId,
});
