// the GraphQL types of law explainers and plan items, and a plan's geographic
// scope as units valid on a date (the kinds' modules: plans.module.ts).
import { Directive, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { LegalBasis } from '../../../kit/legal-basis.ts';
import { DecimalScalar, LocalDateScalar } from '../../../kit/scalars.ts';
import type { PortalContext } from '../../context.ts';
import { AdministrativeUnit } from '../../organisation.types.ts';
import { ContentItem } from '../types.ts';
import { unitsOf } from './introduction.resolver.ts';
import { PlanKind } from './plans.module.ts';

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A law-dissemination or policy explainer for a sector (R-4.4).' })
export class LawExplainer extends ContentItem {
  @Field(() => String, { description: 'Sector (lĩnh vực).' }) sector!: string;
  @Field(() => String, { nullable: true }) audience!: string | null;
  @Field(() => [String], {
    description: 'Numbers/symbols of the legal documents explained.',
    deprecationReason: 'Use legalBases: the same citations with the documents they name.',
  })
  legalBasis!: string[];
  @Field(() => [LegalBasis], { description: 'The legal documents explained, as cited, with the documents the hub has.' }) legalBases!: LegalBasis[];
}

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A strategy, zoning or plan item (R-4.5 a–e) with its geographic scope.' })
export class PlanItem extends ContentItem {
  @Field(() => PlanKind) planKind!: PlanKind;
  @Field(() => String, { description: 'The R-4.5 point: a–e.' }) planPoint!: string;
  @Field(() => String, {
    nullable: true,
    description: 'ZONING: CONSTRUCTION, URBAN, TRANSPORT, INDUSTRIAL_ZONE, TOURISM; ENVIRONMENT: WASTE_PLAN, POLLUTION_SOURCE, POLLUTED_AREA.',
  })
  subtype!: string | null;
  @Field(() => [String], { description: 'Geographic scope: codes of administrative units.' }) unitCodes!: string[];
  @Field(() => LocalDateScalar, { nullable: true }) unitsAsOf!: string | null;
  @Field(() => String, { nullable: true }) approvalNumber!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) approvedOn!: string | null;
  @Field(() => Int, { nullable: true }) periodFrom!: number | null;
  @Field(() => Int, { nullable: true }) periodTo!: number | null;
  @Field(() => Int, { nullable: true }) visionYear!: number | null;
  @Field(() => DecimalScalar, { nullable: true }) areaHectares!: string | null;
  @Field(() => [LegalBasis], { description: 'Legal bases (căn cứ) as cited, with the documents the hub has.' }) legalBases!: LegalBasis[];
}

@Resolver(() => PlanItem)
export class PlanItemResolver {
  @FieldResolver(() => [AdministrativeUnit], { description: 'The geographic scope as units valid on unitsAsOf.' })
  administrativeUnits(@Root() plan: PlanItem, @Ctx() ctx: PortalContext) {
    return unitsOf(ctx, plan.unitCodes, plan.unitsAsOf);
  }
}
