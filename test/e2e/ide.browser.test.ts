// The GraphQL IDE in a real browser: GraphiQL loads from the gateway (no CDN: any request to
// another origin fails the test), runs the first example and shows its data; the locale switch
// reaches the hub as Accept-Language.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAll } from '../../schema/seed/index.ts';
import { ARTEFACTS, hasChromium, launchChromium, SKIP_REASON } from '../harness/browser.ts';
import { startTestHub, type TestHub } from '../harness/hub.ts';

if (!hasChromium) console.warn(`skipping the GraphQL IDE browser tests: ${SKIP_REASON}`);

describe.skipIf(!hasChromium)('GraphQL IDE (GraphiQL) in Chromium', () => {
  let t: TestHub;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestHub({ env: { GRAPHQL_IDE: 'true' } });
    await seedAll(t.db.prisma);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('loads offline, runs the first example and shows its data', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const foreign: string[] = [];
    const failures: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(t.base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
    });
    page.on('pageerror', (e) => failures.push(e.message));
    const graphql: { language?: string }[] = [];
    page.on('request', (r) => {
      if (r.url() === `${t.base}/graphql`) graphql.push({ language: r.headers()['accept-language'] });
    });
    await page.goto(`${t.base}/`);
    expect(page.url()).toBe(`${t.base}/ide/`);
    await page.selectOption('#hub-locale', 'en');
    await page.locator('.graphiql-execute-button').click({ timeout: 60_000 });
    const result = page.locator('.result-window');
    // A click that lands before the editor is wired runs nothing: click again while no result shows.
    await expect
      .poll(
        async () => {
          const shown = (await result.textContent()) ?? '';
          if (!shown.trim()) await page.locator('.graphiql-execute-button').click();
          return shown;
        },
        { timeout: 60_000, interval: 5_000 },
      )
      .toContain('totalCount');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('"articles"');
    expect(text).not.toContain('"errors"');
    await page.screenshot({ path: path.join(ARTEFACTS, 'graphql-ide.png') });
    expect(graphql.some((r) => r.language === 'en')).toBe(true);
    expect(foreign).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  }, 90_000);
});
