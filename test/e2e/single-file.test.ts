// The air-gapped copy: dist-single/index.html opened from file:// in Chromium renders the app under
// its hash-based CSP, makes no request, has a working IndexedDB (no service worker there), and a user
// creates an identity, reloads, and downloads its get-ident file, which matches what the screen shows.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { X509Certificate } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { buildApp, launchChromium } from './support/pwa-server.ts';
import { watchContext } from './support/page-watch.ts';
import { createIdentityInUi, downloadIdentAndCheck } from './support/app-flows.ts';

let browser: Browser;
let dir: string;

before(async () => {
  dir = buildApp('.test-out/pwa/single', { mode: 'single', env: { CT_BUILD_VERSION: '9.9.3-single' } });
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

describe('single-file build from file://', () => {
  it('is one self-contained HTML file with a hash-based CSP and no unsafe-inline', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /script-src 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.match(csp, /style-src 'sha256-/);
    assert.ok(!csp.includes("'unsafe-inline'") && !csp.includes("'unsafe-eval'"));
    assert.ok(!/<script[^>]+src=|<link[^>]+rel="(stylesheet|manifest|icon)"/.test(html), 'nothing loaded from beside the file');
    assert.equal(readFileSync(join(dir, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean).length, 1);
  });

  it('renders the app, shows its version, registers no worker, keeps IndexedDB data across reloads', async () => {
    const context = await browser.newContext();
    const watch = watchContext(context);
    try {
      const page = await context.newPage();
      const url = pathToFileURL(join(dir, 'index.html')).href;
      await page.goto(url);
      await page.locator('ct-app h1').waitFor();
      assert.equal(await page.locator('ct-build-badge [data-version]').innerText(), '9.9.3-single');
      assert.match(await page.locator('ct-build-badge small').innerText(), /single-file copy/);
      assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);

      // IndexedDB works for file:// pages in Chromium (one origin for all files).
      await page.evaluate(() => new Promise<void>((ok, fail) => {
        const req = indexedDB.open('ct-single-probe', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('s');
        req.onsuccess = () => {
          const tx = req.result.transaction('s', 'readwrite');
          tx.objectStore('s').put('kept', 'k');
          tx.oncomplete = () => { req.result.close(); ok(); };
        };
        req.onerror = () => fail(req.error);
      }));
      await page.reload();
      await page.locator('ct-app h1').waitFor();
      const kept = await page.evaluate(() => new Promise<unknown>((ok, fail) => {
        const req = indexedDB.open('ct-single-probe', 1);
        req.onsuccess = () => {
          const get = req.result.transaction('s').objectStore('s').get('k');
          get.onsuccess = () => ok(get.result);
        };
        req.onerror = () => fail(req.error);
      }));
      assert.equal(kept, 'kept');

      assert.deepEqual(watch.foreign('file://'), []);
      assert.deepEqual(watch.requests.filter((r) => !r.url.startsWith(url)), [], 'only the file itself is read');
      assert.deepEqual(watch.cspViolations, []);
      assert.deepEqual(watch.consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  it('creates an identity from file://, keeps it across a reload, and exports it: the downloaded file is the identity shown', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const watch = watchContext(context);
    try {
      const page = await context.newPage();
      const url = pathToFileURL(join(dir, 'index.html')).href;
      await page.goto(url);
      await page.locator('ct-app h1').waitFor();
      const made = await createIdentityInUi(page, { org: 'Air Gap', unit: 'Root', hosts: 'root.airgap.example' });
      await page.reload();
      await page.getByRole('main').getByRole('heading', { level: 1, name: made.label }).waitFor();
      const cert = await downloadIdentAndCheck(page, made);
      assert.equal(cert.subject, 'O=Air Gap\nOU=Root');
      assert.match(cert.subjectAltName ?? '', /DNS:root\.airgap\.example/);
      // The PEM download is the same certificate.
      const [pem] = await Promise.all([page.waitForEvent('download'), page.getByRole('main').getByRole('button', { name: 'Download .pem' }).click()]);
      assert.equal(new X509Certificate(readFileSync((await pem.path())!, 'utf8')).fingerprint256, cert.fingerprint256);
      assert.deepEqual(watch.requests.filter((r) => !r.url.startsWith(url) && !r.url.startsWith('blob:')), [], 'only the file itself (and blob: downloads)');
      assert.deepEqual(watch.cspViolations, []);
      assert.deepEqual(watch.consoleErrors, []);
    } finally {
      await context.close();
    }
  });
});
