// Database rows → GraphQL objects. One place, so a renamed column changes one line.
import type { Db } from '../../schema/db/prisma.ts';
import { localized, localizedOrNull, toLocalDate } from '../kit/scalars.ts';
import type { AdministrativeUnit, Agency, Official, UnitTier } from './organisation.types.ts';
import type { Article, ArticleCategory, Attachment, PublicationState } from './article.types.ts';

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

export const toCategory = (r: Db.ArticleCategory): ArticleCategory => ({
  id: r.id,
  slug: r.slug,
  name: localized(r.nameVi, r.nameEn),
  parentId: r.parentId,
});

export const toArticle = (r: Db.Article): Article => ({
  id: r.id,
  slug: r.slug,
  title: localized(r.titleVi, r.titleEn),
  summary: localizedOrNull(r.summaryVi, r.summaryEn),
  body: localized(r.bodyVi, r.bodyEn),
  state: r.state as PublicationState,
  publishedAt: r.publishedAt,
  authorName: r.authorName,
  source: r.sourceName || r.sourceUrl || r.sourceAuthor ? { name: r.sourceName, url: r.sourceUrl, author: r.sourceAuthor } : null,
  isReused: r.isReused,
  categoryId: r.categoryId,
  agencyId: r.agencyId,
  updatedAt: r.updatedAt,
});

export const toAttachment = (r: Db.Attachment): Attachment => ({
  id: r.id,
  fileName: r.fileName,
  mediaType: r.mediaType,
  byteSize: r.byteSize,
  sha256: r.sha256,
  caption: localizedOrNull(r.captionVi, r.captionEn),
  credit: r.credit,
  width: r.width,
  height: r.height,
  durationSeconds: r.durationSec,
});
