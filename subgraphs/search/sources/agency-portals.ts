// Items harvested from agency portals: searchable, marked external, with their source
// URL and the portal's name, attributed to the portal's agency. A portal taken off the
// harvest, a removed portal and a tombstoned item (gone from the portal) are out of search.
import type { IndexDocument, SearchSource } from '../engine/types.ts';
import { plainText, uuids, type Runner } from './sql.ts';

interface Row {
  id: string;
  url: string;
  title: string;
  summary: string | null;
  published_at: Date | null;
  first_seen_at: Date;
  agency_id: string;
  portal_name: string;
}

export const agencyPortalItemSource: SearchSource = {
  name: 'agency-portal-item',
  kinds: [
    { kind: 'AGENCY_PORTAL_ITEM', typename: 'HarvestedItem', keyField: 'id', description: "An item harvested from an agency's own portal (external, R-4.18)." },
  ],
  async load(db: Runner, keys) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT i.id, i.url, i.title, i.summary, i.published_at, i.first_seen_at, i.agency_id, p.name AS portal_name
      FROM search_harvested_item i JOIN search_agency_portal p ON p.id = i.portal_id
      WHERE i.id = ANY(${uuids(keys)}::uuid[]) AND i.removed_at IS NULL AND p.harvest = true AND p.removed_at IS NULL`;
    return rows.map((r): IndexDocument => ({
      kind: 'AGENCY_PORTAL_ITEM',
      typename: 'HarvestedItem',
      keyField: 'id',
      entityId: r.id,
      title: r.title,
      body: plainText(r.summary),
      numberKeys: [],
      agencyIds: [r.agency_id],
      date: r.published_at ?? r.first_seen_at,
      external: true,
      sourceUrl: r.url,
      sourceName: r.portal_name,
    }));
  },
};
