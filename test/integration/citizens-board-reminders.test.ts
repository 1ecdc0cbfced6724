// The editorial board's mail (CITIZENS_BOARD_EMAIL): told of every new question or petition in
// the submission's own transaction, and reminded of deadlines it must act on; agencies reminded
// of what is routed to them. Reminders are queued by the `citizens.deadline-reminders` job on
// the hub's job runner: two runners racing over the same slots run it once per slot, and each
// reminder is queued exactly once.
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startJobRunner, type JobRunner } from '../../schema/jobs/runner.ts';
import { AGENCY_A, BOARD, call, solvedProofOfWork, useCitizens } from '../harness/citizens.ts';

let now = new Date('2025-04-25T03:00:00Z'); // Friday 25/04/2025, 10:00 in Hà Nội
const BOARD_INBOX = 'bbt@cong.example.vn';
const citizens = useCitizens({ clock: () => now, boardEmail: BOARD_INBOX });
const runners: JobRunner[] = [];
afterAll(async () => {
  for (const r of runners) await r.stop();
});

const SUBMIT = `mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { trackingCode } }`;
let seq = 0;
async function ask(contact: Record<string, string>) {
  const clientKey = `board-test-${++seq}`;
  const r = await call<{ submitQuestion: { trackingCode: string } }>(
    citizens.url,
    SUBMIT,
    { input: { contact, title: `Câu hỏi ${seq}`, body: 'Nội dung', proofOfWork: await solvedProofOfWork(citizens.url, clientKey) } },
    { clientKey },
  );
  expect(r.body.errors).toBeUndefined();
  return citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode: r.body.data!.submitQuestion.trackingCode } });
}
const mailsOf = (subjectId: string) =>
  citizens.db.prisma.notification.findMany({
    where: { subjectId },
    orderBy: [{ createdAt: 'asc' }, { template: 'asc' }],
    select: { template: true, recipient: true },
  });

describe('the board’s mail', () => {
  it('queues the board’s notice with every new request, also when the asker gave only a phone', async () => {
    const withMail = await ask({ name: 'Vũ G', email: 'vu.g@example.vn' });
    expect(await mailsOf(withMail.id)).toEqual([
      { template: 'BOARD_NEW_REQUEST', recipient: BOARD_INBOX },
      { template: 'REQUEST_RECEIVED', recipient: 'vu.g@example.vn' },
    ]);
    const phoneOnly = await ask({ name: 'Vũ H', phone: '0987654321' });
    expect(await mailsOf(phoneOnly.id)).toEqual([{ template: 'BOARD_NEW_REQUEST', recipient: BOARD_INBOX }]);
    const row = await citizens.db.prisma.notification.findFirstOrThrow({ where: { subjectId: phoneOnly.id } });
    // The board's notice names the request, never the asker's contact.
    expect(JSON.stringify(row.payload)).not.toContain('0987654321');
  });

  it('runs the reminder job once per slot across two runners and queues each reminder once, to whoever must act', async () => {
    now = new Date('2025-04-28T03:00:00Z'); // Monday 28/4: due Thu 8/5 (30/4, 1/5 and the bridging 2/5 are holidays)
    const waiting = await ask({ name: 'Lý K', email: 'ly.k@example.vn' }); // stays RECEIVED: the board must act
    const routed = await ask({ name: 'Lý L', email: 'ly.l@example.vn' });
    expect([waiting.dueOn?.toISOString().slice(0, 10), routed.dueOn?.toISOString().slice(0, 10)]).toEqual(['2025-05-08', '2025-05-08']);
    await call(citizens.url, `mutation { setAgencyInbox(agencyId: "${AGENCY_A}", email: "vanthu@soyte.example.vn") }`, {}, { actor: BOARD });
    const r = await call(
      citizens.url,
      `mutation($id: ID!) { routeCitizenRequest(id: $id, input: { agencyIds: ["${AGENCY_A}"], fieldName: "Y tế" }) { state } }`,
      { id: routed.id },
      { actor: BOARD },
    );
    expect(r.body.errors).toBeUndefined();

    const job = citizens.server.jobs!.find((j) => j.name === 'citizens.deadline-reminders')!;
    expect(job).toBeDefined();
    const runs: string[] = [];
    const counted = { ...job, run: async (ctx: Parameters<typeof job.run>[0]) => (runs.push(ctx.slot ?? 'on demand'), job.run(ctx)) };
    const logger = pino({ level: 'silent' });
    for (let i = 0; i < 2; i += 1) {
      runners.push(await startJobRunner({ url: citizens.db.url, jobs: [counted], logger, clock: () => now, poolMax: citizens.db.embedded ? 1 : 2 }));
    }
    const tick = () => Promise.all(runners.map((x) => x.runDue()));
    const reminders = async (id: string) => (await mailsOf(id)).filter((m) => m.template.startsWith('DEADLINE')).map((m) => `${m.template} → ${m.recipient}`);

    await tick(); // Monday 28/4: nothing near yet
    expect(await reminders(waiting.id)).toEqual([]);
    for (const day of ['2025-05-06T01:00:00Z', '2025-05-07T01:00:00Z', '2025-05-07T01:00:00Z', '2025-05-08T01:00:00Z', '2025-05-09T01:00:00Z']) {
      now = new Date(day);
      await tick();
      await tick();
    }
    expect(await reminders(waiting.id)).toEqual([`DEADLINE_NEAR → ${BOARD_INBOX}`, `DEADLINE_PASSED → ${BOARD_INBOX}`]);
    expect(await reminders(routed.id)).toEqual(['DEADLINE_NEAR → vanthu@soyte.example.vn', 'DEADLINE_PASSED → vanthu@soyte.example.vn']);
    // One run per slot reached (28/4, 6/5, 7/5, 8/5, 9/5), never two for one slot.
    // (6/5: due in two working days, nothing yet; 7/5 and 8/5: near, queued once; 9/5: passed.)
    expect(runs).toHaveLength(5);
    expect(new Set(runs).size).toBe(5);
  });
});
