// End to end against the production build: create a scoped PKI in the browser, issue a leaf from an
// openssl CSR, rotate with the page closed between (and during) steps, resume and roll back losing
// nothing, download the store file, let the real CLI renew a leaf with CI's identity, openssl-verify
// it, import CI's file back (merge), recover the root into a browser that lost its storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate, createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { serveDist, type ServedApp } from './support/serve.ts';
import { watchPageErrors } from './support/page-watch.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { openStoreKeys, readStoreFile } from '../../src/pki/index.ts';

let app: ServedApp;
let browser: Browser;
let dir: string;
const custody = { rootIdentity: '', ciIdentity: '', rootRecipient: '', ciRecipient: '' };
const root = new URL('../../', import.meta.url).pathname;

before(async () => {
  app = await serveDist();
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'crosstrust-hier-e2e-'));
  custody.rootIdentity = await generateIdentity();
  custody.ciIdentity = await generateIdentity();
  custody.rootRecipient = await identityToRecipient(custody.rootIdentity);
  custody.ciRecipient = await identityToRecipient(custody.ciIdentity);
});
after(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

function openssl(args: string[]): { status: number; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: r.status ?? -1, out: r.stdout + r.stderr };
}

const watchErrors = (page: Page, errors: string[]): void => { watchPageErrors(page, app.url, { into: errors }); };

/** A new page on the hierarchy view; its errors go to `errors`. */
async function openHierarchy(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto(`${app.url}#/hierarchy`);
  await page.getByRole('heading', { level: 1, name: 'Scoped PKI' }).waitFor();
  return page;
}

interface Stored {
  readonly doc: { revision: number; authorities: Array<{ id: string; status: string; certPem: string; keyId: string }>; keys: Array<{ id: string }>; leaves: Array<{ service: string; certPem: string; issuerId: string }>; operation?: { kind: string; step: string } };
  readonly keyIds: string[];
  readonly extractable: boolean[];
}

/** The environment document and its CryptoKeys as IndexedDB holds them. */
async function stored(page: Page): Promise<Stored> {
  // A string, so the test transpiler's helpers (esbuild's __name) never reach the page.
  return page.evaluate(`(async () => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('crosstrust'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const req = (store, fn) => new Promise((res, rej) => { const r = fn(db.transaction(store).objectStore(store)); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const rec = await req('documents', (s) => s.get('environment:prod'));
    const keys = (await req('keys', (s) => s.getAll())).filter((k) => k.id.startsWith('hierarchy:prod:'));
    db.close();
    return { doc: rec.data, keyIds: keys.map((k) => k.id.slice('hierarchy:prod:'.length)).sort(), extractable: keys.map((k) => k.key.extractable) };
  })()`) as Promise<Stored>;
}

/** Every key record has its CryptoKey and no CryptoKey is orphaned: the store holds one whole state. */
function assertWhole(s: Stored, label: string): void {
  assert.deepEqual(s.keyIds, s.doc.keys.map((k) => k.id).sort(), `${label}: keys match their records`);
  assert.ok(s.extractable.every((e) => e === false), `${label}: every key non-extractable`);
}

async function createEnvironment(page: Page): Promise<void> {
  await page.getByLabel('Base domain').fill('example.org');
  await page.getByLabel('Regions').fill('eu, us');
  await page.getByLabel('Offline root holder', { exact: true }).fill(custody.rootRecipient);
  await page.getByLabel('CI', { exact: true }).fill(custody.ciRecipient);
  await page.getByLabel('eu', { exact: true }).fill('eu.example.org');
  await page.getByLabel('us', { exact: true }).fill('us.example.org');
  await page.getByLabel(/Recoverable \(recommended\)/).check();
  await page.getByRole('button', { name: 'Create environment' }).click();
  await page.getByRole('heading', { level: 2, name: 'Hierarchy' }).waitFor();
}

