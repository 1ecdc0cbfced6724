// Every example query offered by the explorer runs against the seeded hub without errors,
// so the page a newcomer opens first never shows a broken example.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/hub.ts';
import { seedAll } from '../../schema/seed/index.ts';
import { gql } from './support/http.ts';

const script = readFileSync(path.resolve(import.meta.dirname, '../../gateway/explorer/explorer.js'), 'utf8');
// The examples are a plain object literal of template strings: evaluate just that literal.
const literal = /const EXAMPLES = (\{[\s\S]*?\n\});/.exec(script)?.[1];
const examples = Object.entries(new Function(`return ${literal};`)() as Record<string, string>);

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  await seedAll(t.db.prisma);
});
afterAll(async () => {
  await t?.stop();
});

describe('explorer examples', () => {
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
