// Who may do what, as one contract between the gateway (which verifies tokens and keeps only
// known roles) and the subgraphs (which decide per field). A role added here is known to both.
import type { Actor } from '../security/signed-context.ts';

export const ROLES = ['EDITOR', 'BOARD', 'ADMIN', 'PARTNER'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Staff of the portal: they may read drafts (their agency's or all) and use staff limits. */
export const STAFF_ROLES: readonly Role[] = ['EDITOR', 'BOARD', 'ADMIN'];

export const isStaff = (actor: Actor | undefined): boolean => Boolean(actor?.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r)));
/** The editorial board (and admins) see every agency; an agency EDITOR only their own. */
export const isBoard = (actor: Actor | undefined): boolean => Boolean(actor?.roles.some((r) => r === 'BOARD' || r === 'ADMIN'));
export const isAdmin = (actor: Actor | undefined): boolean => Boolean(actor?.roles.includes('ADMIN'));
