// OAI-PMH resumption tokens, stateless: the position in the list (the kinds still to go and a
// keyset cursor in the current one), the request's arguments, the list's size and an expiry,
// HMAC-signed with a key derived from the gateway's signing key. Any replica, and a restarted
// gateway, continue a list from the token alone; a tampered or expired token is refused.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const state = z.object({
  v: z.literal(1),
  verb: z.enum(['ListIdentifiers', 'ListRecords']),
  prefix: z.string(),
  from: z.string().optional(),
  until: z.string().optional(),
  set: z.string().optional(),
  /** Kinds still to list, the current one first. */
  kinds: z.array(z.string()).min(1),
  cursor: z.string().nullable(),
  /** Records delivered before the next page (the token's `cursor` attribute). */
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  /** Expiry, epoch seconds. */
  exp: z.number().int(),
});
export type TokenState = z.infer<typeof state>;

const b64 = (s: Buffer | string) => Buffer.from(s).toString('base64url');

export function createTokenCodec(secret: Buffer) {
  const mac = (payload: string) => createHmac('sha256', secret).update(payload).digest();
  return {
    encode(s: TokenState): string {
      const payload = b64(JSON.stringify(s));
      return `${payload}.${b64(mac(payload))}`;
    },
    /** The state, or null when the token is not ours, was altered, or has expired. */
    decode(token: string, nowMs: number): TokenState | null {
      if (token.length > 4000) return null;
      const [payload, sig, ...rest] = token.split('.');
      if (!payload || !sig || rest.length) return null;
      const given = Buffer.from(sig, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let parsed;
      try {
        parsed = state.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        return null;
      }
      if (!parsed.success || parsed.data.exp * 1000 <= nowMs) return null;
      return parsed.data;
    },
  };
}
export type TokenCodec = ReturnType<typeof createTokenCodec>;
