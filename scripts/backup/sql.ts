// SQL shared by backup and restore: the same checksum on both sides proves the restored rows.
import type pg from 'pg';

/** Text forms of dates and times must not depend on the server's settings. */
export const SESSION_SETUP = `SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 3`;

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables of the public schema, but the migration history (recorded in the manifest on its own). */
export async function listTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '_prisma_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Row count and md5 over the sorted md5 of every row's text. */
export const checksumSql = (table: string) =>
  `SELECT count(*)::text AS rows, md5(coalesce(string_agg(h, ',' ORDER BY h), '')) AS checksum FROM (SELECT md5(t::text) AS h FROM ${quoteIdent(table)} t) s`;
