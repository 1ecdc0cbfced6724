// Staff and partners authenticate with a JWT (HS256 here; swap the key for a JWKS in
// production without touching callers). No token = the anonymous public.
import type { NextFunction, Request, Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { HubError } from '../schema/errors.ts';
import { ANONYMOUS, type Actor } from '../schema/security/signed-context.ts';
import { isRole } from '../schema/contract/roles.ts';
import { sendError } from './http-guards.ts';

export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
  /** Longest lifetime a token may have, in seconds (JWT_MAX_LIFETIME_S). */
  maxLifetimeS?: number;
}

/** Twelve hours: a working day's 8 h tokens pass with room; a stolen token dies by night. */
export const DEFAULT_JWT_MAX_LIFETIME_S = 12 * 3600;
/** Clock skew tolerated between the token issuer and the gateway. */
const SKEW_S = 60;

/**
 * A36: a token must expire, and soon. Its lifetime is exp − iat, and never more than the
 * maximum from now (a token without iat, or with an iat in the future, cannot claim to be
 * younger than it is).
 */
function checkLifetime(payload: { exp?: number; iat?: number }, maxLifetimeS: number, now = Math.floor(Date.now() / 1000)) {
  if (typeof payload.exp !== 'number') throw new Error('no exp');
  if (payload.iat !== undefined && payload.iat > now + SKEW_S) throw new Error('iat in the future');
  const issued = payload.iat ?? now;
  if (payload.exp - issued > maxLifetimeS || payload.exp - now > maxLifetimeS + SKEW_S) throw new Error('lifetime above the maximum');
}

const key = (secret: string) => new TextEncoder().encode(secret);

async function actorFromAuthorization(header: string | undefined, jwt: JwtSettings, secret: Uint8Array): Promise<Actor> {
  if (!header) return ANONYMOUS;
  const m = /^Bearer ([A-Za-z0-9._-]{10,4096})$/.exec(header);
  if (!m) throw new HubError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
  try {
    const { payload } = await jwtVerify(m[1]!, secret, {
      issuer: jwt.issuer,
      audience: jwt.audience,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      clockTolerance: SKEW_S,
    });
    checkLifetime(payload, jwt.maxLifetimeS ?? DEFAULT_JWT_MAX_LIFETIME_S);
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const agencyIds = Array.isArray(payload.agencyIds) ? payload.agencyIds.filter((a): a is string => typeof a === 'string').slice(0, 50) : [];
    return { id: payload.sub, name: typeof payload.name === 'string' ? payload.name.slice(0, 200) : undefined, roles, agencyIds };
  } catch {
    throw new HubError('UNAUTHENTICATED', 'The token is invalid or expired.');
  }
}

/**
 * Authenticates before the body is read (rate-limited first, so tokens cannot be guessed at
 * speed): a bad token is a 401 with a JSON body, never a GraphQL error with status 200.
 */
export function authenticate(jwt: JwtSettings) {
  const secret = key(jwt.secret);
  return (req: Request, res: Response, next: NextFunction) => {
    actorFromAuthorization(req.headers.authorization, jwt, secret).then(
      (actor) => {
        res.locals.actor = actor;
        next();
      },
      (err: unknown) => {
        res.setHeader('WWW-Authenticate', 'Bearer');
        const message = err instanceof HubError ? err.message : 'The token is invalid or expired.';
        sendError(res, 401, 'UNAUTHENTICATED', message);
      },
    );
  };
}

/** Issue a staff token (seed, tests, the operator's CLI). */
export async function issueToken(jwt: JwtSettings, actor: { id: string; name?: string; roles: string[]; agencyIds?: string[] }, ttl = '8h'): Promise<string> {
  return new SignJWT({ roles: actor.roles, agencyIds: actor.agencyIds ?? [], name: actor.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.id)
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key(jwt.secret));
}

/** Editorial staff: they may send content with its files. */
export { isStaff } from '../schema/contract/roles.ts';
