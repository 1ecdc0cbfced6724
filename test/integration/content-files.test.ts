// R-6 agency submission with files: size and type limits (magic bytes, not the declared type),
// sha256, deduplication by hash, downloads of published items only.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyMp4, tinyPdf, tinyPng } from '../harness/files.ts';
import { usePortal } from '../harness/portal.ts';
import { AGENCY_A, ANON, APPROVE, articleInput, BOARD, EDITOR_A, EDITOR_B, failCode, ok, PUBLISH } from '../harness/content.ts';

const MAX = 4096;
const portal = usePortal({ maxFileBytes: MAX, maxFilesPerRequest: 3 });

const PNG = tinyPng(120, 80);
const PDF = tinyPdf();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = (fileName: string, mediaType: string, bytes: Buffer, more: Record<string, unknown> = {}) => ({
  fileName,
  mediaType,
  contentBase64: bytes.toString('base64'),
  ...more,
});

const SUBMIT_AGENCY = `mutation($kind: ContentKind!, $input: ContentItemInput!, $files: [FileUploadInput!]) {
  submitAgencyContent(kind: $kind, input: $input, files: $files) { id state slug files { id role fileName mediaType byteSize sha256 caption { vi } credit width height url } } }`;

interface Submitted {
  id: string;
  state: string;
  files: {
    role: string;
    fileName: string;
    mediaType: string;
    byteSize: number;
    sha256: string;
    url: string;
    caption: { vi: string } | null;
    width: number | null;
  }[];
}

async function blobs(): Promise<string[]> {
  const dirs = await readdir(portal.filesDir).catch(() => []);
  return (await Promise.all(dirs.map(async (d) => (await readdir(path.join(portal.filesDir, d))).map((f) => `${d}/${f}`)))).flat();
}

