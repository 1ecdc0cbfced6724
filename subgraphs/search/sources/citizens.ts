// Published questions/petitions and consultations (subgraphs/citizens). Only what the public
// may read: a request once ANSWERED and published (its public title and text when the board
// edited them, never the asker), a consultation from its publication instant.
import type { IndexDocument, SearchSource } from '../engine/types.ts';
import { plainText, uuids, type Runner } from './sql.ts';

interface QuestionRow {
  id: string;
  title: string;
  body: string;
  answer_text: string | null;
  field_name: string | null;
  published_at: Date;
  agency_ids: string[] | null;
}

export const questionSource: SearchSource = {
  name: 'question',
  kinds: [
    {
      kind: 'PUBLISHED_QUESTION',
      typename: 'PublishedQuestion',
      keyField: 'id',
      description: 'Published question or petition with its answer (R-4.12a, R-4.13).',
    },
  ],
  async load(db: Runner, keys) {
    const rows = await db.$queryRaw<QuestionRow[]>`
      SELECT r.id, coalesce(r.public_title, r.title) AS title, coalesce(r.public_body, r.body) AS body, r.answer_text, r.field_name, r.published_at,
        (SELECT array_agg(ra.agency_id::text) FROM citizens_request_agency ra WHERE ra.request_id = r.id) AS agency_ids
      FROM citizens_request r WHERE r.id = ANY(${uuids(keys)}::uuid[]) AND r.state = 'ANSWERED' AND r.published_at IS NOT NULL`;
    return rows.map((r): IndexDocument => ({
      kind: 'PUBLISHED_QUESTION',
      typename: 'PublishedQuestion',
      keyField: 'id',
      entityId: r.id,
      title: r.title,
      body: plainText(r.body, r.answer_text, r.field_name),
      numberKeys: [],
      agencyIds: r.agency_ids ?? [],
      date: r.published_at,
    }));
  },
};

interface ConsultationRow {
  id: string;
  title: string;
  summary: string | null;
  body: string;
  drafting_agency_id: string;
  published_at: Date;
}

export const consultationSource: SearchSource = {
  name: 'consultation',
  kinds: [{ kind: 'CONSULTATION', typename: 'Consultation', keyField: 'id', description: 'Draft under public consultation (R-4.12b, c).' }],
  async load(db: Runner, keys) {
    const rows = await db.$queryRaw<ConsultationRow[]>`
      SELECT c.id, c.title, c.summary, c.body, c.drafting_agency_id, c.published_at
      FROM citizens_consultation c WHERE c.id = ANY(${uuids(keys)}::uuid[]) AND c.published_at IS NOT NULL`;
    return rows.map((r): IndexDocument => ({
      kind: 'CONSULTATION',
      typename: 'Consultation',
      keyField: 'id',
      entityId: r.id,
      title: r.title,
      body: plainText(r.summary, r.body),
      numberKeys: [],
      agencyIds: [r.drafting_agency_id],
      date: r.published_at,
      visibleFrom: r.published_at,
    }));
  },
};
