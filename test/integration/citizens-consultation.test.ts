import { describe, expect, it } from 'vitest';
import { AGENCY_A, AGENCY_B, BOARD, call, editorOf, solvedProofOfWork, useCitizens } from '../harness/citizens.ts';

let now = new Date('2025-05-01T03:00:00Z');
const citizens = useCitizens({ clock: () => now, submissionsPerClientHour: 50 });

const DRAFT = {
  kind: 'LEGAL_DOCUMENT',
  title: 'Dự thảo Quyết định quy định quản lý Cổng Thông tin điện tử tỉnh',
  summary: 'Thay thế Quyết định 26/2017/QĐ-UBND',
  body: 'Điều 1. Phạm vi điều chỉnh…',
  draftingAgencyId: AGENCY_A,
  receivingName: 'Sở Khoa học và Công nghệ',
  receivingAddress: 'Số 1, đường Trần Phú, phường Việt Trì',
  receivingEmail: 'gopy@skhcn.example.vn',
  opensOn: '2025-05-10',
  closesOn: '2025-05-20',
};
const CREATE = `mutation($input: ConsultationInput!) { createConsultation(input: $input) { id slug status opensAt closesAt } }`;
const COMMENT = `mutation($id: ID!, $input: CommentInput!) { submitComment(consultationId: $id, input: $input) { id state } }`;
const PUBLIC = `query($s: String!) { consultation(idOrSlug: $s) { title status commentCount receivingAgency { name email } draftingAgency { id } legalDocument { id }
  comments(first: 10) { totalCount nodes { authorName organisation body } } } }`;

async function posted(): Promise<{ id: string; slug: string }> {
  now = new Date('2025-05-01T03:00:00Z');
  const created = await call<{ createConsultation: { id: string; slug: string } }>(citizens.url, CREATE, { input: DRAFT }, { actor: editorOf(AGENCY_A) });
  expect(created.body.errors).toBeUndefined();
  const { id, slug } = created.body.data!.createConsultation;
  await call(citizens.url, `mutation($id: ID!) { publishConsultation(id: $id) { id } }`, { id }, { actor: BOARD });
  return { id, slug };
}

let n = 0;
const comment = async (id: string, at: string, extra: Record<string, unknown> = {}) => {
  now = new Date(at);
  const clientKey = `commenter-${++n}`;
  return call<{ submitComment: { id: string; state: string } }>(
    citizens.url,
    COMMENT,
    {
      id,
      input: {
        contact: { name: `Người góp ý ${n}`, email: `gopy${n}@example.vn` },
        body: 'Đề nghị bổ sung quy định về dữ liệu mở.',
        proofOfWork: await solvedProofOfWork(citizens.url, clientKey),
        ...extra,
      },
    },
    { clientKey },
  );
};

