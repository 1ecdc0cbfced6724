// Dublin Core and schema.org JSON-LD of legal documents and gazette issues in the graph, the
// same the harvest surfaces serve (identifier = the public page's URL). One statement per
// page of documents or issues (DataLoader per request).
import DataLoader from 'dataloader';
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { DublinCoreRecord, HarvestRecord } from '../../../schema/contract/harvest.ts';
import type { LegalContext } from '../context.ts';
import { GazetteIssue } from '../types/gazette.types.ts';
import { LegalDocument } from '../types/document.types.ts';
import { DOC_INCLUDE, documentRecord, issueRecord, ISSUE_INCLUDE } from './sources.ts';

@ObjectType({ description: 'Dublin Core, the 15 elements, each repeatable (DOMAIN.md §4); identifier: the public URL first.' })
export class DublinCoreElements {
  @Field(() => [String]) title!: string[];
  @Field(() => [String]) creator!: string[];
  @Field(() => [String]) subject!: string[];
  @Field(() => [String]) description!: string[];
  @Field(() => [String]) publisher!: string[];
  @Field(() => [String]) contributor!: string[];
  @Field(() => [String]) date!: string[];
  @Field(() => [String]) type!: string[];
  @Field(() => [String]) format!: string[];
  @Field(() => [String]) identifier!: string[];
  @Field(() => [String]) source!: string[];
  @Field(() => [String]) language!: string[];
  @Field(() => [String]) relation!: string[];
  @Field(() => [String]) coverage!: string[];
  @Field(() => [String]) rights!: string[];
}

const loaders = new WeakMap<LegalContext, { documents: DataLoader<string, HarvestRecord | null>; issues: DataLoader<string, HarvestRecord | null> }>();

function recordsOf(ctx: LegalContext) {
  let l = loaders.get(ctx);
  if (!l) {
    const hctx = { publicBaseUrl: ctx.publicBaseUrl?.replace(/\/$/, '') ?? '', now: ctx.clock() };
    l = {
      documents: new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.prisma.legalDocument.findMany({ where: { id: { in: [...ids] } }, include: DOC_INCLUDE });
        const byId = new Map(rows.map((r) => [r.id, documentRecord(r, hctx)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      issues: new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.prisma.legalGazetteIssue.findMany({ where: { id: { in: [...ids] } }, include: ISSUE_INCLUDE });
        const byId = new Map(rows.map((r) => [r.id, issueRecord(r, hctx)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    };
    loaders.set(ctx, l);
  }
  return l;
}

const dcOf = (r: HarvestRecord | null): DublinCoreRecord | null => r?.dc ?? null;
const jsonOf = (r: HarvestRecord | null): string | null => (r?.jsonLd ? JSON.stringify(r.jsonLd) : null);

@Resolver(() => LegalDocument)
export class LegalDocumentMetadataResolver {
  @FieldResolver(() => DublinCoreElements, { nullable: true, description: 'Dublin Core of the document (null once withdrawn).' })
  async dublinCore(@Root() doc: LegalDocument, @Ctx() ctx: LegalContext) {
    return dcOf(await recordsOf(ctx).documents.load(doc.id));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'schema.org Legislation as JSON-LD (legislationIdentifier, legislationDate, legislationLegalForce, jurisdiction, legislationPassedBy), serialised: embed it as <script type="application/ld+json">.',
  })
  async jsonLd(@Root() doc: LegalDocument, @Ctx() ctx: LegalContext) {
    return jsonOf(await recordsOf(ctx).documents.load(doc.id));
  }

  @FieldResolver(() => String, { nullable: true, description: 'The public page of the document: its identifier for harvesters.' })
  async publicUrl(@Root() doc: LegalDocument, @Ctx() ctx: LegalContext) {
    return (await recordsOf(ctx).documents.load(doc.id))?.url ?? null;
  }
}

@Resolver(() => GazetteIssue)
export class GazetteIssueMetadataResolver {
  @FieldResolver(() => DublinCoreElements, { nullable: true, description: 'Dublin Core of the issue.' })
  async dublinCore(@Root() issue: GazetteIssue, @Ctx() ctx: LegalContext) {
    return dcOf(await recordsOf(ctx).issues.load(issue.id));
  }

  @FieldResolver(() => String, { nullable: true, description: 'schema.org PublicationIssue as JSON-LD, serialised.' })
  async jsonLd(@Root() issue: GazetteIssue, @Ctx() ctx: LegalContext) {
    return jsonOf(await recordsOf(ctx).issues.load(issue.id));
  }

  @FieldResolver(() => String, { nullable: true, description: 'The public page of the issue: its identifier for harvesters.' })
  async publicUrl(@Root() issue: GazetteIssue, @Ctx() ctx: LegalContext) {
    return (await recordsOf(ctx).issues.load(issue.id))?.url ?? null;
  }
}
