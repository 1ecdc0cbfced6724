// A subgraph run as its own process: which keys it verifies the gateway's calls with
// (GATEWAY_PUBLIC_KEYS, SUBGRAPH_SHARED_KEYS), and what production refuses to start without.
import { describe, expect, it } from 'vitest';
import { DEV_SIGNING_KEY, formatSharedKey, jwksOf, parsePrivateKey, sharedKeyFor } from '../../schema/security/keys.ts';
import { readSubgraphConfig } from '../../subgraphs/kit/config.ts';
import { TEST_SIGNING_KEY } from '../harness/signing.ts';

const testKey = parsePrivateKey(TEST_SIGNING_KEY);
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://hub@db/hub',
  GATEWAY_PUBLIC_KEYS: JSON.stringify(jwksOf([testKey])),
  SUBGRAPH_SHARED_KEYS: formatSharedKey(sharedKeyFor(testKey, 'portal')),
};

describe('subgraph process configuration', () => {
  it('verifies with the keys it is given: the public set and its own shared keys', () => {
    const config = readSubgraphConfig('portal', 4101, production);
    expect([...config.gatewayKeys.keys()]).toEqual([testKey.kid]);
    expect([...config.sharedKeys.keys()]).toEqual([sharedKeyFor(testKey, 'portal').kid]);
  });

  it('in development, trusts the development key and the shared key derived from it for its own name', () => {
    const dev = parsePrivateKey(DEV_SIGNING_KEY);
    const config = readSubgraphConfig('legal', 4102, {});
    expect([...config.gatewayKeys.keys()]).toEqual([dev.kid]);
    // What a development gateway signs calls to legal with (gateway/server.ts, gatewaySigner).
    expect([...config.sharedKeys.keys()]).toEqual([sharedKeyFor(dev, 'legal').kid]);
    expect(config.sharedKeys.has(sharedKeyFor(dev, 'portal').kid)).toBe(false);
  });

  it('refuses to start in production without its shared keys, or with the development key’s', () => {
    const { SUBGRAPH_SHARED_KEYS: _gone, ...without } = production;
    expect(() => readSubgraphConfig('portal', 4101, without)).toThrow(/SUBGRAPH_SHARED_KEYS/);
    const devShared = formatSharedKey(sharedKeyFor(parsePrivateKey(DEV_SIGNING_KEY), 'portal'));
    expect(() => readSubgraphConfig('portal', 4101, { ...production, SUBGRAPH_SHARED_KEYS: `${production.SUBGRAPH_SHARED_KEYS},${devShared}` })).toThrow(
      /SUBGRAPH_SHARED_KEYS/,
    );
    expect(() => readSubgraphConfig('portal', 4101, { ...production, SUBGRAPH_SHARED_KEYS: 'short' })).toThrow(/SUBGRAPH_SHARED_KEYS: .*32 bytes/);
  });
});
