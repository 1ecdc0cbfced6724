// The whole file must be what its type says (issue 7 finding 12, A38), not only its first
// bytes: a PNG signature followed by HTML, or a web page declared as text/csv, is refused.
// Images are decoded (`image-size`: header and dimensions) and their container walked to its
// end marker with nothing after it; CSV is parsed as CSV (`csv-parse`, consistent columns);
// PDFs need a header, a cross-reference pointer and `%%EOF` at the end; MP4 boxes must tile the
// file; Office files must be complete ZIPs. No file may carry HTML markup anywhere: browsers
// that sniff would run it (we also serve files with nosniff and a sandbox CSP).
import { crc32 } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { imageSize } from 'image-size';

export class ContentMismatch extends Error {}

export interface FileFacts {
  width?: number;
  height?: number;
}

const fail = (why: string): never => {
  throw new ContentMismatch(why);
};

// Tags that make a browser treat bytes as a page, scanned in latin1 so binary stays byte for
// byte. Five characters or more each: random compressed bytes (photos, video) match one by
// chance about once in 10^4 files of 2 MB, where "<a " or "<img" would match every few hundred.
const MARKUP = /<(?:!doctype|html|head|body|script|iframe|object|embed|svg|meta|link|style|form)[\s>/]|javascript:/i;

function noMarkup(bytes: Buffer): void {
  if (MARKUP.test(bytes.toString('latin1'))) fail('markup');
}

function decodedImage(bytes: Buffer, type: string): FileFacts {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return fail('image header');
  }
  if (size.type !== type || !size.width || !size.height) fail('image header');
  return { width: size.width, height: size.height };
}

/** PNG: chunks with valid CRCs from IHDR to IEND, nothing after IEND. */
function wholePng(bytes: Buffer): void {
  let at = 8;
  let first = true;
  for (;;) {
    if (at + 12 > bytes.length) fail('png truncated');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) fail('png chunk length');
    if (first && type !== 'IHDR') fail('png without IHDR');
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) >>> 0 !== bytes.readUInt32BE(at + 8 + length)) fail('png chunk crc');
    first = false;
    at = end;
    if (type === 'IEND') break;
  }
  if (at !== bytes.length) fail('data after IEND');
}

/** JPEG: starts with SOI and ends with EOI. */
function wholeJpeg(bytes: Buffer): void {
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) fail('jpeg without EOI');
}

/** WebP: the RIFF size covers exactly the file. */
function wholeWebp(bytes: Buffer): void {
  if (bytes.readUInt32LE(4) + 8 !== bytes.length) fail('riff size');
}

/** MP4: top-level boxes tile the file exactly, starting with ftyp. */
function wholeMp4(bytes: Buffer): void {
  let at = 0;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) fail('mp4 truncated');
    let size = bytes.readUInt32BE(at);
    if (size === 1) {
      if (at + 16 > bytes.length) fail('mp4 truncated');
      size = Number(bytes.readBigUInt64BE(at + 8));
    } else if (size === 0) size = bytes.length - at;
    if (size < 8 || at + size > bytes.length) fail('mp4 box size');
    at += size;
  }
}

/** PDF: `%PDF-1.x` header, a startxref and `%%EOF` at the end (trailing whitespace allowed). */
function wholePdf(bytes: Buffer): void {
  if (!/^%PDF-[12]\.\d/.test(bytes.toString('latin1', 0, 8))) fail('pdf header');
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 1024));
  if (!/startxref\s+\d+\s+%%EOF\s*$/.test(tail)) fail('pdf trailer');
}

/** DOCX/XLSX: a ZIP whose end-of-central-directory record closes the file, with [Content_Types].xml. */
function wholeOfficeZip(bytes: Buffer): void {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), bytes.length - 22);
  if (eocd < from || eocd + 22 + bytes.readUInt16LE(eocd + 20) !== bytes.length) fail('zip end record');
  if (!bytes.includes('[Content_Types].xml', 0, 'latin1')) fail('not an office document');
}

/** CSV: UTF-8 text that parses as CSV with the same number of columns on every row. */
function wholeCsv(bytes: Buffer): void {
  let rows: string[][];
  try {
    rows = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes), { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch {
    return fail('csv');
  }
  if (rows.length === 0) fail('csv empty');
}

const CHECKS: Record<string, (bytes: Buffer) => FileFacts | void> = {
  'image/png': (b) => (wholePng(b), decodedImage(b, 'png')),
  'image/jpeg': (b) => (wholeJpeg(b), decodedImage(b, 'jpg')),
  'image/webp': (b) => (wholeWebp(b), decodedImage(b, 'webp')),
  'video/mp4': wholeMp4,
  'application/pdf': wholePdf,
  'text/csv': wholeCsv,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': wholeOfficeZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': wholeOfficeZip,
};

/** Checks the whole file against its (already magic-checked) type; throws ContentMismatch. */
export function verifyWholeFile(mediaType: string, bytes: Buffer): FileFacts {
  const check = CHECKS[mediaType];
  if (!check) return fail('no check for this type');
  noMarkup(bytes);
  return check(bytes) ?? {};
}
