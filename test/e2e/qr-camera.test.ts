// Camera end to end: Chromium's fake camera plays a Y4M video we generate from our own animated QR
// frames; the real <ct-qr-scanner> (built by Vite with its bundled wasm) scans it to completion.
import { after, before, describe, it } from 'node:test';
import { assert } from 'chai';
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { encodeQrPayload } from '../../src/exchange/qr/index.ts';
import { writeQrY4m } from './y4m.ts';

// scripts/chromium.mjs is plain JS without declarations; type the two functions we use.
const chromiumModule = '../../scripts/chromium.mjs';
const { findChromium, chromiumArgs } = (await import(chromiumModule)) as {
  findChromium(): string;
  chromiumArgs(extra?: string[]): string[];
};

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const outDir = join(root, '.test-out/qr-harness');
const videoPath = join(root, '.test-out/qr-frames.y4m');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

describe('QR camera end to end (fake video capture)', () => {
  let server: Server;
  let browser: Browser;
  const bytes = readFileSync(join(root, '../shared/fixtures/certified/exchanges/intro.gamma-signs-alpha.json'));
  const payload = new Uint8Array(bytes);

  before(async () => {
    mkdirSync(join(root, '.test-out'), { recursive: true });
    await build({
      configFile: false,
      root: join(root, 'test/e2e/fixtures/qr-harness'),
      base: './',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
    });
    const enc = encodeQrPayload({ kind: 'intro', bytes: payload });
    assert.isFalse(enc.single);
    // Every frame once, pure fragments then fountain mixes; the fake camera loops the file.
    const texts = Array.from({ length: enc.fragmentCount + 6 }, (_, i) => enc.frameText(i + 1));
    writeQrY4m(videoPath, texts, { side: 480, fps: 10, holdFrames: 3 });
    server = await serve(outDir);
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: chromiumArgs([
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${videoPath}`,
      ]),
    });
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('scans an animated transfer from the camera to completion, with no request to another origin', async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${origin}/index.html`);
    await page.getByRole('button', { name: 'Scan with camera' }).click();
    await page.waitForFunction(() => (window as unknown as { qrReceived: unknown[] }).qrReceived.length > 0, undefined, { timeout: 90_000 });
    const received = await page.evaluate(() => (window as unknown as { qrReceived: Array<{ kind: string; hex: string }> }).qrReceived);
    assert.lengthOf(received, 1);
    assert.equal(received[0]!.kind, 'intro');
    assert.equal(received[0]!.hex, Buffer.from(payload).toString('hex'));
    await page.getByText(/Received intro/).waitFor();
    // The camera is released once the transfer completed.
    assert.equal(await page.getByRole('button', { name: 'Scan with camera' }).getAttribute('aria-pressed'), 'false');
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.isTrue(requests.some((u) => /\/assets\/zxing_reader-[^/]+\.wasm$/.test(u)), 'wasm served from our origin');
  });

  it('the first view does not load the wasm until scanning starts', async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${origin}/index.html`);
    await page.getByRole('button', { name: 'Scan with camera' }).waitFor();
    assert.isFalse(requests.some((u) => u.endsWith('.wasm')));
  });
});
