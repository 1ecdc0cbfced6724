// The editorial state machine and the one way every change is applied: checks first,
// then the item update, its revision and its audit event in ONE transaction. A check that
// fails writes nothing but the audit of the refusal, so a draft is never half-changed.
import { HubError } from '../../../schema/errors.ts';
import { isUuid } from '../../kit/batch.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import type { PortalContext } from '../context.ts';
import type { Tx } from '../content/kinds/module.ts';
import { auditRefusal, writeAudit } from './audit.ts';
import { requireRole, requireScope, type EditorialAction } from './permissions.ts';
import { writeRevision } from './revision.ts';

type State = Db.ContentItem['state'];

interface Rule {
  from: readonly State[];
  /** Target state; undefined = the state does not change (edits, translation, scheduling). */
  to?: State;
}

const EDITABLE: readonly State[] = ['DRAFT', 'RETURNED'];

export const TRANSITIONS: Readonly<Record<Exclude<EditorialAction, 'CREATE'>, Rule>> = {
  UPDATE: { from: EDITABLE },
  ATTACH_FILES: { from: EDITABLE },
  TRANSLATE: { from: ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED', 'PUBLISHED', 'UNPUBLISHED'] },
  SUBMIT: { from: EDITABLE, to: 'SUBMITTED' },
  APPROVE: { from: ['SUBMITTED'], to: 'APPROVED' },
  RETURN: { from: ['SUBMITTED', 'APPROVED'], to: 'RETURNED' },
  SCHEDULE: { from: ['APPROVED'] },
  PUBLISH: { from: ['APPROVED', 'UNPUBLISHED'], to: 'PUBLISHED' },
  UNPUBLISH: { from: ['PUBLISHED'], to: 'UNPUBLISHED' },
  ARCHIVE: { from: ['PUBLISHED', 'UNPUBLISHED'], to: 'ARCHIVED' },
  REOPEN: { from: ['UNPUBLISHED'], to: 'DRAFT' },
};

export interface TransitionOptions {
  reason?: string | null;
  expectedVersion?: number | null;
  /** Runs after the state checks, before any write; throw to refuse (e.g. publish preconditions). */
  precheck?: (row: Db.ContentItem) => Promise<void> | void;
  /** Extra columns of the item update. */
  data?: (row: Db.ContentItem) => Prisma.ContentItemUncheckedUpdateManyInput;
  /** More writes in the same transaction (detail rows, files). */
  also?: (tx: Tx, row: Db.ContentItem) => Promise<void>;
  /** Detail for the audit event. */
  detail?: Record<string, unknown>;
}

async function refuse(ctx: PortalContext, action: EditorialAction, id: string, error: HubError): Promise<never> {
  await auditRefusal(ctx.prisma, ctx, { action, targetId: id, outcome: 'FAILED', detail: { code: error.code, ...error.extensions } });
  throw error;
}

export async function loadForChange(ctx: PortalContext, action: EditorialAction, id: string): Promise<Db.ContentItem> {
  await requireRole(ctx, action, id);
  const row = isUuid(id) ? await ctx.prisma.contentItem.findUnique({ where: { id } }) : null;
  if (!row) throw new HubError('NOT_FOUND', 'No content item has this id.');
  await requireScope(ctx, action, row);
  return row;
}

export async function runTransition(ctx: PortalContext, action: Exclude<EditorialAction, 'CREATE'>, id: string, opts: TransitionOptions = {}) {
  const row = await loadForChange(ctx, action, id);
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(row.state)) {
    await refuse(
      ctx,
      action,
      id,
      new HubError('INVALID_STATE_TRANSITION', `${action} is not allowed from ${row.state}.`, { from: row.state, allowedFrom: [...rule.from] }),
    );
  }
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== null && opts.expectedVersion !== row.version) {
    throw new HubError('CONFLICT', 'The item changed since you loaded it: reload and try again.', { version: row.version });
  }
  if (opts.precheck) {
    try {
      await opts.precheck(row);
    } catch (err) {
      if (err instanceof HubError) await refuse(ctx, action, id, err);
      throw err;
    }
  }
  const to = rule.to ?? row.state;
  return ctx.transaction(async (tx) => {
    const updated = await tx.contentItem.updateMany({
      where: { id, version: row.version, state: row.state },
      data: { ...opts.data?.(row), state: to, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new HubError('CONFLICT', 'The item changed meanwhile: reload and try again.');
    await opts.also?.(tx, row);
    const after = await writeRevision(tx, ctx, row, { action, fromState: row.state, reason: opts.reason });
    await writeAudit(tx, ctx, { action, targetId: id, outcome: 'SUCCEEDED', detail: { from: row.state, to, version: after.version, ...opts.detail } });
    return after;
  });
}
