// A stored dossier → what the public sees, with its lateness counted in working days against
// the appointment date (the calendar of schema/calendar): a closed dossier by the day it was
// finished, an open one by today.
import { workingDaysBetween } from '../../../schema/calendar/working-days.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import { DOSSIER_CLOSED, DOSSIER_STATUSES, isDossierStatusCode, type DossierProgressEntry as ProgressRecord } from '../../../schema/domain/services.ts';
import { vietnamToday } from '../context.ts';
import type { DossierStatus } from '../types/enums.ts';
import { Dossier } from '../types/dossier.types.ts';

const statusKey = (code: number | null): DossierStatus | null => (code !== null && isDossierStatusCode(code) ? DOSSIER_STATUSES[code].key : null);
const date = (iso: string | null) => (iso ? new Date(iso) : null);

function lateness(row: Db.ServicesDossier, progress: ProgressRecord[], now: Date): { isLate: boolean | null; workingDaysLate: number | null } {
  if (!row.appointmentAt) return { isLate: null, workingDaysLate: null };
  const finished = DOSSIER_CLOSED.has(row.status) ? (row.returnedAt ?? date(progress.at(-1)?.at ?? null) ?? now) : now;
  const due = vietnamToday(row.appointmentAt);
  const reference = vietnamToday(finished);
  const isLate = finished.getTime() > row.appointmentAt.getTime() && reference > due;
  try {
    return { isLate, workingDaysLate: isLate ? Math.max(0, workingDaysBetween(due, reference)) : 0 };
  } catch {
    return { isLate, workingDaysLate: null };
  }
}

export function presentDossier(row: Db.ServicesDossier, now: Date): Dossier {
  const progress = row.progress as unknown as ProgressRecord[];
  const status = DOSSIER_STATUSES[row.status as keyof typeof DOSSIER_STATUSES];
  return Object.assign(new Dossier(), {
    code: row.code,
    procedureCode: row.procedureCode,
    procedureName: row.procedureName,
    status: status.key,
    statusCode: row.status,
    statusLabel: { vi: status.vi, en: status.en },
    applicant: row.applicantMask,
    receivedAt: row.receivedAt,
    appointmentAt: row.appointmentAt,
    returnedAt: row.returnedAt,
    handlingUnit: row.handlingUnit,
    ...lateness(row, progress, now),
    progress: progress.map((p) => ({ actor: p.actor, role: p.role, unit: p.unit, at: date(p.at), action: p.action, status: statusKey(p.status) })),
  });
}
