// The workflow of a question or petition, with the same discipline as the portal's
// editorial workflow: who may act is checked first, then the state, then the expected version;
// the row update, its history entry and the e-mails it causes are written in ONE transaction.
import { HubError } from '../../../schema/errors.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { isUuid } from '../../kit/batch.ts';
import type { CitizensContext } from '../context.ts';
import { enqueue, type OutgoingMessage } from '../notifications/outbox.ts';
import { isBoard, mayActFor } from '../roles.ts';

type State = Db.CitizenRequest['state'];
export type RequestRow = Db.CitizenRequest & { agencies: Db.CitizenRequestAgency[] };
type Tx = Prisma.TransactionClient;

export type RequestAction = 'ROUTE' | 'REJECT' | 'SUBMIT_ANSWER' | 'RETURN_ANSWER' | 'APPROVE_ANSWER' | 'PUBLISH' | 'UNPUBLISH';

interface Rule {
  from: readonly State[];
  to?: State;
  /** BOARD: the editorial board (and admins). AGENCY: an editor of a routed agency, or the board. */
  who: 'BOARD' | 'AGENCY';
}

export const REQUEST_TRANSITIONS: Readonly<Record<RequestAction, Rule>> = {
  ROUTE: { from: ['RECEIVED', 'ROUTED'], to: 'ROUTED', who: 'BOARD' },
  REJECT: { from: ['RECEIVED', 'ROUTED', 'ANSWER_SUBMITTED'], to: 'REJECTED', who: 'BOARD' },
  SUBMIT_ANSWER: { from: ['ROUTED'], to: 'ANSWER_SUBMITTED', who: 'AGENCY' },
  RETURN_ANSWER: { from: ['ANSWER_SUBMITTED'], to: 'ROUTED', who: 'BOARD' },
  APPROVE_ANSWER: { from: ['ANSWER_SUBMITTED'], to: 'ANSWERED', who: 'BOARD' },
  PUBLISH: { from: ['ANSWERED'], who: 'BOARD' },
  UNPUBLISH: { from: ['ANSWERED'], who: 'BOARD' },
};

export interface ChangeOptions {
  expectedVersion?: number | null;
  note?: string | null;
  /** Runs after the permission and state checks, before any write; throw to refuse. */
  precheck?: (row: RequestRow) => void | Promise<void>;
  data?: (row: RequestRow) => Prisma.CitizenRequestUncheckedUpdateManyInput;
  also?: (tx: Tx, row: RequestRow) => Promise<void>;
  /** E-mails caused by the change, queued in the same transaction. */
  notify?: (tx: Tx, row: RequestRow) => Promise<OutgoingMessage[]> | OutgoingMessage[];
}

/** Loads a request the actor may see; staff of other agencies get FORBIDDEN (A34). */
export async function loadVisible(ctx: CitizensContext, id: string): Promise<RequestRow> {
  const row = isUuid(id) ? await ctx.prisma.citizenRequest.findUnique({ where: { id }, include: { agencies: true } }) : null;
  if (!row) throw new HubError('NOT_FOUND', 'No request has this id.');
  if (
    !mayActFor(
      ctx.actor,
      row.agencies.map((a) => a.agencyId),
    )
  )
    throw new HubError('FORBIDDEN', 'This request is not routed to your agency.');
  return row;
}

function refuse(ctx: CitizensContext, action: RequestAction, error: HubError): never {
  // Who tried what, never contact data: the row's id is in the request's own log line.
  ctx.runtime.logger.warn(
    { action, actorId: ctx.actor.id, roles: ctx.actor.roles, code: error.code, requestId: ctx.requestId },
    'citizen request change refused',
  );
  throw error;
}

export async function changeRequest(ctx: CitizensContext, action: RequestAction, id: string, opts: ChangeOptions = {}): Promise<RequestRow> {
  const rule = REQUEST_TRANSITIONS[action];
  if (!isBoard(ctx.actor) && (rule.who === 'BOARD' || !ctx.actor.roles.includes('EDITOR'))) {
    refuse(ctx, action, new HubError('FORBIDDEN', 'You may not do this.', { action }));
  }
  const row = await loadVisible(ctx, id);
  if (!rule.from.includes(row.state)) {
    refuse(
      ctx,
      action,
      new HubError('INVALID_STATE_TRANSITION', `${action} is not allowed from ${row.state}.`, { from: row.state, allowedFrom: [...rule.from] }),
    );
  }
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== null && opts.expectedVersion !== row.version) {
    throw new HubError('CONFLICT', 'The request changed since you loaded it: reload and try again.', { version: row.version });
  }
  await opts.precheck?.(row);
  const to = rule.to ?? row.state;
  const now = ctx.now();
  await ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.citizenRequest.updateMany({
      where: { id, version: row.version, state: row.state },
      data: { ...opts.data?.(row), state: to, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new HubError('CONFLICT', 'The request changed meanwhile: reload and try again.');
    await opts.also?.(tx, row);
    await tx.citizenRequestEvent.create({
      data: {
        requestId: id,
        at: now,
        actorId: ctx.actor.id?.slice(0, 100) ?? null,
        actorRoles: ctx.actor.roles.slice(0, 10),
        action,
        fromState: row.state,
        toState: to,
        note: opts.note ?? null,
      },
    });
    if (opts.notify) await enqueue(tx, await opts.notify(tx, row), now);
  });
  return (await ctx.prisma.citizenRequest.findUnique({ where: { id }, include: { agencies: true } }))!;
}
