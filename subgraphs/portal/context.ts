import type { PrismaClient } from '../../schema/db/prisma.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import { createLoaders, type PortalLoaders } from './loaders.ts';

export interface PortalContext {
  prisma: PrismaClient;
  loaders: PortalLoaders;
  actor: Actor;
  requestId: string;
  locale?: string;
}

export function createPortalContext(prisma: PrismaClient, signed: SignedContext): PortalContext {
  return { prisma, loaders: createLoaders(prisma), actor: signed.actor, requestId: signed.requestId, locale: signed.locale };
}

export const STAFF_ROLES = ['EDITOR', 'BOARD', 'ADMIN'];
export const isStaff = (actor: Actor): boolean => actor.roles.some((r) => STAFF_ROLES.includes(r));