describe('public consultation on drafts', () => {
  it('lets the drafting agency post a draft, the board publish it, and no one else', async () => {
    expect((await call(citizens.url, CREATE, { input: DRAFT }, { actor: editorOf(AGENCY_B) })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(citizens.url, CREATE, { input: DRAFT })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await call<{ createConsultation: { id: string; slug: string; opensAt: string; closesAt: string; status: string } }>(
      citizens.url,
      CREATE,
      { input: DRAFT },
      { actor: editorOf(AGENCY_A) },
    );
    const c = created.body.data!.createConsultation;
    // 00:00 on 10/5 and the end of 20/5, Hà Nội time.
    expect(c).toMatchObject({ status: 'UPCOMING', opensAt: '2025-05-09T17:00:00.000Z', closesAt: '2025-05-20T17:00:00.000Z' });
    expect((await call(citizens.url, PUBLIC, { s: c.slug })).body.data?.consultation).toBeNull();
    expect(
      (await call(citizens.url, `mutation($id: ID!) { publishConsultation(id: $id) { id } }`, { id: c.id }, { actor: editorOf(AGENCY_A) })).body.errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    await call(citizens.url, `mutation($id: ID!) { publishConsultation(id: $id) { id } }`, { id: c.id }, { actor: BOARD });
    const pub = await call<{ consultation: Record<string, unknown> }>(citizens.url, PUBLIC, { s: c.slug });
    expect(pub.body.data?.consultation).toMatchObject({
      status: 'UPCOMING',
      commentCount: 0,
      receivingAgency: { email: 'gopy@skhcn.example.vn' },
      draftingAgency: { id: AGENCY_A },
    });
  });

  it('accepts comments from 00:00 of the opening day to 23:59 of the closing day, Hà Nội time, and refuses them outside', async () => {
    const { id } = await posted();
    const early = await comment(id, '2025-05-09T16:59:59Z'); // 23:59:59 on 9/5
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'COMMENT_WINDOW_CLOSED' });
    expect(early.body.errors?.[0]?.message).toMatch(/not open yet/);
    expect((await comment(id, '2025-05-09T17:00:00Z')).body.data?.submitComment.state).toBe('PENDING'); // 00:00 on 10/5
    expect((await comment(id, '2025-05-20T16:59:00Z')).body.data?.submitComment.state).toBe('PENDING'); // 23:59 on 20/5
    const late = await comment(id, '2025-05-20T17:00:00Z'); // 00:00 on 21/5
    expect(late.body.errors?.[0]?.extensions).toMatchObject({ code: 'COMMENT_WINDOW_CLOSED' });
    expect(late.body.errors?.[0]?.message).toMatch(/deadline/);
  });

  it('requires a proof of work from anonymous commenters', async () => {
    const { id } = await posted();
    now = new Date('2025-05-12T03:00:00Z');
    const r = await call(citizens.url, COMMENT, { id, input: { contact: { name: 'X', email: 'x@example.vn' }, body: 'B' } }, { clientKey: 'no-pow' });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'POW_REQUIRED' });
  });

  it('makes one comment of 20 concurrent identical submissions with one Idempotency-Key (A26), and limits a flood per contact (A25)', async () => {
    const { id } = await posted();
    now = new Date('2025-05-12T03:00:00Z');
    const input = {
      contact: { name: 'Trịnh M', email: 'trinh.m@example.vn' },
      body: 'Một ý kiến, gửi lại vì mạng chập chờn',
      proofOfWork: await solvedProofOfWork(citizens.url, 'comment-retry'),
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call<{ submitComment: { id: string } }>(citizens.url, COMMENT, { id, input }, { clientKey: 'comment-retry', idempotencyKey: 'comment-7f3a-0001' }),
      ),
    );
    expect(answers.flatMap((a) => a.body.errors ?? []).map((e) => e.message)).toEqual([]);
    expect(new Set(answers.map((a) => a.body.data?.submitComment.id)).size).toBe(1);
    expect(await citizens.db.prisma.consultationComment.count({ where: { body: input.body } })).toBe(1);
    // The same person under five client addresses: the per-contact limit (5 a day) still holds.
    const results = [];
    for (let i = 0; i < 6; i += 1) {
      const clientKey = `flood-${i}`;
      results.push(
        await call(
          citizens.url,
          COMMENT,
          { id, input: { ...input, body: `Ý kiến ${i}`, proofOfWork: await solvedProofOfWork(citizens.url, clientKey) } },
          { clientKey },
        ),
      );
    }
    expect(results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(['OK', 'OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(results.at(-1)?.text).not.toContain('trinh.m@example.vn');
  });

  it('publishes comments only once moderated, without contact data, and gives the agency a CSV summary', async () => {
    const { id, slug } = await posted();
    const a = (await comment(id, '2025-05-12T03:00:00Z', { organisation: 'Hiệp hội Doanh nghiệp', section: 'Điều 3' })).body.data!.submitComment.id;
    const b = (await comment(id, '2025-05-12T04:00:00Z', { body: '=HYPERLINK("http://evil.example","bấm")' })).body.data!.submitComment.id;
    const c = (await comment(id, '2025-05-12T05:00:00Z', { body: '<script>alert(1)</script>' })).body.data!.submitComment.id;
    expect((await call<{ consultation: { commentCount: number } }>(citizens.url, PUBLIC, { s: slug })).body.data?.consultation.commentCount).toBe(0);

    const MODERATE = `mutation($id: ID!, $d: CommentState!) { moderateComment(id: $id, decision: $d) { state } }`;
    expect((await call(citizens.url, MODERATE, { id: a, d: 'PUBLISHED' }, { actor: editorOf(AGENCY_B) })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(citizens.url, MODERATE, { id: a, d: 'PUBLISHED' })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await call(citizens.url, MODERATE, { id: a, d: 'PUBLISHED' }, { actor: editorOf(AGENCY_A) });
    await call(citizens.url, MODERATE, { id: c, d: 'PUBLISHED' }, { actor: BOARD });
    await call(citizens.url, MODERATE, { id: b, d: 'REJECTED' }, { actor: BOARD });

    const pub = await call<{
      consultation: { commentCount: number; comments: { nodes: { authorName: string; organisation: string | null; body: string }[] } };
    }>(citizens.url, PUBLIC, { s: slug });
    expect(pub.body.data?.consultation.commentCount).toBe(2);
    expect(pub.body.data?.consultation.comments.nodes.map((x) => x.body)).toEqual(['Đề nghị bổ sung quy định về dữ liệu mở.', '<script>alert(1)</script>']);
    expect(pub.text).not.toMatch(/@example\.vn/);

    const staff = await call<{ consultationComments: { totalCount: number } }>(
      citizens.url,
      `query($id: ID!) { consultationComments(consultationId: $id, first: 10) { totalCount nodes { state authorEmail } } }`,
      { id },
      { actor: editorOf(AGENCY_A) },
    );
    expect(staff.body.data?.consultationComments.totalCount).toBe(3);
    expect(staff.text).toMatch(/@example\.vn/);
    const forB = await call(
      citizens.url,
      `query($id: ID!) { consultationComments(consultationId: $id, first: 10) { totalCount } }`,
      { id },
      { actor: editorOf(AGENCY_B) },
    );
    expect(forB.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const csv = await call<{ consultationCommentsCsv: string }>(
      citizens.url,
      `query($id: ID!) { consultationCommentsCsv(consultationId: $id) }`,
      { id },
      { actor: editorOf(AGENCY_A) },
    );
    const text = csv.body.data!.consultationCommentsCsv;
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('Thời gian gửi,Người góp ý,"Cơ quan, tổ chức","Điều, khoản",Trạng thái,Nội dung góp ý');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('2025-05-12 10:00:00');
    expect(lines[1]).toContain('Hiệp hội Doanh nghiệp');
    expect(lines[2]).toContain(`"'=HYPERLINK(`);
    expect(text).not.toMatch(/@example\.vn/);
  });

  it('links a draft to the legal document it became', async () => {
    const { id, slug } = await posted();
    const doc = '0190ffff-0000-7000-8000-000000000001';
    const r = await call(
      citizens.url,
      `mutation($id: ID!, $d: ID) { linkConsultationToLegalDocument(id: $id, legalDocumentId: $d) { legalDocument { id } } }`,
      { id, d: doc },
      { actor: editorOf(AGENCY_A) },
    );
    expect(r.body.errors).toBeUndefined();
    const pub = await call<{ consultation: { legalDocument: { id: string } } }>(citizens.url, PUBLIC, { s: slug });
    expect(pub.body.data?.consultation.legalDocument).toEqual({ id: doc });
  });
});
