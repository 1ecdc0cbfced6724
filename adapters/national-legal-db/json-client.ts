// The JSON API shape (DOMAIN.md §1): `POST {endpoint}/doc/all` to search, `GET
// {endpoint}/doc/{id}` for one document. Bodies are checked in this order: HTTP status and
// media type (an HTML page is an outage, B13), size (the kit's byte cap), JSON syntax, then the
// zod wire schema (unknown keys, "__proto__" included, are dropped); `success:false` is a fault.
import type { z } from 'zod';
import { UpstreamFailure } from '../kit/errors.ts';
import { assertUpstreamResponse, responseText, type HttpClient, type HttpResponse } from '../kit/http.ts';
import { JSON_MAX_PAGE_SIZE, jsonDetailResponse, jsonSearchResponse, type JsonDetail, type JsonItem, type JsonSearchRequest } from './wire-json.ts';

export interface JsonLegalClient {
  search(request: JsonSearchRequest, signal: AbortSignal): Promise<{ total: number; items: JsonItem[] }>;
  /** Null when the API has no such document (404 or an empty `data`). */
  getDocument(id: string, signal: AbortSignal): Promise<JsonDetail | null>;
}

const JSON_TYPES = ['application/json', 'json'] as const;

function readJson<T>(res: HttpResponse, schema: z.ZodType<T>): T {
  assertUpstreamResponse(res, JSON_TYPES);
  let raw: unknown;
  try {
    raw = JSON.parse(responseText(res));
  } catch (error) {
    throw new UpstreamFailure('invalid', 'malformed JSON', { status: res.status, cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UpstreamFailure('invalid', 'JSON does not match the expected shape', { status: res.status, cause: parsed.error });
  return parsed.data;
}

function unwrap<T>(answer: { success: true; data: T } | { success: false }, status: number): T {
  if (!answer.success) throw new UpstreamFailure('fault', 'success:false', { status });
  return answer.data;
}

export function createJsonLegalClient(options: { endpoint: string; http: HttpClient }): JsonLegalClient {
  const base = options.endpoint.replace(/\/+$/, '');
  return {
    async search(request, signal) {
      if (request.pageSize > JSON_MAX_PAGE_SIZE) throw new RangeError(`pageSize above ${JSON_MAX_PAGE_SIZE}`);
      const res = await options.http.request({
        method: 'POST',
        url: `${base}/doc/all`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        signal,
      });
      return unwrap(readJson(res, jsonSearchResponse), res.status);
    },
    async getDocument(id, signal) {
      const res = await options.http.request({
        method: 'GET',
        url: `${base}/doc/${encodeURIComponent(id)}`,
        headers: { accept: 'application/json' },
        signal,
      });
      if (res.status === 404) return null;
      return unwrap(readJson(res, jsonDetailResponse), res.status);
    },
  };
}
