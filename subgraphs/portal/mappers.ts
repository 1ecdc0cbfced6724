// Database rows → GraphQL objects. One place, so a renamed column changes one line.
import type { Db } from '../../schema/db/prisma.ts';
import { localized, localizedOrNull, toLocalDate } from '../kit/scalars.ts';
import type { AdministrativeUnit, Agency, Official, UnitTier } from './organisation.types.ts';

export const toUnit = (r: Db.AdministrativeUnit): AdministrativeUnit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  tier: r.tier as UnitTier,
  parentCode: r.parentCode,
  validFrom: toLocalDate(r.validFrom),
  validTo: toLocalDate(r.validTo),
  successorCode: r.successorCode,
});

export const toAgency = (r: Db.Agency): Agency => ({
  id: r.id,
  code: r.code,
  slug: r.slug,
  name: localized(r.nameVi, r.nameEn),
  nameKey: r.nameFolded,
  issuerKey: { code: r.code, nameKey: r.nameFolded },
  shortName: r.shortName,
  kind: r.kind,
  address: r.address,
  phone: r.phone,
  fax: r.fax,
  email: r.email,
  website: r.website,
  functions: localizedOrNull(r.functionsVi, r.functionsEn),
  validFrom: toLocalDate(r.validFrom),
  validTo: toLocalDate(r.validTo),
  parentId: r.parentId,
  unitCode: r.unitCode,
});

export const toOfficial = (r: Db.Official): Official => ({
  id: r.id,
  fullName: r.fullName,
  position: localized(r.positionVi, r.positionEn),
  unitName: r.unitName,
  phone: r.phone,
  fax: r.fax,
  email: r.email,
  isLeader: r.isLeader,
  biography: localizedOrNull(r.biographyVi, r.biographyEn),
  duties: localizedOrNull(r.dutiesVi, r.dutiesEn),
  agencyId: r.agencyId,
});
