// Every example operation the GraphQL IDE opens with runs against the seeded hub without
// errors, so the page a newcomer opens first never shows a broken example.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../gateway/ide/examples.ts';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { seedAll } from '../../schema/seed/index.ts';
import { gql } from './support/http.ts';

const examples = Object.entries(EXAMPLES);

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  await seedAll(t.db.prisma);
});
afterAll(async () => {
  await t?.stop();
});

describe('IDE examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });
  it.each(examples)('%s runs without errors', async (_name, query) => {
    const res = await gql(t.url, query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toBeTruthy();
  });
});
