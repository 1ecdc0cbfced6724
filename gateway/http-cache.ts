// ETags only where a cache can use them (issue 13): Express computes one for every answer it
// sends (a SHA-1 over the whole body), but a POST answer is never revalidated. The gateway turns
// Express's off and puts a weak ETag on GET and HEAD answers of /graphql only — the ones a
// reverse proxy or CDN may keep — so `If-None-Match` still turns into a 304 there.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** The weak ETag Express would have sent (the `etag` package's format). */
export function weakEtag(body: string | Buffer): string {
  const hash = createHash('sha1').update(body).digest('base64').substring(0, 27);
  return `W/"${Buffer.byteLength(body).toString(16)}-${hash}"`;
}

export function etagOnGet(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    // Express's res.send answers 304 itself once an ETag is set and the request is fresh.
    if ((typeof body === 'string' || Buffer.isBuffer(body)) && res.statusCode >= 200 && res.statusCode < 300 && !res.get('ETag'))
      res.set('ETag', weakEtag(body));
    return send(body);
  };
  next();
}
