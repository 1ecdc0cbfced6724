// Who may do what with citizens' requests: the editorial BOARD (and ADMIN) classifies, routes,
// approves and publishes; an agency EDITOR sees and answers only what is routed to one of its
// agencies (A34); the public reads published items only; an asker reads their own by code + secret.
import { HubError } from '../../schema/errors.ts';
import type { Actor } from '../../schema/security/signed-context.ts';

export const isBoard = (actor: Actor): boolean => actor.roles.some((r) => r === 'BOARD' || r === 'ADMIN');
export const isAgencyEditor = (actor: Actor): boolean => actor.roles.includes('EDITOR') && (actor.agencyIds?.length ?? 0) > 0;
export const isStaff = (actor: Actor): boolean => isBoard(actor) || isAgencyEditor(actor);

/** Agencies whose requests the actor may see: null = all (board), [] = none. */
export function visibleAgencies(actor: Actor): string[] | null {
  if (isBoard(actor)) return null;
  return isAgencyEditor(actor) ? [...(actor.agencyIds ?? [])] : [];
}

export function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new HubError('FORBIDDEN', 'You may not do this.');
}

export function requireBoard(actor: Actor): void {
  if (!isBoard(actor)) throw new HubError('FORBIDDEN', 'Only the editorial board may do this.');
}

/** True when one of the item's agencies is the actor's (or the actor is the board). */
export function mayActFor(actor: Actor, agencyIds: readonly string[]): boolean {
  const mine = visibleAgencies(actor);
  return mine === null || agencyIds.some((a) => mine.includes(a));
}
