// The Idempotency-Key header through the gateway (A26): the gateway forwards it, signed, to the
// subgraph; the same key three times at once creates one item; a malformed key is the client's
// error (BAD_USER_INPUT), however long.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { AGENCY_A, articleInput } from '../harness/content.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { gql } from './support/http.ts';

let t: TestHub;
let token: string;
beforeAll(async () => {
  t = await startTestHub();
  token = await issueToken(TEST_JWT, { id: 'editor-idem', roles: ['EDITOR'], agencyIds: [AGENCY_A] });
});
afterAll(() => t?.stop());

const CREATE = `mutation($input: ContentItemInput!) { createContentItem(kind: ARTICLE, input: $input) { id } }`;
const create = (title: string, key?: string) =>
  gql(t.url, CREATE, {
    variables: { input: articleInput({ title: { vi: title } }) },
    headers: { authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
  });

describe('Idempotency-Key through the gateway', () => {
  it('three concurrent requests with one key create one item and answer with its id', async () => {
    const title = `Tin qua cổng ${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => create(title, key)));
    const ids = answers.map((a) => (a.body.data?.createContentItem as { id: string } | undefined)?.id);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(ids[0]).toBeTruthy();
    expect(new Set(ids).size).toBe(1);
    expect(await t.db.prisma.contentItem.count({ where: { titleVi: title } })).toBe(1);
  });

  it('answers BAD_USER_INPUT to a malformed or oversized key, and writes nothing', async () => {
    for (const key of ['tiny', 'x'.repeat(5000), 'a b c d e f g h']) {
      const title = `Tin khóa sai ${randomUUID().slice(0, 8)}`;
      const res = await create(title, key);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await t.db.prisma.contentItem.count({ where: { titleVi: title } })).toBe(0);
    }
  });
});
