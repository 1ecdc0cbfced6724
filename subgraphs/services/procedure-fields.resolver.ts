// Fields of a procedure computed per request: its text in a channel language (R-4.15d), its
// levels on a date, its online service, and its publication deadline.
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { deadlineStatus, dueDate } from '../../schema/deadlines/deadline.ts';
import { Locale, LocalDateScalar } from '../kit/scalars.ts';
import { vietnamToday, type ServicesContext } from './context.ts';
import { toOnlineService, toProcedure } from './mappers.ts';
import { PublicationStatus, ProcedureLevel } from './types/enums.ts';
import { OnlineService } from './types/online-service.types.ts';
import { OnlineServiceUsage } from './types/statistics.types.ts';
import { lastMonths, monthRange, serviceUsage } from './statistics/usage-report.ts';
import { AdministrativeProcedure, ProcedurePublicationDeadline, ProcedureText } from './types/procedure.types.ts';

/** 10 working days before `effective`; null when it falls outside the calendar data (not measurable rather than wrong). */
function dueOrNull(effective: string): string | null {
  try {
    return dueDate('PROCEDURES', { kind: 'effective', date: effective });
  } catch {
    return null;
  }
}

/** The publication deadline of a procedure, as of `today`. */
export function publicationDeadline(p: Pick<AdministrativeProcedure, 'effectiveDate' | 'firstPublishedAt'>, today: string): ProcedurePublicationDeadline {
  const publishedOn = vietnamToday(p.firstPublishedAt);
  const due = p.effectiveDate ? dueOrNull(p.effectiveDate) : null;
  const status = due ? (deadlineStatus({ due, deliveredOn: publishedOn, today }) as PublicationStatus) : null;
  return { ruleEffectiveDate: p.effectiveDate, dueDate: due, publishedOn, status };
}

@Resolver(() => AdministrativeProcedure)
export class ProcedureFieldsResolver {
  @FieldResolver(() => ProcedureText, { description: 'Name and summary in a channel language; English falls back to Vietnamese when untranslated.' })
  text(@Root() p: AdministrativeProcedure, @Arg('locale', () => Locale, { defaultValue: Locale.VI }) locale: Locale): ProcedureText {
    const english = locale === Locale.EN && p.nameEn !== null;
    return {
      requestedLocale: locale,
      servedLocale: english ? Locale.EN : Locale.VI,
      isFallback: locale === Locale.EN && !english,
      name: english ? p.nameEn! : p.name,
      summary: english ? p.summaryEn : null,
    };
  }

  @FieldResolver(() => [ProcedureLevel], { description: 'Levels the procedure is carried out at on `asOf` (default today).' })
  levels(
    @Root() p: AdministrativeProcedure,
    @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: ServicesContext,
  ): ProcedureLevel[] {
    const day = asOf ?? vietnamToday(ctx.runtime.now());
    return [...new Set(p.levelHistory.filter((l) => (!l.validFrom || l.validFrom <= day) && (!l.validTo || l.validTo >= day)).map((l) => l.level))];
  }

  @FieldResolver(() => OnlineService, { nullable: true, description: 'Its online public service, if there is one.' })
  async onlineService(@Root() p: AdministrativeProcedure, @Ctx() ctx: ServicesContext): Promise<OnlineService | null> {
    const row = await ctx.loaders.onlineServiceByProcedure.load(p.code);
    return row ? toOnlineService(row) : null;
  }

  @FieldResolver(() => ProcedurePublicationDeadline, { description: 'R-7.5: due date and whether it was published in time.' })
  publicationDeadline(@Root() p: AdministrativeProcedure, @Ctx() ctx: ServicesContext): ProcedurePublicationDeadline {
    return publicationDeadline(p, vietnamToday(ctx.runtime.now()));
  }
}

@Resolver(() => OnlineService)
export class OnlineServiceFieldsResolver {
  @FieldResolver(() => AdministrativeProcedure, { nullable: true, description: 'The procedure this service carries out.' })
  async procedure(@Root() s: OnlineService, @Ctx() ctx: ServicesContext): Promise<AdministrativeProcedure | null> {
    const row = await ctx.loaders.procedureByCode.load(s.procedureCode);
    return row ? toProcedure(row) : null;
  }

  @FieldResolver(() => OnlineServiceUsage, {
    description:
      'R-9.1 usage frequency and processing: dossiers received (online among them), processed, on time and late over whole months (YYYY-MM), every agency together; by default the 12 months up to this one.',
  })
  async usage(
    @Root() s: OnlineService,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Ctx() ctx: ServicesContext,
  ): Promise<OnlineServiceUsage> {
    const period = from || to ? monthRange(from ?? to!, to ?? from!) : lastMonths(vietnamToday(ctx.runtime.now()), 12);
    return serviceUsage(await ctx.loaders.usageByService.load(`${period.from}|${period.to}|${s.procedureCode}`), period);
  }
}
