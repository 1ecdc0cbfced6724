// Conditional GET (RFC 9110 §13): validators and caching headers on harvest responses, and a
// 304 when the client's copy is current. If-None-Match wins over If-Modified-Since.
import type { Request, Response } from 'express';

export interface Validators {
  /** Opaque strong validator (without quotes). */
  etag: string;
  /** ISO instant of the newest change, when known. */
  lastModified?: string;
  maxAge: number;
}

/** Sets the validators; true when a 304 was sent and the caller must stop. */
export function conditional(req: Request, res: Response, v: Validators): boolean {
  const tag = `"${v.etag}"`;
  res.setHeader('ETag', tag);
  res.setHeader('Cache-Control', `public, max-age=${v.maxAge}`);
  res.setHeader('Vary', 'Accept-Encoding');
  const modified = v.lastModified ? Date.parse(v.lastModified) : NaN;
  if (!Number.isNaN(modified)) res.setHeader('Last-Modified', new Date(modified).toUTCString());
  const ifNoneMatch = req.headers['if-none-match'];
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  const fresh = ifNoneMatch
    ? ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === tag)
    : !Number.isNaN(since) && !Number.isNaN(modified) && Math.floor(modified / 1000) * 1000 <= since;
  if (fresh) res.status(304).end();
  return fresh;
}
