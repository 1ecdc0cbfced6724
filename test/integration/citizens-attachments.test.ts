// Attachments of questions, petitions and comments (kit/files checks: allowlist, magic bytes,
// whole file, size cap, sha256), private to the asker and the staff handling them until the
// board (or the moderator) publishes them; and accent-insensitive public search.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AGENCY_A, AGENCY_B, BOARD, call, editorOf, solvedProofOfWork, useCitizens } from '../harness/citizens.ts';
import { tinyMp4, tinyPdf, tinyPng, upload } from '../harness/files.ts';
import { tempFilesDir } from '../harness/portal.ts';

let now = new Date('2025-05-12T03:00:00Z');
const filesDir = await tempFilesDir();
const citizens = useCitizens({ clock: () => now, submissionsPerClientHour: 100, submissionsPerContactDay: 100, maxFileBytes: 20_000, filesDir });

const SUBMIT = `mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { trackingCode secret } }`;
const FILE_FIELDS = `attachments { id fileName mediaType byteSize sha256 published contentBase64 }`;
const TRACK = `query($c: String!, $s: String!) { trackRequest(trackingCode: $c, secret: $s) { ${FILE_FIELDS} } }`;
const STAFF = `query($id: ID!) { citizenRequest(id: $id) { ${FILE_FIELDS} } }`;
const PUBLIC = `query($id: ID!) { publishedQuestion(id: $id) { title ${FILE_FIELDS} } }`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface FileView {
  id: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  published: boolean;
  contentBase64: string;
}

let seq = 0;
async function ask(extra: Record<string, unknown>) {
  const clientKey = `att-${++seq}`;
  const input = { contact: { name: `Hoàng Thị ${seq}`, email: `hoang.${seq}@example.vn` }, title: 'Hỏi về hồ sơ', body: 'Xem tệp đính kèm', ...extra };
  return call<{ submitQuestion: { trackingCode: string; secret: string } }>(
    citizens.url,
    SUBMIT,
    { input: { ...input, proofOfWork: await solvedProofOfWork(citizens.url, clientKey) } },
    { clientKey },
  );
}
const idOf = async (trackingCode: string) => (await citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode } })).id;

async function answered(id: string, approve: Record<string, unknown> = {}) {
  const route = await call(
    citizens.url,
    `mutation($id: ID!) { routeCitizenRequest(id: $id, input: { agencyIds: ["${AGENCY_A}"], fieldName: "Hộ tịch" }) { state } }`,
    { id },
    { actor: BOARD },
  );
  expect(route.body.errors).toBeUndefined();
  const answer = await call(
    citizens.url,
    `mutation($id: ID!) { submitCitizenAnswer(id: $id, input: { text: "Nộp tại bộ phận một cửa." }) { state } }`,
    { id },
    { actor: editorOf(AGENCY_A) },
  );
  expect(answer.body.errors).toBeUndefined();
  const approved = await call(
    citizens.url,
    `mutation($id: ID!, $input: ApproveCitizenAnswerInput) { approveCitizenAnswer(id: $id, input: $input) { state } }`,
    { id, input: approve },
    { actor: BOARD },
  );
  expect(approved.body.errors).toBeUndefined();
}

