// The citizens subgraph inside the whole hub: the public asks through the gateway (which
// forwards the Idempotency-Key and names the client by a keyed hash of its address), the board
// routes with a staff token, and a published answer joins the portal's Agency entity, with
// no contact data anywhere in what the public receives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { issueToken } from '../../gateway/auth.ts';
import { stableId } from '../../schema/seed/ids.ts';
import { localDateOf } from '../../subgraphs/citizens/local-time.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { expectNoLeaks, gql } from './support/http.ts';
import { pngTextChunk, tinyPng } from '../harness/files.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ env: { CITIZENS_POW_MAX_NUMBER: '30' } });
});
afterAll(() => t?.stop());

const TU_PHAP = stableId('agency:so-tu-phap-phu-tho');

async function proofOfWork(): Promise<string> {
  const r = await gql(t.url, '{ submissionChallenge { json } }');
  const challenge = JSON.parse((r.body.data?.submissionChallenge as { json: string }).json) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

describe('questions through the gateway', () => {
  it('creates one question for concurrent retries with one Idempotency-Key, then publishes it joined with its agency', async () => {
    const input = {
      contact: { name: 'Hoàng Thị E', email: 'hoang.e@example.vn', phone: '0987654321' },
      title: 'Lệ phí hộ tịch',
      body: 'Lệ phí bao nhiêu?',
      proofOfWork: await proofOfWork(),
    };
    const SUBMIT = 'mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { trackingCode secret } }';
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => gql(t.url, SUBMIT, { variables: { input }, headers: { 'idempotency-key': 'gw-retry-0000-0001' } })),
    );
    const codes = new Set(answers.map((a) => (a.body.data?.submitQuestion as { trackingCode: string } | undefined)?.trackingCode));
    expect(codes.size).toBe(1);
    const [code] = [...codes];
    const row = await t.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode: code! } });
    expect(await t.db.prisma.citizenRequest.count({ where: { title: 'Lệ phí hộ tịch' } })).toBe(1);

    const board = { authorization: `Bearer ${await issueToken(TEST_JWT, { id: 'board-e2e', roles: ['BOARD'] })}` };
    const editor = { authorization: `Bearer ${await issueToken(TEST_JWT, { id: 'tp-e2e', roles: ['EDITOR'], agencyIds: [TU_PHAP] })}` };
    const routed = await gql(
      t.url,
      'mutation($id: ID!) { routeCitizenRequest(id: $id, input: { agencyIds: [$tp], fieldName: "Hộ tịch" }) { state } }'.replace(
        '$tp',
        JSON.stringify(TU_PHAP),
      ),
      {
        variables: { id: row.id },
        headers: board,
      },
    );
    expect(routed.body.data?.routeCitizenRequest).toEqual({ state: 'ROUTED' });
    await gql(t.url, 'mutation($id: ID!) { submitCitizenAnswer(id: $id, input: { text: "Miễn lệ phí." }) { state } }', {
      variables: { id: row.id },
      headers: editor,
    });
    const approved = await gql(t.url, 'mutation($id: ID!) { approveCitizenAnswer(id: $id) { state } }', { variables: { id: row.id }, headers: board });
    expect(approved.body.data?.approveCitizenAnswer).toEqual({ state: 'ANSWERED' });

    const pub = await gql(t.url, '{ publishedQuestions(first: 10) { nodes { title answer { text agency { code name { vi } } } } } }');
    expect(pub.body.data?.publishedQuestions).toEqual({
      nodes: [
        { title: 'Lệ phí hộ tịch', answer: { text: 'Miễn lệ phí.', agency: { code: expect.any(String), name: { vi: expect.stringContaining('Tư pháp') } } } },
      ],
    });
    expectNoLeaks(pub.text, [/hoang\.e@/, /0987654321/, /Hoàng Thị E/]);

    // R-17: the citizens' figures join the portal's Agency in one query.
    const year = localDateOf(new Date()).slice(0, 4); // the province's year, as receipt dates are
    const figures = await gql(
      t.url,
      `{ agency(slug: "so-tu-phap-phu-tho") { name { vi } citizenFigures(from: "${year}-01-01", to: "${year}-12-31") { received answeredOnTime answeredLate } } }`,
      { headers: board },
    );
    expect(figures.body.data?.agency).toEqual({
      name: { vi: expect.stringContaining('Tư pháp') },
      citizenFigures: { received: 1, answeredOnTime: 1, answeredLate: 0 },
    });

    // …and inside provisionReport: the citizens subgraph contributes to the portal's AgencyProvision rows.
    const report = await gql(
      t.url,
      `{ provisionReport(year: ${year}, agencyId: "${TU_PHAP}") { agencies { agency { name { vi } } questionsAndPetitions { received answeredOnTime answeredLate } commentsPerDraft { comments } } } }`,
      { headers: board },
    );
    expect(report.body.errors).toBeUndefined();
    expect(report.body.data?.provisionReport).toEqual({
      agencies: [
        {
          agency: { name: { vi: expect.stringContaining('Tư pháp') } },
          questionsAndPetitions: { received: 1, answeredOnTime: 1, answeredLate: 0 },
          commentsPerDraft: [],
        },
      ],
    });
  });

  it('takes an anonymous question with a small attachment through the gateway, and gives it back to the asker only', async () => {
    const png = tinyPng(2, 2);
    const input = {
      contact: { name: 'Đinh P', email: 'dinh.p@example.vn' },
      title: 'Ảnh chụp biên nhận',
      body: 'Xem ảnh',
      attachments: [{ fileName: 'bien-nhan.png', mediaType: 'image/png', contentBase64: png.toString('base64') }],
      proofOfWork: await proofOfWork(),
    };
    const sent = await gql(t.url, 'mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { trackingCode secret } }', { variables: { input } });
    expect(sent.body.errors).toBeUndefined();
    const { trackingCode, secret } = sent.body.data?.submitQuestion as { trackingCode: string; secret: string };
    const mine = await gql(t.url, 'query($c: String!, $s: String!) { trackRequest(trackingCode: $c, secret: $s) { attachments { fileName contentBase64 } } }', {
      variables: { c: trackingCode, s: secret },
    });
    expect(mine.body.data?.trackRequest).toEqual({ attachments: [{ fileName: 'bien-nhan.png', contentBase64: png.toString('base64') }] });
    const wrong = await gql(t.url, 'query($c: String!, $s: String!) { trackRequest(trackingCode: $c, secret: $s) { attachments { contentBase64 } } }', {
      variables: { c: trackingCode, s: 'not-the-secret' },
    });
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expectNoLeaks(wrong.text, [new RegExp(png.toString('base64').slice(0, 20).replace(/[+/]/g, '.')), /dinh\.p@/]);
  });

  it('takes an anonymous question whose attachment is larger than the public body limit, and nothing else that large', async () => {
    // ~300 kB of base64: three times the public BODY_LIMIT_BYTES (100 kB), within SUBMISSION_BODY_LIMIT_BYTES.
    const scan = tinyPng(4, 4, [pngTextChunk('Comment', 'quet bien nhan '.repeat(16_000))]);
    expect(scan.length).toBeGreaterThan(200_000);
    const input = {
      contact: { name: 'Lê Q', email: 'le.q@example.vn' },
      title: 'Bản quét biên nhận',
      body: 'Xem tệp đính kèm',
      attachments: [{ fileName: 'bien-nhan.png', mediaType: 'image/png', contentBase64: scan.toString('base64') }],
      proofOfWork: await proofOfWork(),
    };
    const sent = await gql(t.url, 'mutation Ask($input: CitizenRequestInput!) { receipt: submitQuestion(input: $input) { trackingCode secret } }', {
      variables: { input },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.errors).toBeUndefined();
    const { trackingCode, secret } = sent.body.data?.receipt as { trackingCode: string; secret: string };
    const mine = await gql(t.url, 'query($c: String!, $s: String!) { trackRequest(trackingCode: $c, secret: $s) { attachments { fileName byteSize } } }', {
      variables: { c: trackingCode, s: secret },
    });
    expect(mine.body.data?.trackRequest).toEqual({ attachments: [{ fileName: 'bien-nhan.png', byteSize: scan.length }] });

    const padding = 'x'.repeat(300_000);
    const tooLarge = [
      // a query, however it is padded
      gql(t.url, 'query($p: String) { __typename }', { variables: { p: padding } }),
      // two submissions in one request
      gql(
        t.url,
        'mutation($input: CitizenRequestInput!) { a: submitQuestion(input: $input) { trackingCode } b: submitPetition(input: $input) { trackingCode } }',
        {
          variables: { input },
        },
      ),
      // a submission next to a fragment or another operation
      gql(t.url, 'mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { ...R } } fragment R on SubmissionReceipt { trackingCode }', {
        variables: { input },
      }),
      // a mutation that is not a submission
      gql(t.url, 'mutation($p: String) { __typename }', { variables: { p: padding } }),
    ];
    for (const res of await Promise.all(tooLarge)) {
      expect(res.status).toBe(413);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('refuses an anonymous caller’s staff query without a trace of contact data', async () => {
    const r = await gql(t.url, '{ citizenRequests(first: 5) { nodes { asker { email } } } }');
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expectNoLeaks(r.text, [/@example\.vn/]);
  });
});
