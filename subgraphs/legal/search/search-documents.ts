// The legal-document search: filters, then text matching on the folded search column —
// an exact number/symbol key, a partial number, every word (full text, 'simple' config over
// folded text: the index is an expression GIN index in the migration), or trigram word
// similarity for a mistyped word — ranked number first, then ts_rank + similarity, then date.
// Built from Prisma.sql fragments: every user value is a bound parameter (A23).
import { Db, type PrismaClient } from '../../../schema/db/prisma.ts';
import { checkYear } from '../args.ts';
import { LegalDocumentSort } from '../types/enums.ts';
import type { LegalDocumentFilter } from '../types/search.types.ts';
import { containsPattern, filterWords, searchText, type SearchText } from '../../kit/search-text.ts';

const { sql, join, empty } = Db.Prisma;
type Sql = ReturnType<typeof sql>;

export interface SearchParams {
  query: string | null | undefined;
  filter: LegalDocumentFilter | null | undefined;
  sort: LegalDocumentSort | null | undefined;
  take: number;
  skip: number;
}

const TSV = sql`to_tsvector('simple'::regconfig, d.search_folded)`;

function filterConditions(filter: LegalDocumentFilter | null | undefined): Sql[] {
  const f = filter ?? {};
  const where: Sql[] = [];
  if (!f.includeWithdrawn) where.push(sql`d.withdrawn = false`);
  if (f.types?.length) where.push(sql`d.type_code = ANY(${f.types.slice(0, 20)}::text[])`);
  if (f.statuses?.length) where.push(sql`d.status::text = ANY(${f.statuses}::text[])`);
  for (const word of filterWords(f.issuer, 'issuer')) where.push(sql`d.issuers_folded LIKE ${containsPattern(word)}`);
  const field = filterWords(f.field, 'field').join(' ');
  if (field) where.push(sql`EXISTS (SELECT 1 FROM unnest(d.field_keys) AS k WHERE k LIKE ${containsPattern(field)})`);
  if (f.issuedFrom) where.push(sql`d.issue_date >= ${f.issuedFrom}::date`);
  if (f.issuedTo) where.push(sql`d.issue_date <= ${f.issuedTo}::date`);
  if (f.effectiveFrom) where.push(sql`d.effective_date >= ${f.effectiveFrom}::date`);
  if (f.effectiveTo) where.push(sql`d.effective_date <= ${f.effectiveTo}::date`);
  if (f.year !== null && f.year !== undefined) {
    checkYear(f.year);
    where.push(sql`d.issue_date >= make_date(${f.year}::int, 1, 1) AND d.issue_date < make_date(${f.year + 1}::int, 1, 1)`);
  }
  if (f.locallyIssued !== null && f.locallyIssued !== undefined) where.push(sql`d.locally_issued = ${f.locallyIssued}`);
  if (f.changedSince) where.push(sql`d.updated_at >= ${f.changedSince}`);
  return where;
}

function textCondition(text: SearchText): Sql {
  const parts = [sql`${TSV} @@ plainto_tsquery('simple'::regconfig, ${text.words})`, sql`${text.words} <% d.search_folded`];
  if (text.numberKeys.length) parts.push(sql`d.number_key = ANY(${text.numberKeys}::text[])`);
  if (text.numberFragment) parts.push(sql`d.number_key LIKE ${containsPattern(text.numberFragment)}`);
  return sql`(${join(parts, ' OR ')})`;
}

function orderBy(sort: LegalDocumentSort, text: SearchText | null): Sql {
  const byDate = {
    [LegalDocumentSort.ISSUE_DATE_DESC]: sql`d.issue_date DESC NULLS LAST`,
    [LegalDocumentSort.ISSUE_DATE_ASC]: sql`d.issue_date ASC NULLS LAST`,
    [LegalDocumentSort.EFFECTIVE_DATE_DESC]: sql`d.effective_date DESC NULLS LAST`,
    [LegalDocumentSort.RELEVANCE]: sql`d.issue_date DESC NULLS LAST`,
  }[sort];
  if (sort !== LegalDocumentSort.RELEVANCE || !text) return sql`${byDate}, d.id`;
  const rank = sql`ts_rank(${TSV}, plainto_tsquery('simple'::regconfig, ${text.words})) + word_similarity(${text.words}, d.search_folded) DESC`;
  const exact = text.numberKeys.length ? [sql`(d.number_key = ANY(${text.numberKeys}::text[])) DESC`] : [];
  return sql`${join([...exact, rank, byDate, sql`d.id`], ', ')}`;
}

export async function searchDocumentIds(prisma: PrismaClient, params: SearchParams): Promise<{ ids: string[]; total: number }> {
  const text = searchText(params.query);
  const conditions = [...filterConditions(params.filter), ...(text ? [textCondition(text)] : [])];
  const where = conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : empty;
  const sort = params.sort ?? LegalDocumentSort.RELEVANCE;
  const rows = await prisma.$queryRaw<{ id: string; total: bigint }[]>`
    SELECT d.id, count(*) OVER () AS total
    FROM legal_document d
    ${where}
    ORDER BY ${orderBy(sort, text)}
    LIMIT ${params.take} OFFSET ${params.skip}`;
  if (rows.length || params.skip === 0) return { ids: rows.map((r) => r.id), total: Number(rows[0]?.total ?? 0) };
  // Past the last page: the window count is not there, count apart.
  const [count] = await prisma.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM legal_document d ${where}`;
  return { ids: [], total: Number(count?.total ?? 0) };
}
