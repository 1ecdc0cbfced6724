// The audit trail's hash chain in the graph: whether it is intact and where it first breaks.
// Staff only, like the reports: the public has no business with the editorial trail.
import { Ctx, Field, ID, Int, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { HubError } from '../../../schema/errors.ts';
import type { PortalContext } from '../context.ts';
import { verifyAuditChain, type ChainBreak } from './audit-chain.ts';

enum AuditChainBreakReason {
  HASH_MISMATCH = 'HASH_MISMATCH',
  MISSING_HASH = 'MISSING_HASH',
}
registerEnumType(AuditChainBreakReason, {
  name: 'AuditChainBreakReason',
  description: 'HASH_MISMATCH: this event, or the one before it, was changed, inserted or deleted. MISSING_HASH: a chained event lost its hash.',
});

@ObjectType({ description: 'The first audit event whose link to the previous one does not hold.' })
export class AuditChainBreak {
  @Field(() => String, { description: 'Position in the trail (a 64-bit integer, as text).' }) seq!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => AuditChainBreakReason) reason!: ChainBreak['reason'];
}

@ObjectType({ description: 'Integrity of the editorial audit trail: each event carries sha256(previous hash + its own content).' })
export class AuditChainStatus {
  @Field(() => Boolean) intact!: boolean;
  @Field(() => Int, { description: 'Events checked, up to the first break.' }) checked!: number;
  @Field(() => Int, { description: 'Events from before the chain existed (no hash).' }) unchained!: number;
  @Field(() => String, { nullable: true, description: 'Hash of the last event checked; compare with a copy kept elsewhere to detect events cut off the end.' })
  headHash!: string | null;
  @Field(() => AuditChainBreak, { nullable: true }) firstBreak!: AuditChainBreak | null;
}

@Resolver()
export class AuditChainResolver {
  @Query(() => AuditChainStatus, { description: 'Checks the whole editorial audit trail (staff only).' })
  async auditChainStatus(@Ctx() ctx: PortalContext): Promise<AuditChainStatus> {
    const roles = ctx.actor.roles;
    if (!['ADMIN', 'BOARD', 'EDITOR'].some((r) => roles.includes(r))) throw new HubError('FORBIDDEN', 'Only staff may check the audit trail.');
    const status = await verifyAuditChain(ctx.prisma);
    const brk = status.firstBreak;
    return { ...status, firstBreak: brk && { seq: String(brk.seq), eventId: brk.id, reason: brk.reason } };
  }
}
