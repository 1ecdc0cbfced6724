// within the R-17 report: the legal documents an agency issued in a period, published on
// the portal within 7 working days of their issue date or late. Contributed to the portal's
// AgencyProvision (the rows of provisionReport.agencies), which legal knows by the agency's
// QCVN 102 code and folded name, as it matches issuers (by code where the source gives one, else
// by name); one statement per period for every agency of the report.
import { Ctx, Directive, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { vietnamDate } from '../../adapters/kit/text.ts';
import { deadlineStatus } from '../../schema/deadlines/deadline.ts';
import { HubError } from '../../schema/errors.ts';
import { LocalDateScalar, toLocalDate } from '../kit/scalars.ts';
import type { LegalContext } from './context.ts';
import { dueWithin7WorkingDays } from './document-fields.resolver.ts';

@Directive('@key(fields: "agencyCode agencyNameKey from to")')
@ObjectType('AgencyProvision', { description: 'One agency’s R-17 report for a period (owned by the portal subgraph: provisionReport.agencies).' })
export class AgencyProvisionByName {
  @Field(() => String) agencyCode!: string;
  @Field(() => String) agencyNameKey!: string;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
}

@ObjectType({ description: 'R-7.4: documents the province issued in a period, published on the portal within 7 working days of issue or late.' })
export class LegalDocumentProvision {
  @Field(() => Int, { description: 'Documents of the agency, issued in the period, to which R-7.4 applies (locally issued, due date known).' }) due!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Float, { nullable: true, description: 'onTime / due; null when nothing was due.' }) onTimeRate!: number | null;
  @Field(() => [String], { description: 'Numbers of the documents published late.' }) lateNumbers!: string[];
  @Field(() => Int, { description: 'Documents issued in the period whose due date the calendar cannot tell yet (not judged).' }) notMeasurable!: number;
}

@Resolver(() => AgencyProvisionByName)
export class LegalProvisionResolver {
  @FieldResolver(() => LegalDocumentProvision, { description: 'R-7.4: the agency’s documents issued in the period, published within 7 working days or late.' })
  async legalDocuments(@Root() ref: AgencyProvisionByName, @Ctx() ctx: LegalContext): Promise<LegalDocumentProvision> {
    if (ref.from > ref.to) throw new HubError('BAD_USER_INPUT', 'from must not be after to.', { field: 'from', reason: 'DATE_RANGE' });
    const mine = (await ctx.loaders.locallyIssuedBetween.load(`${ref.from}|${ref.to}`)).filter((d) =>
      d.agencyMatch === 'CODE' ? d.agencyKey === ref.agencyCode : d.agencyKey === ref.agencyNameKey,
    );
    // A document once, even if the agency is named twice among its issuers.
    const issued = [...new Map(mine.map((d) => [d.documentId, d])).values()];
    const today = vietnamDate(ctx.runtime.now())!;
    let onTime = 0;
    let notMeasurable = 0;
    const late: string[] = [];
    for (const d of issued) {
      const due = dueWithin7WorkingDays(toLocalDate(d.issueDate)!);
      if (!due) {
        notMeasurable += 1;
        continue;
      }
      // A document is in the hub once the portal has it: delivered, so on time or late.
      if (deadlineStatus({ due, deliveredOn: vietnamDate(d.firstPublishedAt)!, today }) === 'LATE') late.push(d.number);
      else onTime += 1;
    }
    const judged = onTime + late.length;
    return {
      due: judged,
      onTime,
      late: late.length,
      onTimeRate: judged ? Math.round((onTime / judged) * 10_000) / 10_000 : null,
      lateNumbers: late,
      notMeasurable,
    };
  }
}

export const agencyProvisionReference = {
  __resolveReference: (ref: { agencyCode: string; agencyNameKey: string; from: string; to: string }) => ({
    agencyCode: ref.agencyCode,
    agencyNameKey: ref.agencyNameKey,
    from: ref.from,
    to: ref.to,
  }),
};
