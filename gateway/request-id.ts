// Every response carries an `x-request-id` and every error `extensions.requestId`: the id a
// citizen quotes when reporting a problem, and the key to the gateway's logs.
//
// Apollo Server formats some errors before any plugin or context exists (CSRF refusals, a
// GET mutation, a malformed variables string), so the id reaches `formatError` through
// AsyncLocalStorage rather than through the request context.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runInRequest } from '../schema/observability/request-context.ts';

export { currentRequestId } from '../schema/observability/request-context.ts';

/** First middleware: assign the id and echo it in the response headers. */
export function assignRequestId(_req: Request, res: Response, next: NextFunction) {
  const requestId = randomUUID();
  res.locals.requestId = requestId;
  res.setHeader('x-request-id', requestId);
  next();
}

/**
 * Enter the id's async context right before Apollo Server. (Entering it earlier is not
 * enough: the body parser resumes in the socket's context and the store would be lost.)
 */
export function withRequestId(_req: Request, res: Response, next: NextFunction) {
  runInRequest(res.locals.requestId as string, next);
}
