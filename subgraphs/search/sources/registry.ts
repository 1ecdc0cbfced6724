// Every searchable kind, in one list. A new kind = its source here (a `load` projecting the
// public rows by key) + one trigger line on its table in a migration (search_enqueue), and it
// is indexed, faceted and in the SearchResult union (a member type with its @key).
import type { SearchKindDef, SearchSource } from '../engine/types.ts';
import { agencyPortalItemSource } from './agency-portals.ts';
import { consultationSource, questionSource } from './citizens.ts';
import { contentSource } from './content.ts';
import { gazetteIssueSource, legalDocumentSource } from './legal.ts';
import { onlineServiceSource, procedureSource } from './services.ts';

export const SEARCH_SOURCES: readonly SearchSource[] = [
  contentSource,
  legalDocumentSource,
  gazetteIssueSource,
  procedureSource,
  onlineServiceSource,
  questionSource,
  consultationSource,
  agencyPortalItemSource,
];

export const SEARCH_KINDS: readonly SearchKindDef[] = SEARCH_SOURCES.flatMap((s) => s.kinds);
