// The default engine: PostgreSQL full text ('simple' config over folded text, GIN expression
// index) and pg_trgm (word similarity for a mistyped word) on one `search_entry` table — both
// available on the server and on embedded PGlite. Relevance: an exact number/code key first,
// then the whole phrase in the title or body, full-text rank (title counted twice) +
// syllable-bigram rank (phrases) + trigram similarity, then date. Built from Prisma.sql fragments: every user value is a bound parameter.
import { Db, type PrismaClient } from '../../../schema/db/prisma.ts';
import { containsPattern } from '../../kit/search-text.ts';
import { analyseQuery, foldForIndex, type AnalysedQuery } from './text.ts';
import type { FacetCount, IndexDocument, SearchAnswer, SearchIndex, SearchRequest } from './types.ts';

const { sql, join, empty } = Db.Prisma;
type Sql = ReturnType<typeof sql>;
/** Prisma client or an interactive transaction: the indexer writes inside its outbox transaction. */
type Runner = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/** Stored display body is capped: highlights and snippets need no more. */
const BODY_CHARS = 20_000;
const TSV = sql`to_tsvector('simple'::regconfig, e.title_folded || ' ' || e.body_folded)`;
const TITLE_TSV = sql`to_tsvector('simple'::regconfig, e.title_folded)`;

function textCondition(q: AnalysedQuery): Sql {
  const parts: Sql[] = [];
  if (q.words) parts.push(sql`${TSV} @@ plainto_tsquery('simple'::regconfig, ${q.words})`, sql`${q.words} <% e.title_folded`);
  if (q.numberKeys.length) parts.push(sql`e.number_keys && ${q.numberKeys}::text[]`);
  if (q.numberFragment) parts.push(sql`EXISTS (SELECT 1 FROM unnest(e.number_keys) AS k WHERE k LIKE ${containsPattern(q.numberFragment)})`);
  return sql`(${join(parts, ' OR ')})`;
}

function score(q: AnalysedQuery | null): Sql {
  if (!q?.words) return sql`0::float8`;
  const plain = sql`plainto_tsquery('simple'::regconfig, ${q.words})`;
  const bigram = q.bigrams ? sql` + 2 * ts_rank(${TSV}, to_tsquery('simple'::regconfig, ${q.bigrams}))` : empty;
  // The whole phrase (two syllables or more) in the title, else in the body, outranks scattered words.
  const phrase = q.list.length > 1 ? containsPattern(q.words) : null;
  const phraseBonus = phrase ? sql` + 3 * (e.title_folded LIKE ${phrase})::int + 2 * (e.body_folded LIKE ${phrase})::int` : empty;
  return sql`(2 * ts_rank(${TITLE_TSV}, ${plain}) + ts_rank(${TSV}, ${plain})${bigram} + word_similarity(${q.words}, e.title_folded)${phraseBonus})::float8`;
}

const exact = (q: AnalysedQuery | null): Sql => (q?.numberKeys.length ? sql`(e.number_keys && ${q.numberKeys}::text[])` : sql`false`);

/** The year in the province's time (UTC+7, no DST): a date column at UTC midnight keeps its year. */
const yearOf = (d: Date | null): number | null => (d ? new Date(d.getTime() + 7 * 3_600_000).getUTCFullYear() : null);

type Dimension = 'kind' | 'agency' | 'year';

function conditions(r: SearchRequest, q: AnalysedQuery | null, without?: Dimension): Sql {
  const where: Sql[] = [sql`(e.visible_from IS NULL OR e.visible_from <= ${r.now})`];
  if (q) where.push(textCondition(q));
  if (r.kinds?.length && without !== 'kind') where.push(sql`e.kind = ANY(${r.kinds}::text[])`);
  if (r.agencyId && without !== 'agency') where.push(sql`${r.agencyId}::uuid = ANY(e.agency_ids)`);
  if (r.year !== null && without !== 'year') where.push(sql`e.year = ${r.year}::int`);
  return sql`WHERE ${join(where, ' AND ')}`;
}

function order(r: SearchRequest, q: AnalysedQuery | null): Sql {
  if (r.sort === 'DATE_ASC') return sql`e.date ASC NULLS LAST, e.kind, e.entity_id`;
  if (r.sort === 'DATE_DESC' || !q) return sql`e.date DESC NULLS LAST, e.kind, e.entity_id`;
  return sql`exact DESC, score DESC, e.date DESC NULLS LAST, e.kind, e.entity_id`;
}

interface HitSqlRow {
  kind: string;
  typename: string;
  key_field: string;
  entity_id: string;
  title: string;
  body_text: string;
  agency_ids: string[];
  date: Date | null;
  year: number | null;
  score: number;
  exact: boolean;
  external: boolean;
  source_url: string | null;
  source_name: string | null;
  total: bigint;
}

