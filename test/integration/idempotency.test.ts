// Idempotency-Key on the portal's create/submit mutations (subgraphs/kit/idempotency.ts,
// SECURITY-MATRIX A26): the same key replayed, even concurrently, writes once and answers with
// the first result; keys are per caller and per operation; a bad key is BAD_USER_INPUT.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../schema/security/signed-context.ts';
import { pino } from 'pino';
import { startJobRunner } from '../../schema/jobs/runner.ts';
import { fingerprintOf, IDEMPOTENCY_PURGE_JOB } from '../../subgraphs/kit/idempotency.ts';
import { articleInput, CREATE, EDITOR_A, EDITOR_B, ITEM_FIELDS, ok, SUBMIT, type ItemView } from '../harness/content.ts';
import { signedQuery, usePortal } from '../harness/portal.ts';

const portal = usePortal();

type Answer = { data?: Record<string, ItemView | null> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
async function call(query: string, variables: Record<string, unknown>, actor: Actor, idempotencyKey?: string): Promise<Answer> {
  return (await signedQuery(portal.url, query, variables, actor, { idempotencyKey })).body as Answer;
}
const itemOf = (a: Answer) => {
  expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
  return Object.values(a.data!)[0]!;
};
const titled = (title: string) => portal.db.prisma.contentItem.count({ where: { titleVi: title } });
const newTitle = () => `Bản tin idempotent ${randomUUID().slice(0, 8)}`;

describe('createContentItem with an Idempotency-Key', () => {
  it('five concurrent requests with one key create one item and all answer with it', async () => {
    const title = newTitle();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call(CREATE, { kind: 'ARTICLE', input: articleInput({ title: { vi: title } }) }, EDITOR_A, key)),
    );
    const ids = answers.map((a) => itemOf(a).id);
    expect(new Set(ids).size).toBe(1);
    expect(await titled(title)).toBe(1);
    expect(await portal.db.prisma.kitIdempotencyKey.count({ where: { key } })).toBe(1);
    const audits = await portal.db.prisma.auditEvent.count({ where: { targetId: ids[0], action: 'CREATE' } });
    expect(audits).toBe(1);
  });

  it('a later replay answers with the first item; without a key every request creates', async () => {
    const title = newTitle();
    const key = `retry:${randomUUID()}`;
    const vars = { kind: 'ARTICLE', input: articleInput({ title: { vi: title } }) };
    const first = itemOf(await call(CREATE, vars, EDITOR_A, key));
    const again = itemOf(await call(CREATE, vars, EDITOR_A, key));
    expect(again.id).toBe(first.id);
    expect(await titled(title)).toBe(1);
    await ok(portal.url, EDITOR_A, CREATE, vars);
    expect(await titled(title)).toBe(2);
  });

  it('refuses the same key with other arguments (IDEMPOTENCY_KEY_REUSED) and writes nothing', async () => {
    const key = randomUUID();
    itemOf(await call(CREATE, { kind: 'ARTICLE', input: articleInput({ title: { vi: newTitle() } }) }, EDITOR_A, key));
    const other = newTitle();
    const res = await call(CREATE, { kind: 'ARTICLE', input: articleInput({ title: { vi: other } }) }, EDITOR_A, key);
    expect(res.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await titled(other)).toBe(0);
  });

  it('scopes keys per caller: another editor with the same key gets an item of their own', async () => {
    const key = randomUUID();
    const a = itemOf(await call(CREATE, { kind: 'ARTICLE', input: articleInput({ title: { vi: newTitle() } }) }, EDITOR_A, key));
    const inputB = articleInput({ title: { vi: newTitle() }, agencyId: EDITOR_B.agencyIds![0] });
    const b = itemOf(await call(CREATE, { kind: 'ARTICLE', input: inputB }, EDITOR_B, key));
    expect(b.id).not.toBe(a.id);
  });

  it('answers BAD_USER_INPUT to a key of the wrong length or characters, before any write', async () => {
    for (const key of ['short', 'x'.repeat(129), 'has space in it', "quote'key-123", 'nul\u0000key-123', 'khóa-tiếng-việt']) {
      const title = newTitle();
      const res = await call(CREATE, { kind: 'ARTICLE', input: articleInput({ title: { vi: title } }) }, EDITOR_A, key);
      expect(res.errors?.[0]?.extensions?.code, key).toBe('BAD_USER_INPUT');
      expect(await titled(title)).toBe(0);
    }
  });
});

