// The gateway's per-request client key (schema/security/signed-context.ts): the memoised keyer
// gives exactly the keyed hash clientKeyOf gives, per address, after evictions too.
import { describe, expect, it } from 'vitest';
import { clientKeyer, clientKeyOf } from '../../schema/security/signed-context.ts';

describe('clientKeyer', () => {
  it('gives the keyed hash of each address, as clientKeyOf does', () => {
    for (const secret of ['a gateway secret', Buffer.from('0123456789abcdef0123456789abcdef', 'hex')]) {
      const keyOf = clientKeyer(secret);
      for (const address of ['203.0.113.7', '::1', '203.0.113.8', '203.0.113.7']) expect(keyOf(address)).toBe(clientKeyOf(secret, address));
    }
  });

  it('never gives one address another’s key, remembered or evicted', () => {
    const keyOf = clientKeyer('secret', 4);
    const addresses = Array.from({ length: 12 }, (_, i) => `198.51.100.${i}`);
    const first = addresses.map(keyOf);
    expect(new Set(first).size).toBe(addresses.length);
    // Twice over, in reverse: every address still has its own key.
    expect([...addresses].reverse().map(keyOf)).toEqual([...first].reverse());
    expect(keyOf('198.51.100.0')).toBe(clientKeyOf('secret', '198.51.100.0'));
  });

  it('depends on the secret', () => {
    expect(clientKeyer('one')('192.0.2.1')).not.toBe(clientKeyer('two')('192.0.2.1'));
  });
});
