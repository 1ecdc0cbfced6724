// Which documents are the province's own (`locallyIssued`: the conflict rule in merge.ts, R-7.4):
// those with an issuer matched to an agency of the province's organisation — by its QCVN 102
// code where the source gives one, else by its folded name, as issuers are matched to the
// portal's Agency (schema/domain/agency-key.ts).
//
// The province's organisation is the portal's agency directory (R-4.1: the portal subgraph owns
// agencies, eras included, e.g. Vĩnh Phúc's until 2025-06-30 and the merged Phú Thọ's after).
// Legal reads its codes and folded names — read only, two columns, one statement per sync run
// or live lookup — rather than keeping a configured list of names or code prefixes that would
// drift from the directory: a department added, renamed or recoded on the portal counts at the
// next run. Documents merged under an older directory are re-merged then (`reconcileProvince`),
// so the flag follows the directory both ways.
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { copyFromRow, type ApplyContext } from './apply-copy.ts';
import { mergeDocument, type ProvinceRule } from './merge.ts';
import { saveDocument } from './save-document.ts';

/** The province's agencies as legal sources name them: every code and folded name in the portal's directory. */
export async function loadProvinceRule(prisma: PrismaClient): Promise<ProvinceRule> {
  const agencies = await prisma.agency.findMany({ select: { code: true, nameFolded: true } });
  return { codes: new Set(agencies.map((a) => a.code)), nameKeys: new Set(agencies.map((a) => a.nameFolded)) };
}

/**
 * Re-merge the documents whose `locallyIssued` the directory now decides otherwise (an agency
 * added or removed since they were merged). Returns how many were re-merged.
 */
export async function reconcileProvince(prisma: PrismaClient, ctx: ApplyContext): Promise<number> {
  const codes = [...ctx.rule.codes];
  const nameKeys = [...ctx.rule.nameKeys];
  const provincial = {
    OR: [
      { agencyMatch: 'CODE', agencyKey: { in: codes } },
      { agencyMatch: 'NAME', agencyKey: { in: nameKeys } },
    ],
  };
  const stale = await prisma.legalDocument.findMany({
    where: {
      OR: [
        { locallyIssued: false, issuers: { some: provincial } },
        { locallyIssued: true, issuers: { none: provincial } },
      ],
    },
    select: { id: true },
  });
  for (const { id } of stale) {
    await prisma.$transaction(async (tx) => {
      const copies = await tx.legalDocumentSource.findMany({ where: { documentId: id } });
      if (copies.length) await saveDocument(tx, id, mergeDocument(copies.map(copyFromRow), ctx.rule), ctx.now);
    });
  }
  return stale.length;
}
