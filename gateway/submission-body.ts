// The public body limit, with one exception: a citizen's submission carrying attachments.
// Questions, petitions and comments (subgraphs/citizens) send their files base64-encoded in the
// mutation's variables, so the public limit (BODY_LIMIT_BYTES, 100 kB) would refuse any real
// scan or PDF from an anonymous asker. A body above the public limit (up to
// SUBMISSION_BODY_LIMIT_BYTES) is accepted only when its document is one small mutation whose
// single root field is one of SUBMISSION_FIELDS; anything else that large gets the same 413 as
// before. The subgraph still checks every file (type by magic bytes, size, count) and the
// anonymous proof of work; the gateway's rate limit runs before the body is read.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { Kind, parse, type DocumentNode } from 'graphql';
import { sendError } from './http-guards.ts';

export interface PublicBodyOptions {
  /** Every public request (BODY_LIMIT_BYTES). */
  limitBytes: number;
  /** A submission with attachments (SUBMISSION_BODY_LIMIT_BYTES); at most this. */
  submissionLimitBytes: number;
  /** Root mutation fields that may carry attachments (SUBMISSION_FIELDS). */
  submissionFields: ReadonlySet<string>;
}

/** The document of a submission is a few hundred characters: files travel in the variables. */
const MAX_SUBMISSION_DOCUMENT_CHARS = 4_000;
const bodyBytes = new WeakMap<Request, number>();

export function publicBodyParser(opts: PublicBodyOptions): RequestHandler {
  const ceiling = Math.max(opts.limitBytes, opts.submissionLimitBytes);
  const json = express.json({
    limit: ceiling,
    strict: true,
    type: () => true,
    verify: (req, _res, buf) => void bodyBytes.set(req as Request, buf.length),
  });
  return (req: Request, res: Response, next: NextFunction) =>
    json(req, res, (err?: unknown) => {
      if (err) return next(err);
      if ((bodyBytes.get(req) ?? 0) <= opts.limitBytes) return next();
      if (isSubmission(req.body, opts.submissionFields)) return next();
      return sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
    });
}

/** One operation, a mutation, with exactly one root field from the allowed list (aliases allowed). */
export function isSubmission(body: unknown, fields: ReadonlySet<string>): boolean {
  if (fields.size === 0 || !body || typeof body !== 'object' || Array.isArray(body)) return false;
  const query = (body as { query?: unknown }).query;
  if (typeof query !== 'string' || query.length > MAX_SUBMISSION_DOCUMENT_CHARS) return false;
  let doc: DocumentNode;
  try {
    doc = parse(query, { maxTokens: 400 });
  } catch {
    return false;
  }
  const [op, ...rest] = doc.definitions;
  if (!op || rest.length > 0 || op.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'mutation') return false;
  const selections = op.selectionSet.selections;
  return selections.length === 1 && selections[0]!.kind === Kind.FIELD && fields.has(selections[0]!.name.value);
}
