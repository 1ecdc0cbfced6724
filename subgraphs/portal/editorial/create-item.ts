// Create a content item as a draft (R-6: agencies provide content: the board approves).
// The item, its detail, its files, revision 1 and the audit event are one transaction; with
// `submit`, the SUBMIT step (revision 2) is in the same transaction too.
import { randomBytes } from 'node:crypto';
import { HubError } from '../../../schema/errors.ts';
import type { PrismaClient } from '../../../schema/db/prisma.ts';
import { isUuid } from '../../kit/batch.ts';
import type { ContentKind } from '../content/kinds.ts';
import { TranslationStatus } from '../content/types.ts';
import type { PortalContext } from '../context.ts';
import { writeAudit } from './audit.ts';
import { isUniqueViolation, mapUniqueViolation } from './db-errors.ts';
import { attachPrepared, type PreparedFile } from './file-input.ts';
import { cleanItemInput, slugify, type ContentItemInput } from './item-input.ts';
import { requireRole, requireScope } from './permissions.ts';
import { writeRevision } from './revision.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

async function uniqueSlug(prisma: PrismaClient, kind: ContentKind, wanted: string | null | undefined, title: string): Promise<string> {
  if (wanted) {
    if (!SLUG.test(wanted) || wanted.length > 160)
      throw new HubError('BAD_USER_INPUT', 'slug may hold a–z, 0–9 and single hyphens.', { field: 'slug', reason: 'SLUG' });
    if (await prisma.contentItem.findFirst({ where: { kind, slug: wanted }, select: { id: true } })) throw new HubError('CONFLICT', 'This slug is taken.');
    return wanted;
  }
  const base = slugify(title);
  const taken = new Set((await prisma.contentItem.findMany({ where: { kind, slug: { startsWith: base } }, select: { slug: true } })).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  return slug;
}

/** Section (articles) and agency must exist; the agency must be one the caller works for. */
export async function resolveRefs(ctx: PortalContext, input: { agencyId: string | null; sectionSlug?: string | null }) {
  if (input.agencyId) {
    const exists = isUuid(input.agencyId) && (await ctx.loaders.agency.load(input.agencyId));
    if (!exists) throw new HubError('BAD_USER_INPUT', 'agencyId names no agency.', { field: 'agencyId', reason: 'UNKNOWN_AGENCY' });
  }
  if (!input.sectionSlug) return { sectionId: null };
  const section = await ctx.prisma.articleCategory.findUnique({ where: { slug: input.sectionSlug.slice(0, 120) }, select: { id: true } });
  if (!section) throw new HubError('BAD_USER_INPUT', 'sectionSlug names no section.', { field: 'sectionSlug', reason: 'UNKNOWN_SECTION' });
  return { sectionId: section.id };
}

export async function createItem(ctx: PortalContext, kind: ContentKind, input: ContentItemInput, opts: { files?: PreparedFile[]; submit?: boolean } = {}) {
  await requireRole(ctx, 'CREATE');
  const { common, detail, module } = cleanItemInput(kind, input);
  await requireScope(ctx, 'CREATE', { id: null, agencyId: common.agencyId });
  const { sectionId } = await resolveRefs(ctx, { agencyId: common.agencyId, sectionSlug: input.sectionSlug });
  const now = ctx.now();
  const insert = (slug: string) =>
    ctx.transaction(async (tx) => {
      const item = await tx.contentItem.create({
        data: {
          ...common,
          kind,
          slug,
          sectionId,
          createdById: ctx.actor.id?.slice(0, 100) ?? null,
          translatedAt: common.translationStatus === TranslationStatus.COMPLETE ? now : null,
        },
      });
      await module.write(tx, item.id, detail);
      await attachPrepared(tx, item.id, opts.files ?? []);
      await writeRevision(tx, ctx, item, { action: 'CREATE', fromState: null });
      await writeAudit(tx, ctx, { action: 'CREATE', targetId: item.id, outcome: 'SUCCEEDED', detail: { kind, files: opts.files?.length ?? 0 } });
      if (!opts.submit) return item.id;
      await tx.contentItem.update({ where: { id: item.id }, data: { state: 'SUBMITTED', version: { increment: 1 } } });
      await writeRevision(tx, ctx, item, { action: 'SUBMIT', fromState: 'DRAFT', reason: 'Agency submission (R-6)' });
      await writeAudit(tx, ctx, { action: 'SUBMIT', targetId: item.id, outcome: 'SUCCEEDED', detail: { from: 'DRAFT', to: 'SUBMITTED' } });
      return item.id;
    });
  // A derived slug may be taken between the check and the insert (two editors, one title): retry.
  for (let attempt = 0; ; attempt += 1) {
    const base = await uniqueSlug(ctx.prisma, kind, input.slug, common.titleVi);
    const slug = attempt === 0 ? base : `${base.slice(0, 150)}-${randomBytes(3).toString('hex')}`;
    try {
      return await insert(slug);
    } catch (err) {
      if (!input.slug && attempt < 3 && isUniqueViolation(err)) continue;
      mapUniqueViolation(err, 'An item with this slug or code already exists.');
    }
  }
}
