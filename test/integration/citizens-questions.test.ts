import { describe, expect, it } from 'vitest';
import { AGENCY_A, AGENCY_B, BOARD, call, editorOf, solvedProofOfWork, useCitizens } from '../harness/citizens.ts';

let now = new Date('2025-04-25T03:00:00Z'); // Friday 25/04/2025, 10:00 in Hà Nội
const citizens = useCitizens({ clock: () => now, submissionsPerClientHour: 4, submissionsPerContactDay: 3 });

const SUBMIT = `mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { trackingCode secret dueOn receivedAt } }`;
const SUBMIT_PETITION = `mutation($input: CitizenRequestInput!) { submitPetition(input: $input) { trackingCode secret dueOn } }`;
const TRACK = `query($c: String!, $s: String!) { trackRequest(trackingCode: $c, secret: $s) {
  trackingCode kind state title body asker { name email phone } dueOn answer { text channel } published history { action toState } } }`;
const STAFF_FIELDS = `id version state dueOn coordination deadline { status } agencies { id } asker { email } history { action actorId toState note }`;

interface Receipt {
  trackingCode: string;
  secret: string;
  dueOn: string;
}

let seq = 0;
/** A question from a fresh citizen (own contact, own client address) with a solved challenge. */
async function ask(extra: Record<string, unknown> = {}, clientKey = `client-${++seq}`): Promise<Receipt & { email: string; clientKey: string }> {
  const email = `nguoi.dan.${seq}.${Date.now()}@example.vn`;
  const input = { contact: { name: `Nguyễn Văn ${seq}`, email }, title: 'Thủ tục cấp đổi căn cước', body: 'Tôi cần giấy tờ gì?', ...extra };
  const r = await call<{ submitQuestion: Receipt }>(
    citizens.url,
    SUBMIT,
    { input: { ...input, proofOfWork: await solvedProofOfWork(citizens.url, clientKey) } },
    { clientKey },
  );
  expect(r.body.errors).toBeUndefined();
  return { ...r.body.data!.submitQuestion, email, clientKey };
}

async function idOf(trackingCode: string): Promise<string> {
  const row = await citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode } });
  return row.id;
}

const staff = (query: string, variables: Record<string, unknown>, actor = BOARD) =>
  call<Record<string, { state: string; version: number } & Record<string, unknown>>>(citizens.url, query, variables, { actor });
const ROUTE = `mutation($id: ID!, $input: RouteCitizenRequestInput!) { routeCitizenRequest(id: $id, input: $input) { ${STAFF_FIELDS} } }`;
const ANSWER = `mutation($id: ID!, $input: CitizenAnswerInput!) { submitCitizenAnswer(id: $id, input: $input) { ${STAFF_FIELDS} } }`;
const APPROVE = `mutation($id: ID!, $input: ApproveCitizenAnswerInput) { approveCitizenAnswer(id: $id, input: $input) { ${STAFF_FIELDS} } }`;
const RETURN = `mutation($id: ID!) { returnCitizenAnswer(id: $id, reason: "Cần trích dẫn căn cứ pháp lý") { ${STAFF_FIELDS} } }`;

