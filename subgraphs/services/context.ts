// Per-request context of the services subgraph and the runtime it shares across requests.
import type { PrismaClient } from '../../schema/db/prisma.ts';
import type { Actor, SignedContext } from '../../schema/security/signed-context.ts';
import type { ResolvedServicesOptions, ServicesSources } from './config.ts';
import { createServicesLoaders, type ServicesLoaders } from './loaders.ts';
import type { ServicesSyncer } from './sync/syncer.ts';

export interface ServicesRuntime {
  options: ResolvedServicesOptions;
  now(): Date;
  sources: ServicesSources;
  syncer: ServicesSyncer;
}

export interface ServicesContext {
  prisma: PrismaClient;
  loaders: ServicesLoaders;
  actor: Actor;
  requestId: string;
  clientKey?: string;
  publicBaseUrl?: string;
  runtime: ServicesRuntime;
}

export function createServicesContext(prisma: PrismaClient, signed: SignedContext, runtime: ServicesRuntime): ServicesContext {
  return {
    prisma,
    loaders: createServicesLoaders(prisma),
    actor: signed.actor,
    requestId: signed.requestId,
    clientKey: signed.clientKey,
    publicBaseUrl: signed.publicBaseUrl,
    runtime,
  };
}

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('ADMIN');

/** Today in Vietnam (UTC+7), YYYY-MM-DD, from the runtime's clock. */
export const vietnamToday = (now: Date): string => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