async function issueFromCsr(page: Page, service: string, scope: string): Promise<string> {
  const key = join(dir, `${service}.key`);
  const csr = join(dir, `${service}.csr`);
  assert.equal(openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-subj', `/CN=${service}`, '-out', csr]).status, 0);
  const form = page.getByRole('form', { name: 'Issue a leaf' });
  await form.getByLabel('Scope', { exact: true }).selectOption(scope);
  await form.getByLabel('Service', { exact: true }).fill(service);
  await form.getByLabel('DNS names').fill(`${service}.${scope}.example.org`);
  await form.getByLabel('Certificate request (PEM)').fill(await readFile(csr, 'utf8'));
  await form.getByRole('button', { name: 'Read request' }).click();
  await form.locator('[data-testid=request]').getByText(`a request for ${service}`, { exact: false }).waitFor();
  await form.getByRole('button', { name: 'Issue leaf' }).click();
  await page.getByRole('heading', { name: 'Issued certificate' }).waitFor();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${scope}-${service}.crt` }).click()]);
  return readFile((await dl.path())!, 'utf8');
}

async function downloadText(page: Page, button: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFile((await dl.path())!, 'utf8');
}

const currentStep = (page: Page) => page.locator('ct-hierarchy-view ol.steps li.current');

test('create, issue a leaf, rotate with the page closed between and during steps, resume and roll back losing nothing', async () => {
  const context = await newContext(browser);
  const errors: string[] = [];
  let page = await openHierarchy(context, errors);
  await createEnvironment(page);
  const chain = await issueFromCsr(page, 'shop', 'eu');
  const leaf = chain.split(/(?<=-----END CERTIFICATE-----\n)/)[0]!;
  assert.match(new X509Certificate(leaf).subjectAltName ?? '', /URI:spiffe:\/\/example\.org\/prod\/eu\/shop/);
  // The fingerprint the page shows is the certificate's.
  const shown = (await page.locator('ct-hierarchy-view ct-fingerprint code').first().innerText()).replace(/\s+/g, '');
  assert.equal(shown, createHash('sha256').update(new X509Certificate(leaf).raw).digest('hex').toUpperCase());
  await page.getByText('Trust bundles per scope').click();
  const bundle = await downloadText(page, 'Download eu servers bundle');
  await writeFile(join(dir, 'eu-servers.pem'), bundle);
  await writeFile(join(dir, 'shop.pem'), leaf);
  const v = openssl(['verify', '-partial_chain', '-purpose', 'sslserver', '-CAfile', join(dir, 'eu-servers.pem'), join(dir, 'shop.pem')]);
  assert.equal(v.status, 0, v.out);

  const before = await stored(page);
  assertWhole(before, 'created');

  // Root rotation, step 1, then the page is closed.
  await page.getByRole('button', { name: 'Start root rotation' }).click();
  await currentStep(page).filter({ hasText: 'Mint a new intermediate for every scope' }).waitFor();
  await page.close();

  // Reopened: the rotation is where it was. Run the next step and close the page while it signs.
  page = await openHierarchy(context, errors);
  await page.getByText('Rotating the root.').waitFor();
  await currentStep(page).filter({ hasText: 'Mint a new intermediate' }).waitFor();
  await page.getByRole('button', { name: 'Run next step' }).click();
  await page.close({ runBeforeUnload: false });

  // Whatever the close interrupted, the store holds either the old or the new step, whole.
  page = await openHierarchy(context, errors);
  await page.getByText('Rotating the root.').waitFor();
  let s = await stored(page);
  assertWhole(s, 'after a close during a step');
  assert.ok(['mint-intermediates', 'publish'].includes(s.doc.operation!.step), s.doc.operation!.step);
  if (s.doc.operation!.step === 'mint-intermediates') {
    await page.getByRole('button', { name: 'Run next step' }).click();
    await currentStep(page).filter({ hasText: 'Publish' }).waitFor();
    await page.close();
    page = await openHierarchy(context, errors);
  }
  await currentStep(page).filter({ hasText: 'Publish' }).waitFor();
  s = await stored(page);
  assert.equal(s.doc.authorities.filter((a) => a.status === 'pending').length, 4, 'a pending root and three pending intermediates');

  // Roll back (confirmed): exactly the state before the rotation, and its keys still sign.
  await page.getByRole('button', { name: 'Roll back…' }).click();
  await page.getByRole('dialog', { name: 'Roll back this rotation?' }).getByRole('button', { name: 'Roll back' }).click();
  await page.getByText('Rotation rolled back').first().waitFor();
  const rolled = await stored(page);
  assertWhole(rolled, 'rolled back');
  assert.deepEqual(rolled.doc.authorities, before.doc.authorities);
  assert.deepEqual(rolled.doc.leaves, before.doc.leaves);
  assert.deepEqual(rolled.keyIds, before.keyIds);
  await issueFromCsr(page, 'mail', 'us');

  // Rotate again to the end, closing the page between every step.
  for (const [button, next] of [['Start root rotation', 'Mint a new intermediate'], ['Run next step', 'Publish'], ['Run next step', 'Renew leaves under the new root']] as const) {
    await page.getByRole('button', { name: button }).click();
    await currentStep(page).filter({ hasText: next }).waitFor();
    await page.close();
    page = await openHierarchy(context, errors);
    await currentStep(page).filter({ hasText: next }).waitFor();
  }
  // Overlap: both roots are drawn; finalize is confirmed and refused while leaves are outstanding.
  await page.locator('ct-hierarchy-tree [data-authority=root-r1]').waitFor();
  await page.locator('ct-hierarchy-tree [data-authority=root-r2]').waitFor();
  await page.getByRole('button', { name: 'Finalize…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Finalize the root rotation?' });
  await dialog.getByText('never imported here').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Finalize…' }).click();
  await dialog.getByRole('button', { name: 'Finalize and delete the old root' }).click();
  await page.getByRole('alert').getByText('HIER_LEAVES_OUTSTANDING').waitFor();
  assert.equal((await stored(page)).doc.operation?.step, 'finalize', 'refused, nothing changed');
  await page.getByRole('button', { name: 'Renew leaves under the old root' }).click();
  await page.getByRole('heading', { name: '2 renewed certificates' }).waitFor();
  await page.close();
  page = await openHierarchy(context, errors);
  await page.getByRole('button', { name: 'Finalize…' }).click();
  await page.getByRole('dialog', { name: 'Finalize the root rotation?' }).getByRole('button', { name: 'Finalize and delete the old root' }).click();
  await page.getByText('Root rotation finished').first().waitFor();
  const done = await stored(page);
  assertWhole(done, 'finalized');
  assert.deepEqual(done.doc.authorities.map((a) => a.id).sort(), ['int-eu-i2', 'int-global-i2', 'int-us-i2', 'root-r2']);
  assert.deepEqual(done.doc.leaves.map((l) => `${l.service}:${l.issuerId}`).sort(), ['mail:int-us-i2', 'shop:int-eu-i2']);
  assert.equal(await page.locator('ct-hierarchy-tree [data-authority=root-r1]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the store file the browser downloads goes to the CLI, which renews a leaf openssl accepts; the file comes back merged; a browser that lost its storage recovers the root', async () => {
  const context = await newContext(browser);
  const errors: string[] = [];
  const page = await openHierarchy(context, errors);
  await createEnvironment(page);
  await issueFromCsr(page, 'shop', 'eu');
  const storeText = await downloadText(page, 'Download prod.pki.yaml');
  const store = join(dir, 'prod.pki.yaml');
  await writeFile(store, storeText);
  const doc = readStoreFile(storeText);
  const ring = await openStoreKeys(doc, [custody.ciIdentity]);
  for (const a of doc.authorities) assert.equal(ring.has(a.keyId), a.role === 'intermediate', `${a.id}: CI opens intermediates only`);
  assert.ok((await openStoreKeys(doc, [custody.rootIdentity])).has('key-root-r1'), 'the offline root identity opens the escrowed root');

  // CI: the real CLI, with the identity in the environment. notBefore has whole-second precision and the
  // merge keeps this browser's leaf on a tie, so let the clock pass the second the browser issued in.
  await new Promise((r) => setTimeout(r, 1100));
  const out = join(dir, 'ci-out');
  const r = spawnSync(process.execPath, [join(root, 'bin/crosstrust.mjs'), 'pki', 'renew', '--store', store, '--within', '100', '--new-keys', '--out', out], {
    encoding: 'utf8', env: { ...process.env, CROSSTRUST_AGE_IDENTITY: custody.ciIdentity },
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /renewed spiffe:\/\/example\.org\/prod\/eu\/shop/);
  const renewed = (await readFile(join(out, 'eu-shop.crt'), 'utf8')).split(/(?<=-----END CERTIFICATE-----\n)/);
  await writeFile(join(dir, 'renewed.pem'), renewed[0]!);
  await writeFile(join(dir, 'renewed-int.pem'), renewed[1]!);
  await page.getByText('Authority certificates to hand out').click();
  await writeFile(join(dir, 'root.pem'), await downloadText(page, 'Download root-r1 certificate'));
  const v1 = openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', join(dir, 'root.pem'), '-untrusted', join(dir, 'renewed-int.pem'), join(dir, 'renewed.pem')]);
  assert.equal(v1.status, 0, v1.out);
  await page.getByText('Trust bundles per scope').click();
  await writeFile(join(dir, 'eu-clients.pem'), await downloadText(page, 'Download eu clients bundle'));
  const v2 = openssl(['verify', '-partial_chain', '-purpose', 'sslclient', '-CAfile', join(dir, 'eu-clients.pem'), join(dir, 'renewed.pem')]);
  assert.equal(v2.status, 0, v2.out);
  const pub = (args: string[]) => openssl(args).out;
  assert.equal(pub(['x509', '-in', join(dir, 'renewed.pem'), '-noout', '-pubkey']), pub(['pkey', '-in', join(out, 'eu-shop.key'), '-pubout']));

  // Back in the browser: import CI's file; the renewed leaf replaces ours, shown with its fingerprint.
  await page.getByLabel('Store file (.yaml)').setInputFiles(store);
  await page.getByText('Ready to import: prod.pki.yaml').waitFor();
  await page.getByRole('button', { name: 'Import store file' }).click();
  await page.getByText(/Merged revision \d+: 0 leaves added, 1 renewed/).first().waitFor();
  const fp = createHash('sha256').update(new X509Certificate(renewed[0]!).raw).digest('hex').toUpperCase().match(/.{4}/g)!.join(' ');
  await page.getByRole('cell', { name: fp }).waitFor();
  await page.getByText(/Last imported: .*file revision/).waitFor();

  // A browser that lost its storage: import the file with the offline root identity and sign again.
  const fresh = await newContext(browser);
  const p2 = await openHierarchy(fresh, errors);
  await p2.getByLabel('Store file (.yaml)').setInputFiles(store);
  await p2.getByText('Ready to import: prod.pki.yaml').waitFor();
  await p2.getByText('Also load keys with an age identity').click();
  await p2.getByLabel('Age identity (AGE-SECRET-KEY-1…)').fill(`# offline root\n${custody.rootIdentity}\n`);
  await p2.getByRole('button', { name: 'Import store file' }).click();
  await p2.getByText(/Environment prod imported with 1 leaf\. 1 key loaded \(key-root-r1\)/).first().waitFor();
  for (const field of await p2.locator('ct-hierarchy-view textarea.secret').all()) assert.equal(await field.inputValue(), '', 'no identity is left in the page');
  const s = await stored(p2);
  assert.deepEqual(s.keyIds, ['key-root-r1']);
  assert.ok(s.extractable.every((e) => !e));
  await p2.getByRole('button', { name: 'Rotate eu intermediate' }).click();
  await currentStep(p2).filter({ hasText: 'Publish' }).waitFor();
  await p2.getByRole('button', { name: 'Run next step' }).click();
  await p2.getByText('Rotation step done.').first().waitFor();
  assert.equal((await stored(p2)).doc.authorities.find((a) => a.id === 'int-eu-i2')?.status, 'active');
  assert.deepEqual(errors, []);
  await fresh.close();
  await context.close();
});