describe('submitting a question', () => {
  it('answers a random tracking code, a secret and the due date 5 working days later (the worked Saturday counts)', async () => {
    const a = await ask();
    const b = await ask();
    expect(a.trackingCode).toMatch(/^HD-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{6}$/);
    expect(a.trackingCode).not.toBe(b.trackingCode);
    expect(a.secret.length).toBeGreaterThanOrEqual(20);
    expect(a.dueOn).toBe('2025-05-06');
    const row = await citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode: a.trackingCode } });
    expect(row.secretHash).not.toContain(a.secret);
    expect(row.state).toBe('RECEIVED');
  });

  it('refuses an anonymous submission without a proof of work, with a bad one, and a reused one', async () => {
    const input = { contact: { name: 'Trần Thị B', phone: '0912 345 678' }, title: 'Hỏi', body: 'Nội dung' };
    const none = await call(citizens.url, SUBMIT, { input }, { clientKey: 'pow-client' });
    expect(none.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'POW_REQUIRED' });
    const garbage = await call(citizens.url, SUBMIT, { input: { ...input, proofOfWork: 'bm90IGpzb24=' } }, { clientKey: 'pow-client' });
    expect(garbage.body.errors?.[0]?.extensions).toMatchObject({ reason: 'POW_MALFORMED' });
    const pow = await solvedProofOfWork(citizens.url, 'pow-client');
    const decoded = JSON.parse(Buffer.from(pow, 'base64').toString()) as { solution: { derivedKey: string } };
    const key = decoded.solution.derivedKey;
    decoded.solution.derivedKey = key.slice(0, -1) + (key.endsWith('0') ? '1' : '0');
    const wrong = await call(
      citizens.url,
      SUBMIT,
      { input: { ...input, proofOfWork: Buffer.from(JSON.stringify(decoded)).toString('base64') } },
      { clientKey: 'pow-client' },
    );
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ reason: 'POW_INVALID' });
    const first = await call(citizens.url, SUBMIT, { input: { ...input, proofOfWork: pow } }, { clientKey: 'pow-client' });
    expect(first.body.errors).toBeUndefined();
    const again = await call(citizens.url, SUBMIT, { input: { ...input, proofOfWork: pow } }, { clientKey: 'pow-client' });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ reason: 'POW_REUSED' });
  });

  it('keeps HTML as typed (stored verbatim, NFC) and refuses an oversized body', async () => {
    const r = await ask({ title: '<script>alert(1)</script> Hoa\u0300', body: '<img src=x onerror=alert(1)>' });
    const row = await citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode: r.trackingCode } });
    expect(row.title).toBe('<script>alert(1)</script> Hoà');
    expect(row.body).toBe('<img src=x onerror=alert(1)>');
    // A25: a 1 MB field is refused by its length (the body limit leaves room for attachments).
    const big = await call(citizens.url, SUBMIT, { input: { contact: { name: 'X', email: 'x@example.vn' }, title: 'T', body: 'a'.repeat(1_000_001) } });
    expect(big.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body', reason: 'TOO_LONG' });
    const long = await call(citizens.url, SUBMIT, { input: { contact: { name: 'X', email: 'x@example.vn' }, title: 'T', body: 'a'.repeat(20_000) } });
    expect(long.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body', reason: 'TOO_LONG' });
  });

  it('refuses a bad contact without echoing it', async () => {
    const r = await call(citizens.url, SUBMIT, { input: { contact: { name: 'X', email: 'secret-person@@nowhere' }, title: 'T', body: 'B' } });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EMAIL_FORMAT' });
    expect(r.text).not.toContain('secret-person');
    const none = await call(citizens.url, SUBMIT, { input: { contact: { name: 'X' }, title: 'T', body: 'B' } });
    expect(none.body.errors?.[0]?.extensions).toMatchObject({ reason: 'CONTACT_REQUIRED' });
  });

  it('limits submissions per client and per contact (RATE_LIMITED)', async () => {
    for (let i = 0; i < 4; i += 1) await ask({}, 'busy-client');
    const input = {
      contact: { name: 'Y', email: 'another@example.vn' },
      title: 'T',
      body: 'B',
      proofOfWork: await solvedProofOfWork(citizens.url, 'busy-client'),
    };
    const fifth = await call(citizens.url, SUBMIT, { input }, { clientKey: 'busy-client' });
    expect(fifth.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const contact = { name: 'Z', email: 'same.person@example.vn' };
    for (let i = 0; i < 3; i += 1) {
      const ok = await call(
        citizens.url,
        SUBMIT,
        { input: { contact, title: 'T', body: 'B', proofOfWork: await solvedProofOfWork(citizens.url) } },
        { clientKey: `c-${i}` },
      );
      expect(ok.body.errors).toBeUndefined();
    }
    const over = await call(
      citizens.url,
      SUBMIT,
      { input: { contact: { ...contact, email: 'SAME.person@example.vn' }, title: 'T', body: 'B', proofOfWork: await solvedProofOfWork(citizens.url) } },
      { clientKey: 'c-9' },
    );
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('queues the “received” e-mail in the outbox with the row, and none for an asker without e-mail', async () => {
    const r = await ask();
    const id = await idOf(r.trackingCode);
    const mails = await citizens.db.prisma.notification.findMany({ where: { subjectId: id } });
    expect(mails.map((m) => [m.template, m.recipient])).toEqual([['REQUEST_RECEIVED', r.email]]);
    const phoneOnly = await call<{ submitPetition: Receipt }>(
      citizens.url,
      SUBMIT_PETITION,
      {
        input: {
          contact: { name: 'Lê C', phone: '+84912345679' },
          title: 'Kiến nghị',
          body: 'B',
          regulation: 'Quyết định 26/2017/QĐ-UBND',
          proofOfWork: await solvedProofOfWork(citizens.url, 'p-1'),
        },
      },
      { clientKey: 'p-1' },
    );
    expect(phoneOnly.body.data?.submitPetition.trackingCode).toMatch(/^KN-/);
    const pid = await idOf(phoneOnly.body.data!.submitPetition.trackingCode);
    expect(await citizens.db.prisma.notification.count({ where: { subjectId: pid } })).toBe(0);
  });
});

describe('Idempotency-Key (A26)', () => {
  it('creates one question for 20 concurrent identical submissions and answers the same receipt to all', async () => {
    const input = { contact: { name: 'Phạm D', email: 'pham.d@example.vn' }, title: 'Một lần thôi', body: 'Gửi lại vì mạng chập chờn' };
    const pow = await solvedProofOfWork(citizens.url, 'retrying-client');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call<{ submitQuestion: Receipt }>(
          citizens.url,
          SUBMIT,
          { input: { ...input, proofOfWork: pow } },
          { clientKey: 'retrying-client', idempotencyKey: 'submit-7f3a9c21-0001' },
        ),
      ),
    );
    const receipts = answers.map((a) => a.body.data?.submitQuestion);
    expect(answers.flatMap((a) => a.body.errors ?? []).map((e) => e.message)).toEqual([]);
    expect(new Set(receipts.map((r) => `${r?.trackingCode}/${r?.secret}`)).size).toBe(1);
    expect(await citizens.db.prisma.citizenRequest.count({ where: { title: 'Một lần thôi' } })).toBe(1);
    const tracked = await call(citizens.url, TRACK, { c: receipts[0]!.trackingCode, s: receipts[0]!.secret });
    expect(tracked.body.errors).toBeUndefined();
    const other = await call(
      citizens.url,
      SUBMIT,
      { input: { ...input, title: 'Khác', proofOfWork: pow } },
      { clientKey: 'retrying-client', idempotencyKey: 'submit-7f3a9c21-0001' },
    );
    expect(other.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('tracking and privacy', () => {
  it('opens the asker’s own request with code + secret, and nobody else’s (A21)', async () => {
    const mine = await ask();
    const theirs = await ask();
    const ok = await call<{ trackRequest: { asker: { email: string }; state: string; history: { action: string }[] } }>(citizens.url, TRACK, {
      c: mine.trackingCode.toLowerCase().replace(/-/g, ''),
      s: mine.secret,
    });
    expect(ok.body.data?.trackRequest).toMatchObject({ state: 'RECEIVED', asker: { email: mine.email }, history: [{ action: 'SUBMIT' }] });
    const cross = await call(citizens.url, TRACK, { c: theirs.trackingCode, s: mine.secret });
    expect(cross.body.data).toBeNull();
    expect(cross.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(cross.text).not.toContain(theirs.email);
    const unknown = await call(citizens.url, TRACK, { c: 'HD-2222-222222', s: mine.secret });
    expect(unknown.body.errors?.[0]?.message).toBe(cross.body.errors?.[0]?.message);
  });

  it('limits lookups per client (A4)', async () => {
    const results = [];
    for (let i = 0; i < 22; i += 1) results.push(await call(citizens.url, TRACK, { c: 'HD-2222-222222', s: 'guess' }, { clientKey: 'brute' }));
    expect(results.at(-1)?.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('the workflow: route, answer, approve, publish', () => {
  it('allows each step to its role only and publishes without any contact data', async () => {
    const q = await ask({ title: 'Đăng ký hộ kinh doanh', body: 'Cần bao lâu?' });
    const id = await idOf(q.trackingCode);
    const route = { agencyIds: [AGENCY_A], fieldName: 'Đăng ký kinh doanh' };
    expect((await staff(ROUTE, { id, input: route }, { roles: [] })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await staff(ROUTE, { id, input: route }, editorOf(AGENCY_A))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await staff(APPROVE, { id })).body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE_TRANSITION', from: 'RECEIVED' });
    const routed = await staff(ROUTE, { id, input: route });
    expect(routed.body.data?.routeCitizenRequest).toMatchObject({ state: 'ROUTED', dueOn: '2025-05-06', coordination: false, agencies: [{ id: AGENCY_A }] });

    const answer = { text: 'Trong 3 ngày làm việc.', channel: 'PORTAL' };
    expect((await staff(ANSWER, { id, input: answer }, editorOf(AGENCY_B))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const submitted = await staff(ANSWER, { id, input: answer }, editorOf(AGENCY_A));
    expect(submitted.body.data?.submitCitizenAnswer?.state).toBe('ANSWER_SUBMITTED');
    expect((await staff(APPROVE, { id }, editorOf(AGENCY_A))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const returned = await staff(RETURN, { id });
    expect(returned.body.data?.returnCitizenAnswer?.state).toBe('ROUTED');
    await staff(ANSWER, { id, input: { ...answer, text: 'Trong 3 ngày làm việc (Nghị định 01/2021/NĐ-CP).' } }, editorOf(AGENCY_A));
    const stale = await staff(APPROVE, { id, input: { expectedVersion: 1 } });
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    now = new Date('2025-04-29T02:00:00Z');
    const approved = await staff(APPROVE, { id, input: { publicBody: 'Cần bao lâu để đăng ký?' } });
    expect(approved.body.data?.approveCitizenAnswer).toMatchObject({ state: 'ANSWERED', deadline: { status: 'ON_TIME' } });
    const history = (approved.body.data?.approveCitizenAnswer?.history as { action: string; actorId: string }[]).map((h) => `${h.action}:${h.actorId}`);
    expect(history).toEqual([
      'SUBMIT:null',
      'ROUTE:board-1',
      'SUBMIT_ANSWER:editor-0190a1b2',
      'RETURN_ANSWER:board-1',
      'SUBMIT_ANSWER:editor-0190a1b2',
      'APPROVE_ANSWER:board-1',
    ]);

    const pub = await call<{ publishedQuestions: { nodes: { id: string; body: string; answer: { text: string; agency: { id: string } } }[] } }>(
      citizens.url,
      `{ publishedQuestions(first: 50) { totalCount nodes { id title body fieldName receivedOn answer { text agency { id } } } } }`,
    );
    const mine = pub.body.data?.publishedQuestions.nodes.find((n) => n.id === id);
    expect(mine).toMatchObject({
      body: 'Cần bao lâu để đăng ký?',
      answer: { text: 'Trong 3 ngày làm việc (Nghị định 01/2021/NĐ-CP).', agency: { id: AGENCY_A } },
    });
    expect(pub.text).not.toContain(q.email);
    expect(pub.text).not.toContain('Nguyễn Văn');
    const mails = await citizens.db.prisma.notification.findMany({ where: { subjectId: id }, orderBy: { createdAt: 'asc' } });
    expect(mails.map((m) => m.template)).toEqual(['REQUEST_RECEIVED', 'REQUEST_ROUTED', 'REQUEST_ANSWERED']);
    now = new Date('2025-04-25T03:00:00Z');
  });

  it('gives 10 working days when sectors coordinate, across the 30/4–1/5 holidays', async () => {
    const q = await ask();
    const id = await idOf(q.trackingCode);
    const r = await staff(ROUTE, { id, input: { agencyIds: [AGENCY_A, AGENCY_B], fieldName: 'Đất đai' } });
    expect(r.body.data?.routeCitizenRequest).toMatchObject({ coordination: true, dueOn: '2025-05-13' });
  });

  it('scopes staff to the agencies a request is routed to (A34) and lists overdue requests', async () => {
    const q = await ask();
    const id = await idOf(q.trackingCode);
    await staff(ROUTE, { id, input: { agencyIds: [AGENCY_A], fieldName: 'Giáo dục' } });
    const LIST = `{ citizenRequests(first: 100) { nodes { id } } }`;
    const forB = await call<{ citizenRequests: { nodes: { id: string }[] } }>(citizens.url, LIST, {}, { actor: editorOf(AGENCY_B) });
    expect(forB.body.data?.citizenRequests.nodes.map((n) => n.id)).not.toContain(id);
    const forA = await call<{ citizenRequests: { nodes: { id: string }[] } }>(citizens.url, LIST, {}, { actor: editorOf(AGENCY_A) });
    expect(forA.body.data?.citizenRequests.nodes.map((n) => n.id)).toContain(id);
    const one = await call(citizens.url, `query($id: ID!) { citizenRequest(id: $id) { id asker { email } } }`, { id }, { actor: editorOf(AGENCY_B) });
    expect(one.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(one.text).not.toContain(q.email);
    const anon = await call(citizens.url, LIST);
    expect(anon.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    now = new Date('2025-05-07T03:00:00Z'); // the day after the due date
    const overdue = await call<{ overdueCitizenRequests: { nodes: { id: string; deadline: { status: string } }[] } }>(
      citizens.url,
      `{ overdueCitizenRequests(first: 100) { nodes { id deadline { status } } } }`,
      {},
      { actor: BOARD },
    );
    const row = overdue.body.data?.overdueCitizenRequests.nodes.find((n) => n.id === id);
    expect(row?.deadline.status).toBe('OVERDUE');
    now = new Date('2025-04-25T03:00:00Z');
  });

  it('rejects with a reason the asker reads', async () => {
    const q = await ask();
    const id = await idOf(q.trackingCode);
    const r = await staff(`mutation($id: ID!) { rejectCitizenRequest(id: $id, reason: "Trùng nội dung") { state } }`, { id });
    expect(r.body.data?.rejectCitizenRequest?.state).toBe('REJECTED');
    const t = await call<{ trackRequest: { state: string } }>(
      citizens.url,
      `query($c: String!, $s: String!) { trackRequest(trackingCode: $c, secret: $s) { state rejectionReason } }`,
      { c: q.trackingCode, s: q.secret },
    );
    expect(t.body.data?.trackRequest).toMatchObject({ state: 'REJECTED', rejectionReason: 'Trùng nội dung' });
  });
});

describe('contact data never reaches a log line', () => {
  it('has written no e-mail address or phone number to the log', () => {
    const all = citizens.logs.join('\n');
    expect(citizens.logs.length).toBeGreaterThan(0);
    expect(all).not.toMatch(/@example\.vn/);
    expect(all).not.toMatch(/0912 ?345 ?67/);
  });
});
