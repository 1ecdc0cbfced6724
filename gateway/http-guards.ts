// HTTP-level guards in front of Apollo Server (A5, A15, A16, A20): internal headers stripped,
// JSON only, body limit, no batches, every rejection a JSON error with a stable code.
import type { NextFunction, Request, Response } from 'express';
import { INTERNAL_HEADERS } from '../schema/security/signed-context.ts';
import type { ErrorCode } from '../schema/errors.ts';

export function sendError(res: Response, status: number, code: ErrorCode, message: string) {
  res.status(status).json({ errors: [{ message, extensions: { code, requestId: res.locals.requestId } }] });
}

export function stripInternalHeaders(req: Request, _res: Response, next: NextFunction) {
  for (const h of INTERNAL_HEADERS) delete req.headers[h];
  next();
}

/** POST must be JSON in UTF-8 (text/plain and forms are CSRF vectors, A15; odd charsets A16). */
export function requireJson(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'POST') return next();
  const type = req.headers['content-type'] ?? '';
  const [mime, ...params] = type.split(';').map((s) => s.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (mime !== 'application/json' || (charset && charset !== 'utf-8' && charset !== 'utf8')) {
    return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request as application/json in UTF-8.');
  }
  next();
}

/**
 * CSRF prevention for GET (A15): a browser sends a cross-site GET without a preflight, so a GET
 * must carry a header only a preflighted request can (the same rule as Apollo Server's
 * csrfPrevention, which stays on behind this). Answered here so the refusal carries a
 * request id; POST is covered by requireJson.
 */
export function requirePreflight(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  if (req.headers['apollo-require-preflight'] || req.headers['x-apollo-operation-name']) return next();
  return sendError(res, 400, 'BAD_REQUEST', 'A GET request must carry the apollo-require-preflight header.');
}

export function rejectBatches(req: Request, res: Response, next: NextFunction) {
  if (Array.isArray(req.body)) return sendError(res, 400, 'BAD_REQUEST', 'Batched requests are not accepted.');
  next();
}

/** body-parser failures (too large, malformed JSON) as JSON errors, never an HTML 500. */
export function bodyErrors(err: Error & { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) {
  if (!err) return next();
  if (err.type === 'entity.too.large') return sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported')
    return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request as application/json in UTF-8.');
  if (err.type === 'entity.parse.failed' || err.status === 400) return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  return sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}
