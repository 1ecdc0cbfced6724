// Every workflow transition of a question, from every state, tried by every role: allowed only
// to its role, from its states; a refusal changes nothing and is logged (A22) without contact
// data. Comment moderation per role. Deadlines across Tết, and the receipt day at 23:59 / 00:00
// local time.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../schema/security/signed-context.ts';
import { AGENCY_A, AGENCY_B, BOARD, call, editorOf, solvedProofOfWork, useCitizens } from '../harness/citizens.ts';

let now = new Date('2025-04-25T03:00:00Z');
const citizens = useCitizens({ clock: () => now, submissionsPerClientHour: 100 });

type State = 'RECEIVED' | 'ROUTED' | 'ANSWER_SUBMITTED' | 'ANSWERED' | 'REJECTED';
type Action = 'ROUTE' | 'REJECT' | 'SUBMIT_ANSWER' | 'RETURN_ANSWER' | 'APPROVE_ANSWER' | 'PUBLISH' | 'UNPUBLISH';
const STATES: State[] = ['RECEIVED', 'ROUTED', 'ANSWER_SUBMITTED', 'ANSWERED', 'REJECTED'];

/** The rules as states them (written out here, not read from the implementation). */
const ALLOWED: Record<Action, { by: 'BOARD' | 'AGENCY'; from: Partial<Record<State, State>> }> = {
  ROUTE: { by: 'BOARD', from: { RECEIVED: 'ROUTED', ROUTED: 'ROUTED' } },
  REJECT: { by: 'BOARD', from: { RECEIVED: 'REJECTED', ROUTED: 'REJECTED', ANSWER_SUBMITTED: 'REJECTED' } },
  SUBMIT_ANSWER: { by: 'AGENCY', from: { ROUTED: 'ANSWER_SUBMITTED' } },
  RETURN_ANSWER: { by: 'BOARD', from: { ANSWER_SUBMITTED: 'ROUTED' } },
  APPROVE_ANSWER: { by: 'BOARD', from: { ANSWER_SUBMITTED: 'ANSWERED' } },
  PUBLISH: { by: 'BOARD', from: { ANSWERED: 'ANSWERED' } },
  UNPUBLISH: { by: 'BOARD', from: { ANSWERED: 'ANSWERED' } },
};

const MUTATION: Record<Action, string> = {
  ROUTE: `mutation($id: ID!) { r: routeCitizenRequest(id: $id, input: { agencyIds: ["${AGENCY_A}"], fieldName: "Đất đai" }) { state } }`,
  REJECT: `mutation($id: ID!) { r: rejectCitizenRequest(id: $id, reason: "Không thuộc thẩm quyền") { state } }`,
  SUBMIT_ANSWER: `mutation($id: ID!) { r: submitCitizenAnswer(id: $id, input: { text: "Trả lời" }) { state } }`,
  RETURN_ANSWER: `mutation($id: ID!) { r: returnCitizenAnswer(id: $id, reason: "Bổ sung căn cứ") { state } }`,
  APPROVE_ANSWER: `mutation($id: ID!) { r: approveCitizenAnswer(id: $id) { state } }`,
  PUBLISH: `mutation($id: ID!) { r: publishCitizenRequest(id: $id) { state } }`,
  UNPUBLISH: `mutation($id: ID!) { r: unpublishCitizenRequest(id: $id, reason: "Rút") { state } }`,
};

const ANONYMOUS: Actor = { roles: [] };
const SIGNED_IN: Actor = { id: 'citizen-7', roles: [] };
const EDITOR_NO_AGENCY: Actor = { id: 'editor-none', roles: ['EDITOR'], agencyIds: [] };
const ADMIN: Actor = { id: 'admin-1', roles: ['ADMIN'] };

const act = (action: Action, id: string, actor: Actor) => call<{ r: { state: State } }>(citizens.url, MUTATION[action], { id }, { actor });
const expectOk = async (p: ReturnType<typeof act>) => {
  const r = await p;
  expect(r.body.errors).toBeUndefined();
  return r.body.data!.r.state;
};

