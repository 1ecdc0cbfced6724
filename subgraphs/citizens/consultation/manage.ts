// Posting drafts for comment (R-4.12b, c): the drafting agency's editors (or the board) create
// one; the board publishes it; either links it to the LegalDocument it became.
import { HubError } from '../../../schema/errors.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import { cleanOptionalText, cleanText } from '../../../schema/text/input.ts';
import { slugify } from '../../../schema/text/vietnamese.ts';
import { isUuid } from '../../kit/batch.ts';
import { isEmail } from '../contact.ts';
import type { CitizensContext } from '../context.ts';
import { dateColumn, endOfLocalDay, localMidnight } from '../local-time.ts';
import { mayActFor, requireBoard } from '../roles.ts';
import type { ConsultationInput } from './types.ts';

const bad = (field: string, reason: string, message: string) => new HubError('BAD_USER_INPUT', message, { field, reason });

/** The drafting agency's editors and the board manage a consultation. */
export function requireDrafter(ctx: CitizensContext, agencyId: string): void {
  if (!mayActFor(ctx.actor, [agencyId])) throw new HubError('FORBIDDEN', 'Only the drafting agency and the editorial board may do this.');
}

export async function loadConsultation(ctx: CitizensContext, id: string): Promise<Db.Consultation> {
  const row = isUuid(id) ? await ctx.prisma.consultation.findUnique({ where: { id } }) : null;
  if (!row) throw new HubError('NOT_FOUND', 'No consultation has this id.');
  return row;
}

export async function createConsultation(ctx: CitizensContext, input: ConsultationInput): Promise<Db.Consultation> {
  if (!isUuid(input.draftingAgencyId)) throw bad('draftingAgencyId', 'ID', 'draftingAgencyId is not a valid id.');
  requireDrafter(ctx, input.draftingAgencyId);
  if (input.closesOn < input.opensOn) throw bad('closesOn', 'WINDOW', 'The comment window must close on or after the day it opens.');
  const title = cleanText(input.title, { field: 'title', max: 500 });
  const receivingEmail = cleanText(input.receivingEmail, { field: 'receivingEmail', max: 254 }).toLowerCase();
  if (!isEmail(receivingEmail)) throw bad('receivingEmail', 'EMAIL_FORMAT', 'The receiving e-mail address is not valid.');
  const slug = `${slugify(title, 100)}-${Date.now().toString(36)}`;
  return ctx.prisma.consultation.create({
    data: {
      slug,
      kind: input.kind,
      title,
      summary: cleanOptionalText(input.summary, { field: 'summary', max: 2000, multiline: true }),
      body: cleanText(input.body, { field: 'body', max: 500_000, multiline: true }),
      draftingAgencyId: input.draftingAgencyId,
      receivingName: cleanText(input.receivingName, { field: 'receivingName', max: 300 }),
      receivingAddress: cleanText(input.receivingAddress, { field: 'receivingAddress', max: 400 }),
      receivingEmail,
      opensOn: dateColumn(input.opensOn),
      closesOn: dateColumn(input.closesOn),
      opensAt: localMidnight(input.opensOn),
      closesAt: endOfLocalDay(input.closesOn),
      createdBy: ctx.actor.id?.slice(0, 100) ?? null,
    },
  });
}

export async function publishConsultation(ctx: CitizensContext, id: string): Promise<Db.Consultation> {
  requireBoard(ctx.actor);
  const row = await loadConsultation(ctx, id);
  return ctx.prisma.consultation.update({ where: { id: row.id }, data: { publishedAt: row.publishedAt ?? ctx.now() } });
}

export async function linkLegalDocument(ctx: CitizensContext, id: string, legalDocumentId: string | null): Promise<Db.Consultation> {
  const row = await loadConsultation(ctx, id);
  requireDrafter(ctx, row.draftingAgencyId);
  if (legalDocumentId !== null && !isUuid(legalDocumentId)) throw bad('legalDocumentId', 'ID', 'legalDocumentId is not a valid id.');
  return ctx.prisma.consultation.update({ where: { id: row.id }, data: { legalDocumentId } });
}
