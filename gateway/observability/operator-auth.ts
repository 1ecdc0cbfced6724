// Operator-only routes (/metrics, the console's data): a bearer METRICS_TOKEN (for the
// Prometheus scraper, compared in constant time) or a staff JWT with the ADMIN role.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../schema/security/signed-context.ts';
import { sendError } from '../http-guards.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function requireOperator(opts: { metricsToken?: string; authenticate: RequestHandler; allowMetricsToken: boolean }): RequestHandler {
  const expected = opts.metricsToken ? digest(`Bearer ${opts.metricsToken}`) : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (opts.allowMetricsToken && expected && header && timingSafeEqual(digest(header), expected)) {
      next();
      return;
    }
    if (!header) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendError(res, 401, 'UNAUTHENTICATED', 'An operator token is required.');
      return;
    }
    opts.authenticate(req, res, () => {
      const actor = res.locals.actor as Actor | undefined;
      if (!actor?.roles.includes('ADMIN')) {
        sendError(res, 403, 'FORBIDDEN', 'Only an administrator may read this.');
        return;
      }
      next();
    });
  };
}
