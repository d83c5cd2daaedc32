// The shipped build as a user's browser sees it: offline after one load, no other origin, strict CSP
// with no violation, user flows completed offline (OFFLINE_FLOWS: identity, introduction, trust bundle),
// installable, prompt-mode updates, sub-path hosting,
// SHA256SUMS, and axe + screenshots of every route of ROUTES in light and dark, wide and narrow.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp, launchChromium, launchPersistent, servePwa, type PwaServer } from './support/pwa-server.ts';
import { watchContext } from './support/page-watch.ts';
import { createIdentityInUi, downloadIdentAndCheck } from './support/app-flows.ts';
import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createIdentity, fingerprintOf, getIdentOutput } from '../../src/pki/index.ts';
import { renderCsp } from '../../scripts/csp.ts';
import { ROUTES } from '../../src/ui/routes.ts';

/**
 * Flows a user completes with the network off (after one online load). Each starts and ends on any
 * page of the app and uses only the UI. HOOKS for other areas: add your flow here once your view is
 * wired into the shell, and it is checked for offline use, foreign requests and CSP like the rest.
 */
const OFFLINE_FLOWS: ReadonlyArray<{ readonly name: string; run(page: Page): Promise<void> }> = [
  {
    name: 'identity: create, reload, export the get-ident file',
    run: async (page) => {
      const made = await createIdentityInUi(page, { org: 'Offline Org', unit: 'Vault', hosts: 'vault.offline.example' });
      await page.reload();
      await page.getByRole('main').getByRole('heading', { level: 1, name: made.label }).waitFor();
      const cert = await downloadIdentAndCheck(page, made);
      assert.equal(cert.subject, 'O=Offline Org\nOU=Vault');
    },
  },
  {
    name: 'introduction: from our identity page introduce a peer (its identity file), download intro.json',
    run: async (page) => {
      // The peer's identity is a file they sent (made here in Node by the same core, as their crosstrust would).
      const peer = await createIdentity({ name: { org: 'Peer Org', unit: 'Edge' }, san: { hosts: ['edge.peer.example'] }, atMs: Date.now() });
      const peerFile = join(mkdtempSync(join(tmpdir(), 'ct-offline-')), 'Peer-Org-Edge.ident.b64');
      await writeFile(peerFile, getIdentOutput(peer.idCertDer));
      const signer = await createIdentityInUi(page, { org: 'Offline Intro', unit: 'CA', hosts: 'ca.offline.example' });
      const main = page.getByRole('main');
      await main.getByRole('link', { name: 'Introduce a partner' }).click();
      await page.waitForURL(/#\/introduce\/.+/);
      // The identity whose page we came from is the one preselected to sign.
      assert.equal(await main.getByLabel('Signed by', { exact: true }).inputValue(), signer.id);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), main.getByLabel('Choose their identity', { exact: true }).click()]);
      await chooser.setFiles(peerFile);
      await main.getByText('Peer-Org-Edge.ident.b64: an identity certificate').waitFor();
      await main.getByLabel('Fingerprint they gave you').fill((await fingerprintOf(peer.idCertDer)).grouped);
      await main.getByText('The fingerprints match').waitFor();
      await main.getByRole('button', { name: 'Sign introduction' }).click();
      await main.locator('[data-testid=intro-result]').waitFor();
      const [dl] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Download intro.json' }).click()]);
      assert.equal(dl.suggestedFilename(), 'intro.json');
      const json = JSON.parse(await readFile((await dl.path())!, 'utf8')) as { signed_cert: string; ca_cert: string };
      const signed = new X509Certificate(Buffer.from(json.signed_cert, 'base64'));
      const ca = new X509Certificate(Buffer.from(json.ca_cert, 'base64'));
      assert.ok(signed.verify(ca.publicKey), 'the re-issued peer identity verifies under our CA');
      assert.match(signed.subject, /O=Peer Org/);
      assert.match(ca.subject, /O=Offline Intro/);
    },
  },
  {
    name: 'trust bundle: create a bundle, add our CA, export PEM',
    run: async (page) => {
      const main = page.getByRole('main');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trust bundles' }).click();
      await main.getByLabel('Bundle name').fill('offline-partners');
      await main.getByLabel('SPIFFE trust domain').fill('offline.example');
      await main.getByRole('button', { name: 'Create bundle' }).click();
      await main.getByRole('heading', { name: 'offline-partners: roots' }).waitFor();
      await main.getByRole('checkbox', { name: 'Add Offline Org / Vault' }).check();
      await main.getByRole('button', { name: 'Add 1 root to the bundle' }).click();
      await page.getByRole('status').filter({ hasText: 'Added 1 root to offline-partners.' }).waitFor();
      const [dl] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Download PEM bundle' }).click()]);
      assert.equal(dl.suggestedFilename(), 'offline-partners.federated.pem');
      const pem = await readFile((await dl.path())!, 'utf8');
      assert.equal(pem.match(/-----BEGIN CERTIFICATE-----/g)?.length, 1, 'our CA, once');
      const root = new X509Certificate(pem);
      assert.ok(root.ca && root.checkIssued(root), 'a self-signed CA');
      assert.match(root.subject, /O=Offline Org/);
    },
  },
];

