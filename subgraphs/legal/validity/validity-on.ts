// The validity status a document had on a given day, derived from its history: walk the
// events up to that day. Issued → not yet in force (CCHL); took effect → in force (CHL);
// expired / replaced / repealed → HHL; partly expired or repealed → HHL1P; suspended → TNHL
// (partly: TNHL1P); amendments and supplements leave the status as it was. The effective and
// expiry dates count as events when the history lacks them. Where the history says nothing of
// the document taking effect, it is taken to be in force from issue unless the source says it
// is not yet (CCHL): a document the source lists as in force did take effect at some point.
import type { IsoDate, ValidityAction, ValidityStatus } from '../../../schema/domain/legal.ts';

export interface ValidityFacts {
  issueDate: IsoDate | null;
  effectiveDate: IsoDate | null;
  expiryDate: IsoDate | null;
  /** The status the source states today. */
  status: ValidityStatus | null;
  events: { date: IsoDate; action: ValidityAction }[];
}

export interface ValidityAsOf {
  status: ValidityStatus | null;
  since: IsoDate | null;
}

const EFFECT: Partial<Record<ValidityAction, ValidityStatus>> = {
  ISSUED: 'CCHL',
  TOOK_EFFECT: 'CHL',
  EXPIRED: 'HHL',
  REPLACED: 'HHL',
  REPEALED: 'HHL',
  PARTLY_EXPIRED: 'HHL1P',
  PARTLY_REPEALED: 'HHL1P',
  SUSPENDED: 'TNHL',
  PARTLY_SUSPENDED: 'TNHL1P',
};

/** Actions that end the document's validity wholly: nothing partial can follow them. */
const FINAL = new Set<ValidityStatus>(['HHL']);

function timeline(facts: ValidityFacts): { date: IsoDate; action: ValidityAction }[] {
  const events = [...facts.events];
  const has = (a: ValidityAction) => events.some((e) => e.action === a);
  const issued = facts.issueDate ?? events.find((e) => e.action === 'ISSUED')?.date ?? null;
  if (issued && !has('ISSUED')) events.push({ date: issued, action: 'ISSUED' });
  if (facts.effectiveDate && !has('TOOK_EFFECT')) events.push({ date: facts.effectiveDate, action: 'TOOK_EFFECT' });
  const inForceFromIssue = !facts.effectiveDate && !has('TOOK_EFFECT') && facts.status !== 'CCHL';
  if (issued && inForceFromIssue) events.push({ date: issued, action: 'TOOK_EFFECT' });
  if (facts.expiryDate && !events.some((e) => EFFECT[e.action] === 'HHL')) events.push({ date: facts.expiryDate, action: 'EXPIRED' });
  // Same day: issue before effect before the end, so a same-day sequence reads in order.
  const order = (a: ValidityAction) => (a === 'ISSUED' ? 0 : a === 'TOOK_EFFECT' ? 1 : 2);
  return events.sort((a, b) => a.date.localeCompare(b.date) || order(a.action) - order(b.action));
}

export function validityOn(facts: ValidityFacts, date: IsoDate): ValidityAsOf {
  let status: ValidityStatus | null = null;
  let since: IsoDate | null = null;
  for (const event of timeline(facts)) {
    if (event.date > date) break;
    const next = EFFECT[event.action];
    if (!next || (status && FINAL.has(status))) continue;
    if (next !== status) {
      status = next;
      since = event.date;
    }
  }
  return { status, since };
}
