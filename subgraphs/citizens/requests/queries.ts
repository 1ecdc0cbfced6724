// Reading requests: the public list of published questions, the asker's view by code + secret
// (rate-limited per client, A4; a wrong code and a wrong secret answer alike, A21), and the
// staff lists scoped to the agencies a request is routed to (A34).
import { HubError } from '../../../schema/errors.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { isUuid } from '../../kit/batch.ts';
import { pageWindow, toPage, type PageArgs } from '../../kit/pagination.ts';
import { filterWords } from '../../kit/search-text.ts';
import type { CitizensContext } from '../context.ts';
import { dateColumn, localDateOf } from '../local-time.ts';
import { requireStaff, visibleAgencies } from '../roles.ts';
import { toPublished, toStaff, toTracked } from './mappers.ts';
import { normaliseTrackingCode, secretMatches } from './tracking.ts';
import type { RequestKind, RequestState } from './types.ts';

const FILES = { orderBy: { createdAt: 'asc' as const } } as const;
const WITH_AGENCIES = { agencies: true, files: { where: { published: true }, ...FILES } } as const;
const WITH_HISTORY = { agencies: true, files: FILES, events: { orderBy: { at: 'asc' as const }, take: 200 } } as const;

export async function publishedQuestions(
  ctx: CitizensContext,
  args: PageArgs & { kind?: RequestKind | null; agencyId?: string | null; search?: string | null; changedSince?: Date | null },
) {
  const window = pageWindow(args);
  const words = filterWords(args.search, 'search');
  if (args.agencyId && !isUuid(args.agencyId)) throw new HubError('BAD_USER_INPUT', 'agencyId is not a valid id.', { field: 'agencyId', reason: 'ID' });
  const where: Prisma.CitizenRequestWhereInput = {
    state: 'ANSWERED',
    publishedAt: { not: null },
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.changedSince ? { updatedAt: { gte: args.changedSince } } : {}),
    ...(args.agencyId ? { agencies: { some: { agencyId: args.agencyId } } } : {}),
    // Every word, accent-insensitively (NFC, no diacritics, đ=d), in what the public reads:
    // the title and text as published, the answer and the field (searchFolded, set at publication).
    ...(words.length ? { AND: words.map((w) => ({ searchFolded: { contains: w } })) } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.prisma.citizenRequest.findMany({
      where,
      include: WITH_AGENCIES,
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      skip: window.skip,
      take: window.take,
    }),
    ctx.prisma.citizenRequest.count({ where }),
  ]);
  return toPage(rows.map(toPublished), total, window);
}

export async function publishedQuestion(ctx: CitizensContext, id: string) {
  if (!isUuid(id)) return null;
  const row = await ctx.prisma.citizenRequest.findFirst({ where: { id, state: 'ANSWERED', publishedAt: { not: null } }, include: WITH_AGENCIES });
  return row ? toPublished(row) : null;
}

const NOT_YOURS = () => new HubError('FORBIDDEN', 'The tracking code and secret do not match a request.');

export async function trackRequest(ctx: CitizensContext, trackingCode: string, secret: string) {
  await ctx.runtime.lookups.take(ctx);
  const code = normaliseTrackingCode(trackingCode);
  if (!code || secret.length > 100) throw NOT_YOURS();
  const row = await ctx.prisma.citizenRequest.findUnique({ where: { trackingCode: code }, include: WITH_HISTORY });
  if (!row || !secretMatches(secret, row.secretHash)) throw NOT_YOURS();
  return toTracked(row);
}

export interface StaffFilter {
  state?: RequestState | null;
  kind?: RequestKind | null;
  agencyId?: string | null;
  overdue?: boolean | null;
}

function staffWhere(ctx: CitizensContext, filter: StaffFilter): Prisma.CitizenRequestWhereInput {
  requireStaff(ctx.actor);
  const mine = visibleAgencies(ctx.actor);
  if (filter.agencyId && !isUuid(filter.agencyId)) throw new HubError('BAD_USER_INPUT', 'agencyId is not a valid id.', { field: 'agencyId', reason: 'ID' });
  const agencyScope = mine === null ? undefined : { some: { agencyId: { in: mine } } };
  const today = localDateOf(ctx.now());
  return {
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    AND: [
      ...(agencyScope ? [{ agencies: agencyScope }] : []),
      ...(filter.agencyId ? [{ agencies: { some: { agencyId: filter.agencyId } } }] : []),
      // Overdue: not answered (nor rejected) and the due day has passed in local time.
      ...(filter.overdue ? [{ state: { in: ['RECEIVED', 'ROUTED', 'ANSWER_SUBMITTED'] as RequestState[] }, dueOn: { lt: dateColumn(today) } }] : []),
    ],
  };
}

export async function staffRequests(ctx: CitizensContext, args: PageArgs & { filter?: StaffFilter | null }) {
  const window = pageWindow(args);
  const where = staffWhere(ctx, args.filter ?? {});
  const order: Prisma.CitizenRequestOrderByWithRelationInput[] = args.filter?.overdue
    ? [{ dueOn: 'asc' }, { id: 'asc' }]
    : [{ receivedAt: 'desc' }, { id: 'desc' }];
  const [rows, total] = await Promise.all([
    ctx.prisma.citizenRequest.findMany({ where, include: WITH_HISTORY, orderBy: order, skip: window.skip, take: window.take }),
    ctx.prisma.citizenRequest.count({ where }),
  ]);
  const today = localDateOf(ctx.now());
  return toPage(
    rows.map((r) => toStaff(r, today)),
    total,
    window,
  );
}

export async function staffRequest(ctx: CitizensContext, id: string) {
  requireStaff(ctx.actor);
  if (!isUuid(id)) return null;
  const row = await ctx.prisma.citizenRequest.findUnique({ where: { id }, include: WITH_HISTORY });
  if (!row) return null;
  const mine = visibleAgencies(ctx.actor);
  if (mine !== null && !row.agencies.some((a) => mine.includes(a.agencyId))) throw new HubError('FORBIDDEN', 'This request is not routed to your agency.');
  return toStaff(row, localDateOf(ctx.now()));
}
