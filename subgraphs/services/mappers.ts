// Database rows → graph objects. The JSON columns are read back through the domain's zod
// schemas: a row written by an older hub that no longer fits fails loudly, never half-shown.
import { z } from 'zod';
import type { Db } from '../../schema/db/prisma.ts';
import { CHANNELS, procedureDetailsSchema, tierSchema } from '../../schema/domain/services.ts';
import { toLocalDate } from '../kit/scalars.ts';
import type { OnlineServiceScope } from './types/enums.ts';
import { AdministrativeProcedure } from './types/procedure.types.ts';
import { OnlineService } from './types/online-service.types.ts';

const tiers = z.array(tierSchema);

export function toProcedure(row: Db.ServicesProcedure): AdministrativeProcedure {
  const details = procedureDetailsSchema.parse(row.details);
  return Object.assign(new AdministrativeProcedure(), {
    id: row.id,
    code: row.code,
    localCode: row.localCode,
    name: row.name,
    nameEn: row.nameEn,
    summaryEn: row.summaryEn,
    sector: row.sectorName,
    fields: details.fields,
    levelHistory: tiers.parse(row.tiers).map((t) => ({ level: t.tier, validFrom: t.validFrom, validTo: t.validTo })),
    steps: details.steps,
    components: details.components,
    channels: details.channels.map((c) => ({
      channel: c.channel,
      label: { vi: CHANNELS[c.channel].vi, en: CHANNELS[c.channel].en },
      timeLimits: c.timeLimits.map((t) => ({ value: t.value, unit: t.unit, unitText: t.text, description: t.description, fees: t.fees })),
    })),
    applicants: details.applicants,
    conditions: details.conditions,
    results: details.results,
    whereToSubmit: details.whereToSubmit,
    contact: details.contact,
    implementingAgencies: details.agencies.map((a) => ({ code: a.code })),
    legalBases: details.legalBases.map((b) => ({ text: b.text, document: b.numberKey ? { numberKey: b.numberKey } : null })),
    announcedBy: row.announcedBy,
    effectiveDate: toLocalDate(row.effectiveDate),
    validFrom: toLocalDate(row.validFrom),
    validTo: toLocalDate(row.validTo),
    withdrawn: row.withdrawn,
    firstPublishedAt: row.firstPublishedAt,
    source: {
      system: row.system,
      sourceId: row.sourceId,
      sourceUrl: row.sourceUrl,
      modifiedAt: row.sourceModifiedAt,
      fetchedAt: row.fetchedAt,
      contentHash: row.contentHash,
    },
  });
}

export function toOnlineService(row: Db.ServicesOnlineService): OnlineService {
  return Object.assign(new OnlineService(), {
    code: row.code,
    name: row.name,
    sector: row.sectorName,
    field: row.fieldCode ? { code: row.fieldCode, name: row.fieldName ?? row.fieldCode } : null,
    level: row.level,
    levelSince: toLocalDate(row.levelSince),
    scope: (row.scope as OnlineServiceScope | null) ?? null,
    scopeSince: toLocalDate(row.scopeSince),
    portalUrl: row.portalUrl,
    guidance: row.guidance,
    procedureCode: row.procedureCode,
  });
}
