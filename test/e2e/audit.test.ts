// End to end against the production build: create an identity and a scoped PKI through the UI, then
// read the audit log as a user would — every signature with its key and the SHA-256 of what was made
// (checked against the downloaded certificates with Node's own hashing), the copy button puts that
// hash on the clipboard, the JSON-lines download holds what is shown — and screenshots in light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { X509Certificate, createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { serveDist, type ServedApp } from './support/serve.ts';
import { watchPageErrors } from './support/page-watch.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { createIdentityInUi } from './support/app-flows.ts';

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

const watchErrors = (page: Page): string[] => watchPageErrors(page, app.url);

const sha256 = (der: Buffer): string => createHash('sha256').update(der).digest('hex');

/** An identity and a two-tier environment `prod` (global, eu), both made through the UI. */
async function seedThroughUi(page: Page): Promise<{ caSha: string; idSha: string }> {
  await page.goto(app.url);
  await createIdentityInUi(page, { org: 'Alpha Labs', unit: 'Research', hosts: 'localhost' });
  const main = page.getByRole('main');
  const [caDl] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Download CA certificate' }).click()]);
  const [idDl] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Download .pem' }).click()]);
  const caSha = sha256(new X509Certificate(await readFile((await caDl.path())!)).raw);
  const idSha = sha256(new X509Certificate(await readFile((await idDl.path())!)).raw);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scoped PKI' }).click();
  await main.getByLabel('Base domain').fill('example.org');
  await main.getByLabel('Regions').fill('eu');
  await main.getByLabel('Offline root holder', { exact: true }).fill(await identityToRecipient(await generateIdentity()));
  await main.getByLabel('CI', { exact: true }).fill(await identityToRecipient(await generateIdentity()));
  await main.getByLabel(/Recoverable \(recommended\)/).check();
  await main.getByRole('button', { name: 'Create environment' }).click();
  await main.getByRole('heading', { level: 2, name: 'Hierarchy' }).waitFor();
  return { caSha, idSha };
}

test('the audit log names every signature, its key and the SHA-256 of what it made; copy and JSON lines match', async () => {
  const context = await newContext(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url.replace(/\/$/, '') });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const { caSha, idSha } = await seedThroughUi(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  const table = main.getByRole('table', { name: 'Audit entries, newest first' });
  await table.getByRole('row').nth(7).waitFor(); // header + 7 entries
  assert.equal(await table.getByRole('row').count(), 8);
  const rows = table.getByRole('row');
  assert.match(await rows.nth(1).innerText(), /Signed the intermediate certificate int-eu-i1/, 'newest first (written last in its step)');
  assert.match(await rows.nth(4).innerText(), /Created environment prod/);
  assert.match(await rows.nth(7).innerText(), /Identity created/);

  // The identity's two signatures carry the hashes of the certificates we downloaded.
  const caRow = rows.filter({ hasText: 'Signed the CA certificate (self-signed)' });
  const grouped = (hex: string): string => hex.toUpperCase().match(/.{4}/g)!.join(' ');
  assert.equal((await caRow.locator('code.fp').innerText()).replace(/\s+/g, ' ').trim(), grouped(caSha));
  assert.equal((await rows.filter({ hasText: 'Signed the identity certificate' }).locator('code.fp').innerText()).replace(/\s+/g, ' ').trim(), grouped(idSha));
  assert.match(await caRow.innerText(), /CA key of “Alpha Labs \/ Research”/);
  await caRow.getByRole('button', { name: /^Copy the SHA-256 of/ }).click();
  await page.getByRole('status').filter({ hasText: 'SHA-256 copied.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), caSha);

  // Only the scoped PKI: the root signed itself and the intermediates with its key.
  await main.getByLabel('Area').selectOption({ label: 'Scoped PKI (4)' });
  await main.getByText('4 of 7 entries match.').waitFor();
  assert.equal(await rows.filter({ hasText: 'Root key root-r1 of prod' }).count(), 3);

  const [dl] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Download these 4 as JSON lines' }).click()]);
  assert.match(dl.suggestedFilename(), /^crosstrust-audit-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const lines = (await readFile((await dl.path())!, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { op: string; keyId?: string; outputSha256?: string; details: { environment?: string } });
  assert.deepEqual(lines.map((l) => l.op), ['hierarchy.intermediate.sign', 'hierarchy.intermediate.sign', 'hierarchy.root.sign', 'hierarchy.create']);
  assert.ok(lines.every((l) => l.details.environment === 'prod'));
  assert.ok(lines.slice(0, 3).every((l) => l.keyId === 'hierarchy:prod:key-root-r1' && /^[0-9a-f]{64}$/.test(l.outputSha256 ?? '')));
  // The root entry's hash is the root certificate the store holds.
  const rootDer = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open('crosstrust'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const rec = await new Promise<{ data: { authorities: Array<{ id: string; certPem: string }> } }>((res) => { const q = db.transaction('documents').objectStore('documents').get('environment:prod'); q.onsuccess = () => res(q.result); });
    db.close();
    return rec.data.authorities.find((a) => a.id === 'root-r1')!.certPem;
  });
  assert.equal(lines[2]!.outputSha256, sha256(new X509Certificate(rootDer).raw));
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots of the audit log and the identity page’s entries in light and dark (screenshots/)', async () => {
  const dir = new URL('../../screenshots/', import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await seedThroughUi(page);
  // A fresh load: the toasts of the flows above do not cover what is shot.
  await page.reload();
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  if (await dismiss.isVisible()) await dismiss.click();
  const main = page.getByRole('main');
  const shots: Array<[string, () => Promise<void>]> = [
    ['audit-log', async () => {
      await page.goto(`${app.url}#/audit`);
      await main.getByRole('table', { name: 'Audit entries, newest first' }).getByRole('row').nth(7).waitFor();
    }],
    ['audit-log-filtered', async () => {
      await main.getByLabel('Area').selectOption({ label: 'Identities (3)' });
      await main.getByText('3 of 7 entries match.').waitFor();
    }],
    ['audit-identity', async () => {
      await page.goto(`${app.url}#/identities`);
      await main.getByRole('link', { name: /Alpha Labs/ }).click();
      await main.getByRole('heading', { level: 2, name: 'Audit log' }).waitFor();
    }],
  ];
  for (const [name, go] of shots) {
    await go();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${dir}${name}-${scheme}.png`, fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await main.locator('section[aria-labelledby="audit-h"]').screenshot({ path: `${dir}audit-identity-card-light.png` });
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`${app.url}#/audit`);
  await main.getByRole('table', { name: 'Audit entries, newest first' }).waitFor();
  await page.screenshot({ path: `${dir}audit-log-narrow-light.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
