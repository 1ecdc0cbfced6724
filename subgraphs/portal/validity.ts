// Rows with a validity period (agencies, officials, administrative units): valid on a day when
// started on or before it and not ended before it. "Today" is the subgraph's clock, so tests
// and the scheduler see the same day as the resolvers.
import { fromLocalDate, toLocalDate } from '../kit/scalars.ts';
import type { PortalContext } from './context.ts';

export const todayOf = (ctx: Pick<PortalContext, 'now'>): string => toLocalDate(ctx.now())!;

/** The WHERE of rows valid on `date` (YYYY-MM-DD). */
export function validOn(date: string) {
  const d = fromLocalDate(date);
  return { AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: d } }] }, { OR: [{ validTo: null }, { validTo: { gte: d } }] }] };
}

/** The same test on a mapped row (dates as YYYY-MM-DD). */
export const isValidOn = (row: { validFrom: string | null; validTo: string | null }, date: string) =>
  (!row.validFrom || row.validFrom <= date) && (!row.validTo || row.validTo >= date);