describe('attachments of a question', () => {
  const pdf = tinyPdf('Giay khai sinh');
  const png = tinyPng(3, 2);

  it('stores the files by hash and shows them to the asker and the routed agency only, the public only once the board publishes them', async () => {
    const r = await ask({ attachments: [upload('giay-khai-sinh.pdf', 'application/pdf', pdf), upload('anh/chup.png', 'image/png', png)] });
    expect(r.body.errors).toBeUndefined();
    const { trackingCode, secret } = r.body.data!.submitQuestion;
    const id = await idOf(trackingCode);
    const rows = await citizens.db.prisma.citizenRequestFile.findMany({ where: { requestId: id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((f) => [f.fileName, f.mediaType, f.sha256, f.role, f.published])).toEqual([
      ['giay-khai-sinh.pdf', 'application/pdf', sha(pdf), 'REQUEST', false],
      ['anh_chup.png', 'image/png', sha(png), 'REQUEST', false],
    ]);
    expect(await readdir(`${filesDir}/${sha(pdf).slice(0, 2)}`)).toContain(sha(pdf));

    const tracked = await call<{ trackRequest: { attachments: FileView[] } }>(citizens.url, TRACK, { c: trackingCode, s: secret });
    expect(
      tracked.body.data?.trackRequest.attachments.map((a) => Buffer.from(a.contentBase64, 'base64').equals(a.mediaType === 'image/png' ? png : pdf)),
    ).toEqual([true, true]);
    // Before routing, an agency editor sees nothing; after it, agency A sees the files and B does not.
    await answered(id, { publish: false });
    const forA = await call<{ citizenRequest: { attachments: FileView[] } }>(citizens.url, STAFF, { id }, { actor: editorOf(AGENCY_A) });
    expect(forA.body.data?.citizenRequest.attachments).toHaveLength(2);
    const forB = await call(citizens.url, STAFF, { id }, { actor: editorOf(AGENCY_B) });
    expect(forB.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(forB.text).not.toContain(pdf.toString('base64').slice(0, 40));

    // Published without files: the public sees the question and none of them.
    const PUBLISH = `mutation($id: ID!, $input: PublishCitizenRequestInput) { publishCitizenRequest(id: $id, input: $input) { state } }`;
    expect((await call(citizens.url, PUBLISH, { id }, { actor: BOARD })).body.errors).toBeUndefined();
    const plain = await call<{ publishedQuestion: { attachments: FileView[] } }>(citizens.url, PUBLIC, { id });
    expect(plain.body.data?.publishedQuestion.attachments).toEqual([]);
    // An agency editor may not publish, and an id of another request's file is refused.
    const pdfId = rows[0]!.id;
    expect(
      (await call(citizens.url, PUBLISH, { id, input: { publishAttachmentIds: [pdfId] } }, { actor: editorOf(AGENCY_A) })).body.errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const foreign = await call(citizens.url, PUBLISH, { id, input: { publishAttachmentIds: ['0190a1b2-0000-7000-8000-0000000000ff'] } }, { actor: BOARD });
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_ID' });
    expect((await call(citizens.url, PUBLISH, { id, input: { publishAttachmentIds: [pdfId] } }, { actor: BOARD })).body.errors).toBeUndefined();
    const withPdf = await call<{ publishedQuestion: { attachments: FileView[] } }>(citizens.url, PUBLIC, { id });
    expect(withPdf.body.data?.publishedQuestion.attachments.map((a) => [a.fileName, a.sha256, a.contentBase64])).toEqual([
      ['giay-khai-sinh.pdf', sha(pdf), pdf.toString('base64')],
    ]);
  });

  it('refuses a file whose bytes are not its declared type, a type not accepted, an oversized file and a fourth file, writing nothing', async () => {
    const before = await citizens.db.prisma.citizenRequest.count();
    const html = Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>');
    const cases: [unknown[], string][] = [
      [[upload('don.pdf', 'application/pdf', Buffer.from('<html>not a pdf</html>'))], 'FILE_CONTENT_MISMATCH'],
      [[upload('don.pdf', 'application/pdf', html)], 'FILE_CONTENT_MISMATCH'],
      [[upload('don.png', 'application/pdf', pdf)], 'FILE_EXTENSION_MISMATCH'],
      [[upload('clip.mp4', 'video/mp4', tinyMp4())], 'FILE_TYPE_NOT_ALLOWED'],
      [[upload('lon.pdf', 'application/pdf', tinyPdf('x'.repeat(25_000)))], 'FILE_TOO_LARGE'],
      [[upload('x.pdf', 'application/pdf', Buffer.alloc(0))], 'FILE_EMPTY'],
      [[1, 2, 3, 4].map((i) => upload(`t${i}.pdf`, 'application/pdf', tinyPdf(`so ${i}`))), 'TOO_MANY_FILES'],
    ];
    for (const [attachments, reason] of cases) {
      const r = await ask({ attachments });
      expect(r.body.errors?.[0]?.extensions, reason).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    }
    expect(await citizens.db.prisma.citizenRequest.count()).toBe(before);
  });

  it('writes no bytes to disk for a submission that is not admitted (no proof of work, over the limit)', async () => {
    const pdf = tinyPdf('Khong duoc nhan');
    const r = await call(
      citizens.url,
      SUBMIT,
      { input: { contact: { name: 'Q', email: 'q@example.vn' }, title: 'T', body: 'B', attachments: [upload('x.pdf', 'application/pdf', pdf)] } },
      { clientKey: 'no-pow-file' },
    );
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ reason: 'POW_REQUIRED' });
    const stored = await stat(`${filesDir}/${sha(pdf).slice(0, 2)}/${sha(pdf)}`).then(
      () => true,
      () => false,
    );
    expect(stored).toBe(false);
  });
});

describe('attachments of an answer', () => {
  it('replaces a returned draft’s files, shows them to the asker once approved and to the public with the published request', async () => {
    const r = await ask({});
    const { trackingCode, secret } = r.body.data!.submitQuestion;
    const id = await idOf(trackingCode);
    await call(
      citizens.url,
      `mutation($id: ID!) { routeCitizenRequest(id: $id, input: { agencyIds: ["${AGENCY_A}"], fieldName: "Hộ tịch" }) { state } }`,
      { id },
      { actor: BOARD },
    );
    const ANSWER = `mutation($id: ID!, $input: CitizenAnswerInput!) { submitCitizenAnswer(id: $id, input: $input) { state attachments { role fileName } } }`;
    const first = tinyPdf('Mau to khai cu');
    const second = tinyPdf('Mau to khai moi');
    const draft = await call(
      citizens.url,
      ANSWER,
      { id, input: { text: 'Xem mẫu', attachments: [upload('mau-cu.pdf', 'application/pdf', first)] } },
      { actor: editorOf(AGENCY_A) },
    );
    expect(draft.body.data?.submitCitizenAnswer).toEqual({ state: 'ANSWER_SUBMITTED', attachments: [{ role: 'ANSWER', fileName: 'mau-cu.pdf' }] });
    await call(citizens.url, `mutation($id: ID!) { returnCitizenAnswer(id: $id, reason: "Sai mẫu") { state } }`, { id }, { actor: BOARD });
    const again = await call(
      citizens.url,
      ANSWER,
      { id, input: { text: 'Xem mẫu mới', attachments: [upload('mau-moi.pdf', 'application/pdf', second)] } },
      { actor: editorOf(AGENCY_A) },
    );
    expect(again.body.data?.submitCitizenAnswer).toEqual({ state: 'ANSWER_SUBMITTED', attachments: [{ role: 'ANSWER', fileName: 'mau-moi.pdf' }] });
    const TRACK_ROLES = `query($c: String!, $s: String!) { trackRequest(trackingCode: $c, secret: $s) { attachments { role fileName } } }`;
    expect((await call(citizens.url, TRACK_ROLES, { c: trackingCode, s: secret })).body.data).toEqual({ trackRequest: { attachments: [] } });
    await call(citizens.url, `mutation($id: ID!) { approveCitizenAnswer(id: $id) { state } }`, { id }, { actor: BOARD });
    expect((await call(citizens.url, TRACK_ROLES, { c: trackingCode, s: secret })).body.data).toEqual({
      trackRequest: { attachments: [{ role: 'ANSWER', fileName: 'mau-moi.pdf' }] },
    });
    const pub = await call<{ publishedQuestion: { attachments: FileView[] } }>(citizens.url, PUBLIC, { id });
    expect(pub.body.data?.publishedQuestion.attachments.map((a) => [a.fileName, a.contentBase64])).toEqual([['mau-moi.pdf', second.toString('base64')]]);
  });
});

describe('attachments and Idempotency-Key', () => {
  it('makes one question and one file row of 20 concurrent identical submissions with a file (A26)', async () => {
    const pdf = tinyPdf('Don de nghi');
    const input = {
      contact: { name: 'Phan N', email: 'phan.n@example.vn' },
      title: 'Một lần, có tệp',
      body: 'Gửi lại',
      attachments: [upload('don.pdf', 'application/pdf', pdf)],
      proofOfWork: await solvedProofOfWork(citizens.url, 'file-retry'),
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call<{ submitQuestion: { trackingCode: string } }>(
          citizens.url,
          SUBMIT,
          { input },
          { clientKey: 'file-retry', idempotencyKey: 'file-retry-0000-0001' },
        ),
      ),
    );
    expect(answers.flatMap((a) => a.body.errors ?? []).map((e) => e.message)).toEqual([]);
    expect(new Set(answers.map((a) => a.body.data?.submitQuestion.trackingCode)).size).toBe(1);
    const rows = await citizens.db.prisma.citizenRequest.findMany({ where: { title: 'Một lần, có tệp' }, include: { files: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.files.map((f) => f.sha256)).toEqual([sha(pdf)]);
  });
});

describe('attachments of a consultation comment', () => {
  it('shows them to the drafting agency, and to the public only when the moderator publishes them', async () => {
    now = new Date('2025-05-01T03:00:00Z');
    const draft = {
      kind: 'POLICY',
      title: 'Dự thảo chính sách hỗ trợ chuyển đổi số',
      body: 'Nội dung dự thảo',
      draftingAgencyId: AGENCY_A,
      receivingName: 'Sở KH&CN',
      receivingAddress: 'Việt Trì',
      receivingEmail: 'gopy@example.vn',
      opensOn: '2025-05-10',
      closesOn: '2025-05-20',
    };
    const created = await call<{ createConsultation: { id: string } }>(
      citizens.url,
      `mutation($input: ConsultationInput!) { createConsultation(input: $input) { id } }`,
      { input: draft },
      { actor: editorOf(AGENCY_A) },
    );
    const cid = created.body.data!.createConsultation.id;
    await call(citizens.url, `mutation($id: ID!) { publishConsultation(id: $id) { id } }`, { id: cid }, { actor: BOARD });
    now = new Date('2025-05-12T03:00:00Z');
    const pdf = tinyPdf('Gop y dieu 3');
    const sent = await call<{ submitComment: { id: string } }>(
      citizens.url,
      `mutation($id: ID!, $input: CommentInput!) { submitComment(consultationId: $id, input: $input) { id state } }`,
      {
        id: cid,
        input: {
          contact: { name: 'Đỗ Văn E', email: 'do.e@example.vn' },
          body: 'Xem tệp',
          attachments: [upload('gop-y.pdf', 'application/pdf', pdf)],
          proofOfWork: await solvedProofOfWork(citizens.url, 'commenter-att'),
        },
      },
      { clientKey: 'commenter-att' },
    );
    expect(sent.body.errors).toBeUndefined();
    const commentId = sent.body.data!.submitComment.id;
    const STAFF_COMMENTS = `query($id: ID!) { consultationComments(consultationId: $id, first: 10) { nodes { id ${FILE_FIELDS} } } }`;
    const staffView = await call<{ consultationComments: { nodes: { attachments: FileView[] }[] } }>(
      citizens.url,
      STAFF_COMMENTS,
      { id: cid },
      { actor: editorOf(AGENCY_A) },
    );
    expect(staffView.body.data?.consultationComments.nodes[0]?.attachments.map((a) => a.contentBase64)).toEqual([pdf.toString('base64')]);
    expect((await call(citizens.url, STAFF_COMMENTS, { id: cid }, { actor: editorOf(AGENCY_B) })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const MODERATE = `mutation($id: ID!, $files: Boolean) { moderateComment(id: $id, decision: PUBLISHED, publishAttachments: $files) { state attachments { published } } }`;
    const PUBLIC_COMMENTS = `query($id: String!) { consultation(idOrSlug: $id) { comments(first: 10) { nodes { body attachments { fileName contentBase64 } } } } }`;
    expect((await call(citizens.url, MODERATE, { id: commentId }, { actor: editorOf(AGENCY_A) })).body.errors).toBeUndefined();
    const hidden = await call<{ consultation: { comments: { nodes: { attachments: unknown[] }[] } } }>(citizens.url, PUBLIC_COMMENTS, { id: cid });
    expect(hidden.body.data?.consultation.comments.nodes).toEqual([{ body: 'Xem tệp', attachments: [] }]);
    await call(citizens.url, MODERATE, { id: commentId, files: true }, { actor: editorOf(AGENCY_A) });
    const shown = await call<{ consultation: { comments: { nodes: { attachments: unknown[] }[] } } }>(citizens.url, PUBLIC_COMMENTS, { id: cid });
    expect(shown.body.data?.consultation.comments.nodes[0]?.attachments).toEqual([{ fileName: 'gop-y.pdf', contentBase64: pdf.toString('base64') }]);
    expect(shown.text).not.toContain('do.e@example.vn');
  });
});

describe('public Q&A search', () => {
  it('matches without diacritics, with đ = d and either tone placement, in the published title, text and answer only', async () => {
    const r = await ask({ title: 'Đăng ký khai sinh cho con tại xã Hòa Bình', body: 'Thủ tục thế nào?' });
    const id = await idOf(r.body.data!.submitQuestion.trackingCode);
    const SEARCH = `query($q: String!) { publishedQuestions(search: $q, first: 20) { nodes { id } } }`;
    const hits = async (q: string) =>
      ((await call<{ publishedQuestions: { nodes: { id: string }[] } }>(citizens.url, SEARCH, { q })).body.data?.publishedQuestions.nodes ?? []).map(
        (n) => n.id,
      );
    expect(await hits('dang ky khai sinh')).not.toContain(id); // not published yet
    await answered(id);
    for (const q of ['dang ky khai sinh', 'ĐĂNG KÝ', 'hoà bình', 'hoa binh', 'Hòa   Bình', 'mot cua', 'khai sinh Đăng']) expect(await hits(q), q).toContain(id);
    for (const q of ['ket hon', 'hoang thi']) expect(await hits(q), q).not.toContain(id); // the asker's name is never searchable
  });
});
