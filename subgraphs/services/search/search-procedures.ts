// The procedure list and search: filters (level on a date, fields, sector, agency, channel,
// online, English), then the same Vietnamese matching as the legal search (kit/search-text.ts:
// no diacritics, đ = d, either tone placement) over the folded search column — full text,
// trigram word similarity for a mistyped word — plus an exact match on the national or local
// procedure code, which ranks first. Built from Prisma.sql fragments: every value is bound.
import { Db, type PrismaClient } from '../../../schema/db/prisma.ts';
import { cleanText, TEXT_LIMITS } from '../../../schema/text/input.ts';
import { containsPattern, filterWords, searchText } from '../../kit/search-text.ts';
import type { ProcedureFilter } from '../types/inputs.ts';

const { sql, join, empty } = Db.Prisma;
type Sql = ReturnType<typeof sql>;

const TSV = sql`to_tsvector('simple'::regconfig, p.search_folded)`;
const CODE = /^\d{1,2}\.\d{6}(?:\.[\w.]+)?$/;

export interface ProcedureSearch {
  query: string | null | undefined;
  filter: ProcedureFilter | null | undefined;
  /** YYYY-MM-DD: the day `level` is judged on when the filter gives no `asOf`. */
  today: string;
  take: number;
  skip: number;
}

export function filterConditions(filter: ProcedureFilter | null | undefined, today: string): Sql[] {
  const f = filter ?? {};
  const where: Sql[] = [];
  if (!f.includeWithdrawn) where.push(sql`p.withdrawn = false`);
  if (f.changedSince) where.push(sql`p.updated_at >= ${f.changedSince}`);
  if (f.level) {
    const asOf = f.asOf ?? today;
    where.push(sql`EXISTS (SELECT 1 FROM jsonb_array_elements(p.tiers) AS t
      WHERE t->>'tier' = ${f.level} AND (t->>'validFrom' IS NULL OR (t->>'validFrom')::date <= ${asOf}::date)
        AND (t->>'validTo' IS NULL OR (t->>'validTo')::date >= ${asOf}::date))`);
  }
  if (f.fieldCodes?.length) where.push(sql`p.field_codes && ${f.fieldCodes.slice(0, 20).map((c) => cleanText(c, { field: 'fieldCodes', max: 60 }))}::text[]`);
  for (const word of filterWords(f.sector, 'sector')) where.push(sql`p.search_folded LIKE ${containsPattern(word)}`);
  if (f.agencyCode) where.push(sql`${cleanText(f.agencyCode, { field: 'agencyCode', max: 35 })} = ANY(p.agency_codes)`);
  if (f.channel) where.push(sql`p.details->'channels' @> ${JSON.stringify([{ channel: f.channel }])}::jsonb`);
  if (f.online !== null && f.online !== undefined) {
    const exists = sql`EXISTS (SELECT 1 FROM services_online_service s WHERE s.procedure_code = p.code AND s.withdrawn = false)`;
    where.push(f.online ? exists : sql`NOT ${exists}`);
  }
  if (f.english !== null && f.english !== undefined) where.push(f.english ? sql`p.name_en IS NOT NULL` : sql`p.name_en IS NULL`);
  return where;
}

function textParts(query: string | null | undefined): { condition: Sql; rank: Sql[] } | null {
  const raw = query ? cleanText(query, { field: 'query', max: TEXT_LIMITS.search, allowEmpty: true }) : '';
  if (CODE.test(raw)) {
    const exact = sql`(p.code = ${raw} OR p.local_code = ${raw})`;
    return { condition: exact, rank: [] };
  }
  const text = searchText(raw);
  if (!text) return null;
  const condition = sql`(${TSV} @@ plainto_tsquery('simple'::regconfig, ${text.words}) OR ${text.words} <% p.search_folded)`;
  const rank = sql`ts_rank(${TSV}, plainto_tsquery('simple'::regconfig, ${text.words})) + word_similarity(${text.words}, p.search_folded) DESC`;
  return { condition, rank: [rank] };
}

export async function searchProcedureIds(prisma: PrismaClient, params: ProcedureSearch): Promise<{ ids: string[]; total: number }> {
  const text = textParts(params.query);
  const conditions = [...filterConditions(params.filter, params.today), ...(text ? [text.condition] : [])];
  const where = conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : empty;
  const order = join([...(text?.rank ?? []), sql`p.name`, sql`p.code`], ', ');
  const rows = await prisma.$queryRaw<{ id: string; total: bigint }[]>`
    SELECT p.id, count(*) OVER () AS total FROM services_procedure p ${where}
    ORDER BY ${order} LIMIT ${params.take} OFFSET ${params.skip}`;
  if (rows.length || params.skip === 0) return { ids: rows.map((r) => r.id), total: Number(rows[0]?.total ?? 0) };
  const [count] = await prisma.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM services_procedure p ${where}`;
  return { ids: [], total: Number(count?.total ?? 0) };
}
