// The gateway's signature as tests make it: a fixed test key pair (its public half is what the
// test subgraphs trust), and the signed headers of a call made straight to a subgraph.
import type { RunningSubgraph } from '../../subgraphs/kit/server.ts';
import type { SubgraphTrust } from '../../subgraphs/kit/signature.ts';
import { signGatewayRequest } from '../../schema/security/gateway-signature.ts';
import { parsePrivateKey, sharedKeysBySubgraph, verifyingKeysOf } from '../../schema/security/keys.ts';
import { memoryReplayGuard } from '../../schema/security/replay-guard.ts';
import { encodeContext, type SignedContext } from '../../schema/security/signed-context.ts';

/** The test gateway's private key (GATEWAY_SIGNING_KEYS of every test hub). */
export const TEST_SIGNING_KEY = 'MC4CAQAwBQYDK2VwBCIEIFYdPnq7xQ6aey5JlThDot8eOV4tleq497l4EZCquP6P';
/** A key nobody publishes: what an impostor signs with. */
export const STRANGER_KEY = 'MC4CAQAwBQYDK2VwBCIEIIPbj9jHJdjvgXQ5FgI6pVCx2f0iYxvklk5k7ckaYWVY';

/** What a subgraph under test trusts: the test gateway's public key and shared keys, nonces in memory. */
export const testTrust = (): SubgraphTrust => ({
  keys: verifyingKeysOf([parsePrivateKey(TEST_SIGNING_KEY)]),
  sharedKeys: sharedKeysBySubgraph([parsePrivateKey(TEST_SIGNING_KEY)]),
  replay: memoryReplayGuard(),
});

const names = new Map<string, string>();
/** Remember which subgraph answers at a URL, so `signedFor(url, …)` signs for it. */
export function knowSubgraph<T extends RunningSubgraph>(running: T): T {
  names.set(new URL(running.url).origin, running.name);
  return running;
}

export interface SignOptions {
  method?: string;
  /** Sign as of this time (expired and future signatures). */
  nowMs?: number;
  /** Another audience than the subgraph at `url`. */
  audience?: string;
  /** Another private key than the test gateway's. */
  key?: string;
}

/** The headers the gateway would add to a call to `url` (a subgraph started by the harness). */
export function signedFor(url: string, context: SignedContext, body: string, opts: SignOptions = {}): Record<string, string> {
  const audience = opts.audience ?? names.get(new URL(url).origin);
  if (!audience) throw new Error(`no subgraph known at ${url}: start it through the harness or pass an audience`);
  return signGatewayRequest(parsePrivateKey(opts.key ?? TEST_SIGNING_KEY), {
    method: opts.method ?? 'POST',
    url,
    audience,
    context: encodeContext(context),
    body,
    nowMs: opts.nowMs,
  });
}
