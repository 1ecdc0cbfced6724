// the GraphQL types of investment projects and tenders, and the links between them
// (the kinds' modules: investment.module.ts).
import { Directive, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { LegalBasis } from '../../../kit/legal-basis.ts';
import { DecimalScalar, LocalizedText } from '../../../kit/scalars.ts';
import type { PortalContext } from '../../context.ts';
import { loadVisibleNode } from '../nodes.ts';
import { ContentItem } from '../types.ts';
import { FundingType, ProjectStatus, TenderNoticeKind } from './investment.module.ts';

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'An investment project (R-4.10). The name is the item’s title.' })
export class InvestmentProject extends ContentItem {
  @Field(() => LocalizedText, { description: 'Main objectives.' }) objectives!: LocalizedText;
  @Field(() => String) field!: string;
  @Field(() => String, { description: 'Project type (e.g. nhóm A/B/C, public investment, PPP).' }) projectType!: string;
  @Field(() => Int, { nullable: true }) startYear!: number | null;
  @Field(() => Int, { nullable: true }) endYear!: number | null;
  @Field(() => DecimalScalar, { description: 'Total budget in VND, exact.' }) budgetVnd!: string;
  @Field(() => FundingType) fundingType!: FundingType;
  @Field(() => String, { nullable: true }) donor!: string | null;
  @Field(() => ProjectStatus) status!: ProjectStatus;
  @Field(() => Boolean, { description: 'Calling for investment capital (R-4.5 a).' }) callingForCapital!: boolean;
  @Field(() => [String]) unitCodes!: string[];
  @Field(() => [LegalBasis], { description: 'Legal bases (căn cứ) as cited, with the documents the hub has.' }) legalBases!: LegalBasis[];
}

@Directive('@key(fields: "id")')
@ObjectType({ implements: ContentItem, description: 'A tender or public-procurement notice (R-4.10).' })
export class Tender extends ContentItem {
  @Field(() => TenderNoticeKind) noticeKind!: TenderNoticeKind;
  @Field(() => String) packageName!: string;
  @Field(() => String, { description: 'Bên mời thầu.' }) procuringEntity!: string;
  @Field(() => String, { nullable: true }) method!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) estimatedValueVnd!: string | null;
  @Field(() => Date, { nullable: true }) closingAt!: Date | null;
  projectItemId!: string | null;
}

@Resolver(() => Tender)
export class TenderResolver {
  @FieldResolver(() => InvestmentProject, { nullable: true, description: 'The project, when it is visible to the caller.' })
  async project(@Root() tender: Tender, @Ctx() ctx: PortalContext) {
    if (!tender.projectItemId) return null;
    return loadVisibleNode(ctx, tender.projectItemId);
  }
}

@Resolver(() => InvestmentProject)
export class InvestmentProjectResolver {
  @FieldResolver(() => [Tender], { description: 'Tenders and procurement notices of the project visible to the caller (at most 100).' })
  async tenders(@Root() project: InvestmentProject, @Ctx() ctx: PortalContext) {
    const ids = await ctx.loaders.tenderIdsByProject.load(project.id);
    const nodes = await Promise.all(ids.slice(0, 100).map((id) => loadVisibleNode(ctx, id)));
    return nodes.filter((n) => n !== null);
  }
}
