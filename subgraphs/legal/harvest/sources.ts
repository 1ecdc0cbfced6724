// Legal documents and gazette issues as harvest records (schema/contract/harvest.ts). A
// withdrawn document is a tombstone (its row stays, `withdrawn`), served when asked for.
// Public URLs are the documents' and issues' print pages (/legal/print/…).
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { datestampOf, endOfSecond, type HarvestRecord } from '../../../schema/contract/harvest.ts';
import { keysetAfter, keysetPage, type HarvestContext, type HarvestFilter, type HarvestSource } from '../../kit/harvest.ts';
import { agencyKeyOf } from '../../../schema/domain/agency-key.ts';
import {
  gazetteDublinCore,
  gazetteJsonLd,
  gazetteTitle,
  legalDublinCore,
  legalMetadata,
  legislationJsonLd,
  type DocumentRow,
  type LegalLinks,
} from './metadata.ts';

export const LEGAL_DOCUMENTS = 'legal-documents';
export const GAZETTE_ISSUES = 'gazette-issues';

export function legalLinks(publicBaseUrl: string): LegalLinks {
  const base = `${publicBaseUrl}/legal`;
  return { base, documentUrl: (id) => `${base}/print/document/${id}`, fileUrl: (sha) => `${base}/files/${sha}` };
}

export const DOC_INCLUDE = {
  issuers: true,
  validityEvents: true,
  relationsFrom: true,
  relationsTo: true,
  files: true,
  sources: { select: { sourceUrl: true }, orderBy: { fetchedAt: 'asc' }, take: 1 },
} as const satisfies Prisma.LegalDocumentInclude;
type DocRow = Prisma.LegalDocumentGetPayload<{ include: typeof DOC_INCLUDE }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id at the end of a URL under `prefix`, if it is one. */
const idIn = (url: string, prefix: string): string | null => {
  const id = url.startsWith(prefix) ? url.slice(prefix.length) : '';
  return UUID.test(id) ? id : null;
};

const range = (f: HarvestFilter) =>
  f.from || f.until ? { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.until ? { lte: endOfSecond(new Date(f.until)) } : {}) } : undefined;

/** The document record, complete when published, a tombstone when withdrawn. */
export function documentRecord(row: DocRow | (DocumentRow & { sources?: { sourceUrl: string | null }[] }), ctx: HarvestContext): HarvestRecord {
  const links = legalLinks(ctx.publicBaseUrl);
  const url = links.documentUrl(row.id);
  const agencies = [...new Set(row.issuers.filter((i) => i.agencyMatch === 'CODE' && i.agencyKey).map((i) => i.agencyKey!))];
  const agencyNames = [...new Set(row.issuers.filter((i) => i.agencyMatch === 'NAME' && i.agencyKey).map((i) => i.agencyKey!))];
  const base = { kind: LEGAL_DOCUMENTS, id: row.id, url, datestamp: datestampOf(row.updatedAt), deleted: row.withdrawn, agencies, agencyNames };
  if (row.withdrawn) return base;
  const legal = legalMetadata(row, links, row.sources?.[0]?.sourceUrl ?? null);
  return {
    ...base,
    publishedAt: row.firstPublishedAt.toISOString(),
    title: `${row.typeName} ${row.numberRaw}: ${row.title}`,
    summary: row.summary,
    authors: legal.issuers.map((i) => i.agency),
    dc: legalDublinCore(legal, url),
    jsonLd: legislationJsonLd(legal, url, row.scope ?? 'VN'),
    legal,
  };
}

export function legalDocumentSource(prisma: PrismaClient): HarvestSource {
  const where = (f: HarvestFilter): Prisma.LegalDocumentWhereInput => ({
    ...(f.deleted ? {} : { withdrawn: false }),
    ...(f.agency ? { issuers: { some: { agencyKey: { in: [f.agency, ...(f.agencyName ? [f.agencyName] : [])] } } } } : {}),
    ...(range(f) ? { updatedAt: range(f) } : {}),
  });
  return {
    kinds: [
      {
        kind: LEGAL_DOCUMENTS,
        label: { vi: 'Văn bản quy phạm pháp luật', en: 'Legal documents' },
        formats: ['vbpl'],
        pages: true,
        category: 'LEGAL_DOCUMENTS',
      },
    ],
    async page(q, ctx) {
      const changed = q.order === 'changed';
      const field = changed ? 'updatedAt' : 'firstPublishedAt';
      const rows = await prisma.legalDocument.findMany({
        where: { AND: [where(q), keysetAfter(q, field) as Prisma.LegalDocumentWhereInput] },
        include: DOC_INCLUDE,
        orderBy: changed ? [{ updatedAt: 'asc' }, { id: 'asc' }] : [{ firstPublishedAt: 'desc' }, { id: 'desc' }],
        skip: q.offset,
        take: q.limit + 1,
      });
      const { rows: page, next } = keysetPage(rows, q, (r) => (changed ? r.updatedAt : r.firstPublishedAt));
      return { records: page.map((r) => documentRecord(r, ctx)), next };
    },
    count: (f) => prisma.legalDocument.count({ where: where(f) }),
    async resolve(url, ctx) {
      const id = idIn(url, `${legalLinks(ctx.publicBaseUrl).base}/print/document/`);
      const row = id ? await prisma.legalDocument.findUnique({ where: { id }, include: DOC_INCLUDE }) : null;
      return row ? documentRecord(row, ctx) : null;
    },
  };
}

