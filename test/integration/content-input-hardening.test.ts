// What editors send is what gets stored, and nothing more: invisible and direction characters
// leave titles and file names (A37, issue 7 finding 11); a file must be what its type says
// from its first byte to its last (A38, finding 12).
import { describe, expect, it } from 'vitest';
import { ANON, articleInput, BOARD, EDITOR_A, failCode, itemIn, ok, type ItemView } from '../harness/content.ts';
import { pngTextChunk, tinyJpeg, tinyPdf, tinyPng, upload } from '../harness/files.ts';
import { usePortal } from '../harness/portal.ts';

const portal = usePortal();

const SUBMIT = `mutation($input: ContentItemInput!, $files: [FileUploadInput!]) {
  submitAgencyContent(kind: ARTICLE, input: $input, files: $files) { id title { vi } files { fileName mediaType width height } } }`;

interface Submitted {
  id: string;
  title: { vi: string };
  files: { fileName: string; mediaType: string; width: number | null; height: number | null }[];
}

const HTML = '<!DOCTYPE html><html><body><script>fetch("/graphql")</script></body></html>';

describe('A37: invisible and direction characters', () => {
  it('are removed from titles and file names; Vietnamese text is kept', async () => {
    const res = await ok<Submitted>(portal.url, EDITOR_A, SUBMIT, {
      input: articleInput({ title: { vi: 'Thông\u200b báo\u202e của Sở\ufeff Tài\u2066 chính\u2069' } }),
      files: [upload('báo-cáo\u202Efdp.csv', 'text/csv', Buffer.from('năm,giá trị\n2025,12\n'))],
    });
    expect(res.title.vi).toBe('Thông báo của Sở Tài chính');
    expect(res.files[0]!.fileName).toBe('báo-cáofdp.csv');
    const row = await portal.db.prisma.contentItem.findUniqueOrThrow({ where: { id: res.id } });
    expect(row.titleVi).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u);
  });
});

