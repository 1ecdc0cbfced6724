// Q&A exchange with the national public-service portal (R-4.13 with DOMAIN.md §3): questions
// asked there come in as requests (source NATIONAL, keyed by the portal's code, so a repeated
// pull never duplicates) and enter the board's workflow like any other; once the board approves
// an answer, it goes back to the national portal, once (exportedAt). Contact data arrives from
// a trusted system: no proof of work, no limits, same privacy.
import { createHmac } from 'node:crypto';
import type { QaExchange } from '../../../adapters/national-service-portal/qa.ts';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { CitizensRuntime } from '../context.ts';
import { dateColumn, isoOfColumn, localDateOf } from '../local-time.ts';
import { boardNewRequest, enqueue } from '../notifications/outbox.ts';
import { answerDueOn } from '../requests/deadlines.ts';
import { hashSecret, newTrackingCode, secretOf } from '../requests/tracking.ts';

export interface QaSyncRun {
  received: number;
  exported: number;
}

/** How far back each pull looks: overlap on purpose (upserts make it harmless). */
const OVERLAP_MS = 24 * 3600_000;

async function pull(prisma: PrismaClient, exchange: QaExchange, runtime: CitizensRuntime): Promise<number> {
  const latest = await prisma.citizenRequest.findFirst({ where: { source: 'NATIONAL' }, orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } });
  const since = latest ? new Date(latest.receivedAt.getTime() - OVERLAP_MS) : null;
  let received = 0;
  for (const q of await exchange.questionsSince(since)) {
    const exists = await prisma.citizenRequest.findUnique({
      where: { source_externalId: { source: 'NATIONAL', externalId: q.externalId } },
      select: { id: true },
    });
    if (exists) continue;
    const receivedAt = q.askedAt ? new Date(q.askedAt) : runtime.now();
    const receivedOn = localDateOf(receivedAt);
    const trackingCode = newTrackingCode('QUESTION');
    const contactKey = createHmac('sha256', runtime.secret)
      .update(`contact.${q.email ?? `tel:${q.phone ?? q.externalId}`}`)
      .digest('base64url');
    const created = await prisma.citizenRequest.createMany({
      data: [
        {
          kind: 'QUESTION',
          trackingCode,
          secretHash: hashSecret(secretOf(runtime.secret, trackingCode)),
          askerName: q.askerName,
          askerEmail: q.email,
          askerPhone: q.phone,
          contactKey,
          title: q.title,
          body: q.body,
          topic: q.field,
          receivedAt,
          receivedOn: dateColumn(receivedOn),
          dueOn: dateColumn(answerDueOn(receivedOn, false, runtime.calendar)),
          source: 'NATIONAL',
          externalId: q.externalId,
        },
      ],
      skipDuplicates: true, // a concurrent pull on another replica got it first
    });
    if (created.count === 1) {
      const row = await prisma.citizenRequest.findUniqueOrThrow({ where: { trackingCode } });
      await prisma.$transaction(async (tx) => {
        await tx.citizenRequestEvent.create({
          data: { requestId: row.id, at: runtime.now(), actorRoles: ['SYSTEM'], actorId: 'system:national-qa', action: 'IMPORT', toState: 'RECEIVED' },
        });
        const dueOn = isoOfColumn(row.dueOn!);
        await enqueue(
          tx,
          [boardNewRequest(runtime.boardEmail, row.id, { trackingCode, title: row.title, dueOn, kind: 'QUESTION', source: 'NATIONAL' })],
          runtime.now(),
        );
      });
      received += 1;
    }
  }
  return received;
}

async function push(prisma: PrismaClient, exchange: QaExchange, runtime: CitizensRuntime, agencyName: (id: string | null) => string | null): Promise<number> {
  const due = await prisma.citizenRequest.findMany({
    where: { source: 'NATIONAL', state: 'ANSWERED', exportedAt: null, externalId: { not: null } },
    select: { id: true, externalId: true, answerText: true, answerAgencyId: true, answeredAt: true },
    take: 100,
  });
  let exported = 0;
  for (const r of due) {
    await exchange.pushAnswer({
      externalId: r.externalId!,
      text: r.answerText ?? '',
      agencyName: agencyName(r.answerAgencyId),
      answeredAt: r.answeredAt ?? runtime.now(),
    });
    await prisma.citizenRequest.update({ where: { id: r.id }, data: { exportedAt: runtime.now() } });
    exported += 1;
  }
  return exported;
}

/** One run: pull new questions, then send back approved answers. */
export async function syncNationalQa(prisma: PrismaClient, exchange: QaExchange, runtime: CitizensRuntime): Promise<QaSyncRun> {
  const received = await pull(prisma, exchange, runtime);
  // Agency names live in the portal subgraph: the answer carries the province's name for now.
  const exported = await push(prisma, exchange, runtime, () => null);
  return { received, exported };
}
