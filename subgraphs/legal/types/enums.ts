// The legal vocabulary as GraphQL enums, generated from schema/domain/legal.ts so the graph,
// the database and the adapters share one list. Labels (vi/en) travel as data beside the code.
import { registerEnumType } from 'type-graphql';
import {
  RELATION_TYPES,
  VALIDITY_ACTIONS,
  VALIDITY_STATUSES,
  type RelationType,
  type ValidityAction,
  type ValidityStatus,
} from '../../../schema/domain/legal.ts';

import { enumOf } from '../../kit/enums.ts';
import { SYNC_SYSTEMS, type SyncSystem } from '../sync/merge.ts';
import { DEADLINE_STATUSES } from '../../../schema/deadlines/deadline.ts';

export const LegalValidityStatus = enumOf(Object.keys(VALIDITY_STATUSES) as ValidityStatus[]);
registerEnumType(LegalValidityStatus, {
  name: 'LegalValidityStatus',
  description:
    'Tình trạng hiệu lực: CHL in force, HHL expired, HHL1P partly expired, CCHL not yet in force, TNHL/TNHL1P suspended (wholly/partly), KCPH no longer suitable.',
});

export const LegalValidityAction = enumOf(Object.keys(VALIDITY_ACTIONS) as ValidityAction[]);
registerEnumType(LegalValidityAction, { name: 'LegalValidityAction', description: 'What happened to a document’s validity on a date.' });

export const LegalRelationType = enumOf(Object.keys(RELATION_TYPES) as RelationType[]);
registerEnumType(LegalRelationType, {
  name: 'LegalRelationType',
  description: 'A relation read from one document: "A AMENDS B" shows on B as AMENDED_BY A. Every type has an inverse; RELATED is its own.',
});

export enum LegalDocumentSort {
  RELEVANCE = 'RELEVANCE',
  ISSUE_DATE_DESC = 'ISSUE_DATE_DESC',
  ISSUE_DATE_ASC = 'ISSUE_DATE_ASC',
  EFFECTIVE_DATE_DESC = 'EFFECTIVE_DATE_DESC',
}
registerEnumType(LegalDocumentSort, {
  name: 'LegalDocumentSort',
  description: 'RELEVANCE (default with a query): exact number/symbol first, then text similarity; without a query, newest issue date first.',
});

export const LegalDeadlineStatus = enumOf(DEADLINE_STATUSES);
registerEnumType(LegalDeadlineStatus, {
  name: 'LegalDeadlineStatus',
  description: 'R-7.4: published on the portal in time, late, not yet (due date ahead), or overdue.',
});

/** The synced systems as a GraphQL enum (NATIONAL_LEGAL_DB = 'national-legal-db' …), from the sync's list. */
export const LegalSyncSystem = Object.freeze(Object.fromEntries(SYNC_SYSTEMS.map((s) => [s.toUpperCase().replace(/[^A-Z0-9]+/g, '_'), s]))) as Readonly<
  Record<string, SyncSystem>
>;
export type LegalSyncSystem = SyncSystem;
registerEnumType(LegalSyncSystem, { name: 'LegalSyncSystem', description: 'An upstream the legal subgraph syncs from.' });

export enum LegalSyncRunStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(LegalSyncRunStatus, { name: 'LegalSyncRunStatus' });

export enum LegalSyncTrigger {
  BOOT = 'BOOT',
  SCHEDULE = 'SCHEDULE',
  MANUAL = 'MANUAL',
}
registerEnumType(LegalSyncTrigger, { name: 'LegalSyncTrigger' });

export enum LegalLookupOrigin {
  LOCAL = 'LOCAL',
  UPSTREAM = 'UPSTREAM',
}
registerEnumType(LegalLookupOrigin, { name: 'LegalLookupOrigin', description: 'LOCAL: the hub’s copy; UPSTREAM: fetched live just now.' });
