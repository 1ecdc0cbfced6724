// Legal documents and gazette issues (subgraphs/legal): a document withdrawn by its source
// leaves the index; its issuers are matched to portal agencies by their folded name (as
// LegalDocument.issuingAgencies does); an issue is found by the numbers of the documents in it.
import type { IndexDocument, SearchSource } from '../engine/types.ts';
import { plainText, uuids, type Runner } from './sql.ts';

/** Only the first part of a document's full text is indexed (highlights and ranking need no more). */
const FULL_TEXT_CHARS = 8_000;

interface DocumentRow {
  id: string;
  type_name: string;
  number: string;
  number_key: string;
  title: string;
  summary: string;
  full_text: string | null;
  issue_date: Date | null;
  first_published_at: Date;
  issuers: string | null;
  agency_ids: string[] | null;
}

export const legalDocumentSource: SearchSource = {
  name: 'legal-document',
  kinds: [{ kind: 'LEGAL_DOCUMENT', typename: 'LegalDocument', keyField: 'id', description: 'Legal document (văn bản QPPL, R-4.6).' }],
  async load(db: Runner, keys) {
    const rows = await db.$queryRaw<DocumentRow[]>`
      SELECT d.id, d.type_name, d.number, d.number_key, d.title, d.summary, left(d.full_text, ${FULL_TEXT_CHARS}) AS full_text,
        d.issue_date, d.first_published_at,
        (SELECT string_agg(i.agency, '; ' ORDER BY i.position) FROM legal_issuer i WHERE i.document_id = d.id) AS issuers,
        (SELECT array_agg(DISTINCT a.id::text) FROM legal_issuer i JOIN portal_agency a
          ON (i.agency_match = 'CODE' AND a.code = i.agency_key) OR (i.agency_match = 'NAME' AND a.name_folded = i.agency_key)
          WHERE i.document_id = d.id) AS agency_ids
      FROM legal_document d WHERE d.id = ANY(${uuids(keys)}::uuid[]) AND d.withdrawn = false`;
    return rows.map((r): IndexDocument => ({
      kind: 'LEGAL_DOCUMENT',
      typename: 'LegalDocument',
      keyField: 'id',
      entityId: r.id,
      title: r.title,
      body: plainText(`${r.type_name} ${r.number}`, r.summary, r.issuers, r.full_text),
      numberKeys: [r.number_key],
      agencyIds: r.agency_ids ?? [],
      date: r.issue_date ?? r.first_published_at,
    }));
  },
};

interface IssueRow {
  id: string;
  number: number;
  number_to: number | null;
  year: number;
  date: Date;
  publisher: string;
  entries: string | null;
  number_keys: string[] | null;
}

export const gazetteIssueSource: SearchSource = {
  name: 'gazette-issue',
  kinds: [{ kind: 'GAZETTE_ISSUE', typename: 'GazetteIssue', keyField: 'id', description: 'Official gazette issue (công báo, R-4.7).' }],
  async load(db: Runner, keys) {
    const rows = await db.$queryRaw<IssueRow[]>`
      SELECT g.id, g.number, g.number_to, g.year, g.date, g.publisher,
        (SELECT string_agg(e.number_raw || ' ' || e.summary, '\n' ORDER BY e.position) FROM legal_gazette_entry e WHERE e.issue_id = g.id) AS entries,
        (SELECT array_agg(DISTINCT e.number_key) FROM legal_gazette_entry e WHERE e.issue_id = g.id) AS number_keys
      FROM legal_gazette_issue g WHERE g.id = ANY(${uuids(keys)}::uuid[])`;
    return rows.map((r): IndexDocument => ({
      kind: 'GAZETTE_ISSUE',
      typename: 'GazetteIssue',
      keyField: 'id',
      entityId: r.id,
      title: `Công báo số ${r.number}${r.number_to ? ` + ${r.number_to}` : ''} năm ${r.year}`,
      body: plainText(r.publisher, r.entries),
      numberKeys: r.number_keys ?? [],
      agencyIds: [],
      date: r.date,
    }));
  },
};
