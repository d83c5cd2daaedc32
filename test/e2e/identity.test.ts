// End to end against the production build: create an identity, reload, prove the stored private keys
// are non-extractable, export it, and compare the downloaded file with what the screen shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { X509Certificate, createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { serveDist, type ServedApp } from './support/serve.ts';
import { watchPageErrors } from './support/page-watch.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { ED25519_CSR_PEM } from '../pki/fixtures/openssl-inputs.ts';

let app: ServedApp;
let browser: Browser;

before(async () => {
  app = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const watchErrors = (page: Page): string[] => watchPageErrors(page, app.url, { httpErrors: true });

async function createIdentityThroughUi(page: Page): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Create your first identity' }).click();
  await page.getByLabel('Organisation', { exact: true }).fill('Alpha Labs, Inc.');
  await page.getByLabel('Unit', { exact: true }).fill('Research');
  await page.getByLabel('Hosts').fill('localhost, 127.0.0.1');
  await page.getByRole('button', { name: 'Create identity' }).click();
  await page.waitForURL(/#\/identity\/.+/);
  await page.getByRole('heading', { level: 1, name: 'Alpha Labs, Inc. / Research' }).waitFor();
}

test('create an identity, reload, keys stay non-extractable, export matches the screen', async () => {
  const context = await newContext(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url.replace(/\/$/, '') });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await createIdentityThroughUi(page);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Alpha Labs, Inc. / Research' }).waitFor();

  // Every stored private key, read straight from IndexedDB after the reload, refuses export.
  const keys = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('crosstrust');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = await new Promise<Array<{ id: string; key: CryptoKey }>>((res, rej) => {
      const r = db.transaction('keys').objectStore('keys').getAll();
      r.onsuccess = () => res(r.result as Array<{ id: string; key: CryptoKey }>);
      r.onerror = () => rej(r.error);
    });
    const out = [];
    for (const rec of all) {
      const refused: string[] = [];
      for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
        try {
          await crypto.subtle.exportKey(format, rec.key);
        } catch (e) {
          refused.push(`${format}:${(e as DOMException).name}`);
        }
      }
      out.push({ id: rec.id, type: rec.key.type, extractable: rec.key.extractable, refused });
    }
    db.close();
    return out;
  });
  assert.equal(keys.length, 2, 'a CA key and an identity key');
  for (const k of keys) {
    assert.equal(k.type, 'private');
    assert.equal(k.extractable, false);
    assert.deepEqual(k.refused.map((r) => r.split(':')[0]), ['pkcs8', 'jwk', 'raw'], `${k.id}: every export refused`);
  }

  // What the screen shows.
  const shownFingerprint = (await page.locator('[data-testid=fingerprint] code').innerText()).replace(/\s+/g, ' ').trim();
  const shownB64 = (await page.locator('[data-testid=ident-b64]').inputValue()).trim();
  assert.match(shownFingerprint, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);

  // Download the certified get-ident file.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .b64' }).click()]);
  assert.equal(dl.suggestedFilename(), 'Alpha-Labs-Inc.-Research.ident.b64');
  const file = await readFile((await dl.path())!, 'utf8');
  assert.match(file, /^[A-Za-z0-9_-]+=*\n$/, 'one URL-safe base64 line with padding and a newline, as certified get-ident');
  assert.equal(file, `${shownB64}\n`);
  const der = Buffer.from(file.trim(), 'base64url');
  const fpHex = createHash('sha256').update(der).digest('hex').toUpperCase();
  assert.equal(fpHex.match(/.{4}/g)!.join(' '), shownFingerprint);
  const x509 = new X509Certificate(der);
  assert.equal(x509.fingerprint256, fpHex.match(/../g)!.join(':'));
  assert.equal(x509.subject, 'O=Alpha Labs\\, Inc.\nOU=Research');
  assert.match(x509.subjectAltName ?? '', /DNS:localhost/);

  // PEM download is the same certificate.
  const [pemDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .pem' }).click()]);
  const pem = await readFile((await pemDl.path())!, 'utf8');
  assert.equal(new X509Certificate(pem).fingerprint256, x509.fingerprint256);

  // Copy puts the same line on the clipboard and says so in the live region.
  await page.getByRole('button', { name: 'Copy base64' }).click();
  await page.getByRole('status').filter({ hasText: 'Identity base64 copied.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shownB64);

  // The audit log lists the two signatures.
  assert.equal(await page.getByRole('row').filter({ hasText: 'Signed the' }).count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('rename, delete behind a confirmation dialog, bad import refused without changing storage', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await createIdentityThroughUi(page);
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('New label').fill('Alpha main');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: 'Alpha main' }).waitFor();

  // A truncated paste is refused with its sentence; the identity list is unchanged.
  await page.getByRole('link', { name: 'Import & inspect' }).click();
  const b64 = 'MIIBnzCCAVGgAwIBAgIUVgaOsSGAcd8Q7yfSBpuJEGXZ6fIwBQYDK2VwMEwxGTAXBgNVBAoMEEFscGhh';
  await page.getByLabel('Or paste text').fill(b64);
  await page.getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('main').getByText('The data ends too early').waitFor();
  await page.getByRole('main').getByText('INPUT_TRUNCATED').waitFor();
  await page.getByRole('status').filter({ hasText: 'Not accepted.' }).waitFor();
  // A CSR loads the lazily split @peculiar/x509 adapter from the build and checks the signature.
  await page.getByLabel('Or paste text').fill(ED25519_CSR_PEM);
  await page.getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('main').getByText('Verifies (the requester holds the key)').waitFor();
  await page.getByRole('main').getByText('DNS: delta.example, IP: 10.0.0.1, Email: ops@delta.example').waitFor();

  await page.getByRole('link', { name: 'Identities' }).click();
  await page.getByRole('link', { name: /Alpha main/ }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: /Delete/ });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Delete…' }).click();
  await dialog.getByRole('button', { name: 'Delete identity' }).click();
  await page.waitForURL(/#\/identities$/);
  await page.getByText('No identities yet').waitFor();
  const keyCount = await page.evaluate(
    () =>
      new Promise<number>((res) => {
        const r = indexedDB.open('crosstrust');
        r.onsuccess = () => {
          const c = r.result.transaction('keys').objectStore('keys').count();
          c.onsuccess = () => { res(c.result); r.result.close(); };
        };
      }),
  );
  assert.equal(keyCount, 0, 'deleting an identity deletes its private keys');
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots of every view in light and dark (screenshots/)', async () => {
  const dir = new URL('../../screenshots/', import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const shots: Array<[string, () => Promise<void>]> = [
    ['identities-empty', async () => { await page.goto(app.url); await page.getByText('No identities yet').waitFor(); }],
    ['new-identity-errors', async () => {
      await page.goto(`${app.url}#/new`);
      await page.getByRole('button', { name: 'Create identity' }).click();
      await page.getByText('Enter the organisation’s name.').waitFor();
    }],
    ['identity-detail', async () => { await createIdentityThroughUi(page); }],
    ['identities-list', async () => { await page.goto(`${app.url}#/identities`); await page.getByRole('link', { name: /Alpha Labs/ }).waitFor(); }],
    ['inspect', async () => {
      await page.goto(`${app.url}#/inspect`);
      await page.getByLabel('Or paste text').fill(await readFile(new URL('../../../shared/fixtures/certified/exchanges/intro.alpha-signs-beta.services.json', import.meta.url), 'utf8'));
      await page.getByRole('button', { name: 'Inspect' }).click();
      await page.getByText('Pasted text: found 1 item').waitFor();
    }],
    ['inspect-refused', async () => {
      await page.getByLabel('Or paste text').fill('-----BEGIN CERTIFICATE-----\nMIIB\n');
      await page.getByRole('button', { name: 'Inspect' }).click();
      await page.getByRole('main').getByText('Not accepted.', { exact: true }).waitFor();
    }],
    ['storage', async () => { await page.goto(`${app.url}#/storage`); await page.getByText('Persistence').waitFor(); }],
  ];
  for (const [name, go] of shots) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      if (scheme === 'light') await go();
      await page.screenshot({ path: `${dir}${name}-${scheme}.png`, fullPage: true });
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});
