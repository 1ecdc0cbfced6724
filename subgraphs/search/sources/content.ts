// Portal content of every kind (subgraphs/portal/content): only what is PUBLISHED is searchable;
// an unpublished or archived item leaves the index with the change that unpublished it.
import type { ContentKind } from '../../../schema/generated/prisma/enums.ts';
import type { IndexDocument, SearchKindDef, SearchSource } from '../engine/types.ts';
import { plainText, uuids, type Runner } from './sql.ts';

/** ContentKind → the federated type the portal resolves (a new ContentKind fails to compile here). */
const TYPENAMES: Record<ContentKind, [string, string]> = {
  ARTICLE: ['Article', 'News article (R-4.2).'],
  INTRODUCTION: ['IntroductionPage', 'Introduction page (R-4.1).'],
  DIRECTIVE: ['Directive', 'Direction and administration (R-4.3).'],
  PETITION_RESPONSE: ['PetitionResponse', 'Response to petitions (R-4.3).'],
  COMMENDATION: ['Commendation', 'Commendation or sanction (R-4.3).'],
  WORK_SCHEDULE: ['WorkSchedule', "Leaders' work schedule (R-4.3)."],
  RECEPTION_SCHEDULE: ['ReceptionSchedule', 'Citizen-reception schedule (R-4.3).'],
  LAW_EXPLAINER: ['LawExplainer', 'Law dissemination (R-4.4).'],
  PLAN: ['PlanItem', 'Plan, programme or zoning (R-4.5).'],
  INVESTMENT_PROJECT: ['InvestmentProject', 'Investment project (R-4.10).'],
  TENDER: ['Tender', 'Tender (R-4.10).'],
  SCIENCE_TASK: ['ScienceTask', 'Science and technology task (R-4.11).'],
  STATISTICS_DATASET: ['StatisticsDataset', 'Statistics dataset (R-4.14).'],
};

const kinds: SearchKindDef[] = Object.entries(TYPENAMES).map(([kind, [typename, description]]) => ({ kind, typename, keyField: 'id', description }));

interface Row {
  id: string;
  kind: ContentKind;
  title_vi: string;
  summary_vi: string | null;
  body_vi: string;
  subjects: string[];
  agency_id: string | null;
  published_at: Date | null;
  first_published_at: Date | null;
}

export const contentSource: SearchSource = {
  name: 'content',
  kinds,
  async load(db: Runner, keys) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT c.id, c.kind, c.title_vi, c.summary_vi, c.body_vi, c.subjects, c.agency_id, c.published_at, c.first_published_at
      FROM portal_content_item c WHERE c.id = ANY(${uuids(keys)}::uuid[]) AND c.state = 'PUBLISHED'`;
    return rows.map((r): IndexDocument => ({
      kind: r.kind,
      typename: TYPENAMES[r.kind][0],
      keyField: 'id',
      entityId: r.id,
      title: r.title_vi,
      body: plainText(r.summary_vi, r.body_vi, r.subjects.join(', ')),
      numberKeys: [],
      agencyIds: r.agency_id ? [r.agency_id] : [],
      date: r.first_published_at ?? r.published_at,
    }));
  },
};
