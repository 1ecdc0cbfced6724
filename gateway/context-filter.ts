// What of the caller's context each subgraph receives (least privilege): the registry lists
// the fields a subgraph may have (subgraph-registry.ts), and a partner agency's subgraph never
// learns what the caller may do elsewhere. For a partner:
//   - roles travel only when the caller acts for the partner's own agency (their token's
//     agencyIds hold owner.agencyId), and then only the agency-scoped ones (EDITOR, PARTNER):
//     the hub-wide BOARD and ADMIN never leave the hub;
//   - agencyIds shrink to the partner's own agency;
//   - the actor's id and name, the client key, the idempotency key … only when listed.
// The filtered context is what the gateway signs (fetcher.ts), so a partner cannot widen it.
import type { Actor, SignedContext } from '../schema/security/signed-context.ts';
import type { ContextField, RegistryEntry } from './subgraph-registry.ts';

/** Roles scoped to one agency: what a partner may be told the caller holds for it. */
const AGENCY_SCOPED_ROLES: readonly string[] = ['EDITOR', 'PARTNER'];

export type ContextFilter = (ctx: SignedContext) => SignedContext;

export function contextFilterFor(entry: RegistryEntry): ContextFilter {
  const allowed = new Set<ContextField>(entry.context);
  const has = (f: ContextField) => allowed.has(f);
  const partner = entry.trust === 'partner';
  const ownAgency = entry.owner.agencyId;

  const actorFor = (actor: Actor): Actor => {
    const out: Actor = { roles: [] };
    if (has('actor.id') && actor.id !== undefined) out.id = actor.id;
    if (has('actor.name') && actor.name !== undefined) out.name = actor.name;
    if (!partner) {
      if (has('actor.roles')) out.roles = [...actor.roles];
      if (has('actor.agencyIds') && actor.agencyIds) out.agencyIds = [...actor.agencyIds];
      return out;
    }
    const actsForOwner = ownAgency !== undefined && (actor.agencyIds ?? []).includes(ownAgency);
    if (has('actor.roles') && actsForOwner) out.roles = actor.roles.filter((r) => AGENCY_SCOPED_ROLES.includes(r));
    if (has('actor.agencyIds') && actsForOwner) out.agencyIds = [ownAgency];
    return out;
  };

  return (ctx) => {
    const out: SignedContext = { requestId: ctx.requestId, actor: actorFor(ctx.actor) };
    if (has('locale') && ctx.locale !== undefined) out.locale = ctx.locale;
    if (has('publicBaseUrl') && ctx.publicBaseUrl !== undefined) out.publicBaseUrl = ctx.publicBaseUrl;
    if (has('clientKey') && ctx.clientKey !== undefined) out.clientKey = ctx.clientKey;
    if (has('idempotencyKey') && ctx.idempotencyKey !== undefined) out.idempotencyKey = ctx.idempotencyKey;
    return out;
  };
}