export const ISSUE_INCLUDE = { _count: { select: { entries: true } } } as const;
type IssueRow = Prisma.LegalGazetteIssueGetPayload<{ include: typeof ISSUE_INCLUDE }>;

export function issueRecord(row: IssueRow, ctx: HarvestContext): HarvestRecord {
  const url = `${legalLinks(ctx.publicBaseUrl).base}/print/gazette-issue/${row.id}`;
  const facts = { ...row, entries: row._count.entries };
  return {
    kind: GAZETTE_ISSUES,
    id: row.id,
    url,
    datestamp: datestampOf(row.fetchedAt),
    deleted: false,
    ...publisherAgency(row.publisher),
    publishedAt: row.date.toISOString(),
    title: gazetteTitle(row),
    summary: `${facts.entries} văn bản`,
    authors: [row.publisher],
    dc: gazetteDublinCore(facts, url),
    jsonLd: gazetteJsonLd(facts, url),
  };
}

/** An issue's publisher as an agency: its code when written as one, else its folded name (the
 * gateway maps the name to the portal agency's set, as for legal documents' issuers). */
function publisherAgency(publisher: string): { agencies: string[]; agencyNames: string[] } {
  const k = agencyKeyOf(publisher);
  return k.match === 'CODE' ? { agencies: [k.key], agencyNames: [] } : { agencies: [], agencyNames: [k.key] };
}

/** Gazette issues: never withdrawn; in the set of the agency that publishes them. */
export function gazetteIssueSource(prisma: PrismaClient): HarvestSource {
  // The publishers are a handful of names: the ones an agency filter means, folded in JS.
  const publishersOf = async (f: HarvestFilter): Promise<string[]> => {
    const keys = new Set([f.agency, f.agencyName].filter((k): k is string => !!k));
    const rows = await prisma.legalGazetteIssue.findMany({ distinct: ['publisher'], select: { publisher: true } });
    return rows.map((r) => r.publisher).filter((p) => keys.has(agencyKeyOf(p).key));
  };
  const where = async (f: HarvestFilter): Promise<Prisma.LegalGazetteIssueWhereInput> => ({
    ...(f.agency ? { publisher: { in: await publishersOf(f) } } : {}),
    ...(range(f) ? { fetchedAt: range(f) } : {}),
  });
  const include = ISSUE_INCLUDE;
  return {
    kinds: [{ kind: GAZETTE_ISSUES, label: { vi: 'Công báo', en: 'Official gazette issues' }, formats: [], pages: true, category: 'GAZETTE' }],
    async page(q, ctx) {
      const changed = q.order === 'changed';
      const field = changed ? 'fetchedAt' : 'date';
      const rows = await prisma.legalGazetteIssue.findMany({
        where: { AND: [await where(q), keysetAfter(q, field) as Prisma.LegalGazetteIssueWhereInput] },
        include,
        orderBy: changed ? [{ fetchedAt: 'asc' }, { id: 'asc' }] : [{ date: 'desc' }, { id: 'desc' }],
        skip: q.offset,
        take: q.limit + 1,
      });
      const { rows: page, next } = keysetPage(rows, q, (r) => (changed ? r.fetchedAt : r.date));
      return { records: page.map((r) => issueRecord(r, ctx)), next };
    },
    count: async (f) => prisma.legalGazetteIssue.count({ where: await where(f) }),
    async resolve(url, ctx) {
      const id = idIn(url, `${legalLinks(ctx.publicBaseUrl).base}/print/gazette-issue/`);
      const row = id ? await prisma.legalGazetteIssue.findUnique({ where: { id }, include }) : null;
      return row ? issueRecord(row, ctx) : null;
    },
  };
}