export function postgresIndex(db: Runner): SearchIndex {
  async function facets(r: SearchRequest, q: AnalysedQuery | null) {
    const [kinds, agencies, years] = await Promise.all([
      db.$queryRaw<{ value: string; count: bigint }[]>`SELECT e.kind AS value, count(*) AS count FROM search_entry e ${conditions(r, q, 'kind')}
        GROUP BY e.kind ORDER BY count DESC, e.kind`,
      db.$queryRaw<
        { value: string; count: bigint }[]
      >`SELECT a::text AS value, count(*) AS count FROM search_entry e CROSS JOIN LATERAL unnest(e.agency_ids) AS a
        ${conditions(r, q, 'agency')} GROUP BY a ORDER BY count DESC, a LIMIT 50`,
      db.$queryRaw<{ value: number; count: bigint }[]>`SELECT e.year AS value, count(*) AS count FROM search_entry e ${conditions(r, q, 'year')}
        AND e.year IS NOT NULL GROUP BY e.year ORDER BY e.year DESC LIMIT 50`,
    ]);
    const counts = <V>(rows: { value: V; count: bigint }[]): FacetCount<V>[] => rows.map((x) => ({ value: x.value, count: Number(x.count) }));
    return { kinds: counts(kinds), agencies: counts(agencies), years: counts(years) };
  }

  return {
    async upsert(docs: IndexDocument[]) {
      for (const d of docs) {
        const body = d.body.slice(0, BODY_CHARS);
        const date = d.date;
        await db.$executeRaw`
          INSERT INTO search_entry (kind, entity_id, typename, key_field, title, body_text, title_folded, body_folded, number_keys,
            agency_ids, date, year, visible_from, external, source_url, source_name, indexed_at)
          VALUES (${d.kind}, ${d.entityId}, ${d.typename}, ${d.keyField}, ${d.title}, ${body}, ${foldForIndex(d.title)}, ${foldForIndex(d.body)},
            ${d.numberKeys}::text[], ${d.agencyIds}::uuid[], ${date}, ${yearOf(date)}::int, ${d.visibleFrom ?? null},
            ${d.external ?? false}, ${d.sourceUrl ?? null}, ${d.sourceName ?? null}, now())
          ON CONFLICT (kind, entity_id) DO UPDATE SET typename = EXCLUDED.typename, key_field = EXCLUDED.key_field, title = EXCLUDED.title,
            body_text = EXCLUDED.body_text, title_folded = EXCLUDED.title_folded, body_folded = EXCLUDED.body_folded,
            number_keys = EXCLUDED.number_keys, agency_ids = EXCLUDED.agency_ids, date = EXCLUDED.date, year = EXCLUDED.year,
            visible_from = EXCLUDED.visible_from, external = EXCLUDED.external, source_url = EXCLUDED.source_url,
            source_name = EXCLUDED.source_name, indexed_at = EXCLUDED.indexed_at`;
      }
    },

    async remove(kinds, entityIds) {
      if (!entityIds.length || !kinds.length) return;
      await db.$executeRaw`DELETE FROM search_entry WHERE kind = ANY(${[...kinds]}::text[]) AND entity_id = ANY(${entityIds}::text[])`;
    },

    async search(r: SearchRequest): Promise<SearchAnswer> {
      const q = analyseQuery(r.query);
      const rows = await db.$queryRaw<HitSqlRow[]>`
        SELECT e.kind, e.typename, e.key_field, e.entity_id, e.title, e.body_text, e.agency_ids::text[] AS agency_ids, e.date, e.year,
          e.external, e.source_url, e.source_name, ${score(q)} AS score, ${exact(q)} AS exact, count(*) OVER () AS total
        FROM search_entry e ${conditions(r, q)}
        ORDER BY ${order(r, q)} LIMIT ${r.take} OFFSET ${r.skip}`;
      let total = Number(rows[0]?.total ?? 0);
      if (!rows.length && r.skip > 0) {
        const [c] = await db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM search_entry e ${conditions(r, q)}`;
        total = Number(c?.total ?? 0);
      }
      return {
        hits: rows.map((x) => ({
          kind: x.kind,
          typename: x.typename,
          keyField: x.key_field,
          entityId: x.entity_id,
          title: x.title,
          bodyText: x.body_text,
          agencyIds: x.agency_ids,
          date: x.date,
          year: x.year,
          score: Number(x.score),
          exactMatch: x.exact,
          external: x.external,
          sourceUrl: x.source_url,
          sourceName: x.source_name,
        })),
        total,
        facets: await facets(r, q),
        words: q?.list ?? [],
      };
    },
  };
}
