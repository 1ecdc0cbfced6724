// Files sent by people (the portal's content files, R-6; citizens' attachments, R-4.13): decoded,
// size-limited, typed by their magic bytes (the declared type must agree) and checked whole
// (content.ts), hashed with sha256 and stored once per hash under `<filesDir>/<aa>/<sha256>`.
// One implementation for every subgraph that takes files; each keeps its own directory and rows.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HubError } from '../../../schema/errors.ts';
import { ContentMismatch, verifyWholeFile, type FileFacts } from './content.ts';

interface MediaRule {
  mediaType: string;
  extensions: readonly string[];
  matches(bytes: Buffer): boolean;
}

const startsWith = (bytes: Buffer, sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Buffer, from: number, to: number) => bytes.subarray(from, to).toString('latin1');
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The allowlist: anything else is refused, whatever it claims to be. */
export const MEDIA_RULES: readonly MediaRule[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'], matches: (b) => ascii(b, 0, 5) === '%PDF-' },
  { mediaType: 'image/png', extensions: ['png'], matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { mediaType: 'image/webp', extensions: ['webp'], matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
  { mediaType: 'video/mp4', extensions: ['mp4'], matches: (b) => ascii(b, 4, 8) === 'ftyp' },
  { mediaType: 'text/csv', extensions: ['csv'], matches: isUtf8Text },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    matches: (b) => startsWith(b, ZIP),
  },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], matches: (b) => startsWith(b, ZIP) },
];

export interface InspectedFile {
  bytes: Buffer;
  sha256: string;
  mediaType: string;
  byteSize: number;
  /** What decoding the file told (an image's dimensions). */
  facts: FileFacts;
}

const refuse = (reason: string, message: string, field: string) => new HubError('BAD_USER_INPUT', message, { field, reason });

/**
 * Decode and check one file; nothing is written. `allowed` narrows the allowlist (media types);
 * by default every type of MEDIA_RULES is accepted.
 */
export function inspectFile(
  input: { fileName: string; mediaType: string; contentBase64: string },
  maxBytes: number,
  field: string,
  allowed?: readonly string[],
): InspectedFile {
  const b64 = input.contentBase64;
  // Refuse by length before decoding anything: 4 base64 characters carry 3 bytes.
  if (b64.length > Math.ceil(maxBytes / 3) * 4 + 4) throw refuse('FILE_TOO_LARGE', 'The file is larger than the limit.', field);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw refuse('FILE_ENCODING', 'contentBase64 is not valid base64.', field);
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length === 0) throw refuse('FILE_EMPTY', 'The file is empty.', field);
  if (bytes.length > maxBytes) throw refuse('FILE_TOO_LARGE', 'The file is larger than the limit.', field);
  const declared = input.mediaType.trim().toLowerCase();
  const rule = MEDIA_RULES.find((r) => r.mediaType === declared && (!allowed || allowed.includes(r.mediaType)));
  if (!rule) throw refuse('FILE_TYPE_NOT_ALLOWED', 'This type of file is not accepted.', field);
  const ext = path.extname(input.fileName).slice(1).toLowerCase();
  if (!rule.extensions.includes(ext)) throw refuse('FILE_EXTENSION_MISMATCH', 'The file name’s extension does not match its type.', field);
  const mismatch = () => refuse('FILE_CONTENT_MISMATCH', 'The file’s content does not match its declared type.', field);
  if (!rule.matches(bytes)) throw mismatch();
  let facts: FileFacts;
  try {
    facts = verifyWholeFile(rule.mediaType, bytes);
  } catch (err) {
    if (err instanceof ContentMismatch) throw mismatch();
    throw err;
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), mediaType: rule.mediaType, byteSize: bytes.length, facts };
}

export const storageKeyOf = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`;

/**
 * Write the bytes under their hash unless already there (content-addressed: the same file
 * submitted twice is stored once). Written before the database transaction: a rolled-back
 * transaction leaves at most an unreferenced blob, never a row without its bytes.
 */
export async function putBlob(filesDir: string, file: InspectedFile): Promise<string> {
  const key = storageKeyOf(file.sha256);
  const target = path.join(filesDir, key);
  const exists = await stat(target).then(
    (s) => s.size === file.byteSize,
    () => false,
  );
  if (!exists) {
    await mkdir(path.dirname(target), { recursive: true });
    // Unique per write: two requests storing the same file at once must not share a temp file.
    const tmp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, file.bytes, { mode: 0o640 });
    await rename(tmp, target);
  }
  return key;
}

/** The bytes stored under a hash (throws when missing). */
export function readBlob(filesDir: string, sha256: string): Promise<Buffer> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return Promise.reject(new Error('not a sha256'));
  return readFile(path.join(filesDir, storageKeyOf(sha256)));
}