let browser: Browser;
let distA: string;
let distB: string;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? listFiles(join(dir, n)) : [join(dir, n)]));
}

/** Waits until the page is controlled by an activated service worker (first visit: via clients.claim). */
async function waitForControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

async function badgeVersion(page: Page): Promise<string> {
  return page.locator('ct-build-badge [data-version]').innerText();
}

async function openApp(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('ct-app h1').waitFor();
  return page;
}

before(async () => {
  distA = buildApp('.test-out/pwa/a', { env: { CT_BUILD_VERSION: '9.9.1-e2e-a', CT_BUILD_HASH: 'aaaaaaaaaaaa' } });
  distB = buildApp('.test-out/pwa/b', { env: { CT_BUILD_VERSION: '9.9.2-e2e-b', CT_BUILD_HASH: 'bbbbbbbbbbbb' } });
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

describe('build output', () => {
  it('dist/SHA256SUMS lists every file and `sha256sum -c` accepts it', () => {
    const sums = readFileSync(join(distA, 'SHA256SUMS'), 'utf8');
    const listed = sums.trim().split('\n').map((l) => l.slice(66)).sort();
    const files = listFiles(distA).map((p) => relative(distA, p)).filter((n) => n !== 'SHA256SUMS').sort();
    assert.deepEqual(listed, files);
    assert.ok(files.includes('sw.js') && files.includes('index.html') && files.includes('manifest.webmanifest'));
    const r = spawnSync('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: distA, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('index.html carries the strict CSP meta tag and public/_headers the same policy plus frame-ancestors', () => {
    const html = readFileSync(join(distA, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.equal(meta, renderCsp());
    for (const d of ["default-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "require-trusted-types-for 'script'"]) {
      assert.ok(meta?.includes(d), d);
    }
    assert.ok(!/'unsafe-inline'|'unsafe-eval'/.test(meta ?? ''), 'no unsafe-inline / unsafe-eval');
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline script in index.html');
    const headers = readFileSync(join(distA, '_headers'), 'utf8');
    assert.ok(headers.includes(`Content-Security-Policy: ${renderCsp({ header: true })}\n`));
    assert.ok(renderCsp({ header: true }).endsWith("frame-ancestors 'none'"));
  });

  it('contains no URL of another origin except known never-fetched strings', () => {
    // XML namespace identifiers and a Workbox error-message link are strings, not requests.
    const allowed = new Set(['http://www.w3.org/2000/svg', 'https://bit.ly/wb-precache', 'http://www.w3.org/1999/xhtml']);
    const found = new Set<string>();
    for (const file of listFiles(distA)) {
      if (file.endsWith('.png')) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/\bhttps?:\/\/[^\s"'`)<>\\]+/g)) found.add(m[0]);
    }
    // src/pki/hosts.ts runs DNS names through the WHATWG host parser as `http://${name}/` (never fetched).
    const hostParse = /^http:\/\/\$\{\w+\}\/$/;
    assert.deepEqual([...found].filter((u) => !allowed.has(u) && !hostParse.test(u)), []);
  });
});

describe('served from a plain static host', () => {
  let server: PwaServer;
  before(async () => {
    server = await servePwa(distA, { headers: { 'content-security-policy': renderCsp({ header: true }) } });
  });
  after(async () => { await server.close(); });

  it('loads online, goes offline, reloads from the service worker; nothing leaves the origin; no CSP violation', async () => {
    const context = await browser.newContext();
    const watch = watchContext(context);
    try {
      const page = await openApp(context, server.url);
      await waitForControl(page);
      await page.waitForLoadState('networkidle');
      assert.equal(await badgeVersion(page), '9.9.1-e2e-a');
      assert.equal(await page.locator('ct-build-badge [data-hash]').innerText(), 'aaaaaaaaaaaa');

      await context.setOffline(true);
      const offlineFrom = Date.now();
      await page.reload();
      await page.locator('ct-app h1').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await badgeVersion(page), '9.9.1-e2e-a');
      const offline = watch.since(offlineFrom);
      assert.ok(offline.length > 0, 'the offline reload was observed');
      assert.deepEqual(offline.filter((r) => r.fromWorker || r.servedByWorker === false), [], 'offline: every request answered by the worker');

      // After load, while offline, the app makes no request at all (an absence needs an observation window).
      const idleFrom = Date.now();
      await page.evaluate(() => new Promise((ok) => setTimeout(ok, 1500)));
      assert.deepEqual(watch.since(idleFrom), []);

      // A new tab while offline (like a browser restart) also starts.
      const second = await openApp(context, server.url);
      assert.equal(await badgeVersion(second), '9.9.1-e2e-a');

      assert.deepEqual(watch.foreign(server.origin), []);
      assert.deepEqual(watch.cspViolations, []);
      assert.deepEqual(watch.consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  it('offline flows: load once, go offline, reload, complete every flow; nothing leaves the origin or reaches the network; no CSP violation', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const watch = watchContext(context);
    try {
      const page = await openApp(context, server.url);
      await waitForControl(page);
      await page.waitForLoadState('networkidle');
      await context.setOffline(true);
      const offlineFrom = Date.now();
      const servedBefore = server.requests.length;
      await page.reload();
      await page.locator('ct-app h1').waitFor();
      for (const flow of OFFLINE_FLOWS) {
        const from = Date.now();
        await flow.run(page);
        await page.waitForLoadState('networkidle');
        const seen = watch.since(from);
        // Views and their code load on first use; offline, every such request is answered from the worker's cache.
        assert.deepEqual(seen.filter((r) => r.fromWorker || r.failed || r.servedByWorker === false).map((r) => r.url), [], `${flow.name}: every request answered by the worker`);
      }
      const offline = watch.since(offlineFrom);
      assert.ok(offline.length > 0, 'the offline reloads were observed');
      assert.ok(offline.every((r) => r.url.startsWith(server.url) || r.url.startsWith('blob:')), 'only our own files (and blob: downloads)');
      // The one exception is the browser's own update check of sw.js on navigation, which Chromium makes
      // outside the page (so outside the emulated offline mode); on a real offline machine it just fails.
      assert.deepEqual(server.requests.slice(servedBefore).filter((p) => p !== '/sw.js'), [], 'the server saw nothing but the update check while offline');

      // Once a flow is done the app is quiet: no request at all while it sits offline.
      const idleFrom = Date.now();
      await page.evaluate(() => new Promise((ok) => setTimeout(ok, 1500)));
      assert.deepEqual(watch.since(idleFrom), []);
      assert.deepEqual(watch.foreign(server.origin), []);
      assert.deepEqual(watch.cspViolations, []);
      assert.deepEqual(watch.consoleErrors, []);
    } finally {
      await context.close();
    }
  });

  it('is installable: manifest fields, icons resolvable, no installability errors, offline start URL responds, survives a browser restart', async () => {
    // A real profile on disk: incognito contexts are never installable, and a restart needs the profile.
    const profile = mkdtempSync(join(tmpdir(), 'ct-profile-'));
    let context = await launchPersistent(profile);
    try {
      const page = await openApp(context, server.url);
      await waitForControl(page);
      const href = await page.locator('link[rel=manifest]').evaluate((l) => (l as HTMLLinkElement).href);
      const manifestUrl = new URL(href);
      const manifest = JSON.parse(await (await page.request.get(href)).text()) as {
        name: string; short_name: string; start_url: string; scope: string; display: string;
        icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
      };
      assert.equal(manifest.name, 'crosstrust');
      assert.equal(manifest.display, 'standalone');
      const sizes = manifest.icons.map((i) => `${i.sizes}/${i.purpose}`);
      for (const want of ['192x192/any', '512x512/any', '512x512/maskable']) assert.ok(sizes.includes(want), want);
      for (const icon of manifest.icons) {
        const res = await page.request.get(new URL(icon.src, manifestUrl).href);
        assert.equal(res.status(), 200, icon.src);
        assert.equal(res.headers()['content-type'], icon.type);
        if (icon.type === 'image/png') {
          const png = await res.body();
          assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.sizes, `${icon.src} dimensions`);
        }
      }
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: Array<{ errorId: string }> };
      assert.deepEqual(installabilityErrors.map((e) => e.errorId), []);

      await context.setOffline(true);
      const start = new URL(manifest.start_url, manifestUrl).href;
      const res = await page.goto(start);
      assert.equal(res?.status(), 200);
      assert.ok(res?.fromServiceWorker(), 'offline start URL served by the worker');
      await page.locator('ct-app h1').waitFor();

      // Browser restart while the network stays off: same profile, new process, the app starts.
      await context.close();
      context = await launchPersistent(profile, { offline: true });
      const again = await openApp(context, start);
      assert.equal(await badgeVersion(again), '9.9.1-e2e-a');
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('update: a new version waits for the prompt and reloads only when the user clicks', async () => {
    const context = await browser.newContext();
    const watch = watchContext(context);
    try {
      server.setRoot(distA);
      const page = await openApp(context, server.url);
      await waitForControl(page);
      server.setRoot(distB);
      await page.reload(); // the navigation makes the browser check sw.js; B installs and waits
      const prompt = page.locator('ct-update-prompt [role=status]');
      const reload = prompt.getByRole('button', { name: 'Reload to update' });
      await reload.waitFor();
      assert.equal(await badgeVersion(page), '9.9.1-e2e-a', 'still the old version while the prompt shows');

      // A running signing operation (held in the app's busy registry) holds the reload.
      let navigated = false;
      page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigated = true; });
      await page.locator('ct-update-prompt').evaluate((el) => {
        const registry = (el as unknown as { registry: { hold(k: string, l: string): () => void } }).registry;
        (window as unknown as { __ctRelease: () => void }).__ctRelease = registry.hold('busy', 'signing a certificate');
      });
      await reload.click();
      await prompt.getByText('The update will be applied when this finishes: signing a certificate.').waitFor();
      assert.equal(navigated, false, 'no reload while an operation is held');
      assert.equal(await badgeVersion(page), '9.9.1-e2e-a');

      await Promise.all([
        page.waitForEvent('framenavigated'),
        page.evaluate(() => (window as unknown as { __ctRelease: () => void }).__ctRelease()),
      ]);
      await page.locator('ct-app h1').waitFor();
      await page.waitForFunction(() => document.querySelector('ct-app')?.shadowRoot?.querySelector('ct-build-badge')?.shadowRoot?.querySelector('[data-version]')?.textContent === '9.9.2-e2e-b');
      assert.deepEqual(watch.foreign(server.origin), []);
      assert.deepEqual(watch.cspViolations, []);
    } finally {
      server.setRoot(distA);
      await context.close();
    }
  });
});

describe('hosted at a sub-path', () => {
  it('works under /some/sub/path/ online and offline', async () => {
    const server = await servePwa(distA, { prefix: '/some/sub/path/' });
    const context = await browser.newContext();
    const watch = watchContext(context);
    try {
      const page = await openApp(context, server.url);
      await waitForControl(page);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      assert.equal(scope, server.url);
      await context.setOffline(true);
      await page.reload();
      await page.locator('ct-app h1').waitFor();
      assert.equal(await badgeVersion(page), '9.9.1-e2e-a');
      assert.ok(server.requests.every((p) => p.startsWith('/some/sub/path/')), server.requests.join(' '));
      assert.deepEqual(watch.foreign(server.origin), []);
      assert.deepEqual(watch.cspViolations, []);
    } finally {
      await context.close();
      await server.close();
    }
  });
});

/** Waits until the route's view is defined, rendered, and no longer says it is loading. */
async function settled(page: Page, tag: string): Promise<void> {
  await page.waitForFunction(async (t) => {
    const el = document.querySelector('ct-app')?.shadowRoot?.querySelector(t) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    if (!el || !customElements.get(t)) return false;
    await el.updateComplete;
    return !/(Loading|Checking|Opening)[^.]{0,40}…/.test(el.shadowRoot?.textContent ?? '');
  }, tag);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

describe('every view in the built app', () => {
  it('axe finds no WCAG 2.1 A/AA violation on any route of ROUTES in light or dark; screenshots wide and narrow (screenshots/pwa/)', async () => {
    const server = await servePwa(distA);
    // bypassCSP only so the test can inject axe-core; the CSP itself is checked by the tests above.
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, viewport: { width: 1100, height: 900 } });
    const dir = new URL('../../screenshots/pwa/', import.meta.url).pathname;
    mkdirSync(dir, { recursive: true });
    try {
      const page = await openApp(context, server.url);
      const made = await createIdentityInUi(page, { org: 'Alpha Labs, Inc.', unit: 'Research', hosts: 'alpha.example, 127.0.0.1', recoverable: true });
      // The first visit installs the worker and says so once; dismiss it for the screenshots below.
      await page.getByText('Ready to work offline.').waitFor();
      await page.screenshot({ path: `${dir}toast-offline-ready.png` });
      await page.getByRole('button', { name: 'Dismiss' }).click();
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const failures: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const route of ROUTES) {
          const hash = route.path === 'identity' ? `#/identity/${encodeURIComponent(made.id)}` : `#/${route.path}`;
          await page.evaluate((h) => { location.hash = h; }, hash);
          await settled(page, route.tag);
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
            const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
            return r.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
          });
          failures.push(...violations.map((v) => `${scheme} #/${route.path}: ${v}`));
          await page.screenshot({ path: `${dir}${route.path}-${scheme}.png`, fullPage: true });
        }
        // The recovery choice of the create form, opened, with a recovery key made.
        await page.evaluate(() => { location.hash = '#/identities'; });
        await page.evaluate(() => { location.hash = '#/new'; });
        await settled(page, 'ct-create-identity-view');
        await page.getByRole('main').getByLabel(/Also keep an encrypted copy for recovery/).check();
        await page.getByRole('main').getByRole('button', { name: 'Make a new recovery key' }).click();
        await page.getByRole('main').locator('#recovery-secret').waitFor();
        const escrowViolations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return r.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
        });
        failures.push(...escrowViolations.map((v) => `${scheme} #/new (recoverable): ${v}`));
        await page.getByRole('main').locator('fieldset').last().screenshot({ path: `${dir}new-recoverable-${scheme}.png` });

        // Narrow window: the navigation behind its Menu button, closed and open.
        await page.setViewportSize({ width: 420, height: 860 });
        for (const path of ['identities', 'new', 'backup']) {
          await page.evaluate((h) => { location.hash = h; }, `#/${path}`);
          await settled(page, ROUTES.find((r) => r.path === path)!.tag);
          await page.screenshot({ path: `${dir}narrow-${path}-${scheme}.png`, fullPage: true });
        }
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.screenshot({ path: `${dir}narrow-menu-${scheme}.png` });
        await page.keyboard.press('Escape');
        await page.setViewportSize({ width: 1100, height: 900 });
      }
      assert.deepEqual(failures, []);
    } finally {
      await context.close();
      await server.close();
    }
  });
});
