// Tracking codes and secrets. The code is what an asker quotes on the phone: 10 random
// characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 50 bits, so codes are
// neither sequential nor guessable; it names the request. The secret (128 bits) proves the
// caller is the asker and unlocks the private view; only its sha256 is stored.
import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const PREFIX = { QUESTION: 'HD', PETITION: 'KN' } as const;

/** `HD-7K4M-9XP2T3` for a question (hỏi đáp), `KN-…` for a petition (kiến nghị). */
export function newTrackingCode(kind: keyof typeof PREFIX): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${PREFIX[kind]}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export const TRACKING_CODE = /^(HD|KN)-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{6}$/;

/** Codes are read back case-insensitively and with the dashes optional. */
export function normaliseTrackingCode(raw: string): string | null {
  const compact = raw.trim().toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 12) return null;
  const code = `${compact.slice(0, 2)}-${compact.slice(2, 6)}-${compact.slice(6)}`;
  return TRACKING_CODE.test(code) ? code : null;
}

/**
 * The secret of a tracking code: an HMAC of the code under the hub's key (128 bits shown).
 * Derived rather than random so that a retried submission (same Idempotency-Key) can answer
 * the same secret without the secret being stored anywhere; only its sha256 is kept, and
 * checks compare against that hash.
 */
export const secretOf = (hubSecret: string, trackingCode: string): string =>
  createHmac('sha256', hubSecret).update(`citizens.tracking-secret.${trackingCode}`).digest().subarray(0, 16).toString('base64url');

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export function secretMatches(given: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(given), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
