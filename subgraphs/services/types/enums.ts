// The services vocabulary as GraphQL enums, generated from schema/domain/services.ts so the
// graph, the database and the adapters share one list. Labels (vi/en) travel as data.
import { registerEnumType } from 'type-graphql';
import { DEADLINE_STATUSES } from '../../../schema/deadlines/deadline.ts';
import {
  CHANNELS,
  DOSSIER_STATUSES,
  PROCEDURE_TIERS,
  SERVICE_SCOPES,
  TIME_UNITS,
  type Channel,
  type ProcedureTier,
  type ServiceScope,
  type TimeUnit,
} from '../../../schema/domain/services.ts';
import { enumOf } from '../../kit/enums.ts';

export const ProcedureLevel = enumOf(Object.keys(PROCEDURE_TIERS) as ProcedureTier[]);
registerEnumType(ProcedureLevel, {
  name: 'ProcedureLevel',
  description: 'Cấp thực hiện: PROVINCE, COMMUNE; DISTRICT ended on 2025-06-30 with the district tier and is kept for history.',
});

export const SubmissionChannel = enumOf(Object.keys(CHANNELS) as Channel[]);
registerEnumType(SubmissionChannel, { name: 'SubmissionChannel', description: 'Cách thức thực hiện: in person, online, by post.' });

export const TimeLimitUnit = enumOf(Object.keys(TIME_UNITS) as TimeUnit[]);
registerEnumType(TimeLimitUnit, { name: 'TimeLimitUnit', description: 'Working days, calendar days, or another unit kept as written (unitText).' });

export const OnlineServiceScope = enumOf(Object.keys(SERVICE_SCOPES) as ServiceScope[]);
registerEnumType(OnlineServiceScope, { name: 'OnlineServiceScope', description: 'Since 2022: FULL (toàn trình, end-to-end online) or PARTIAL (một phần).' });

type DossierStatusKey = (typeof DOSSIER_STATUSES)[keyof typeof DOSSIER_STATUSES]['key'];
export const DossierStatus = enumOf(Object.values(DOSSIER_STATUSES).map((s) => s.key) as DossierStatusKey[]);
registerEnumType(DossierStatus, { name: 'DossierStatus', description: 'TrangThaiHoSo 1–10 of the one-stop systems, by name (statusCode keeps the number).' });

export const PublicationStatus = enumOf([...DEADLINE_STATUSES]);
registerEnumType(PublicationStatus, {
  name: 'ProcedurePublicationStatus',
  description: 'R-7.5: ON_TIME published by the due date; LATE after it; PENDING not published, still time; OVERDUE not published, too late.',
});

export type ProcedureLevel = keyof typeof ProcedureLevel;
export type SubmissionChannel = keyof typeof SubmissionChannel;
export type TimeLimitUnit = keyof typeof TimeLimitUnit;
export type OnlineServiceScope = keyof typeof OnlineServiceScope;
export type DossierStatus = keyof typeof DossierStatus;
export type PublicationStatus = keyof typeof PublicationStatus;
