// Files as they arrive in a GraphQL mutation: base64 with a strict size cap. Why not a separate
// upload route: the mutation is the one path that is authenticated (JWT at the gateway),
// signed (gateway → subgraph) and audited, and the item and its files are created in one
// transaction, as R-6 asks ("a mutation that accepts the item and its files"). The price is
// the 4/3 base64 overhead and the gateway's body limit (BODY_LIMIT_BYTES): large media need
// that limit raised, or a signed-upload route added later.
import { Field, InputType, Int } from 'type-graphql';
import { HubError } from '../../../schema/errors.ts';
import { localizedIn, nonNegativeInt, optText, text } from '../content/clean.ts';
import { LocalizedTextInput } from '../content/kinds/shared-inputs.ts';
import type { Tx } from '../content/kinds/module.ts';
import { FileRole } from '../content/types.ts';
import type { PortalRuntime } from '../context.ts';
import { inspectFile, putBlob, storageKeyOf, type InspectedFile } from '../../kit/files/inspect.ts';

@InputType({ description: 'A file sent with a submission: its bytes as base64 (size-capped), typed by its content.' })
export class FileUploadInput {
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'Declared media type; it must match the file’s bytes.' }) mediaType!: string;
  @Field(() => String) contentBase64!: string;
  @Field(() => FileRole, { nullable: true }) role?: FileRole | null;
  @Field(() => LocalizedTextInput, { nullable: true }) caption?: LocalizedTextInput | null;
  @Field(() => String, { nullable: true }) credit?: string | null;
  @Field(() => Int, { nullable: true }) width?: number | null;
  @Field(() => Int, { nullable: true }) height?: number | null;
  @Field(() => Int, { nullable: true }) durationSeconds?: number | null;
}

export interface PreparedFile extends InspectedFile {
  fileName: string;
  role: FileRole;
  captionVi: string | null;
  captionEn: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
  durationSec: number | null;
}

/** Check every file, then store the blobs; throws before anything is stored if one is bad. */
export async function prepareFiles(files: FileUploadInput[], options: PortalRuntime): Promise<PreparedFile[]> {
  if (files.length > options.maxFilesPerRequest) {
    throw new HubError('BAD_USER_INPUT', `At most ${options.maxFilesPerRequest} files per request.`, { field: 'files', reason: 'TOO_MANY_FILES' });
  }
  const prepared = files.map((f, i) => {
    const field = `files[${i}]`;
    const fileName = text(f.fileName, `${field}.fileName`, 255).replace(/[/\\]/g, '_');
    const caption = f.caption ? localizedIn(f.caption, `${field}.caption`, 500) : { vi: null, en: null };
    const inspected = inspectFile({ fileName, mediaType: f.mediaType, contentBase64: f.contentBase64 }, options.maxFileBytes, field);
    return {
      ...inspected,
      fileName,
      role: f.role ?? FileRole.ATTACHMENT,
      captionVi: caption.vi,
      captionEn: caption.en,
      credit: optText(f.credit, `${field}.credit`),
      // An image's own dimensions win over what the client said.
      width: inspected.facts.width ?? (nonNegativeInt(f.width, `${field}.width`, 100_000) || null),
      height: inspected.facts.height ?? (nonNegativeInt(f.height, `${field}.height`, 100_000) || null),
      durationSec: nonNegativeInt(f.durationSeconds, `${field}.durationSeconds`, 86_400),
    };
  });
  for (const f of prepared) await putBlob(options.filesDir, f);
  return prepared;
}

/** Link prepared files to an item; the same file twice on one item is linked once. */
export async function attachPrepared(tx: Tx, itemId: string, files: PreparedFile[]): Promise<void> {
  if (!files.length) return;
  await tx.storedFile.createMany({
    data: files.map((f) => ({ sha256: f.sha256, byteSize: f.byteSize, mediaType: f.mediaType, storageKey: storageKeyOf(f.sha256) })),
    skipDuplicates: true,
  });
  const last = await tx.contentFile.aggregate({ where: { itemId }, _max: { sortOrder: true } });
  const base = (last._max.sortOrder ?? -1) + 1;
  await tx.contentFile.createMany({
    data: files.map((f, i) => ({
      itemId,
      sha256: f.sha256,
      role: f.role,
      fileName: f.fileName,
      captionVi: f.captionVi,
      captionEn: f.captionEn,
      credit: f.credit,
      width: f.width,
      height: f.height,
      durationSec: f.durationSec,
      sortOrder: base + i,
    })),
    skipDuplicates: true,
  });
}