let seq = 0;
/** A question driven into `state` by the roles allowed to. */
async function inState(state: State): Promise<string> {
  const r = await call<{ submitQuestion: { trackingCode: string } }>(
    citizens.url,
    `mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { trackingCode } }`,
    { input: { contact: { name: `Người hỏi ${++seq}`, email: `hoi.${seq}@example.vn` }, title: `Câu hỏi ${seq}`, body: 'Nội dung' } },
    { actor: BOARD },
  );
  const id = (await citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode: r.body.data!.submitQuestion.trackingCode } })).id;
  if (state === 'RECEIVED') return id;
  if (state === 'REJECTED') return (await expectOk(act('REJECT', id, BOARD)), id);
  await expectOk(act('ROUTE', id, BOARD));
  if (state === 'ROUTED') return id;
  await expectOk(act('SUBMIT_ANSWER', id, editorOf(AGENCY_A)));
  if (state === 'ANSWER_SUBMITTED') return id;
  await expectOk(act('APPROVE_ANSWER', id, BOARD));
  return id;
}

const snapshot = (id: string) =>
  citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { id }, select: { state: true, version: true, publishedAt: true } });

describe('every transition × every state × every role', () => {
  for (const action of Object.keys(ALLOWED) as Action[]) {
    it(`${action}: ${ALLOWED[action].by === 'BOARD' ? 'the board only' : 'an editor of a routed agency (or the board)'}, from ${Object.keys(ALLOWED[action].from).join(', ')} only`, async () => {
      const rule = ALLOWED[action];
      const ids = await Promise.all(STATES.map(inState));
      for (const [i, state] of STATES.entries()) {
        const id = ids[i]!;
        const before = await snapshot(id);
        // Never: the public, a signed-in citizen, an editor without an agency, an editor of another agency.
        const refused: Actor[] = [ANONYMOUS, SIGNED_IN, EDITOR_NO_AGENCY, editorOf(AGENCY_B)];
        // The routed agency's editor may not do the board's work.
        if (rule.by === 'BOARD') refused.push(editorOf(AGENCY_A));
        const tries = await Promise.all(refused.map((actor) => act(action, id, actor)));
        tries.forEach((r, i) => {
          expect(r.body.errors?.[0]?.extensions?.code, `${action} from ${state} by ${JSON.stringify(refused[i])}`).toBe('FORBIDDEN');
          expect(r.text).not.toContain('@example.vn');
        });
        expect(await snapshot(id)).toEqual(before);
        const allowed = rule.by === 'BOARD' ? [BOARD, ADMIN] : [editorOf(AGENCY_A), BOARD];
        const target = rule.from[state];
        if (target === undefined) {
          for (const actor of allowed) {
            const r = await act(action, id, actor);
            // An editor of agency A on a request never routed to A (received, or rejected before
            // routing) is refused before the state is looked at.
            const notRouted = state === 'RECEIVED' || state === 'REJECTED';
            const expected = rule.by === 'AGENCY' && actor !== BOARD && notRouted ? 'FORBIDDEN' : 'INVALID_STATE_TRANSITION';
            expect(r.body.errors?.[0]?.extensions?.code, `${action} from ${state} by ${actor.id}`).toBe(expected);
          }
          expect(await snapshot(id)).toEqual(before);
        } else {
          expect(await expectOk(act(action, id, allowed[0]!)), `${action} from ${state}`).toBe(target);
          const after = await snapshot(id);
          expect(after.version).toBe(before.version + 1);
          if (action === 'PUBLISH') expect(after.publishedAt).not.toBeNull();
          if (action === 'UNPUBLISH') expect(after.publishedAt).toBeNull();
        }
      }
    });
  }

  it('logged every refusal with who tried what, and no contact data (A22)', () => {
    const refusals = citizens.logs.filter((l) => l.includes('citizen request change refused'));
    expect(refusals.some((l) => l.includes('"actorId":"editor-0190a1b2"') && l.includes('"code":"FORBIDDEN"'))).toBe(true);
    expect(refusals.some((l) => l.includes('"code":"INVALID_STATE_TRANSITION"'))).toBe(true);
    expect(citizens.logs.join('\n')).not.toMatch(/@example\.vn|Người hỏi/);
  });
});

