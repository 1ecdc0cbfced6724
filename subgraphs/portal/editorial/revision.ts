// A revision is the item's full snapshot after a change (common row, kind detail with its
// children, files), with who, when and why.
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import type { Tx } from '../content/kinds/module.ts';
import type { Caller } from './audit.ts';

const SNAPSHOT_INCLUDE = {
  files: { orderBy: { sortOrder: 'asc' } },
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

export async function writeRevision(
  tx: Tx,
  caller: Caller & { actor: { name?: string } },
  itemId: string,
  change: { action: string; fromState: string | null; reason?: string | null },
) {
  const item = await tx.contentItem.findUniqueOrThrow({ where: { id: itemId }, include: SNAPSHOT_INCLUDE });
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
