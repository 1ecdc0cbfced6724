// The kit's per-client lookup limiter (subgraphs/kit/client-limit.ts), used by the live legal
// lookup, the dossier status and the citizens' tracking lookup: counts shared between replicas
// through Redis (namespaced by database), separate per database, memory when Redis is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimitStore, type LimitStore } from '../../subgraphs/kit/client-limit.ts';
import { createTestDatabase, type TestDatabase } from '../harness/db.ts';
import { freePort } from '../harness/tcp-proxy.ts';

const REDIS_URL = process.env.REDIS_URL || undefined;
const caller = (clientKey: string) => ({ actor: { roles: [] }, clientKey });

describe('shared lookup limits', () => {
  let one: TestDatabase;
  let other: TestDatabase;
  const stores: LimitStore[] = [];
  const store = (url: string | undefined, db: TestDatabase) => {
    const s = createLimitStore(url, db.prisma);
    stores.push(s);
    return s;
  };
  beforeAll(async () => {
    [one, other] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all([one?.close(), other?.close()]);
  });

  it.skipIf(!REDIS_URL)('two replicas of one hub share the count; another hub on the same Redis does not', async () => {
    const a = store(REDIS_URL, one).limiter(3, 'test-lookup');
    const b = store(REDIS_URL, one).limiter(3, 'test-lookup');
    const elsewhere = store(REDIS_URL, other).limiter(3, 'test-lookup');
    // Wait for the connections: before Redis answers, a replica counts in memory alone.
    await expect.poll(() => stores.every((s) => s.shared()), { timeout: 3_000 }).toBe(true);
    expect(await a.take(caller('c1'))).toBe(true);
    expect(await b.take(caller('c1'))).toBe(true);
    expect(await a.take(caller('c1'))).toBe(true);
    expect(await b.take(caller('c1'))).toBe(false);
    expect(await a.take(caller('c1'))).toBe(false);
    // Another client, and the same client against another database, have their own budgets.
    expect(await b.take(caller('c2'))).toBe(true);
    expect(await elsewhere.take(caller('c1'))).toBe(true);
  });

  it('counts in memory when Redis is down, and without REDIS_URL', async () => {
    const down = store(`redis://127.0.0.1:${await freePort()}`, one).limiter(2, 'test-down');
    const none = store(undefined, one).limiter(2, 'test-none');
    for (const limiter of [down, none]) {
      expect(await limiter.take(caller('c'))).toBe(true);
      expect(await limiter.take(caller('c'))).toBe(true);
      expect(await limiter.take(caller('c'))).toBe(false);
    }
  });

  it('names the caller by actor first, then client key', async () => {
    const limiter = store(undefined, one).limiter(1, 'test-names');
    expect(await limiter.take({ actor: { id: 'u1', roles: ['EDITOR'] }, clientKey: 'k' })).toBe(true);
    expect(await limiter.take({ actor: { id: 'u1', roles: ['EDITOR'] }, clientKey: 'other' })).toBe(false);
    expect(await limiter.take(caller('k'))).toBe(true);
  });
});
