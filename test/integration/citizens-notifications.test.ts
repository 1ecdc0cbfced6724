// Notifications through a real SMTP server on 127.0.0.1 (smtp-server): the outbox row written
// with the state change, delivered by deliverPending() exactly once, through an outage (port
// closed, then the server back on the same port), with two workers running at once.
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverPending } from '../../subgraphs/citizens/notifications/deliver.ts';
import { smtpMailer } from '../../subgraphs/citizens/notifications/mailer.ts';
import { queueDeadlineReminders } from '../../subgraphs/citizens/notifications/reminders.ts';
import { defaultCalendar } from '../../schema/calendar/working-days.ts';
import { AGENCY_A, BOARD, call, useCitizens } from '../harness/citizens.ts';

let now = new Date('2025-04-25T03:00:00Z');
const citizens = useCitizens({ clock: () => now });
const logger = pino({ level: 'silent' });

interface Received {
  to: string[];
  messageId: string;
  raw: string;
}

function startSmtp(port = 0): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('nobody')) return cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? '', raw });
        cb();
      });
    },
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.server.address() as AddressInfo).port, received })));
}
const stopSmtp = (s: SMTPServer) => new Promise<void>((r) => s.close(() => r()));

const servers: SMTPServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map(stopSmtp));
});

const SUBMIT = `mutation($input: CitizenRequestInput!) { submitQuestion(input: $input) { trackingCode } }`;
async function ask(email: string, extra: Record<string, unknown> = {}) {
  const r = await call<{ submitQuestion: { trackingCode: string } }>(
    citizens.url,
    SUBMIT,
    { input: { contact: { name: 'Đỗ F', email }, title: 'Hỏi về thuế', body: 'B', ...extra } },
    { actor: BOARD },
  );
  expect(r.body.errors).toBeUndefined();
  return citizens.db.prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode: r.body.data!.submitQuestion.trackingCode } });
}

const deliver = (port: number, extra: Partial<Parameters<typeof deliverPending>[0]> = {}) =>
  deliverPending({
    prisma: citizens.db.prisma,
    mailer: smtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Cổng <no-reply@cong.example>', timeoutMs: 3000 }),
    logger,
    now: () => now,
    ...extra,
  });

describe('notifications', () => {
  it('delivers each queued e-mail exactly once through an SMTP outage and two concurrent workers', async () => {
    const first = await startSmtp();
    const port = first.port;
    await stopSmtp(first.server); // the SMTP server is down: nothing listens on its port
    const asked = await Promise.all(['a1@example.vn', 'a2@example.vn', 'a3@example.vn'].map((e) => ask(e)));
    const ids = asked.map((r) => r.id);

    const down = await deliver(port);
    expect(down).toEqual({ sent: 0, retried: 3, dead: 0 });
    const waiting = await citizens.db.prisma.notification.findMany({ where: { subjectId: { in: ids } } });
    expect(waiting.map((w) => [w.status, w.attempts])).toEqual([
      ['PENDING', 1],
      ['PENDING', 1],
      ['PENDING', 1],
    ]);
    expect(waiting.every((w) => w.lastError && !w.lastError.includes('@'))).toBe(true);
    expect(await deliver(port)).toEqual({ sent: 0, retried: 0, dead: 0 }); // backing off

    const back = await startSmtp(port); // the server is back, on the same port
    servers.push(back.server);
    now = new Date(now.getTime() + 60_000);
    const runs = await Promise.all([deliver(port), deliver(port)]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(3);
    expect(await deliver(port)).toEqual({ sent: 0, retried: 0, dead: 0 });
    const mine = back.received.filter((m) => m.to.some((t) => /^a\d@example\.vn$/.test(t)));
    expect(mine.map((m) => m.to[0]).sort()).toEqual(['a1@example.vn', 'a2@example.vn', 'a3@example.vn']);
    expect(new Set(mine.map((m) => m.messageId)).size).toBe(3);
    const sent = await citizens.db.prisma.notification.findMany({ where: { subjectId: { in: ids } } });
    expect(sent.every((s) => s.status === 'SENT' && s.recipient === null)).toBe(true);
  });

  it('writes Vietnamese by default, English when chosen, with the asker’s text escaped in HTML', async () => {
    const smtp = await startSmtp();
    servers.push(smtp.server);
    await ask('vi@example.vn', { title: '<b>Thuế</b> đất' });
    await ask('en@example.vn', { locale: 'EN', title: 'Land tax' });
    await deliver(smtp.port);
    const vi = smtp.received.find((m) => m.to[0] === 'vi@example.vn')!;
    const en = smtp.received.find((m) => m.to[0] === 'en@example.vn')!;
    expect(vi.raw).toMatch(/Subject: =\?UTF-8\?/); // Vietnamese subject, encoded
    const html = vi.raw.slice(vi.raw.indexOf('Content-Type: text/html'));
    expect(html).toContain('&lt;b&gt;Thu');
    expect(html).not.toContain('<b>Thu');
    expect(en.raw).toMatch(/Subject: We received your question HD-/);
  });

  it('gives up after the last attempt on a permanent refusal (DEAD)', async () => {
    const smtp = await startSmtp();
    servers.push(smtp.server);
    const r = await ask('nobody@example.vn');
    const run = await deliver(smtp.port, { maxAttempts: 1 });
    expect(run.dead).toBeGreaterThanOrEqual(1);
    const row = await citizens.db.prisma.notification.findFirstOrThrow({ where: { subjectId: r.id } });
    expect(row).toMatchObject({ status: 'DEAD', lastError: expect.stringContaining('550') });
  });

  it('queues deadline reminders to the agency inbox once each: near, then passed', async () => {
    now = new Date('2025-04-25T03:00:00Z');
    const r = await ask('g@example.vn');
    await call(citizens.url, `mutation { setAgencyInbox(agencyId: "${AGENCY_A}", email: "hoidap@sotuphap.example.vn") }`, {}, { actor: BOARD });
    await call(
      citizens.url,
      `mutation($id: ID!) { routeCitizenRequest(id: $id, input: { agencyIds: ["${AGENCY_A}"], fieldName: "Thuế" }) { state } }`,
      { id: r.id },
      { actor: BOARD },
    );
    const calendar = defaultCalendar();
    const remindersFor = () =>
      citizens.db.prisma.notification.findMany({ where: { subjectId: r.id, template: { startsWith: 'DEADLINE' } }, orderBy: { createdAt: 'asc' } });
    await queueDeadlineReminders(citizens.db.prisma, calendar, new Date('2025-05-02T03:00:00Z')); // due Tue 6/5: not yet near
    expect(await remindersFor()).toHaveLength(0);
    for (let i = 0; i < 2; i += 1) await queueDeadlineReminders(citizens.db.prisma, calendar, new Date('2025-05-05T03:00:00Z'));
    expect((await remindersFor()).map((m) => m.template)).toEqual(['DEADLINE_NEAR']);
    for (let i = 0; i < 2; i += 1) await queueDeadlineReminders(citizens.db.prisma, calendar, new Date('2025-05-07T03:00:00Z'));
    expect((await remindersFor()).map((m) => [m.template, m.recipient])).toEqual([
      ['DEADLINE_NEAR', 'hoidap@sotuphap.example.vn'],
      ['DEADLINE_PASSED', 'hoidap@sotuphap.example.vn'],
    ]);
    const routedMail = await citizens.db.prisma.notification.findMany({ where: { subjectId: r.id, template: 'AGENCY_ROUTED' } });
    expect(routedMail).toHaveLength(1);
  });
});
