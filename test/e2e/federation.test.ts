// End to end against the production build (its CSP and Trusted Types): create an identity, compose a
// trust bundle from its CA and a partner's CA (fingerprint confirmed first), export PEM that
// `openssl verify` accepts, sign a SPIFFE export, import a partner's signed bundle with a diff and
// per-entry accept; bad imports are refused and leave IndexedDB byte for byte as it was. axe check
// and light/dark screenshots (screenshots/federation-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { serveDist, type ServedApp } from './support/serve.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { watchContext } from './support/page-watch.ts';
import { DAY_MS, signDetached, toPem, utf8, verifyJws } from '../../src/pki/index.ts';
import { makeCa, makeLeaf, type TestCa } from '../pki/federation/make-certs.ts';

let app: ServedApp;
let browser: Browser;
let partner: TestCa;
let partner2: TestCa;
let partnerId: { der: Uint8Array; keys: CryptoKeyPair };
let stranger: TestCa;
const now = Date.now();

before(async () => {
  app = await serveDist();
  browser = await launchBrowser();
  partner = await makeCa('Beta Root', { fromMs: now - DAY_MS });
  partner2 = await makeCa('Beta Root 2027', { fromMs: now - DAY_MS, days: 730 });
  partnerId = await makeLeaf(partner, 'Beta Signing');
  stranger = await makeCa('Stranger Root', { fromMs: now - DAY_MS });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function createIdentity(page: Page): Promise<void> {
  await page.goto(`${app.url}#/new`);
  await page.getByLabel('Organisation', { exact: true }).fill('Alpha Labs');
  await page.getByLabel('Unit', { exact: true }).fill('Research');
  await page.getByLabel('Hosts').fill('alpha.example');
  await page.getByRole('button', { name: 'Create identity' }).click();
  await page.waitForURL(/#\/identity\/.+/);
}

/** Everything the app stores, as JSON (bytes as hex), to prove a refusal changed nothing. */
async function storeDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('crosstrust');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const out: Record<string, unknown> = {};
    for (const name of [...db.objectStoreNames]) {
      if (name === 'keys') continue; // CryptoKeys do not serialise; their count is checked via identities
      out[name] = await new Promise((res, rej) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    }
    db.close();
    return JSON.stringify(out, (_k, v: unknown) => (v instanceof Uint8Array ? [...v].map((b) => b.toString(16).padStart(2, '0')).join('') : v));
  });
}

async function composeThroughUi(page: Page): Promise<void> {
  await createIdentity(page);
  await page.getByRole('link', { name: 'Trust bundles' }).click();
  await page.getByLabel('Bundle name').fill('partners');
  await page.getByLabel('SPIFFE trust domain').fill('alpha.example');
  await page.getByRole('button', { name: 'Create bundle' }).click();
  await page.getByRole('heading', { name: 'partners: roots' }).waitFor();

  // Our own CA is offered from the store; adding it needs no fingerprint comparison.
  await page.getByRole('checkbox', { name: 'Add Alpha Labs / Research' }).check();
  await page.getByRole('button', { name: 'Add 1 root to the bundle' }).click();
  await page.getByRole('status').filter({ hasText: 'Added 1 root to partners.' }).waitFor();

  // A partner's CA by paste: offered selected, but not added until its fingerprint is confirmed.
  await page.getByLabel('Or paste certificates').fill(toPem('CERTIFICATE', partner.der));
  await page.getByRole('button', { name: 'Read certificates' }).click();
  await page.getByText('Confirm the fingerprint of Beta Root before adding.').waitFor();
  const add = page.getByRole('button', { name: 'Add 1 root to the bundle' });
  assert.equal(await add.isDisabled(), true, 'an unconfirmed partner root cannot be added');
  await page.getByRole('row', { name: /Beta Root/ }).getByRole('checkbox', { name: 'I compared this fingerprint with its owner' }).check();
  await page.getByLabel('Who confirmed the fingerprints').fill('Ann Lee, by phone');
  await add.click();
  await page.getByRole('status').filter({ hasText: 'Added 1 root to partners.' }).waitFor();
  await page.getByText('fingerprint confirmed by Ann Lee, by phone').waitFor();
}

test('compose from held and pasted CAs, export PEM for openssl, sign SPIFFE, import a signed partner bundle', async () => {
  const context = await newContext(browser);
  const watch = watchContext(context);
  const page = await context.newPage();
  await composeThroughUi(page);

  // Export PEM: openssl verifies a certificate the partner issued against it.
  const [pemDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PEM bundle' }).click()]);
  assert.equal(pemDl.suggestedFilename(), 'partners.federated.pem');
  const dir = await mkdtemp(join(tmpdir(), 'ct-fed-'));
  const pemPath = join(dir, 'bundle.pem');
  await writeFile(pemPath, await readFile((await pemDl.path())!));
  const leafPath = join(dir, 'leaf.pem');
  await writeFile(leafPath, toPem('CERTIFICATE', partnerId.der));
  assert.match(execFileSync('openssl', ['verify', '-CAfile', pemPath, leafPath], { encoding: 'utf8' }), /leaf.pem: OK/);
  assert.equal((await readFile(pemPath, 'utf8')).match(/BEGIN CERTIFICATE/g)?.length, 2);

  // SPIFFE, signed as JWS with our identity: the JWS verifies and carries our identity certificate.
  await page.getByRole('radio', { name: 'SPIFFE trust bundle' }).check();
  await page.getByLabel('Sign as').selectOption({ label: 'Alpha Labs / Research' });
  await page.getByRole('button', { name: 'Sign export' }).click();
  const jwsButton = page.getByRole('button', { name: 'Download Signed SPIFFE bundle for alpha.example (JWS)' });
  await jwsButton.waitFor();
  const [jwsDl] = await Promise.all([page.waitForEvent('download'), jwsButton.click()]);
  const jws = (await readFile((await jwsDl.path())!, 'utf8')).trim();
  const verified = await verifyJws(jws, { atMs: Date.now() });
  const doc = JSON.parse(utf8.decode(verified.payload)) as { keys: Array<{ x5c: string[] }>; spiffe_sequence: number };
  assert.equal(doc.keys.length, 2);
  assert.equal(verified.signer.displayName, 'Alpha Labs / Research');

  // A partner's bundle, signed by the partner's identity (issued by the partner CA we hold, confirmed).
  const incoming = toPem('CERTIFICATE', partner.der) + toPem('CERTIFICATE', partner2.der);
  const signature = await signDetached({ key: partnerId.keys.privateKey, certDer: partnerId.der }, utf8.encode(incoming));
  const bundleFile = join(dir, 'beta.pem');
  const sigFile = join(dir, 'beta.pem.sig.json');
  await writeFile(bundleFile, incoming);
  await writeFile(sigFile, signature);
  const importCard = page.getByRole('region', { name: 'Import a partner’s bundle' });
  await importCard.getByLabel('Choose files or drop them here').setInputFiles([bundleFile, sigFile]);
  await importCard.getByText('Signed by Beta Signing').waitFor();
  await importCard.getByText('whom you trust through Beta Root').waitFor();
  const rows = importCard.getByRole('table', { name: 'Changes' }).getByRole('row');
  assert.equal(await rows.count(), 1 + 1, 'header + the new root (our own CA is never proposed as gone)');
  await importCard.getByRole('checkbox', { name: 'Accept: New Beta Root 2027' }).check();
  await importCard.getByRole('button', { name: 'Accept 1 change' }).click();
  await page.getByRole('status').filter({ hasText: 'Accepted 1 change from beta.pem.' }).waitFor();
  await page.getByRole('region', { name: 'partners: roots' }).getByText('Beta Root 2027').first().waitFor();
  await page.getByText('fingerprint confirmed by signature of Beta Signing').waitFor();

  assert.deepEqual(watch.cspViolations, []);
  assert.deepEqual(watch.consoleErrors, []);
  assert.deepEqual(watch.foreign(new URL(app.url).origin), []);
  await context.close();
});

test('bad imports are refused with a specific sentence and change nothing stored', async () => {
  const context = await newContext(browser);
  const watch = watchContext(context);
  const page = await context.newPage();
  await composeThroughUi(page);
  const importCard = page.getByRole('region', { name: 'Import a partner’s bundle' });
  const dir = await mkdtemp(join(tmpdir(), 'ct-fed-bad-'));
  const incoming = toPem('CERTIFICATE', partner2.der);
  const goodSig = await signDetached({ key: partnerId.keys.privateKey, certDer: partnerId.der }, utf8.encode(incoming));
  const strangerId = await makeLeaf(stranger, 'Stranger Signing');
  const cases: Array<{ name: string; files: Array<[string, string]>; want: RegExp }> = [
    { name: 'tampered bundle', files: [['b.pem', toPem('CERTIFICATE', stranger.der)], ['b.pem.sig.json', goodSig]], want: /BUNDLE_SIGNATURE_INVALID/ },
    { name: 'untrusted signer', files: [['c.pem', incoming], ['c.pem.sig.json', await signDetached({ key: strangerId.keys.privateKey, certDer: strangerId.der }, utf8.encode(incoming))]], want: /BUNDLE_SIGNER_UNTRUSTED/ },
    { name: 'leaf in a bundle', files: [['d.pem', incoming + toPem('CERTIFICATE', partnerId.der)]], want: /not a CA.*BUNDLE_LEAF_CERTIFICATE/ },
    { name: 'truncated PEM', files: [['e.pem', incoming.slice(0, 300)]], want: /cut off.*BUNDLE_TRUNCATED/ },
    { name: 'not a bundle', files: [['f.json', '{"hello":"world"}']], want: /BUNDLE_UNRECOGNISED/ },
  ];
  const before = await storeDump(page);
  for (const c of cases) {
    const paths = await Promise.all(c.files.map(async ([n, text]) => { const p = join(dir, n); await writeFile(p, text); return p; }));
    await importCard.getByLabel('Choose files or drop them here').setInputFiles(paths);
    await importCard.getByRole('alert').filter({ hasText: c.want }).waitFor();
    assert.equal(await importCard.getByRole('button', { name: /^Accept/ }).count(), 0, `${c.name}: nothing to accept`);
    // Clear both slots before the next case.
    for (const which of ['Remove bundle', 'Remove signature']) {
      const b = importCard.getByRole('button', { name: which });
      if (await b.count()) await b.click();
    }
  }
  // Requiring a signature refuses an unsigned bundle.
  await importCard.getByLabel('Refuse bundles that are not signed').check();
  await importCard.getByLabel('Or paste a bundle or signature').fill(incoming);
  await importCard.getByRole('button', { name: 'Read pasted text' }).click();
  await importCard.getByRole('alert').filter({ hasText: /BUNDLE_SIGNATURE_REQUIRED/ }).waitFor();
  assert.equal(await storeDump(page), before, 'IndexedDB is unchanged after every refusal');
  assert.deepEqual(watch.cspViolations, []);
  await context.close();
});

test('federation view: axe finds no WCAG A/AA violation; screenshots in light and dark', async () => {
  const dir = new URL('../../screenshots/', import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  const context = await newContext(browser);
  const page = await context.newPage();
  await composeThroughUi(page);
  await page.getByLabel('Or paste certificates').fill(toPem('CERTIFICATE', stranger.der));
  await page.getByRole('button', { name: 'Read certificates' }).click();
  const importCard = page.getByRole('region', { name: 'Import a partner’s bundle' });
  await importCard.getByLabel('Or paste a bundle or signature').fill(toPem('CERTIFICATE', partner.der) + toPem('CERTIFICATE', partner2.der));
  await importCard.getByRole('button', { name: 'Read pasted text' }).click();
  await importCard.getByRole('table', { name: 'Changes' }).waitFor();

  const axe = await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate(axe);
    const violations = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
      return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`);
    });
    assert.deepEqual(violations, [], scheme);
    await page.screenshot({ path: `${dir}federation-${scheme}.png`, fullPage: true });
  }
  // The QR dialog of an export.
  await page.getByRole('button', { name: 'Show PEM bundle as QR code' }).click();
  const dialog = page.getByRole('dialog', { name: 'PEM bundle as QR code' });
  await dialog.waitFor();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${dir}federation-qr-${scheme}.png` });
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await context.close();
});
