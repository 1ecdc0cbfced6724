// dossier(code, verification): live from the one-stop system within a deadline; the answer is
// stored as the dossier's last known state (personal data reduced to a masked name and keyed
// hashes of the verification suffixes). When the system fails, the last known state is served
// flagged stale with its date. The asker proves the dossier is theirs with the last 4 digits
// of the applicant's phone or ID number; a wrong proof and an unknown code give the SAME
// answer (null, or the same upstream error when the system is down), so codes cannot be
// enumerated. Lookups are limited per client before anything else happens.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';
import { maskPersonName, type DossierRecord } from '../../../schema/domain/services.ts';
import { HubError } from '../../../schema/errors.ts';
import { cleanText } from '../../../schema/text/input.ts';
import { withDeadline } from '../../kit/deadline.ts';
import type { ServicesContext } from '../context.ts';
import type { DossierLookup } from '../types/dossier.types.ts';
import { presentDossier } from './present.ts';

const CODE = /^[\p{L}\d][\p{L}\d.\-_/]{2,79}$/u;
const VERIFICATION = /^\d{4}$/;

/** Keyed hash of a verification suffix for one dossier: the suffix itself is never stored. */
export function verifierHash(key: string, code: string, suffix: string): string {
  return createHmac('sha256', key).update(`${code}\n${suffix}`).digest('hex');
}

const lastDigits = (value: string | null): string | null => {
  const digits = value?.replace(/\D/g, '') ?? '';
  return digits.length >= 4 ? digits.slice(-4) : null;
};

function matches(hashes: string[], candidate: string): boolean {
  const c = Buffer.from(candidate, 'hex');
  let found = false;
  for (const h of hashes) {
    const b = Buffer.from(h, 'hex');
    if (b.length === c.length && timingSafeEqual(b, c)) found = true;
  }
  return found;
}

async function store(ctx: ServicesContext, record: DossierRecord, system: string) {
  const key = ctx.runtime.verifierKey;
  const hashes = [lastDigits(record.applicantPhone), lastDigits(record.applicantIdNumber)].flatMap((s) => (s ? [verifierHash(key, record.code, s)] : []));
  const data = {
    procedureCode: record.procedureCode,
    procedureName: record.procedureName,
    status: record.status,
    receivedAt: record.receivedAt ? new Date(record.receivedAt) : null,
    appointmentAt: record.appointmentAt ? new Date(record.appointmentAt) : null,
    returnedAt: record.returnedAt ? new Date(record.returnedAt) : null,
    handlingUnit: record.handlingUnit,
    applicantMask: maskPersonName(record.applicantName),
    verifierHash: hashes,
    progress: record.progress as unknown as Prisma.InputJsonValue,
    system,
    fetchedAt: new Date(record.fetchedAt),
  };
  return ctx.prisma.servicesDossier.upsert({ where: { code: record.code }, create: { code: record.code, ...data }, update: data });
}

export async function lookupDossier(ctx: ServicesContext, rawCode: string, rawVerification: string): Promise<DossierLookup | null> {
  const code = cleanText(rawCode, { field: 'code', max: 80 });
  const verification = cleanText(rawVerification, { field: 'verification', max: 10 });
  if (!CODE.test(code))
    throw new HubError('BAD_USER_INPUT', 'A dossier code is 3–80 letters, digits, ".", "-", "_" or "/".', { field: 'code', reason: 'FORMAT' });
  if (!VERIFICATION.test(verification)) {
    throw new HubError('BAD_USER_INPUT', 'verification is the last 4 digits of the applicant’s phone or ID number.', {
      field: 'verification',
      reason: 'FORMAT',
    });
  }
  if (!(await ctx.runtime.dossierLimiter.take(ctx))) {
    throw new HubError('RATE_LIMITED', 'Too many dossier lookups from this client: wait a minute and retry.', { reason: 'DOSSIER_LOOKUPS' });
  }
  const source = ctx.runtime.sources.dossiers;
  const now = ctx.runtime.now();
  const proof = verifierHash(ctx.runtime.verifierKey, code, verification);
  if (!source) return null;
  try {
    const record = await withDeadline(source.getDossier(code), ctx.runtime.options.dossierTimeoutMs, { system: source.system, operation: 'TraCuuHoSo' });
    if (!record) return null;
    const row = await store(ctx, record, source.system);
    if (!matches(row.verifierHash, proof)) return null;
    return { dossier: presentDossier(row, now), stale: false, fetchedAt: row.fetchedAt, upstreamError: null };
  } catch (error) {
    if (!(error instanceof HubError) || !error.code.startsWith('UPSTREAM_')) throw error;
    const known = await ctx.prisma.servicesDossier.findUnique({ where: { code } });
    // Unknown, or not the asker's: the same upstream error either way.
    if (!known || !matches(known.verifierHash, proof)) throw error;
    return { dossier: presentDossier(known, now), stale: true, fetchedAt: known.fetchedAt, upstreamError: error.code };
  }
}
