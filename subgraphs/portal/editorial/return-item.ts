// The board returns an item to its agency with reasons; a pending scheduled publication is dropped.
import { HubError } from '../../../schema/errors.ts';
import { multiline } from '../content/clean.ts';
import type { PortalContext } from '../context.ts';
import { runTransition } from './workflow.ts';

export function cleanReasons(reasons: string[]): string[] {
  const cleaned = reasons.map((r, i) => multiline(r, `reasons[${i}]`, 500));
  if (cleaned.length === 0 || cleaned.length > 20) {
    throw new HubError('BAD_USER_INPUT', 'Give between 1 and 20 reasons.', { field: 'reasons', reason: 'REASONS' });
  }
  return cleaned;
}

export function returnItem(ctx: PortalContext, id: string, reasons: string[], expectedVersion?: number | null) {
  const cleaned = cleanReasons(reasons);
  return runTransition(ctx, 'RETURN', id, {
    expectedVersion,
    reason: cleaned.join('\n'),
    data: () => ({ returnReasons: cleaned, scheduledAt: null }),
    detail: { reasons: cleaned },
  });
}
