import { describe, expect, it } from 'vitest';
import { AGENCY_A, AGENCY_B, BOARD, call, editorOf, useCitizens } from '../harness/citizens.ts';

let now = new Date('2025-04-25T03:00:00Z');
const citizens = useCitizens({ clock: () => now });

async function question(at: string): Promise<string> {
  now = new Date(at);
  const r = await call<{ submitQuestion: { trackingCode: string } }>(
    citizens.url,
    `mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { trackingCode } }`,
    { input: { contact: { name: 'A', email: 'a@example.vn' }, title: 'T', body: 'B' } },
    { actor: BOARD },
  );
  return (await citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode: r.body.data!.submitQuestion.trackingCode } })).id;
}
const staff = (q: string, v: Record<string, unknown>, actor = BOARD) => call(citizens.url, q, v, { actor });
const route = (id: string, agencyIds: string[]) =>
  staff(`mutation($id: ID!, $a: [ID!]!) { routeCitizenRequest(id: $id, input: { agencyIds: $a, fieldName: "F" }) { state } }`, { id, a: agencyIds });
async function answer(id: string, at: string, agency = AGENCY_A) {
  await staff(`mutation($id: ID!) { submitCitizenAnswer(id: $id, input: { text: "Đáp" }) { state } }`, { id }, editorOf(agency));
  now = new Date(at);
  await staff(`mutation($id: ID!) { approveCitizenAnswer(id: $id) { state } }`, { id });
}

const REPORT = `query($f: LocalDate!, $t: LocalDate!) { citizenRequestReport(from: $f, to: $t) { asOf rows { agency { id } received answeredOnTime answeredLate overdue pending rejected } } }`;

