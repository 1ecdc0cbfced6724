// The gateway signature check every subgraph route that is not public runs first (A18, A35):
// headers only, before a byte of the body is read, so an unsigned 2 MB body gets 401, not 413.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { bodyMatchesDigest, verifyGatewayRequest, type VerifyOptions } from '../../schema/security/gateway-signature.ts';
import type { SharedKeys, VerifyingKeys } from '../../schema/security/keys.ts';
import type { ReplayGuard } from '../../schema/security/replay-guard.ts';

/** What a subgraph trusts: the gateway's published public keys, the shared keys of the hub's own
 * subgraphs, and a memory of spent nonces. */
export interface SubgraphTrust {
  keys: VerifyingKeys;
  /** A subgraph's shared keys (`hmac-sha256`), by its name; none: Ed25519 only. Each subgraph
   * verifies with its own shared keys only. */
  sharedKeys?: (subgraph: string) => SharedKeys | undefined;
  replay: ReplayGuard;
}

/** How `audience` verifies the gateway's calls with `trust`. */
export const verifyOptions = (audience: string, trust: SubgraphTrust): VerifyOptions => ({
  audience,
  keys: trust.keys,
  sharedKeys: trust.sharedKeys?.(audience),
  replay: trust.replay,
});

/** The answers of a subgraph's /graphql that never reach Apollo Server, on either of its paths
 * (Express in server.ts, the direct one in graphql-route.ts). */
export const REFUSALS = {
  unsigned: { errors: [{ message: 'A valid gateway signature is required.', extensions: { code: 'INVALID_SIGNATURE' } }] },
  malformedJson: { errors: [{ message: 'Malformed JSON body.', extensions: { code: 'BAD_REQUEST' } }] },
  badRequest: { errors: [{ message: 'Bad request.', extensions: { code: 'BAD_REQUEST' } }] },
  tooLarge: { errors: [{ message: 'Request body too large.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
} as const;

export const refuseUnsigned = (res: Response) => res.status(401).json(REFUSALS.unsigned);

/** Verifies the signature headers for `audience`; the verified context lands in res.locals.signed. */
export function requireGatewaySignature(audience: string, trust: SubgraphTrust, logger: Logger): RequestHandler {
  const options = verifyOptions(audience, trust);
  return (req: Request, res: Response, next: NextFunction) => {
    verifyGatewayRequest(options, req.method, req.originalUrl, req.headers).then((verdict) => {
      if (!verdict.ok) {
        logger.warn({ subgraph: audience, reason: verdict.reason }, 'unsigned request refused');
        return void refuseUnsigned(res);
      }
      res.locals.signed = verdict.context;
      res.locals.contentDigest = verdict.contentDigest;
      next();
    }, next);
  };
}

/** After the body is read (a Buffer): it must be the one the signature covers. */
export function requireSignedBody(logger: Logger, audience: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!bodyMatchesDigest(String(res.locals.contentDigest), body)) {
      logger.warn({ subgraph: audience, reason: 'DIGEST_MISMATCH' }, 'unsigned request refused');
      return void refuseUnsigned(res);
    }
    next();
  };
}
