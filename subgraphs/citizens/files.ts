// Attachments of questions, petitions and consultation comments (R-4.13: "optional
// attachments"). Checked by the kit's one implementation of file checks (subgraphs/kit/files:
// declared type on the allowlist, magic bytes, the whole file as its type says, no markup, size
// cap, sha256), stored once per hash under CITIZENS_FILES_DIR.
//
// Transport, as the portal does it (portal/editorial/file-input.ts): base64 inside the
// submission mutation, so a question and its files are one request, checked by the same proof
// of work, limits and Idempotency-Key, and written in one transaction. Files are checked before
// anything else is written; their blobs are written inside the transaction once the submission
// is admitted (proof of work spent, limits passed), before its rows: a refused submission writes
// nothing, a rolled-back one leaves at most an unreferenced blob, never a row without bytes. Through the gateway an anonymous
// submission may be larger than the public body limit, up to SUBMISSION_BODY_LIMIT_BYTES
// (8 MB: base64 of ~5.9 MB of files), when it is one submitQuestion / submitPetition /
// submitComment mutation (gateway/submission-body.ts); raise that limit with
// CITIZENS_MAX_FILE_BYTES × files.
//
// Privacy: the bytes are served only inside the GraphQL answers that may show them (the asker's
// trackRequest, staff views scoped to their agencies, and PublishedQuestion / PublicComment for
// the files the board or moderator published): there is no public URL by hash.
import { Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';
import { cleanText } from '../../schema/text/input.ts';
import { inspectFile, putBlob, readBlob, storageKeyOf, type InspectedFile } from '../kit/files/inspect.ts';
import type { CitizensContext, CitizensRuntime } from './context.ts';

/** What citizens may attach: documents and pictures (no video, no CSV). */
export const CITIZEN_FILE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

@InputType({ description: 'A file sent with a question, petition or comment: its bytes as base64 (size-capped), typed by its content.' })
export class AttachmentInput {
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'Declared media type (PDF, PNG, JPEG, WebP, DOCX, XLSX); it must match the file’s bytes.' }) mediaType!: string;
  @Field(() => String) contentBase64!: string;
}

export enum AttachmentRole {
  REQUEST = 'REQUEST',
  ANSWER = 'ANSWER',
  COMMENT = 'COMMENT',
}
registerEnumType(AttachmentRole, {
  name: 'AttachmentRole',
  description:
    'REQUEST: sent by the asker. ANSWER: part of the agency’s answer (the asker sees it once approved; public with the request). COMMENT: sent with a comment.',
});

@ObjectType({ description: 'A file attached to a request or comment. Its bytes come with it (base64) only in the views allowed to see it.' })
export class Attachment {
  @Field(() => ID) id!: string;
  @Field(() => AttachmentRole) role!: AttachmentRole;
  @Field(() => String) fileName!: string;
  @Field(() => String) mediaType!: string;
  @Field(() => Int) byteSize!: number;
  @Field(() => String, { description: 'sha256 of the bytes (hex).' }) sha256!: string;
  @Field(() => Boolean, { description: 'Published with the request or comment.' }) published!: boolean;
}

export interface PreparedAttachment extends InspectedFile {
  fileName: string;
}

/** The columns of a file row (citizens_request_file, citizens_comment_file). */
export const fileColumns = (f: PreparedAttachment) => ({
  fileName: f.fileName,
  mediaType: f.mediaType,
  byteSize: f.byteSize,
  sha256: f.sha256,
  storageKey: storageKeyOf(f.sha256),
});

/** Checks every file (nothing written when one is refused); the same file twice is kept once. */
export function inspectAttachments(files: readonly AttachmentInput[] | null | undefined, runtime: CitizensRuntime): PreparedAttachment[] {
  if (!files?.length) return [];
  if (files.length > runtime.maxFilesPerRequest) {
    throw new HubError('BAD_USER_INPUT', `At most ${runtime.maxFilesPerRequest} files.`, { field: 'attachments', reason: 'TOO_MANY_FILES' });
  }
  const seen = new Set<string>();
  return files
    .map((f, i) => {
      const field = `attachments[${i}]`;
      const fileName = cleanText(f.fileName, { field: `${field}.fileName`, max: 255 }).replace(/[/\\]/g, '_');
      return {
        ...inspectFile({ fileName, mediaType: f.mediaType, contentBase64: f.contentBase64 }, runtime.maxFileBytes, field, CITIZEN_FILE_TYPES),
        fileName,
      };
    })
    .filter((f) => !seen.has(f.sha256) && seen.add(f.sha256));
}

/** Writes the blobs (in the submission's transaction, after admission, before the rows). */
export async function storeAttachments(files: PreparedAttachment[], runtime: CitizensRuntime): Promise<void> {
  for (const f of files) await putBlob(runtime.filesDir, f);
}

/** The bytes of a stored attachment, as base64; a missing blob is an outage, not a client error. */
export async function attachmentContent(runtime: CitizensRuntime, sha256: string): Promise<string> {
  try {
    return (await readBlob(runtime.filesDir, sha256)).toString('base64');
  } catch {
    runtime.logger.error({ sha256 }, 'citizens attachment: blob missing');
    throw new HubError('SERVICE_UNAVAILABLE', 'The file cannot be read now.');
  }
}

export const toAttachment = (row: {
  id: string;
  role?: 'REQUEST' | 'ANSWER';
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  published: boolean;
}): Attachment => ({
  id: row.id,
  role: (row.role ?? 'COMMENT') as AttachmentRole,
  fileName: row.fileName,
  mediaType: row.mediaType,
  byteSize: row.byteSize,
  sha256: row.sha256,
  published: row.published,
});

/** The bytes, on demand: an Attachment only ever appears in a view allowed to show it. */
@Resolver(() => Attachment)
export class AttachmentResolver {
  @FieldResolver(() => String, { description: 'The file’s bytes, base64.' })
  contentBase64(@Root() attachment: Attachment, @Ctx() ctx: CitizensContext): Promise<string> {
    return attachmentContent(ctx.runtime, attachment.sha256);
  }
}
