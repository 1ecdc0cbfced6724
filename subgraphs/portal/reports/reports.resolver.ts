// R-17 reports in the graph: per agency and period (half-year, year, custom range), as rows and
// as CSV. Staff only; agency editors see their own agencies.
import { stringify } from 'csv-stringify/sync';
import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { HubError } from '../../../schema/errors.ts';
import { LocalDateScalar, fromLocalDate, toLocalDate } from '../../kit/scalars.ts';
import { uuidArg } from '../content/clean.ts';
import { ContentCategoryEnum, requirementOf } from '../content/kinds.ts';
import { vietnamDate } from '../content/dublin-core.ts';
import { toAgency } from '../mappers.ts';
import { isBoard, isStaff, type PortalContext } from '../context.ts';
import { provisionReport, reportRange, type ReportRow } from './provision-report.ts';

@ObjectType({ description: 'One agency × category line of an R-17 report.' })
export class ProvisionReportRow {
  @Field(() => ID, { nullable: true }) agencyId!: string | null;
  @Field(() => ContentCategoryEnum) category!: string;
  @Field(() => String) requirement!: string;
  @Field(() => Int, { description: 'Items first published in the period.' }) provided!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Int, { description: 'Triggered in the period, not delivered, past the due date.' }) overdue!: number;
  @Field(() => Int, { description: 'Triggered in the period, not delivered, still within the deadline.' }) pending!: number;
  @Field(() => Float, { nullable: true, description: 'onTime / (onTime + late + overdue); null when no item had a deadline.' }) onTimeRate!: number | null;
  @Field(() => Int, { description: 'Published R-4.15 minimum-set items without a complete English version.' }) untranslatedMandatory!: number;
}

@ObjectType({ description: 'R-17: provision of information on the portal, per agency and category.' })
export class ProvisionReport {
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
  @Field(() => LocalDateScalar, { description: 'Deadlines are judged as of this day (the end of the period, or today).' }) asOf!: string;
  @Field(() => [ProvisionReportRow]) rows!: ProvisionReportRow[];
  @Field(() => String, { description: 'The same rows as CSV (UTF-8), with agency names.' }) csv!: string;
  /** The agency the report was asked for (agencies: agency-provision.ts). */
  scopeAgencyId?: string | null;
}

const MAX_ITEMS = 50_000;

@Resolver()
export class ReportsResolver {
  @Query(() => ProvisionReport, { description: 'R-17 report for a half-year (year + half), a year, or a custom range (from + to). Staff only.' })
  async provisionReport(
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Arg('half', () => Int, { nullable: true, description: '1 = January–June, 2 = July–December.' }) half: number | null,
    @Arg('from', () => LocalDateScalar, { nullable: true }) from: string | null,
    @Arg('to', () => LocalDateScalar, { nullable: true }) to: string | null,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
    @Ctx() ctx: PortalContext,
  ): Promise<ProvisionReport> {
    if (!isStaff(ctx.actor)) throw new HubError('FORBIDDEN', 'Only staff may read reports.');
    const range = reportRange({ year, half, from, to });
    if (!range) throw new HubError('BAD_USER_INPUT', 'Give year (and half 1 or 2), or from ≤ to.', { reason: 'REPORT_RANGE' });
    const scope: Prisma.ContentItemWhereInput = isBoard(ctx.actor) ? {} : { agencyId: { in: ctx.actor.agencyIds ?? [] } };
    // Delivered in the period (with a day of margin for the time zone), or triggered in it.
    const start = new Date(fromLocalDate(range.from).getTime() - 86_400_000);
    const end = new Date(fromLocalDate(range.to).getTime() + 2 * 86_400_000);
    const rows = await ctx.prisma.contentItem.findMany({
      where: {
        AND: [
          scope,
          agencyId ? { agencyId: uuidArg(agencyId, 'agencyId')! } : {},
          {
            OR: [
              { firstPublishedAt: { gte: start, lt: end } },
              { firstPublishedAt: null, triggerDate: { gte: fromLocalDate(range.from), lte: fromLocalDate(range.to) } },
            ],
          },
        ],
      },
      select: {
        agencyId: true,
        category: true,
        triggerKind: true,
        triggerDate: true,
        firstPublishedAt: true,
        translationPoint: true,
        translationStatus: true,
        state: true,
      },
      take: MAX_ITEMS,
    });
    const today = vietnamDate(ctx.now());
    const report = provisionReport(
      rows.map((r) => ({
        agencyId: r.agencyId,
        category: r.category,
        triggerKind: r.triggerKind,
        triggerDate: toLocalDate(r.triggerDate),
        deliveredOn: r.firstPublishedAt ? vietnamDate(r.firstPublishedAt) : null,
        translationPoint: r.translationPoint,
        translationStatus: r.translationStatus,
        published: r.state === 'PUBLISHED',
      })),
      range,
      today,
    );
    const withRequirement = report.map((r) => ({ ...r, requirement: requirementOf(r.category) }));
    return {
      ...range,
      asOf: today < range.to ? today : range.to,
      rows: withRequirement,
      csv: await toCsv(ctx, withRequirement),
      scopeAgencyId: agencyId ? uuidArg(agencyId, 'agencyId') : null,
    };
  }
}

async function toCsv(ctx: PortalContext, rows: (ReportRow & { requirement: string })[]): Promise<string> {
  const agencies = await ctx.loaders.agency.loadMany([...new Set(rows.map((r) => r.agencyId).filter((a): a is string => a !== null))]);
  const names = new Map(agencies.flatMap((a) => (a && !(a instanceof Error) ? [[a.id, toAgency(a).name.vi] as const] : [])));
  return stringify(
    rows.map((r) => [
      r.agencyId ? (names.get(r.agencyId) ?? r.agencyId) : '',
      r.requirement,
      r.category,
      r.provided,
      r.onTime,
      r.late,
      r.overdue,
      r.pending,
      r.onTimeRate ?? '',
      r.untranslatedMandatory,
    ]),
    {
      header: true,
      columns: ['agency', 'requirement', 'category', 'provided', 'on_time', 'late', 'overdue', 'pending', 'on_time_rate', 'untranslated_mandatory'],
    },
  );
}
