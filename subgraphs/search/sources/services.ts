// Administrative procedures and online services (subgraphs/services): withdrawn ones leave the
// index; their national and local codes are exact keys; implementing agencies by portal code.
import type { IndexDocument, SearchSource } from '../engine/types.ts';
import { plainText, uuids, type Runner } from './sql.ts';

interface ProcedureRow {
  id: string;
  code: string;
  local_code: string | null;
  name: string;
  sector_name: string | null;
  announced_by: string | null;
  first_published_at: Date;
  agency_ids: string[] | null;
}

export const procedureSource: SearchSource = {
  name: 'procedure',
  kinds: [
    {
      kind: 'ADMINISTRATIVE_PROCEDURE',
      typename: 'AdministrativeProcedure',
      keyField: 'id',
      description: 'Administrative procedure (thủ tục hành chính, R-4.8).',
    },
  ],
  async load(db: Runner, keys) {
    const rows = await db.$queryRaw<ProcedureRow[]>`
      SELECT p.id, p.code, p.local_code, p.name, p.sector_name, p.announced_by, p.first_published_at,
        (SELECT array_agg(DISTINCT a.id::text) FROM portal_agency a WHERE a.code = ANY(p.agency_codes)) AS agency_ids
      FROM services_procedure p WHERE p.id = ANY(${uuids(keys)}::uuid[]) AND p.withdrawn = false`;
    return rows.map((r): IndexDocument => ({
      kind: 'ADMINISTRATIVE_PROCEDURE',
      typename: 'AdministrativeProcedure',
      keyField: 'id',
      entityId: r.id,
      title: r.name,
      body: plainText([r.code, r.local_code].filter(Boolean).join(' '), r.sector_name, r.announced_by),
      numberKeys: [r.code, ...(r.local_code ? [r.local_code] : [])],
      agencyIds: r.agency_ids ?? [],
      date: r.first_published_at,
    }));
  },
};

interface ServiceRow {
  code: string;
  procedure_code: string;
  name: string;
  sector_name: string | null;
  field_name: string | null;
  guidance: string | null;
  level_since: Date | null;
  agency_ids: string[] | null;
}

export const onlineServiceSource: SearchSource = {
  name: 'online-service',
  kinds: [{ kind: 'ONLINE_SERVICE', typename: 'OnlineService', keyField: 'code', description: 'Online public service (dịch vụ công trực tuyến, R-4.9).' }],
  async load(db: Runner, keys) {
    const rows = await db.$queryRaw<ServiceRow[]>`
      SELECT s.code, s.procedure_code, s.name, s.sector_name, s.field_name, s.guidance, s.level_since,
        (SELECT array_agg(DISTINCT a.id::text) FROM portal_agency a WHERE a.code = ANY(s.agency_codes)) AS agency_ids
      FROM services_online_service s WHERE s.code = ANY(${keys}::text[]) AND s.withdrawn = false`;
    return rows.map((r): IndexDocument => ({
      kind: 'ONLINE_SERVICE',
      typename: 'OnlineService',
      keyField: 'code',
      entityId: r.code,
      title: r.name,
      body: plainText(`${r.code} ${r.procedure_code}`, r.sector_name, r.field_name, r.guidance),
      numberKeys: [r.code, r.procedure_code],
      agencyIds: r.agency_ids ?? [],
      date: r.level_since,
    }));
  },
};