describe('comment moderation per role', () => {
  it('lets the drafting agency and the board moderate, and nobody else', async () => {
    now = new Date('2025-05-01T03:00:00Z');
    const draft = {
      kind: 'LEGAL_DOCUMENT',
      title: 'Dự thảo',
      body: 'Điều 1',
      draftingAgencyId: AGENCY_A,
      receivingName: 'Sở',
      receivingAddress: 'Việt Trì',
      receivingEmail: 'gopy@example.vn',
      opensOn: '2025-05-10',
      closesOn: '2025-05-20',
    };
    const c = await call<{ createConsultation: { id: string } }>(
      citizens.url,
      `mutation($input: ConsultationInput!) { createConsultation(input: $input) { id } }`,
      { input: draft },
      { actor: editorOf(AGENCY_A) },
    );
    const cid = c.body.data!.createConsultation.id;
    const publish = (actor: Actor) => call(citizens.url, `mutation($id: ID!) { publishConsultation(id: $id) { id } }`, { id: cid }, { actor });
    for (const actor of [ANONYMOUS, editorOf(AGENCY_A), editorOf(AGENCY_B)])
      expect((await publish(actor)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await publish(BOARD)).body.errors).toBeUndefined();
    now = new Date('2025-05-12T03:00:00Z');
    const sent = await call<{ submitComment: { id: string } }>(
      citizens.url,
      `mutation($id: ID!, $input: CommentInput!) { submitComment(consultationId: $id, input: $input) { id } }`,
      {
        id: cid,
        input: { contact: { name: 'Góp ý', email: 'gop.y@example.vn' }, body: 'Ý kiến', proofOfWork: await solvedProofOfWork(citizens.url, 'mod-client') },
      },
      { clientKey: 'mod-client' },
    );
    const id = sent.body.data!.submitComment.id;
    const moderate = (actor: Actor, decision = 'PUBLISHED') =>
      call(citizens.url, `mutation($id: ID!) { moderateComment(id: $id, decision: ${decision}) { state } }`, { id }, { actor });
    for (const actor of [ANONYMOUS, SIGNED_IN, EDITOR_NO_AGENCY, editorOf(AGENCY_B)]) {
      const r = await moderate(actor);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(r.text).not.toContain('gop.y@example.vn');
    }
    expect((await moderate(editorOf(AGENCY_A), 'PENDING')).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DECISION' });
    expect((await moderate(editorOf(AGENCY_A))).body.data).toEqual({ moderateComment: { state: 'PUBLISHED' } });
    expect((await moderate(BOARD, 'REJECTED')).body.data).toEqual({ moderateComment: { state: 'REJECTED' } });
  });
});

describe('deadlines across holidays and the receipt day’s edges', () => {
  const due = async (at: string, coordination = false) => {
    now = new Date(at);
    const r = await call<{ submitQuestion: { trackingCode: string; dueOn: string } }>(
      citizens.url,
      `mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { trackingCode dueOn } }`,
      { input: { contact: { name: 'Hạn', email: 'han@example.vn' }, title: 'Hạn', body: 'Hạn' } },
      { actor: BOARD },
    );
    if (!coordination) return r.body.data!.submitQuestion.dueOn;
    const id = (await citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode: r.body.data!.submitQuestion.trackingCode } })).id;
    const routed = await call<{ routeCitizenRequest: { dueOn: string } }>(
      citizens.url,
      `mutation($id: ID!) { routeCitizenRequest(id: $id, input: { agencyIds: ["${AGENCY_A}", "${AGENCY_B}"], fieldName: "Đất đai" }) { dueOn } }`,
      { id },
      { actor: BOARD },
    );
    return routed.body.data!.routeCitizenRequest.dueOn;
  };

  it('skips the nine days of Tết 2025 (25/1–2/2), 5 and 10 working days', async () => {
    expect(await due('2025-01-24T03:00:00Z')).toBe('2025-02-07'); // Fri 24/1 → 3, 4, 5, 6, 7/2
    expect(await due('2025-01-24T03:00:00Z', true)).toBe('2025-02-14');
    expect(await due('2025-01-29T03:00:00Z')).toBe('2025-02-07'); // asked on mùng 1: counted from the next working day
  });

  it('takes the receipt day in Asia/Ho_Chi_Minh: 23:59 is still that day, 00:00 the next', async () => {
    expect(await due('2025-01-23T16:59:00Z')).toBe('2025-02-06'); // Thu 23/1 23:59 local → 24/1, 3–6/2
    expect(await due('2025-01-23T17:00:00Z')).toBe('2025-02-07'); // Fri 24/1 00:00 local
  });
});
