// A revision is the item's full snapshot after a change (common row, kind detail with its
// children, files), with who, when and why.
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import type { ContentKind } from '../content/kinds.ts';
import type { Tx } from '../content/kinds/module.ts';
import type { Caller } from './audit.ts';

const DETAIL_INCLUDE = {
  introduction: true,
  direction: true,
  petition: true,
  commendation: true,
  schedule: { include: { entries: { orderBy: { startsAt: 'asc' } } } },
  explainer: true,
  plan: true,
  investment: true,
  tender: true,
  scienceTask: true,
  statistics: { include: { values: { orderBy: { sortOrder: 'asc' } } } },
} satisfies Prisma.ContentItemInclude;

const DETAIL_OF: Record<ContentKind, keyof typeof DETAIL_INCLUDE | null> = {
  ARTICLE: null,
  INTRODUCTION: 'introduction',
  DIRECTIVE: 'direction',
  PETITION_RESPONSE: 'petition',
  COMMENDATION: 'commendation',
  WORK_SCHEDULE: 'schedule',
  RECEPTION_SCHEDULE: 'schedule',
  LAW_EXPLAINER: 'explainer',
  PLAN: 'plan',
  INVESTMENT_PROJECT: 'investment',
  TENDER: 'tender',
  SCIENCE_TASK: 'scienceTask',
  STATISTICS_DATASET: 'statistics',
};

/**
 * The item with its kind's detail and its files. Loaded one relation at a time: sibling
 * includes would run concurrently on the transaction's single connection.
 */
async function snapshotOf(tx: Tx, itemId: string, kind: ContentKind) {
  const relation = DETAIL_OF[kind];
  const item = await tx.contentItem.findUniqueOrThrow({ where: { id: itemId }, include: relation ? { [relation]: DETAIL_INCLUDE[relation] } : undefined });
  const files = await tx.contentFile.findMany({ where: { itemId }, orderBy: { sortOrder: 'asc' } });
  return { ...item, files };
}

/** Snapshot the item as it now is; its kind never changes, so the caller's row names it. */
export async function writeRevision(
  tx: Tx,
  caller: Caller & { actor: { name?: string } },
  target: { id: string; kind: string },
  change: { action: string; fromState: string | null; reason?: string | null },
) {
  const itemId = target.id;
  const item = await snapshotOf(tx, itemId, target.kind as ContentKind);
  // JSON round trip: Decimal → string, Date → ISO string, nothing lossy.
  const snapshot = JSON.parse(JSON.stringify(item)) as Prisma.InputJsonValue;
  await tx.contentRevision.create({
    data: {
      itemId,
      version: item.version,
      action: change.action,
      fromState: (change.fromState ?? null) as never,
      toState: item.state,
      actorId: caller.actor.id?.slice(0, 100) ?? null,
      actorName: caller.actor.name?.slice(0, 200) ?? null,
      actorRoles: caller.actor.roles.slice(0, 10),
      reason: change.reason ?? null,
      snapshot,
    },
  });
  return item;
}
