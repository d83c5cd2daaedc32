// Camera end to end in the real production build, under its CSP and Trusted Types: Chromium's fake
// camera plays a Y4M video we generate from our own animated QR frames; in Import & inspect the user
// opens the scanner and starts the camera, and the app reads the trust bundle to the end. The zxing
// wasm comes from our own origin, is precached by the service worker, and is not fetched by the page
// before scanning starts; no request leaves the origin; no CSP or Trusted Types violation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { encodeQrPayload } from '../../src/exchange/qr/index.ts';
import { parsePem, toPem, utf8 } from '../../src/pki/index.ts';
import { serveDist, type ServedApp } from './support/serve.ts';
import { watchContext } from './support/page-watch.ts';
import { writeQrY4m } from './y4m.ts';

// scripts/chromium.mjs is plain JS without declarations; type the two functions we use.
const chromiumModule = '../../scripts/chromium.mjs';
const { findChromium, chromiumArgs } = (await import(chromiumModule)) as {
  findChromium(): string;
  chromiumArgs(extra?: string[]): string[];
};

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const videoPath = join(root, '.test-out/qr-frames.y4m');

describe('QR camera end to end in the built app (fake video capture)', () => {
  let app: ServedApp;
  let browser: Browser;
  // A step-ca JSON bundle of three real certified CAs: about 2 KB, an animated transfer.
  const ders = ['alpha', 'beta', 'gamma'].map((o) => parsePem(readFileSync(join(root, `../shared/fixtures/certified/orgs/${o}/CA.crt`), 'utf8'))[0]!.der);
  const payload = utf8.encode(JSON.stringify({ crts: ders.map((d) => toPem('CERTIFICATE', d)) }) + '\n');

  before(async () => {
    mkdirSync(join(root, '.test-out'), { recursive: true });
    const enc = encodeQrPayload({ kind: 'step-json', bytes: payload });
    assert.equal(enc.single, false);
    // Every frame once, pure fragments then fountain mixes; the fake camera loops the file.
    const texts = Array.from({ length: enc.fragmentCount + 6 }, (_, i) => enc.frameText(i + 1));
    writeQrY4m(videoPath, texts, { side: 480, fps: 10, holdFrames: 3 });
    app = await serveDist();
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: chromiumArgs(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${videoPath}`]),
    });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('scans an animated trust bundle from the camera into Import & inspect', async () => {
    const origin = new URL(app.url).origin;
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const watch = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${app.url}#/inspect`);
    // The service worker precaches the build, the wasm included.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const precached = await page.waitForFunction(async () => {
      for (const name of await caches.keys()) {
        const keys = await (await caches.open(name)).keys();
        const hit = keys.find((r) => /\/assets\/zxing_reader-[^/]+\.wasm/.test(r.url));
        if (hit) return hit.url;
      }
      return false;
    }, undefined, { timeout: 30_000 });
    assert.match(String(await precached.jsonValue()), /^http:\/\/127\.0\.0\.1:\d+\/assets\/zxing_reader-/);
    const pageWasm = () => watch.requests.filter((r) => !r.fromWorker && r.url.endsWith('.wasm'));
    assert.deepEqual(pageWasm(), [], 'the page does not load the decoder before scanning');

    await page.getByRole('button', { name: 'Scan a QR code' }).click();
    await page.getByRole('button', { name: 'Scan with camera' }).waitFor();
    assert.deepEqual(pageWasm(), [], 'opening the scanner does not start the camera or load the decoder');
    await page.getByRole('button', { name: 'Scan with camera' }).click();
    await page.getByText('found 3 items in a step-ca JSON bundle').waitFor({ timeout: 90_000 });
    await page.getByText(/Received step-json/).waitFor();
    // The camera is released once the transfer completed.
    assert.equal(await page.getByRole('button', { name: 'Scan with camera' }).getAttribute('aria-pressed'), 'false');
    const result = page.getByRole('region', { name: 'Result for QR code (step-json)' });
    assert.equal(await result.getByText('Certificate · read as JSON').count(), 3, 'the three CAs are shown');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(root, `screenshots/inspect-qr-scanned-${scheme}.png`), fullPage: false });
    }
    assert.ok(pageWasm().length >= 1 && pageWasm().every((r) => r.url.startsWith(`${origin}/assets/zxing_reader-`)), 'wasm from our own origin');
    assert.deepEqual(watch.foreign(origin), []);
    assert.deepEqual(watch.cspViolations, []);
    assert.deepEqual(watch.consoleErrors, []);
    await context.close();
  });
});
