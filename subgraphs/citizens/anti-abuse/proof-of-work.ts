// Proof of work on anonymous submissions (A25), self-hosted with ALTCHA (altcha-lib): no
// third-party captcha, works offline. The hub signs a challenge (HMAC with the hub's secret,
// 10 minutes of validity); the browser searches the counter that solves it (~maxNumber/2
// hashes, a second or so for a person, a real cost for a flood) and sends the ALTCHA payload
// (base64 JSON {challenge, solution}) with the submission. One solved challenge buys one
// submission: its signature is recorded as spent in the same transaction as the row it admits.
import { createHmac } from 'node:crypto';
import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { HubError } from '../../../schema/errors.ts';
import type { Prisma } from '../../../schema/generated/prisma/client.ts';

const ALGORITHM = 'SHA-256';
const VALIDITY_MS = 10 * 60_000;
const MAX_PAYLOAD_CHARS = 4_000;

/** Separate keys for the two signatures, both derived from the hub's secret. */
const keys = (secret: string) => ({
  challenge: createHmac('sha256', secret).update('citizens.pow.challenge').digest('base64url'),
  key: createHmac('sha256', secret).update('citizens.pow.key').digest('base64url'),
});

/** Validity is wall-clock time (not the injectable business clock): it measures a real wait. */
export async function newChallenge(secret: string, maxNumber: number): Promise<Challenge> {
  const k = keys(secret);
  return createChallenge({
    algorithm: ALGORITHM,
    cost: 1,
    counter: randomInt(0, Math.max(1, maxNumber)),
    deriveKey,
    expiresAt: new Date(Date.now() + VALIDITY_MS),
    hmacSignatureSecret: k.challenge,
    hmacKeySignatureSecret: k.key,
  });
}

const refused = (reason: string) =>
  new HubError('BAD_USER_INPUT', 'The anti-abuse check failed: ask for a new challenge and solve it.', { field: 'proofOfWork', reason });

interface Decoded {
  challenge: Challenge;
  solution: Solution;
}

function decode(payload: string): Decoded {
  if (payload.length > MAX_PAYLOAD_CHARS) throw refused('POW_MALFORMED');
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Partial<Decoded>;
    const c = parsed.challenge;
    const s = parsed.solution;
    if (!c || typeof c !== 'object' || typeof c.signature !== 'string' || !c.parameters || typeof c.parameters !== 'object') throw new Error('shape');
    if (!s || typeof s !== 'object' || !Number.isSafeInteger(s.counter) || typeof s.derivedKey !== 'string') throw new Error('shape');
    return { challenge: c, solution: s };
  } catch {
    throw refused('POW_MALFORMED');
  }
}

/**
 * Checks a payload and spends its challenge inside `tx` (so a refused or rolled-back
 * submission does not burn it, and two submissions cannot share it).
 */
export async function spendProofOfWork(tx: Prisma.TransactionClient, secret: string, payload: string | null | undefined): Promise<void> {
  if (!payload) throw refused('POW_REQUIRED');
  const { challenge, solution } = decode(payload);
  const k = keys(secret);
  if (challenge.parameters.algorithm !== ALGORITHM) throw refused('POW_INVALID');
  const expiresAt = challenge.parameters.expiresAt;
  if (typeof expiresAt !== 'number' || expiresAt * 1000 <= Date.now()) throw refused('POW_EXPIRED');
  const result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: k.challenge, hmacKeySignatureSecret: k.key }).catch(() => null);
  if (!result?.verified) throw refused('POW_INVALID');
  const spent = await tx.spentChallenge.createMany({
    data: [{ signature: challenge.signature!.slice(0, 128), expiresAt: new Date(expiresAt * 1000) }],
    skipDuplicates: true,
  });
  if (spent.count !== 1) throw refused('POW_REUSED');
}
