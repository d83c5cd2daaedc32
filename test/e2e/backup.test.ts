// Backup → clear site data (CDP Storage.clearDataForOrigin, what "Clear site data" does) → restore,
// through the built app's UI in real Chromium: a wrong passphrase and a damaged file are refused with
// data present and nothing changed; the restore shows what it adds and keeps, merges (an identity made
// since stays), reaches a second open tab without a reload, and the recovery key brings back the keys
// that were escrowed at birth, non-extractable, signing for their certificate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate, verify } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { serveDist, type ServedApp } from './support/serve.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { watchContext } from './support/page-watch.ts';
import { createIdentityInUi, dumpStore } from './support/app-flows.ts';

let app: ServedApp;
let browser: Browser;
const PASS = 'correct horse battery staple';

before(async () => {
  app = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function goBackup(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backup' }).click();
  await page.getByRole('main').getByRole('heading', { level: 1, name: 'Backup & restore' }).waitFor();
}

async function checkBackup(page: Page, file: string, passphrase: string): Promise<void> {
  const main = page.getByRole('main');
  await main.getByLabel('Backup file (.age)').setInputFiles(file);
  await main.locator('#restore-pass').fill(passphrase);
  await main.getByRole('button', { name: 'Check backup' }).click();
}

test('backup, refuse bad files with data present, clear site data, restore by merging into two open tabs, recover escrowed keys', async () => {
  const shots = new URL('../../screenshots/backup/', import.meta.url).pathname;
  await mkdir(shots, { recursive: true });
  const context = await newContext(browser);
  const watch = watchContext(context);
  const page = await context.newPage();
  const main = page.getByRole('main');
  await page.goto(app.url);
  await page.getByText('No identities yet').waitFor();

  const alpha = await createIdentityInUi(page, { org: 'Alpha', unit: 'Ops', hosts: 'alpha.example', recoverable: true });
  const beta = await createIdentityInUi(page, { org: 'Beta', unit: 'Plain', hosts: 'beta.example' });
  assert.ok(alpha.recoverySecret);

  // Make the backup through the form.
  await goBackup(page);
  await main.getByText('Not in the backup: the private keys of “Beta / Plain”').waitFor();
  await main.locator('#backup-pass').fill(PASS);
  await main.locator('#backup-pass2').fill(PASS);
  const [dl] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Download encrypted backup' }).click()]);
  assert.match(dl.suggestedFilename(), /^crosstrust-backup-\d{4}-\d{2}-\d{2}\.age$/);
  const backupFile = join(tmpdir(), `ct-e2e-${Date.now()}.age`);
  await dl.saveAs(backupFile);
  const bytes = await readFile(backupFile);
  assert.equal(bytes.subarray(0, 21).toString(), 'age-encryption.org/v1', 'a standard age file');
  await main.getByText(/Backup ready\. The private keys of 1 identity are not in it/).waitFor();

  // With data present: a wrong passphrase and a damaged file are refused, and nothing changes.
  const before = await dumpStore(page);
  assert.equal(before.identities!.length, 2);
  await checkBackup(page, backupFile, 'not the passphrase');
  await main.getByText('Wrong passphrase. Nothing was changed.').waitFor();
  assert.deepEqual(await dumpStore(page), before);
  const damaged = Buffer.from(bytes);
  damaged[damaged.length - 10]! ^= 0x40;
  const damagedFile = `${backupFile}.damaged.age`;
  await writeFile(damagedFile, damaged);
  await checkBackup(page, damagedFile, PASS);
  await main.getByText(/The backup file is damaged .* Nothing was changed\./).waitFor();
  assert.deepEqual(await dumpStore(page), before);

  // Clear site data for the origin, as the browser's "Clear site data" does (IndexedDB, caches, worker…).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(app.url).origin, storageTypes: 'all' });
  await page.goto(`${app.url}#/identities`);
  await page.reload();
  await page.getByText('No identities yet').waitFor();
  assert.deepEqual((await dumpStore(page)).identities, [], 'site data is gone');

  // Life goes on: an identity is made before anyone restores.
  const gamma = await createIdentityInUi(page, { org: 'Gamma', unit: 'Since', hosts: 'gamma.example' });

  // A second tab shows the identities list while the first restores.
  const other = await context.newPage();
  await other.goto(`${app.url}#/identities`);
  await other.getByRole('main').getByRole('link', { name: /Gamma \/ Since/ }).waitFor();

  await goBackup(page);
  await checkBackup(page, backupFile, PASS);
  const plan = main.getByRole('region', { name: /What restoring/ });
  await plan.waitFor();
  const planText = (await plan.innerText()).replace(/\s+/g, ' ');
  assert.match(planText, /2 identities: Alpha \/ Ops, Beta \/ Plain/);
  assert.match(planText, /1 identity not in the backup, with its keys: Gamma \/ Since/);
  assert.match(planText, /Nothing is deleted or replaced by older data\./);
  assert.match(planText, /4 private keys of the backed-up identities are not in this browser\. 2 were escrowed at birth/);
  assert.match(planText, /2 cannot come back/);
  assert.equal((await dumpStore(page)).identities!.length, 1, 'checking changes nothing');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await plan.screenshot({ path: `${shots}restore-plan-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await plan.getByRole('button', { name: /^Restore: add \d+ records$/ }).click();
  await main.getByText(/Restored: added 2 identities, 2 documents, 0 settings and \d+ audit entries\. Nothing was deleted\./).waitFor();

  // The other tab shows the restored identities without a reload.
  for (const label of [alpha.label, beta.label, gamma.label]) await other.getByRole('main').getByRole('link', { name: new RegExp(label) }).waitFor();
  await other.getByRole('status').filter({ hasText: 'Data was restored from a backup in another tab' }).waitFor();
  const card = (label: string) => other.getByRole('main').getByRole('link', { name: new RegExp(label) });
  await card(alpha.label).getByText('Keys not in this browser: cannot sign (recover them on the Backup page)').waitFor();
  await card(beta.label).getByText(/Keys not in this browser: cannot sign$/).waitFor();

  // Recover the escrowed keys with the recovery key (pasted).
  await main.getByText('2 escrowed keys are missing from this browser').waitFor();
  await main.getByLabel('Recovery key', { exact: true }).fill(alpha.recoverySecret!);
  await main.getByRole('button', { name: 'Recover keys' }).click();
  await main.getByText('Recovered 2 private keys; they are non-extractable in this browser again.').waitFor();
  await page.screenshot({ path: `${shots}after-recovery.png`, fullPage: true });
  // The other tab hears of the recovery too: Alpha can sign again there.
  await card(alpha.label).getByText('Keys recoverable').waitFor();
  await other.screenshot({ path: `${shots}other-tab-after-recovery.png`, fullPage: true });

  const after = await dumpStore(page);
  const ids = after.identities as Array<{ id: string; label: string; caKeyId: string; idKeyId: string; idCertDer: number[] }>;
  assert.deepEqual(ids.map((i) => i.label).sort(), [alpha.label, beta.label, gamma.label].sort());
  const keys = after.keys as Array<{ id: string; type: string; extractable: boolean }>;
  const alphaRec = ids.find((i) => i.id === alpha.id)!;
  const betaRec = ids.find((i) => i.id === beta.id)!;
  const gammaRec = ids.find((i) => i.id === gamma.id)!;
  assert.deepEqual(keys.map((k) => k.id).sort(), [alphaRec.caKeyId, alphaRec.idKeyId, gammaRec.caKeyId, gammaRec.idKeyId].sort(), 'Alpha recovered, Gamma kept, Beta lost');
  assert.ok(keys.every((k) => k.type === 'private' && k.extractable === false));
  assert.ok(!keys.some((k) => k.id === betaRec.idKeyId));
  const ops = (after.audit as Array<{ op: string }>).map((a) => a.op);
  assert.ok(ops.includes('backup.restore') && ops.filter((o) => o === 'key.recover').length === 2);

  // The recovered identity key signs for its certificate (verified by Node, not by the page).
  const data = [1, 2, 3, 4];
  const sig = await page.evaluate(async ({ keyId, data }) => {
    const db = await new Promise<IDBDatabase>((ok) => { const r = indexedDB.open('crosstrust'); r.onsuccess = () => ok(r.result); });
    const rec = await new Promise<{ key: CryptoKey }>((ok) => { const r = db.transaction('keys').objectStore('keys').get(keyId); r.onsuccess = () => ok(r.result as { key: CryptoKey }); });
    db.close();
    return Array.from(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, rec.key, new Uint8Array(data))));
  }, { keyId: alphaRec.idKeyId, data });
  const cert = new X509Certificate(Buffer.from(alphaRec.idCertDer));
  assert.ok(verify(null, Buffer.from(data), cert.publicKey, Buffer.from(sig)), 'signature by the recovered key verifies with the certificate');

  assert.deepEqual(watch.foreign(new URL(app.url).origin), []);
  assert.deepEqual(watch.cspViolations, []);
  assert.deepEqual(watch.consoleErrors, []);
  await context.close();
});
