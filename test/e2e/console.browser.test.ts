// The operator console in headless Chromium: with an ADMIN token it shows live figures that
// match the graph (sync state, R-17 compliance per agency, the job runner's queues and dead
// letters) and the status endpoint (subgraph readiness, breakers, backups); without one it
// shows nothing.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../gateway/auth.ts';
import { pino } from 'pino';
import { startJobRunner, type JobRunner } from '../../schema/jobs/runner.ts';
import { registerBackupsProvider } from '../../schema/observability/operations.ts';
import { seedAll } from '../../schema/seed/index.ts';
import { ARTEFACTS, hasChromium, launchChromium, SKIP_REASON } from '../harness/browser.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { gql, send } from './support/http.ts';

if (!hasChromium) console.warn(`skipping the operator console browser tests: ${SKIP_REASON}`);

let t: TestHub;
let admin: string;
let editor: string;
let failing: JobRunner;

beforeAll(async () => {
  t = await startTestHub();
  await seedAll(t.db.prisma);
  admin = await issueToken(TEST_JWT, { id: 'ops', roles: ['ADMIN'] });
  editor = await issueToken(TEST_JWT, { id: 'ed', roles: ['EDITOR'] });
  // Real jobs: the hub's own run, and another process's job that fails to a dead letter.
  failing = await startJobRunner({
    url: t.db.url,
    logger: pino({ level: 'silent' }),
    poolMax: 1,
    report: false,
    jobs: [{ name: 'test.fails', retryLimit: 0, run: () => Promise.reject(new Error('UPSTREAM_FAULT: down')) }],
  });
  await failing.send('test.fails');
  await failing.runDue();
  await t.hub.jobs.runDue();
  // What the backup command reports through the hook (operations.ts).
  registerBackupsProvider(async () => ({
    last: { at: '2026-12-04T02:00:00.000Z', name: 'hub-20261204', verified: true, verifiedAt: '2026-12-04T02:05:00.000Z' },
  }));
}, 120_000);
afterAll(async () => {
  await failing?.stop();
  await t?.stop();
});

describe('console status endpoint', () => {
  it('is for administrators only', async () => {
    expect((await send(`${t.base}/console/api/status`)).status).toBe(401);
    expect((await send(`${t.base}/console/api/status`, { headers: { authorization: `Bearer ${editor}` } })).status).toBe(403);
    const ok = await send(`${t.base}/console/api/status`, { headers: { authorization: `Bearer ${admin}` } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ subgraphs: { portal: true, legal: true }, backups: { last: { verified: true } } });
    expect(ok.body).not.toHaveProperty('jobs'); // in the graph: operatorJobs
    // Whose each subgraph is and whom to call (the registry), with its latency.
    expect((ok.body as unknown as { subgraphDetails: Record<string, unknown> }).subgraphDetails.portal).toMatchObject({
      trust: 'core',
      latencyMs: expect.any(Number),
      owner: { agencyCode: '000.01.00.H43', name: 'Văn phòng UBND tỉnh Phú Thọ' },
      contact: 'cong-hub-ops@phutho.demo.invalid',
    });
  });
});

describe.skipIf(!hasChromium)('operator console in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const cell = (key: string) => page.locator(`[data-key="${key}"]`).first().textContent();

  it('shows nothing without an ADMIN token', async () => {
    await page.goto(`${t.base}/console`);
    await page.fill('#token', editor);
    await page.click('#load');
    await expect.poll(() => page.textContent('#message')).toContain('FORBIDDEN');
    expect(await page.locator('[data-key]').count()).toBe(0);
  });

  it('shows live figures that match the graph and the status endpoint', async () => {
    await page.fill('#token', admin);
    await page.fill('#year', '2026');
    await page.selectOption('#half', '1');
    await page.click('#load');
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });

    expect(await cell('subgraph:portal')).toBe('ready');
    expect(await cell('subgraph:legal')).toBe('ready');
    expect(await cell('breaker:subgraph:portal')).toBe('closed');
    expect(await cell('backup:verified')).toMatch(/^yes/);

    const auth = { authorization: `Bearer ${admin}` };
    const jobs = (await gql(t.url, '{ operatorJobs { name queued running retrying dead } }', { headers: auth })).body.data as {
      operatorJobs: { name: string; queued: number; running: number; retrying: number; dead: number }[];
    };
    const sum = (k: 'queued' | 'dead') => String(jobs.operatorJobs.reduce((n, j) => n + j[k], 0));
    expect(await cell('jobs:dead')).toBe(sum('dead'));
    expect(await cell('jobs:queued')).toBe(sum('queued'));
    expect(await cell('job:test.fails:dead')).toBe('1');
    expect(await cell('job:kit.purge-idempotency-keys:dead')).toBe('0');
    const graph = await gql(
      t.url,
      'query { legalSyncStatus { system consecutiveFailures records } provisionReport(year: 2026, half: 1) { rows { agencyId onTime late overdue } } }',
      { headers: auth },
    );
    expect(graph.body.errors).toBeUndefined();
    const data = graph.body.data as {
      legalSyncStatus: { system: string; consecutiveFailures: number; records: number }[];
      provisionReport: { rows: { agencyId: string | null; onTime: number; late: number; overdue: number }[] };
    };
    for (const s of data.legalSyncStatus) {
      expect(await cell(`failures:${s.system}`)).toBe(String(s.consecutiveFailures));
      expect(await cell(`records:${s.system}`)).toBe(String(s.records));
    }
    const due = new Map<string, { onTime: number; due: number }>();
    for (const r of data.provisionReport.rows) {
      const a = due.get(r.agencyId ?? 'none') ?? { onTime: 0, due: 0 };
      a.onTime += r.onTime;
      a.due += r.onTime + r.late + r.overdue;
      due.set(r.agencyId ?? 'none', a);
    }
    expect(due.size).toBeGreaterThan(0);
    for (const [id, a] of due) {
      expect(await cell(`rate:${id}`)).toBe(a.due ? `${Math.round((a.onTime / a.due) * 100)}%` : 'no deadline due');
    }
    // The compliance chart is inline SVG: one bar per agency.
    expect(await page.locator('#compliance-chart svg rect').count()).toBe(due.size);
    await page.screenshot({ path: path.join(ARTEFACTS, 'operator-console.png'), fullPage: true });
  });
});