describe('A38: the whole file must be what its type says', () => {
  it('accepts real PNG, JPEG, PDF and CSV files, with the images’ own dimensions', async () => {
    const res = await ok<Submitted>(portal.url, EDITOR_A, SUBMIT, {
      input: articleInput(),
      files: [
        upload('anh.png', 'image/png', tinyPng(40, 30), { width: 9999 }),
        upload('anh.jpg', 'image/jpeg', tinyJpeg()),
        upload('bao-cao.pdf', 'application/pdf', tinyPdf()),
        upload('so-lieu.csv', 'text/csv', Buffer.from('\ufeffchỉ tiêu,năm,giá trị\n"Dân số, nghìn người",2025,1500\n')),
      ],
    });
    expect(res.files.map((f) => [f.mediaType, f.width, f.height])).toEqual([
      ['image/png', 40, 30],
      ['image/jpeg', 3, 2],
      ['application/pdf', null, null],
      ['text/csv', null, null],
    ]);
  });

  const png = tinyPng(4, 4);
  const refusals: [string, ReturnType<typeof upload>][] = [
    ['PNG magic followed by HTML (polyglot)', upload('anh.png', 'image/png', Buffer.concat([png.subarray(0, 8), Buffer.from(HTML)]))],
    ['a valid PNG with HTML after IEND', upload('anh.png', 'image/png', Buffer.concat([png, Buffer.from(HTML)]))],
    ['a PNG carrying HTML in a text chunk', upload('anh.png', 'image/png', tinyPng(4, 4, [pngTextChunk('Comment', HTML)]))],
    ['a PNG with a corrupted chunk', upload('anh.png', 'image/png', Buffer.from(png.map((b, i) => (i === 20 ? b ^ 0xff : b))))],
    ['a JPEG with HTML appended', upload('anh.jpg', 'image/jpeg', Buffer.concat([tinyJpeg(), Buffer.from(HTML)]))],
    ['a JPEG header with no frame', upload('anh.jpg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0xff, 0xd9]))],
    ['HTML declared as text/csv', upload('so-lieu.csv', 'text/csv', Buffer.from(HTML))],
    ['an SVG declared as text/csv', upload('so-lieu.csv', 'text/csv', Buffer.from('<svg onload="alert(1)"/>'))],
    ['a CSV whose rows disagree on columns', upload('so-lieu.csv', 'text/csv', Buffer.from('a,b,c\n1,2\n'))],
    ['a CSV with an unterminated quote', upload('so-lieu.csv', 'text/csv', Buffer.from('a,b\n"1,2\n'))],
    ['a PDF header with HTML after it', upload('bao-cao.pdf', 'application/pdf', Buffer.from(`%PDF-1.4\n${HTML}\nstartxref\n0\n%%EOF\n`))],
    ['a PDF cut short (no trailer)', upload('bao-cao.pdf', 'application/pdf', tinyPdf().subarray(0, 200))],
    ['a PDF with HTML after %%EOF', upload('bao-cao.pdf', 'application/pdf', Buffer.concat([tinyPdf(), Buffer.from(HTML)]))],
    ['an MP4 whose boxes do not tile the file', upload('clip.mp4', 'video/mp4', Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isomavc1<html>'))],
    [
      'a DOCX that is a bare ZIP header',
      upload('van-ban.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('PK\x03\x04junk')),
    ],
  ];
  for (const [name, file] of refusals) {
    it(`refuses ${name}`, async () => {
      const before = await portal.db.prisma.storedFile.count();
      const { code, error } = await failCode(portal.url, EDITOR_A, SUBMIT, { input: articleInput(), files: [file] });
      expect([code, error.extensions?.reason]).toEqual(['BAD_USER_INPUT', 'FILE_CONTENT_MISMATCH']);
      expect(await portal.db.prisma.storedFile.count()).toBe(before);
    });
  }
});

describe('issue 8: one length rule for notes and reasons', () => {
  const long = 'ý'.repeat(2001);
  const ok2000 = 'ý'.repeat(2000);
  const steps: [string, string, () => Promise<ItemView>][] = [
    ['submit note', `mutation($id: ID!, $n: String) { submitContentItem(id: $id, note: $n) { id } }`, () => itemIn(portal.url, 'DRAFT')],
    ['approve note', `mutation($id: ID!, $n: String) { approveContentItem(id: $id, note: $n) { id } }`, () => itemIn(portal.url, 'SUBMITTED')],
    ['archive reason', `mutation($id: ID!, $n: String) { archiveContentItem(id: $id, reason: $n) { id } }`, () => itemIn(portal.url, 'PUBLISHED')],
  ];
  for (const [name, query, make] of steps) {
    it(`refuses a ${name} over 2,000 characters (BAD_USER_INPUT, TOO_LONG) instead of cutting it, accepts 2,000`, async () => {
      const item = await make();
      const actor = name.startsWith('submit') ? EDITOR_A : BOARD;
      const { code, error } = await failCode(portal.url, actor, query, { id: item.id, n: long });
      expect([code, error.extensions?.reason]).toEqual(['BAD_USER_INPUT', 'TOO_LONG']);
      await ok(portal.url, actor, query, { id: item.id, n: ok2000 });
    });
  }

  it('refuses an over-long list filter (sector, unit code) instead of cutting it', async () => {
    const sector = await failCode(portal.url, ANON, `{ lawExplainers(sector: "${'a'.repeat(121)}") { totalCount } }`);
    expect([sector.code, sector.error.extensions?.field, sector.error.extensions?.reason]).toEqual(['BAD_USER_INPUT', 'sector', 'TOO_LONG']);
    const unit = await failCode(portal.url, ANON, `{ planItems(unitCode: "08707083151") { totalCount } }`);
    expect([unit.code, unit.error.extensions?.field, unit.error.extensions?.reason]).toEqual(['BAD_USER_INPUT', 'unitCode', 'TOO_LONG']);
    await ok(portal.url, ANON, `{ planItems(unitCode: "08707") { totalCount } }`);
  });
});
