// Links from relations, history rows and gazette entries to the documents and issues they
// name, through the per-request loaders (one statement for a whole page).
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LegalContext } from './context.ts';
import { toDocument, toIssue } from './mappers.ts';
import { LegalDocument, LegalRelation, LegalValidityEvent } from './types/document.types.ts';
import { GazetteEntry, GazetteIssue } from './types/gazette.types.ts';

async function documentOf(ctx: LegalContext, id: string | null): Promise<LegalDocument | null> {
  const row = id ? await ctx.loaders.document.load(id) : null;
  return row ? toDocument(row) : null;
}

@Resolver(() => LegalRelation)
export class LegalRelationResolver {
  @FieldResolver(() => LegalDocument, { nullable: true })
  document(@Root() relation: LegalRelation, @Ctx() ctx: LegalContext) {
    return documentOf(ctx, relation.documentId);
  }
}

@Resolver(() => LegalValidityEvent)
export class LegalValidityEventResolver {
  @FieldResolver(() => LegalDocument, { nullable: true })
  sourceDocument(@Root() event: LegalValidityEvent, @Ctx() ctx: LegalContext) {
    return documentOf(ctx, event.sourceDocumentId);
  }
}

@Resolver(() => GazetteEntry)
export class GazetteEntryResolver {
  @FieldResolver(() => LegalDocument)
  async document(@Root() entry: GazetteEntry, @Ctx() ctx: LegalContext) {
    return documentOf(ctx, entry.documentId);
  }

  @FieldResolver(() => GazetteIssue)
  async issue(@Root() entry: GazetteEntry, @Ctx() ctx: LegalContext): Promise<GazetteIssue | null> {
    const row = await ctx.loaders.issue.load(entry.issueId);
    return row ? toIssue(row) : null;
  }
}
