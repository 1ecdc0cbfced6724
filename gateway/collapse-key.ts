// Which requests request collapsing (request-collapse.ts) may share, and under what key: the
// classification alone — the operation of a GET or POST, its type (a query, never a mutation or
// subscription), credentials and headers, the canonical key. The header list and the reasons
// are in request-collapse.ts's header comment.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { Kind, parse, type OperationTypeNode } from 'graphql';
import { contentVersion } from '../schema/cache/content-version.ts';
import type { Actor } from '../schema/security/signed-context.ts';
import { isAnonymous } from './dedup.ts';

const BODY_FIELDS = new Set(['query', 'operationName', 'variables', 'extensions']);

interface Parsed {
  /** Operation types by name ('' = the anonymous one); null when the text does not parse. */
  operations: Map<string, OperationTypeNode> | null;
  count: number;
  sha256: string;
}
const MAX_PARSED = 1_000;
/** The texts both maps hold, in UTF-16 code units (×2 bytes): 4 Mi units, ~8 MiB each at most. */
export const MAX_PARSED_CHARS = 4 * 1024 * 1024;
const parsedTexts = new Map<string, Parsed>();
let parsedChars = 0;
/** Persisted-query hashes whose text has been seen (and checked). */
const persisted = new Map<string, string>();
let persistedChars = 0;

/** How much the classification caches hold (tests). */
export const parseCacheSize = () => ({ entries: parsedTexts.size, chars: parsedChars, persisted: persisted.size, persistedChars });

function parsedText(text: string, maxTokens: number): Parsed {
  const hit = parsedTexts.get(text);
  if (hit) return hit;
  let operations: Map<string, OperationTypeNode> | null = new Map();
  let count = 0;
  try {
    for (const d of parse(text, { maxTokens, noLocation: true }).definitions) {
      if (d.kind !== Kind.OPERATION_DEFINITION) continue;
      count += 1;
      operations.set(d.name?.value ?? '', d.operation);
    }
  } catch {
    operations = null;
  }
  const entry = { operations, count, sha256: createHash('sha256').update(text).digest('hex') };
  if (text.length > MAX_PARSED_CHARS) return entry;
  if (parsedTexts.size >= MAX_PARSED || parsedChars + text.length > MAX_PARSED_CHARS) {
    parsedTexts.clear();
    parsedChars = 0;
  }
  parsedTexts.set(text, entry);
  parsedChars += text.length;
  return entry;
}

/** JSON with object keys sorted: equal values, equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

interface Operation {
  query?: string;
  operationName?: string;
  variables?: unknown;
  extensions?: unknown;
}

/** The GraphQL request of GET (query string) or POST (body); null when it has anything else. */
function operationOf(req: Request): Operation | null {
  if (req.method === 'POST') {
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    for (const k of Object.keys(body)) if (!BODY_FIELDS.has(k)) return null;
    return body as Operation;
  }
  const params = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1 || req.url.length));
  const out: Operation = {};
  for (const [k, v] of params) {
    if (!BODY_FIELDS.has(k) || k in out) return null;
    if (k === 'variables' || k === 'extensions') {
      try {
        (out as Record<string, unknown>)[k] = JSON.parse(v);
      } catch {
        return null;
      }
    } else (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The collapsing key of a request, or null when it must run on its own. */
export async function collapseKey(req: Request, res: Response, maxTokens: number): Promise<string | null> {
  if (req.method !== 'GET' && req.method !== 'POST') return null;
  const h = req.headers;
  if (h.authorization !== undefined || h.cookie !== undefined || h['idempotency-key'] !== undefined) return null;
  if (!isAnonymous(res.locals.actor as Actor | undefined)) return null;
  const accept = h.accept ?? '';
  if (/multipart/i.test(accept) || /multipart/i.test(h['content-type'] ?? '')) return null;
  const op = operationOf(req);
  if (!op) return null;
  if (op.operationName !== undefined && op.operationName !== null && typeof op.operationName !== 'string') return null;
  const hash = (op.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  let text = op.query;
  if (text === undefined || text === null) {
    // A persisted query by hash: collapsible once its text is known to be a query.
    text = typeof hash === 'string' ? persisted.get(hash) : undefined;
    if (text === undefined) return null;
  }
  if (typeof text !== 'string') return null;
  const parsed = parsedText(text, maxTokens);
  if (!parsed.operations) return null;
  if (typeof hash === 'string' && op.query && parsed.sha256 === hash && !persisted.has(hash)) {
    if (persisted.size < MAX_PARSED && persistedChars + text.length <= MAX_PARSED_CHARS) {
      persisted.set(hash, text);
      persistedChars += text.length;
    }
  }
  const name = op.operationName ?? undefined;
  const type = name !== undefined ? parsed.operations.get(name) : parsed.count === 1 ? [...parsed.operations.values()][0] : undefined;
  if (type !== 'query') return null;
  const version = await contentVersion();
  if (version === null) return null;
  const locale = /^en\b/i.test(h['accept-language'] ?? '') ? 'en' : 'vi';
  return [
    req.method,
    accept,
    locale,
    version,
    name ?? '',
    canonicalJson(op.variables ?? null),
    canonicalJson(op.extensions ?? null),
    // Hash-only and with-text requests are kept apart (the extensions differ anyway).
    op.query ?? '',
  ].join('\u0000');
}