describe('R-17 figures', () => {
  it('counts received, on time, late, overdue and pending per agency, judged as of the end of the period', async () => {
    const onTime = await question('2025-04-25T03:00:00Z'); // due 6/5
    await route(onTime, [AGENCY_A]);
    await answer(onTime, '2025-05-06T09:00:00Z');
    const late = await question('2025-04-25T04:00:00Z');
    await route(late, [AGENCY_A]);
    await answer(late, '2025-05-07T03:00:00Z');
    const open = await question('2025-05-20T03:00:00Z'); // due 27/5: overdue at the end of May
    await route(open, [AGENCY_A, AGENCY_B]); // coordination: due 3/6, still pending on 31/5
    const overdue = await question('2025-05-15T03:00:00Z'); // due 22/5
    await route(overdue, [AGENCY_B]);
    now = new Date('2025-07-01T03:00:00Z');
    const r = await call<{ citizenRequestReport: { asOf: string; rows: Record<string, unknown>[] } }>(
      citizens.url,
      REPORT,
      { f: '2025-04-01', t: '2025-05-31' },
      { actor: BOARD },
    );
    expect(r.body.data?.citizenRequestReport.asOf).toBe('2025-05-31');
    expect(r.body.data?.citizenRequestReport.rows).toEqual([
      { agency: { id: AGENCY_A }, received: 3, answeredOnTime: 1, answeredLate: 1, overdue: 0, pending: 1, rejected: 0 },
      { agency: { id: AGENCY_B }, received: 2, answeredOnTime: 0, answeredLate: 0, overdue: 1, pending: 1, rejected: 0 },
    ]);
    const forB = await call<{ citizenRequestReport: { rows: { agency: { id: string } }[] } }>(
      citizens.url,
      REPORT,
      { f: '2025-04-01', t: '2025-05-31' },
      { actor: editorOf(AGENCY_B) },
    );
    expect(forB.body.data?.citizenRequestReport.rows.map((x) => x.agency.id)).toEqual([AGENCY_B]);
    expect((await call(citizens.url, REPORT, { f: '2025-04-01', t: '2025-05-31' })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('contributes Q&A figures and comments per draft to the portal’s AgencyProvision entities (agency × period), batched and scoped to the caller', async () => {
    // A draft of agency A open 10–20/5 with three comments in May, one moderated.
    now = new Date('2025-05-01T03:00:00Z');
    const draft = {
      kind: 'POLICY',
      title: 'Dự thảo chính sách',
      body: 'Nội dung',
      draftingAgencyId: AGENCY_A,
      receivingName: 'Sở',
      receivingAddress: 'Việt Trì',
      receivingEmail: 'gopy@example.vn',
      opensOn: '2025-05-10',
      closesOn: '2025-05-20',
    };
    const created = await call<{ createConsultation: { id: string } }>(
      citizens.url,
      `mutation($input: ConsultationInput!) { createConsultation(input: $input) { id } }`,
      { input: draft },
      { actor: BOARD },
    );
    const cid = created.body.data!.createConsultation.id;
    await staff(`mutation($id: ID!) { publishConsultation(id: $id) { id } }`, { id: cid });
    now = new Date('2025-05-12T03:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const c = await call<{ submitComment: { id: string } }>(
        citizens.url,
        `mutation($id: ID!, $input: CommentInput!) { submitComment(consultationId: $id, input: $input) { id } }`,
        { id: cid, input: { contact: { name: `N${i}`, email: `n${i}@example.vn` }, body: 'Góp ý' } },
        { actor: BOARD },
      );
      ids.push(c.body.data!.submitComment.id);
    }
    await staff(`mutation($id: ID!) { moderateComment(id: $id, decision: PUBLISHED) { state } }`, { id: ids[0] });
    await staff(`mutation($id: ID!) { moderateComment(id: $id, decision: REJECTED) { state } }`, { id: ids[1] });
    now = new Date('2025-07-01T03:00:00Z');

    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AgencyProvision { agencyId from to
      questionsAndPetitions { received answeredOnTime answeredLate overdue pending consultations comments publishedComments }
      commentsPerDraft { consultation { id commentCount } comments published pending rejected } } } }`;
    const report = (actor = BOARD, range = { from: '2025-04-01', to: '2025-05-31' }) =>
      call<{ _entities: ({ agencyId: string; questionsAndPetitions: unknown; commentsPerDraft: unknown } | null)[] }>(
        citizens.url,
        ENTITIES,
        { r: [AGENCY_A, AGENCY_B].map((agencyId) => ({ __typename: 'AgencyProvision', agencyId, ...range })) },
        { actor },
      );
    const all = await report();
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data?._entities).toEqual([
      {
        agencyId: AGENCY_A,
        from: '2025-04-01',
        to: '2025-05-31',
        questionsAndPetitions: { received: 3, answeredOnTime: 1, answeredLate: 1, overdue: 0, pending: 1, consultations: 1, comments: 3, publishedComments: 1 },
        commentsPerDraft: [{ consultation: { id: cid, commentCount: 1 }, comments: 3, published: 1, pending: 1, rejected: 1 }],
      },
      {
        agencyId: AGENCY_B,
        from: '2025-04-01',
        to: '2025-05-31',
        questionsAndPetitions: { received: 2, answeredOnTime: 0, answeredLate: 0, overdue: 1, pending: 1, consultations: 0, comments: 0, publishedComments: 0 },
        commentsPerDraft: [],
      },
    ]);
    // Agency B's editor reads B's figures only; a period without the draft's window has no draft line; the public is refused.
    const forB = await report(editorOf(AGENCY_B));
    expect(forB.body.data?._entities.map((e) => [e?.agencyId, e?.questionsAndPetitions === null, e?.commentsPerDraft === null])).toEqual([
      [AGENCY_A, true, true],
      [AGENCY_B, false, false],
    ]);
    const june = await report(BOARD, { from: '2025-06-01', to: '2025-06-30' });
    expect(june.body.data?._entities[0]?.commentsPerDraft).toEqual([]);
    expect((await report({ roles: [] })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