describe('agency submission', () => {
  it('creates the item SUBMITTED with its files, each with its sha256, typed from its bytes', async () => {
    const res = await ok<Submitted>(portal.url, EDITOR_A, SUBMIT_AGENCY, {
      kind: 'ARTICLE',
      input: articleInput({ title: { vi: 'Sở Tài chính gửi tin kèm ảnh' } }),
      files: [
        file('anh-hoi-nghi.png', 'image/png', PNG, { role: 'PHOTO', caption: { vi: 'Quang cảnh hội nghị' }, credit: 'Sở Tài chính', width: 120, height: 80 }),
        file('bao-cao.pdf', 'application/pdf', PDF, { role: 'REPORT' }),
      ],
    });
    expect(res.state).toBe('SUBMITTED');
    expect(res.files.map((f) => [f.role, f.fileName, f.mediaType, f.byteSize, f.sha256])).toEqual([
      ['PHOTO', 'anh-hoi-nghi.png', 'image/png', PNG.length, sha(PNG)],
      ['REPORT', 'bao-cao.pdf', 'application/pdf', PDF.length, sha(PDF)],
    ]);
    expect(res.files[0]).toMatchObject({ caption: { vi: 'Quang cảnh hội nghị' }, width: 120 });
    expect(await readFile(path.join(portal.filesDir, sha(PNG).slice(0, 2), sha(PNG)))).toEqual(PNG);
    const revisions = await portal.db.prisma.contentRevision.findMany({ where: { itemId: res.id }, orderBy: { version: 'asc' } });
    expect(revisions.map((r) => r.action)).toEqual(['CREATE', 'SUBMIT']);
  });

  it('stores a file once per hash, however often it is submitted', async () => {
    const before = await blobs();
    const again = await ok<Submitted>(portal.url, EDITOR_A, SUBMIT_AGENCY, {
      kind: 'ARTICLE',
      input: articleInput({ title: { vi: 'Tin thứ hai cùng ảnh' } }),
      files: [file('anh-lai.png', 'image/png', PNG), file('anh-lan-nua.png', 'image/png', PNG)],
    });
    expect(again.files).toHaveLength(1);
    expect(await blobs()).toEqual(before);
    expect(await portal.db.prisma.storedFile.count({ where: { sha256: sha(PNG) } })).toBe(1);
    expect(await portal.db.prisma.contentFile.count({ where: { sha256: sha(PNG) } })).toBe(2);
  });

  const refusals: [string, unknown[], string][] = [
    ['a file over the size limit', [file('lon.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(MAX)]))], 'FILE_TOO_LARGE'],
    ['a PNG whose bytes are a GIF', [file('gia.png', 'image/png', Buffer.from('GIF89a\x01\x00\x01\x00'))], 'FILE_CONTENT_MISMATCH'],
    ['a PDF whose bytes are HTML', [file('gia.pdf', 'application/pdf', Buffer.from('<html><script>alert(1)</script>'))], 'FILE_CONTENT_MISMATCH'],
    ['a type outside the allowlist', [file('chay.exe', 'application/x-msdownload', Buffer.from('MZ\x90\x00'))], 'FILE_TYPE_NOT_ALLOWED'],
    ['an extension that does not match', [file('anh.pdf', 'image/png', PNG)], 'FILE_EXTENSION_MISMATCH'],
    ['broken base64', [{ fileName: 'a.pdf', mediaType: 'application/pdf', contentBase64: '%%%notbase64' }], 'FILE_ENCODING'],
    ['too many files', [1, 2, 3, 4].map((i) => file(`${i}.pdf`, 'application/pdf', tinyPdf(`Bao cao ${i}`))), 'TOO_MANY_FILES'],
  ];
  for (const [name, files, reason] of refusals) {
    it(`refuses ${name} and creates nothing`, async () => {
      const [items, stored, disk] = [await portal.db.prisma.contentItem.count(), await portal.db.prisma.storedFile.count(), await blobs()];
      const { code, error } = await failCode(portal.url, EDITOR_A, SUBMIT_AGENCY, { kind: 'ARTICLE', input: articleInput(), files });
      expect([code, error.extensions?.reason]).toEqual(['BAD_USER_INPUT', reason]);
      expect([await portal.db.prisma.contentItem.count(), await portal.db.prisma.storedFile.count(), await blobs()]).toEqual([items, stored, disk]);
    });
  }

  it('refuses anonymous and out-of-scope submitters before storing a byte', async () => {
    const disk = await blobs();
    const files = [file('moi.pdf', 'application/pdf', tinyPdf('anonymous'))];
    expect((await failCode(portal.url, ANON, SUBMIT_AGENCY, { kind: 'ARTICLE', input: articleInput(), files })).code).toBe('FORBIDDEN');
    expect((await failCode(portal.url, EDITOR_B, SUBMIT_AGENCY, { kind: 'ARTICLE', input: articleInput({ agencyId: AGENCY_A }), files })).code).toBe(
      'FORBIDDEN',
    );
    expect(await blobs()).toEqual(disk);
  });
});

describe('downloads', () => {
  it('serves a file of a published item, and nothing of an unpublished one', async () => {
    const bytes = tinyPdf('download');
    const item = await ok<Submitted>(portal.url, EDITOR_A, SUBMIT_AGENCY, {
      kind: 'ARTICLE',
      input: articleInput(),
      files: [file('Báo cáo quý.pdf', 'application/pdf', bytes)],
    });
    expect((await fetch(item.files[0]!.url)).status).toBe(404);
    await ok(portal.url, BOARD, APPROVE, { id: item.id });
    await ok(portal.url, BOARD, PUBLISH, { id: item.id });
    const res = await fetch(item.files[0]!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Báo cáo quý.pdf')}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('attaches photos to a draft with their media metadata', async () => {
    const draft = await ok<{ id: string }>(portal.url, EDITOR_A, `mutation($i: ContentItemInput!) { createContentItem(kind: ARTICLE, input: $i) { id } }`, {
      i: articleInput(),
    });
    const res = await ok<Submitted>(
      portal.url,
      EDITOR_A,
      `mutation($id: ID!, $f: [FileUploadInput!]!) { attachContentFiles(id: $id, files: $f) { id files(role: VIDEO) { fileName mediaType } } }`,
      {
        id: draft.id,
        f: [file('clip.mp4', 'video/mp4', tinyMp4(), { role: 'VIDEO', durationSeconds: 95 })],
      },
    );
    expect(res.files).toEqual([{ fileName: 'clip.mp4', mediaType: 'video/mp4' }]);
    expect((await portal.db.prisma.contentFile.findFirstOrThrow({ where: { itemId: draft.id } })).durationSec).toBe(95);
  });
});
