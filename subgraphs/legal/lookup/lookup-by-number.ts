// One document by number/symbol ("26/2017/QĐ-UBND", "26/2017/QD-UBND", any dash). The hub's
// copy is served when it is fresh; a document not yet synced, an old copy or `refresh` asks
// the national database live, within a deadline. When that fails, the last-known copy is
// served flagged stale with the time it was fetched; with no copy at all the UPSTREAM_* error
// is the answer. A live answer is stored like a synced one (same merge, same provenance).
// Live calls are limited per client (kit/client-limit.ts): over the limit, the local copy is served
// with upstreamError RATE_LIMITED, and with no copy the answer is a RATE_LIMITED error.
import { HubError } from '../../../schema/errors.ts';
import { cacheLookup } from '../../../schema/observability/metrics.ts';
import { withDeadline } from '../../kit/deadline.ts';
import type { Db } from '../../../schema/db/prisma.ts';
import { cleanText, TEXT_LIMITS } from '../../../schema/text/input.ts';
import { documentNumberKey } from '../../../schema/text/vietnamese.ts';
import type { LegalContext } from '../context.ts';
import { NATIONAL } from '../sync/merge.ts';
import { storeNationalRecord } from '../sync/store-national.ts';
import { LegalLookupOrigin } from '../types/enums.ts';

export interface LookupResult {
  row: Db.LegalDocument;
  stale: boolean;
  fetchedAt: Date;
  origin: LegalLookupOrigin;
  upstreamError: string | null;
}

async function localCopy(ctx: LegalContext, key: string) {
  const row = await ctx.prisma.legalDocument.findFirst({
    where: { numberKey: key },
    orderBy: [{ withdrawn: 'asc' }, { issueDate: 'desc' }],
    include: { sources: { select: { system: true, fetchedAt: true }, orderBy: { fetchedAt: 'desc' } } },
  });
  if (!row) return null;
  const { sources, ...document } = row;
  const fetchedAt = (sources.find((s) => s.system === NATIONAL) ?? sources[0])?.fetchedAt ?? row.updatedAt;
  return { row: document, fetchedAt };
}

export async function lookupByNumber(ctx: LegalContext, rawNumber: string, refresh: boolean): Promise<LookupResult | null> {
  const number = cleanText(rawNumber, { field: 'number', max: TEXT_LIMITS.identifier });
  const key = documentNumberKey(number);
  const local = await localCopy(ctx, key);
  const { now, options, sources } = ctx.runtime;
  const fresh = local && now().getTime() - local.fetchedAt.getTime() <= options.liveMaxAgeMs;
  const source = sources.legal;
  if (local && (!source || (fresh && !refresh))) {
    if (source) cacheLookup('legal_lookup', true);
    return { ...local, stale: false, origin: LegalLookupOrigin.LOCAL, upstreamError: null };
  }
  if (!source) return null;
  // The local copy is the cache of the national database: absent, old or bypassed, a miss.
  cacheLookup('legal_lookup', false);
  if (!(await ctx.runtime.liveLimiter.take(ctx))) {
    if (!local) throw new HubError('RATE_LIMITED', 'Too many live lookups from this client: wait a minute and retry.', { reason: 'LIVE_LOOKUPS' });
    return { ...local, stale: !fresh, origin: LegalLookupOrigin.LOCAL, upstreamError: 'RATE_LIMITED' };
  }
  try {
    const record = await withDeadline(source.findByNumber(number), options.liveTimeoutMs, { system: NATIONAL, operation: 'findByNumber' });
    if (!record) return local ? { ...local, stale: false, origin: LegalLookupOrigin.LOCAL, upstreamError: null } : null;
    const stored = await storeNationalRecord(ctx.prisma, record, null, { rule: await ctx.runtime.provinceRule(), now: now() });
    const row = await ctx.prisma.legalDocument.findUniqueOrThrow({ where: { id: stored.documentId } });
    return { row, stale: false, fetchedAt: new Date(record.provenance.fetchedAt), origin: LegalLookupOrigin.UPSTREAM, upstreamError: null };
  } catch (error) {
    if (!(error instanceof HubError) || !error.code.startsWith('UPSTREAM_')) throw error;
    if (!local) throw error;
    return { ...local, stale: true, origin: LegalLookupOrigin.LOCAL, upstreamError: error.code };
  }
}
