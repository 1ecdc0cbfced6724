// Items saved before `legal_basis_keys` existed carry their citations in the detail table only:
// this job derives the keys (the same `citedNumberKey` the editor's save uses) so that
// LegalDocument.relatedContent finds them. Idempotent and cheap once done: it looks only at
// items of citing kinds whose keys are empty.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { ScheduledJob } from '../../kit/jobs.ts';
import type { LegalBasis } from '../../kit/legal-basis.ts';
import { DETAIL_MODULES, type ContentKind } from './registry.ts';

const BATCH = 500;

export async function backfillLegalBasisKeys(prisma: PrismaClient): Promise<number> {
  let updated = 0;
  for (const module of DETAIL_MODULES.filter((m) => m.legalBases)) {
    let after: string | null = null;
    for (;;) {
      const items: { id: string }[] = await prisma.contentItem.findMany({
        where: { kind: { in: Object.keys(module.kinds) as ContentKind[] }, legalBasisKeys: { isEmpty: true }, ...(after ? { id: { gt: after } } : {}) },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: BATCH,
      });
      if (items.length === 0) break;
      after = items.at(-1)!.id;
      for (const row of await module.load(
        prisma,
        items.map((i) => i.id),
      )) {
        const bases = (module.fields(row).legalBases ?? []) as LegalBasis[];
        const keys = [...new Set(bases.flatMap((b) => (b.document ? [b.document.numberKey] : [])))];
        if (keys.length === 0) continue;
        // A derived column: not an edit (no version, no updatedAt, no audit event).
        await prisma.$executeRaw`UPDATE portal_content_item SET legal_basis_keys = ${keys}::text[] WHERE id = ${row.itemId}::uuid AND legal_basis_keys = '{}'`;
        updated += 1;
      }
      if (items.length < BATCH) break;
    }
  }
  return updated;
}

export const legalBasisKeysJob = (prisma: PrismaClient): ScheduledJob => ({
  name: 'portal.legal-basis-keys',
  everyMs: 6 * 3600_000,
  run: () => backfillLegalBasisKeys(prisma),
  // Keys found: LegalDocument.relatedContent answers change (the gateway's cached ones go).
  changesContent: (updated) => (updated as number) > 0,
});