test('screenshots of the scoped PKI view in light and dark (screenshots/)', async () => {
  const shots = new URL('../../screenshots/', import.meta.url).pathname;
  await mkdir(shots, { recursive: true });
  const context = await newContext(browser);
  const errors: string[] = [];
  const page = await openHierarchy(context, errors);
  /** The whole page, and (readable at full size) the cards named in `cards` by their heading ids. */
  const shoot = async (name: string, cards: string[] = []): Promise<void> => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${shots}hierarchy-${name}-${scheme}.png`, fullPage: true });
      for (const id of cards) await page.locator(`ct-hierarchy-view section[aria-labelledby="${id}"]`).screenshot({ path: `${shots}hierarchy-${name}-${id}-${scheme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  await page.getByLabel('Regions').fill('eu, us');
  await page.getByLabel(/This browser only/).check();
  await page.getByText('No way back.').waitFor();
  await shoot('new');
  await page.getByLabel(/Recoverable \(recommended\)/).check();
  await createEnvironment(page);
  await issueFromCsr(page, 'shop', 'eu');
  await issueFromCsr(page, 'api', 'us');
  await shoot('environment', ['sum-h', 'tree-h', 'leaves-h', 'issued-h']);
  await page.getByRole('button', { name: 'Start root rotation' }).click();
  await currentStep(page).filter({ hasText: 'Mint a new intermediate' }).waitFor();
  await page.getByRole('button', { name: 'Run next step' }).click();
  await currentStep(page).filter({ hasText: 'Publish' }).waitFor();
  await page.getByRole('button', { name: 'Run next step' }).click();
  await currentStep(page).filter({ hasText: 'Renew leaves' }).waitFor();
  await shoot('overlap', ['tree-h', 'rot-h']);
  await page.getByRole('button', { name: 'Finalize…' }).click();
  await page.getByRole('dialog').waitFor();
  await shoot('finalize-dialog');
  await page.keyboard.press('Escape');
  await writeFile(join(dir, 'bad.yaml'), 'version: 1\nrevision: "x"\n');
  await page.getByLabel('Store file (.yaml)').setInputFiles(join(dir, 'bad.yaml'));
  await page.getByText('Ready to import: bad.yaml').waitFor();
  await page.getByRole('button', { name: 'Import store file' }).click();
  await page.getByRole('alert').filter({ hasText: 'Not done.' }).waitFor();
  await shoot('import-refused', ['imp-h']);
  // A request read and shown before it is signed; the store file as an animated QR code for an air gap.
  const form = page.getByRole('form', { name: 'Issue a leaf' });
  assert.equal(openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'web.key'), '-subj', '/CN=web', '-out', join(dir, 'web.csr')]).status, 0);
  await form.getByLabel('Certificate request (PEM)').fill(await readFile(join(dir, 'web.csr'), 'utf8'));
  await form.getByRole('button', { name: 'Read request' }).click();
  await form.locator('[data-testid=request]').getByText('a request for web', { exact: false }).waitFor();
  await shoot('request-read', ['issue-h']);
  await page.getByText('Trust bundles per scope').click();
  await page.getByText('Authority certificates to hand out').click();
  await shoot('shared', ['sf-h', 'det-h']);
  await page.getByRole('button', { name: 'Show store file as QR code' }).click();
  const qr = page.getByRole('dialog', { name: 'Store file as QR code' });
  await qr.locator('canvas').waitFor();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await qr.screenshot({ path: `${shots}hierarchy-store-file-qr-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  assert.deepEqual(errors, []);
  await context.close();
});