describe('submitContentItem and submitAgencyContent with an Idempotency-Key', () => {
  it('a replayed submit answers with the submitted item instead of INVALID_STATE_TRANSITION', async () => {
    const draft = await ok<ItemView>(portal.url, EDITOR_A, CREATE, { kind: 'ARTICLE', input: articleInput({ title: { vi: newTitle() } }) });
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => call(SUBMIT, { id: draft.id }, EDITOR_A, key)));
    for (const a of answers) expect(itemOf(a)).toMatchObject({ id: draft.id, state: 'SUBMITTED', version: 2 });
    const later = itemOf(await call(SUBMIT, { id: draft.id }, EDITOR_A, key));
    expect(later).toMatchObject({ id: draft.id, state: 'SUBMITTED' });
    const submits = await portal.db.prisma.contentRevision.count({ where: { itemId: draft.id, action: 'SUBMIT' } });
    expect(submits).toBe(1);
  });

  it('an agency submission with its file, sent three times at once with one key, is stored once', async () => {
    const title = newTitle();
    const query = `mutation($input: ContentItemInput!, $files: [FileUploadInput!]) { submitAgencyContent(kind: ARTICLE, input: $input, files: $files) { ${ITEM_FIELDS} } }`;
    const csv = Buffer.from('nam,gia_tri\n2025,12\n').toString('base64');
    const vars = { input: articleInput({ title: { vi: title } }), files: [{ fileName: 'so-lieu.csv', mediaType: 'text/csv', contentBase64: csv }] };
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => call(query, vars, EDITOR_A, key)));
    expect(new Set(answers.map((a) => itemOf(a).id)).size).toBe(1);
    expect(await titled(title)).toBe(1);
  });
});

describe('fingerprint', () => {
  it('does not depend on the order of object keys but on every value', () => {
    expect(fingerprintOf({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(fingerprintOf({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(fingerprintOf({ a: 1, b: { c: [2, 1] } })).not.toBe(fingerprintOf({ a: 1, b: { c: [1, 2] } }));
  });
});

describe('the daily purge of expired keys', () => {
  it('is a job every subgraph offers, run once a day by the job runner, deleting only keys past their time', async () => {
    const job = portal.server.jobs?.find((j) => j.name === IDEMPOTENCY_PURGE_JOB);
    expect(job).toMatchObject({ dailyAt: '03:30' });
    const title = newTitle();
    itemOf(await call(CREATE, { kind: 'ARTICLE', input: articleInput({ title: { vi: title } }) }, EDITOR_A, randomUUID()));
    const keys = await portal.db.prisma.kitIdempotencyKey.count();
    expect(keys).toBeGreaterThan(0);
    let now = new Date();
    const runner = await startJobRunner({ url: portal.db.url, jobs: [job!], logger: pino({ level: 'silent' }), clock: () => now, poolMax: 1, report: false });
    try {
      // Within the day the keys live (24 h), the purge deletes none of them.
      const [first] = await runner.runDue();
      expect(first).toMatchObject({ state: 'done', output: { purged: 0 } });
      expect(await portal.db.prisma.kitIdempotencyKey.count()).toBe(keys);
      now = new Date(now.getTime() + 2 * 86_400_000);
      const [second] = await runner.runDue();
      expect(second).toMatchObject({ state: 'done', output: { purged: keys } });
      expect(await portal.db.prisma.kitIdempotencyKey.count()).toBe(0);
      expect(await runner.runDue()).toEqual([]); // once per day
    } finally {
      await runner.stop();
    }
  });
});
