// One DataLoader per relation, created per request: a page of documents costs one statement
// per list it touches, whatever its size (the N+1 test counts them). Short lists (issuers,
// history, files, gazette entries) are loaded whole and cut into pages by the field resolver;
// relations, which can run to thousands, are paged in the database (relation-pages.ts).
import DataLoader from 'dataloader';
import type { Db, PrismaClient } from '../../schema/db/prisma.ts';
import { createRelationPages } from './relation-pages.ts';
import { byKey, groupBy } from '../kit/batch.ts';
import { idKey, referenceLoader } from '../kit/references.ts';

export type EntryRow = Db.LegalGazetteEntry;

/** An agency as legal matches issuers to it: its QCVN 102 code and its folded name (either may be unknown). */
export interface AgencyKeys {
  code: string | null;
  nameKey: string | null;
}

export function createLegalLoaders(prisma: PrismaClient) {
  return {
    document: new DataLoader<string, Db.LegalDocument | null>(async (ids) =>
      byKey(ids, await prisma.legalDocument.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id),
    ),
    /**
     * `LegalDocument` representations by id or by number key (how other subgraphs cite a
     * document: LegalBasis). Numbers repeat across issuers: the province's own, in-force copy
     * wins, then the latest issued.
     */
    documentReference: referenceLoader<Db.LegalDocument>(
      [idKey(), { field: 'numberKey', accepts: (k) => k.length > 0 && k.length <= 200, valueOf: (r) => r.numberKey, prefer: preferredCitation }],
      (values) =>
        prisma.legalDocument.findMany({
          where: {
            OR: [
              ...(values.has('id') ? [{ id: { in: values.get('id') } }] : []),
              ...(values.has('numberKey') ? [{ numberKey: { in: values.get('numberKey') } }] : []),
            ],
          },
        }),
    ),
    /**
     * Locally issued documents issued in "from|to", one row per issuer matched to an agency, by
     * code or by name (R-7.4 report): one statement per period.
     */
    locallyIssuedBetween: new DataLoader<
      string,
      { documentId: string; agencyKey: string; agencyMatch: string; number: string; issueDate: Date; firstPublishedAt: Date }[]
    >(async (periods) =>
      Promise.all(
        periods.map(async (p) => {
          const [from, to] = p.split('|') as [string, string];
          const rows = await prisma.legalIssuer.findMany({
            where: {
              agencyMatch: { in: ['CODE', 'NAME'] },
              agencyKey: { not: null },
              document: { locallyIssued: true, withdrawn: false, issueDate: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
            },
            select: { documentId: true, agencyKey: true, agencyMatch: true, document: { select: { number: true, issueDate: true, firstPublishedAt: true } } },
            orderBy: [{ document: { issueDate: 'asc' } }, { documentId: 'asc' }],
          });
          return rows.map((r) => ({
            documentId: r.documentId,
            agencyKey: r.agencyKey!,
            agencyMatch: r.agencyMatch!,
            number: r.document.number,
            issueDate: r.document.issueDate!,
            firstPublishedAt: r.document.firstPublishedAt,
          }));
        }),
      ),
    ),
    /**
     * Documents each agency issued, newest first: those whose issuer carried its code and those
     * that named it (folded name). One statement for many agencies.
     */
    documentsByAgency: new DataLoader<AgencyKeys, Db.LegalDocument[], string>(
      async (agencies) => {
        const codes = [...new Set(agencies.map((a) => a.code).filter((c): c is string => !!c))];
        const names = [...new Set(agencies.map((a) => a.nameKey).filter((n): n is string => !!n))];
        const rows = await prisma.legalIssuer.findMany({
          where: {
            OR: [
              ...(codes.length ? [{ agencyMatch: 'CODE', agencyKey: { in: codes } }] : []),
              ...(names.length ? [{ agencyMatch: 'NAME', agencyKey: { in: names } }] : []),
            ],
          },
          select: { agencyKey: true, agencyMatch: true, document: true },
          orderBy: [{ document: { issueDate: { sort: 'desc', nulls: 'last' } } }, { documentId: 'asc' }],
        });
        const byMatch = new Map<string, Db.LegalDocument[]>();
        for (const r of rows) {
          const id = `${r.agencyMatch}:${r.agencyKey}`;
          byMatch.set(id, [...(byMatch.get(id) ?? []), r.document]);
        }
        return agencies.map((a) => {
          const linked = [...(byMatch.get(`CODE:${a.code}`) ?? []), ...(byMatch.get(`NAME:${a.nameKey}`) ?? [])];
          // Newest first across both lists (as the statement ordered them), a document once.
          const docs = new Map(linked.sort(newestFirst).map((d) => [d.id, d]));
          return [...docs.values()];
        });
      },
      { cacheKeyFn: (a) => `${a.code ?? ''}|${a.nameKey ?? ''}` },
    ),
    issueReference: referenceLoader<Db.LegalGazetteIssue>([idKey()], (values) =>
      prisma.legalGazetteIssue.findMany({ where: { id: { in: values.get('id') } } }),
    ),
    issue: new DataLoader<string, Db.LegalGazetteIssue | null>(async (ids) =>
      byKey(ids, await prisma.legalGazetteIssue.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id),
    ),
    issuers: new DataLoader<string, Db.LegalIssuer[]>(async (ids) =>
      groupBy(ids, await prisma.legalIssuer.findMany({ where: { documentId: { in: [...ids] } }, orderBy: { position: 'asc' } }), (r) => r.documentId),
    ),
    events: new DataLoader<string, Db.LegalValidityEvent[]>(async (ids) =>
      groupBy(
        ids,
        await prisma.legalValidityEvent.findMany({ where: { documentId: { in: [...ids] } }, orderBy: [{ date: 'asc' }, { position: 'asc' }] }),
        (r) => r.documentId,
      ),
    ),
    /** A page of the relations touching each document, in either direction. */
    relationPages: createRelationPages(prisma),
    files: new DataLoader<string, Db.LegalFile[]>(async (ids) =>
      groupBy(ids, await prisma.legalFile.findMany({ where: { documentId: { in: [...ids] } }, orderBy: { position: 'asc' } }), (r) => r.documentId),
    ),
    sources: new DataLoader<string, Db.LegalDocumentSource[]>(async (ids) =>
      groupBy(
        ids,
        (await prisma.legalDocumentSource.findMany({
          where: { documentId: { in: [...ids] } },
          omit: { payload: true },
          orderBy: [{ system: 'desc' }, { fetchedAt: 'desc' }],
        })) as Db.LegalDocumentSource[],
        (r) => r.documentId,
      ),
    ),
    entriesByDocument: new DataLoader<string, EntryRow[]>(async (ids) =>
      groupBy(
        ids,
        await prisma.legalGazetteEntry.findMany({
          where: { documentId: { in: [...ids] } },
          orderBy: [{ issue: { date: 'asc' } }, { issue: { number: 'asc' } }],
        }),
        (r) => r.documentId,
      ),
    ),
    entriesByIssue: new DataLoader<string, EntryRow[]>(async (ids) =>
      groupBy(ids, await prisma.legalGazetteEntry.findMany({ where: { issueId: { in: [...ids] } }, orderBy: { position: 'asc' } }), (r) => r.issueId),
    ),
  };
}

function newestFirst(a: Db.LegalDocument, b: Db.LegalDocument): number {
  return (b.issueDate?.getTime() ?? -Infinity) - (a.issueDate?.getTime() ?? -Infinity) || a.id.localeCompare(b.id);
}

function preferredCitation(a: Db.LegalDocument, b: Db.LegalDocument): number {
  if (a.withdrawn !== b.withdrawn) return a.withdrawn ? 1 : -1;
  if (a.locallyIssued !== b.locallyIssued) return a.locallyIssued ? -1 : 1;
  return (b.issueDate?.getTime() ?? 0) - (a.issueDate?.getTime() ?? 0) || a.id.localeCompare(b.id);
}

export type LegalLoaders = ReturnType<typeof createLegalLoaders>;
