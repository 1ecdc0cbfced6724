// Headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core (no
// browser download). `.ci/run` installs it; where it is missing the tests skip and say why.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_REASON = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;

/** Screenshots and other artefacts of the browser tests (gitignored). */
export const ARTEFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTEFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
