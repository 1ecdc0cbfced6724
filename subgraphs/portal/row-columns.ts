// The columns of the portal's rows as Prisma names their fields, for the read paths that fetch a
// page and its relations in one statement (agency-page.ts, content/article-page.ts): a select
// list, a JSON object of a row, and that JSON read back as Prisma reads the row.
import { Db } from '../../schema/db/prisma.ts';

const { raw } = Db.Prisma;

/** [field, column, type]: a model field as Prisma names it, its column, how it is read back. */
export type Column = readonly [field: string, column: string, type?: 'uuid' | 'date' | 'timestamp'];

export const AGENCY: readonly Column[] = [
  ['id', 'id', 'uuid'],
  ['code', 'code'],
  ['slug', 'slug'],
  ['nameVi', 'name_vi'],
  ['nameEn', 'name_en'],
  ['shortName', 'short_name'],
  ['kind', 'kind'],
  ['parentId', 'parent_id', 'uuid'],
  ['unitCode', 'unit_code'],
  ['address', 'address'],
  ['phone', 'phone'],
  ['fax', 'fax'],
  ['email', 'email'],
  ['website', 'website'],
  ['functionsVi', 'functions_vi'],
  ['functionsEn', 'functions_en'],
  ['sortOrder', 'sort_order'],
  ['validFrom', 'valid_from', 'date'],
  ['validTo', 'valid_to', 'date'],
  ['nameFolded', 'name_folded'],
  ['createdAt', 'created_at', 'timestamp'],
  ['updatedAt', 'updated_at', 'timestamp'],
];

export const OFFICIAL: readonly Column[] = [
  ['id', 'id', 'uuid'],
  ['agencyId', 'agency_id', 'uuid'],
  ['fullName', 'full_name'],
  ['positionVi', 'position_vi'],
  ['positionEn', 'position_en'],
  ['unitName', 'unit_name'],
  ['phone', 'phone'],
  ['fax', 'fax'],
  ['email', 'email'],
  ['isLeader', 'is_leader'],
  ['biographyVi', 'biography_vi'],
  ['biographyEn', 'biography_en'],
  ['dutiesVi', 'duties_vi'],
  ['dutiesEn', 'duties_en'],
  ['sortOrder', 'sort_order'],
  ['validFrom', 'valid_from', 'date'],
  ['validTo', 'valid_to', 'date'],
  ['nameFolded', 'name_folded'],
  ['updatedAt', 'updated_at', 'timestamp'],
];

export const selectList = (columns: readonly Column[], alias: string) =>
  raw(columns.map(([field, column, type]) => `${alias}.${column}${type === 'uuid' ? '::text' : ''} AS "${field}"`).join(', '));

/**
 * A row as a JSON object. Dates and timestamps go as milliseconds since the epoch (a timestamp
 * without time zone holds UTC, a date is read at UTC midnight, as Prisma reads both): `new
 * Date(ms)` is several times cheaper than parsing a date string, and a front page holds a few
 * hundred of them (issue 13, profile of the subgraph).
 */
export const jsonObject = (columns: readonly Column[], alias: string) =>
  `json_build_object(${columns
    .map(
      ([field, column, type]) =>
        `'${field}', ${type === 'date' || type === 'timestamp' ? `extract(epoch from ${alias}.${column}) * 1000` : `${alias}.${column}`}`,
    )
    .join(', ')})`;

/** A JSON row back to what Prisma reads: its dates and timestamps as Date. */
export function fromJson<T>(columns: readonly Column[]): (row: Record<string, unknown>) => T {
  const dates = columns.filter(([, , type]) => type === 'date' || type === 'timestamp').map(([field]) => field);
  return (row) => {
    for (const field of dates) {
      const value = row[field];
      if (typeof value === 'number') row[field] = new Date(value);
    }
    return row as T;
  };
}
export const toAgencyRow = fromJson<Db.Agency>(AGENCY);
export const toOfficialRow = fromJson<Db.Official>(OFFICIAL);

export const CATEGORY: readonly Column[] = [
  ['id', 'id', 'uuid'],
  ['slug', 'slug'],
  ['nameVi', 'name_vi'],
  ['nameEn', 'name_en'],
  ['parentId', 'parent_id', 'uuid'],
  ['sortOrder', 'sort_order'],
];

export const FILE: readonly Column[] = [
  ['id', 'id', 'uuid'],
  ['itemId', 'item_id', 'uuid'],
  ['sha256', 'sha256'],
  ['role', 'role'],
  ['fileName', 'file_name'],
  ['captionVi', 'caption_vi'],
  ['captionEn', 'caption_en'],
  ['credit', 'credit'],
  ['width', 'width'],
  ['height', 'height'],
  ['durationSec', 'duration_sec'],
  ['sortOrder', 'sort_order'],
];

export const STORED_FILE: readonly Column[] = [
  ['sha256', 'sha256'],
  ['byteSize', 'byte_size'],
  ['mediaType', 'media_type'],
  ['storageKey', 'storage_key'],
  ['createdAt', 'created_at', 'timestamp'],
];

export const toCategoryRow = fromJson<Db.ArticleCategory>(CATEGORY);
const toStoredRow = fromJson<Db.StoredFile>(STORED_FILE);
/** A file with its stored file (JSON `{ …file, stored: { … } }`) as the files loader reads it. */
export const toFileRow = (row: Record<string, unknown>) => {
  toStoredRow(row.stored as Record<string, unknown>);
  return row as Db.ContentFile & { stored: Db.StoredFile };
};
