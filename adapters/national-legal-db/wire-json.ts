// Typed payloads of the JSON API shape (since April 2026, DOMAIN.md §1), validated with zod:
// `POST …/doc/all` → { success, data: { total, items[] } }, `GET …/doc/{id}` → { success, data }.
// Fields marked [R] are reported by DOMAIN.md; [I] fields are our inference of what the detail
// endpoint carries for the rest of §1 (validity history, files, gazette, signer titles) and of
// the incremental-sync filter. Unknown keys are stripped, which also drops "__proto__" keys.
import { z } from 'zod';

const optionalText = z.string().nullish();
/** "2006-01-02T15:04:05" with no zone = Asia/Ho_Chi_Minh local time [R]. */
const localDateTime = z.string().nullish();
const codeName = z.object({ code: z.string(), name: z.string() });
const array = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

export const jsonDocumentRef = z.object({
  id: optionalText,
  docNum: optionalText,
  title: optionalText,
});

/** A search item [R], plus updatedAt/deleted [I] for incremental sync. */
export const jsonItem = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  docNum: z.string(),
  title: z.string(),
  docAbs: optionalText,
  issueDate: localDateTime,
  effFrom: localDateTime,
  effTo: localDateTime,
  publicDate: localDateTime,
  docType: codeName,
  effStatus: codeName.nullish(),
  agencyName: optionalText,
  documentIssues: array(z.object({ agencyName: optionalText, position: optionalText, personName: optionalText })),
  documentFields: array(z.object({ code: optionalText, name: z.string() })),
  references: array(z.object({ referenceType: z.string(), targetDocument: jsonDocumentRef })),
  updatedAt: localDateTime,
  deleted: z.boolean().nullish(),
});
export type JsonItem = z.infer<typeof jsonItem>;

/** The detail of one document: the item plus [I] fields. */
export const jsonDetail = jsonItem.extend({
  scope: optionalText,
  sourceName: optionalText,
  content: optionalText,
  url: z.string(),
  attachments: array(
    z.object({ fileName: z.string(), fileType: z.string(), size: z.number().int().nonnegative().nullish(), sha256: optionalText, url: z.string() }),
  ),
  gazettes: array(z.object({ fromNumber: z.number().int(), toNumber: z.number().int(), year: z.number().int(), publicDate: localDateTime })),
  effHistories: array(z.object({ date: z.string(), action: z.string(), targetDocument: jsonDocumentRef.nullish(), scope: optionalText })),
});
export type JsonDetail = z.infer<typeof jsonDetail>;

/** `success:false` answers carry a message we log, never show. */
const failure = z.object({ success: z.literal(false), message: optionalText, errorCode: z.union([z.string(), z.number()]).nullish() });

export const jsonSearchResponse = z.discriminatedUnion('success', [
  z.object({ success: z.literal(true), data: z.object({ total: z.number().int().nonnegative(), items: z.array(jsonItem) }) }),
  failure,
]);
export const jsonDetailResponse = z.discriminatedUnion('success', [z.object({ success: z.literal(true), data: jsonDetail.nullable() }), failure]);

/** The search body [R]; `updatedFrom` and `docNum` are [I]. pageSize is at most 500 [R]. */
export interface JsonSearchRequest {
  pageNumber: number;
  pageSize: number;
  sortBy: 'updatedAt' | 'issueDate';
  sortDirection: 'asc' | 'desc';
  keyword: string;
  updatedFrom?: string;
  docNum?: string;
}

export const JSON_MAX_PAGE_SIZE = 500;
