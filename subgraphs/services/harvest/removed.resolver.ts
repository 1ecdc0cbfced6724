// Tombstones of withdrawn procedures and online services: the lists take
// `filter.changedSince`, these queries answer what was withdrawn since, oldest first.
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { PageArgs, pageWindow, toPage } from '../../kit/pagination.ts';
import { checkSince, TombstonePage } from '../../kit/tombstones.ts';
import type { ServicesContext } from '../context.ts';
import { ONLINE_SERVICES } from './online-services.ts';
import { PROCEDURES } from './procedures.ts';

const baseOf = (ctx: ServicesContext) => `${ctx.publicBaseUrl?.replace(/\/$/, '') ?? ''}/services/print`;
const ORDER = [{ id: 'asc' as const }];

@Resolver()
export class RemovedServicesResolver {
  @Query(() => TombstonePage, { description: 'Tombstones of procedures withdrawn from the catalogue since a moment, oldest first.' })
  async removedProcedures(@Arg('since', () => Date) since: Date, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: ServicesContext) {
    const window = pageWindow(page);
    const where = { withdrawn: true, updatedAt: { gte: checkSince(since) } };
    const [rows, total] = await Promise.all([
      ctx.prisma.servicesProcedure.findMany({
        where,
        select: { id: true, code: true, updatedAt: true },
        orderBy: [{ updatedAt: 'asc' }, ...ORDER],
        skip: window.skip,
        take: window.take,
      }),
      ctx.prisma.servicesProcedure.count({ where }),
    ]);
    const base = baseOf(ctx);
    const nodes = rows.map((r) => ({
      id: r.id,
      kind: PROCEDURES,
      url: `${base}/procedure/${encodeURIComponent(r.code)}`,
      removedAt: r.updatedAt,
      reason: 'WITHDRAWN',
    }));
    return toPage(nodes, total, window);
  }

  @Query(() => TombstonePage, { description: 'Tombstones of online services withdrawn since a moment, oldest first.' })
  async removedOnlineServices(@Arg('since', () => Date) since: Date, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: ServicesContext) {
    const window = pageWindow(page);
    const where = { withdrawn: true, fetchedAt: { gte: checkSince(since) } };
    const [rows, total] = await Promise.all([
      ctx.prisma.servicesOnlineService.findMany({
        where,
        select: { id: true, code: true, fetchedAt: true },
        orderBy: [{ fetchedAt: 'asc' }, ...ORDER],
        skip: window.skip,
        take: window.take,
      }),
      ctx.prisma.servicesOnlineService.count({ where }),
    ]);
    const base = baseOf(ctx);
    const nodes = rows.map((r) => ({
      id: r.id,
      kind: ONLINE_SERVICES,
      url: `${base}/online-service/${encodeURIComponent(r.code)}`,
      removedAt: r.fetchedAt,
      reason: 'WITHDRAWN',
    }));
    return toPage(nodes, total, window);
  }
}
