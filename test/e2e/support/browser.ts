// Launches Debian's Chromium through playwright-core with the project's flags (scripts/chromium.mjs).
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
// @ts-expect-error -- plain .mjs helper without types
import { findChromium, chromiumArgs } from '../../../scripts/chromium.mjs';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: (findChromium as () => string)(),
    headless: true,
    args: (chromiumArgs as (extra?: string[]) => string[])(),
  });
}

/** A fresh profile (own IndexedDB) that accepts downloads. */
export async function newContext(browser: Browser, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
  return browser.newContext({ acceptDownloads: true, colorScheme: options.colorScheme ?? 'light', viewport: { width: 1100, height: 900 } });
}
