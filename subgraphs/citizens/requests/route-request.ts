// The editorial board classifies a request (field) and routes it to the competent agency, or
// to several when sectors must coordinate. The due date follows: 5 working days from
// receipt, 10 with coordination. The asker and each agency's inbox are told.
import { HubError } from '../../../schema/errors.ts';
import { cleanOptionalText, cleanText } from '../../../schema/text/input.ts';
import { isUuid } from '../../kit/batch.ts';
import type { CitizensContext } from '../context.ts';
import { dateColumn, isoOfColumn } from '../local-time.ts';
import { agencyInboxes } from '../notifications/outbox.ts';
import { answerDueOn } from './deadlines.ts';
import { kindLabels } from './labels.ts';
import { changeRequest } from './workflow.ts';

export interface RouteInput {
  agencyIds: string[];
  leadAgencyId?: string | null;
  fieldName: string;
  coordination?: boolean | null;
  note?: string | null;
  expectedVersion?: number | null;
}

const bad = (field: string, reason: string, message: string) => new HubError('BAD_USER_INPUT', message, { field, reason });

export async function routeRequest(ctx: CitizensContext, id: string, input: RouteInput) {
  const agencyIds = [...new Set(input.agencyIds)];
  if (agencyIds.length === 0 || agencyIds.length > 10) throw bad('agencyIds', 'AGENCY_COUNT', 'Route to between 1 and 10 agencies.');
  if (!agencyIds.every(isUuid)) throw bad('agencyIds', 'AGENCY_ID', 'An agency id is not valid.');
  const lead = input.leadAgencyId ?? agencyIds[0]!;
  if (!agencyIds.includes(lead)) throw bad('leadAgencyId', 'LEAD_NOT_ROUTED', 'The lead agency must be one of the agencies routed to.');
  const fieldName = cleanText(input.fieldName, { field: 'fieldName', max: 200 });
  const note = cleanOptionalText(input.note, { field: 'note', max: 2000, multiline: true });
  // Several agencies means coordination between sectors; the board may also say so for one.
  const coordination = Boolean(input.coordination) || agencyIds.length > 1;
  let dueOn = '';
  return changeRequest(ctx, 'ROUTE', id, {
    expectedVersion: input.expectedVersion,
    note,
    data: (row) => {
      dueOn = answerDueOn(isoOfColumn(row.receivedOn), coordination, ctx.runtime.calendar);
      return { fieldName, coordination, dueOn: dateColumn(dueOn) };
    },
    also: async (tx, row) => {
      await tx.citizenRequestAgency.deleteMany({ where: { requestId: row.id } });
      await tx.citizenRequestAgency.createMany({ data: agencyIds.map((agencyId) => ({ requestId: row.id, agencyId, lead: agencyId === lead })) });
    },
    notify: async (tx, row) => {
      const base = { trackingCode: row.trackingCode, title: row.title, dueOn, ...kindLabels(row.kind) };
      const inboxes = await agencyInboxes(tx, agencyIds);
      return [
        { template: 'REQUEST_ROUTED', locale: row.locale, recipient: row.askerEmail, subjectId: row.id, payload: base },
        ...inboxes.map((i) => ({ template: 'AGENCY_ROUTED' as const, locale: 'vi', recipient: i.email, subjectId: row.id, payload: base })),
      ];
    },
  });
}

export async function rejectRequest(ctx: CitizensContext, id: string, reason: string, expectedVersion?: number | null) {
  const why = cleanText(reason, { field: 'reason', max: 2000, multiline: true });
  return changeRequest(ctx, 'REJECT', id, {
    expectedVersion,
    note: why,
    data: () => ({ rejectionReason: why }),
    notify: (_tx, row) => [
      {
        template: 'REQUEST_REJECTED',
        locale: row.locale,
        recipient: row.askerEmail,
        subjectId: row.id,
        payload: { trackingCode: row.trackingCode, title: row.title, reason: why, ...kindLabels(row.kind) },
      },
    ],
  });
}
