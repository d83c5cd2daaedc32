// End to end against the production build, two organisations in two browser profiles: Beta revokes a
// certificate its CA signed (behind a confirmation showing subject, serial and fingerprint) and issues
// CRLs; Alpha holds Beta's CA and imports Beta's CRL, and every bad CRL is refused changing nothing.
// Then an axe check and light/dark screenshots (screenshots/revocation-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate, createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serveDist, type ServedApp } from './support/serve.ts';
import { watchPageErrors } from './support/page-watch.ts';
import { launchBrowser, newContext } from './support/browser.ts';

let app: ServedApp;
let browser: Browser;
let tmp: string;

before(async () => {
  app = await serveDist();
  browser = await launchBrowser();
  tmp = await mkdtemp(join(tmpdir(), 'ct-e2e-revocation-'));
});
after(async () => {
  await browser?.close();
  await app?.close();
  await rm(tmp, { recursive: true, force: true });
});

const watchErrors = (page: Page): string[] => watchPageErrors(page, app.url);

async function createIdentity(page: Page, org: string): Promise<void> {
  await page.goto(`${app.url}#/new`);
  await page.getByLabel('Organisation', { exact: true }).fill(org);
  await page.getByLabel('Unit', { exact: true }).fill('Ops');
  await page.getByLabel('Hosts').fill(`${org.toLowerCase()}.example`);
  await page.getByRole('button', { name: 'Create identity' }).click();
  await page.getByRole('heading', { level: 1, name: `${org} / Ops` }).waitFor();
}

async function saveDownload(page: Page, button: string, name: string): Promise<{ path: string; suggested: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(tmp, name);
  await dl.saveAs(path);
  return { path, suggested: dl.suggestedFilename(), bytes: await readFile(path) };
}

async function issueCrl(page: Page, days?: string): Promise<void> {
  if (days) await page.getByLabel('Next update in (days)').fill(days);
  await page.getByRole('button', { name: /^Issue (a new )?CRL$/ }).click();
  await page.getByRole('status').filter({ hasText: /CRL number \d+ issued/ }).waitFor();
}

/** Beta's browser: identity, CA certificate out, CRL 1, a revocation, CRL 2. */
async function betaRevokes(): Promise<{ context: BrowserContext; page: Page; caPem: string; crl1: string; crl2: string; crl2Pem: string; serial: string }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await createIdentity(page, 'Beta');
  const ca = await saveDownload(page, 'Download CA certificate', 'beta-ca.pem');
  await page.getByRole('main').getByRole('link', { name: 'Revocation' }).click(); // the identity page's own link
  await page.getByRole('heading', { level: 1, name: 'Revocation' }).waitFor();
  await page.getByText('No CRL issued yet.').waitFor();
  await issueCrl(page);
  const crl1 = await saveDownload(page, 'Download .crl (DER)', 'beta-1.crl');
  assert.equal(crl1.suggested, 'Beta-Ops-crl-1.crl');

  // The confirmation names what is revoked: subject, serial and the fingerprint of the certificate.
  const row = page.getByRole('row').filter({ hasText: 'Identity certificate' });
  const serial = (await row.locator('td.mono').innerText()).trim();
  await row.getByRole('button', { name: /^Revoke the identity certificate of/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke this identity certificate?' });
  await dialog.waitFor();
  await dialog.getByText(serial).waitFor();
  await dialog.getByText('OU=Ops,O=Beta').waitFor();
  const shownFp = (await dialog.locator('ct-fingerprint code').innerText()).replace(/\s+/g, ' ').trim();
  // Escape keeps it; nothing is revoked.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await row.getByText('Active').waitFor();
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await dialog.getByLabel('Reason').selectOption('keyCompromise');
  await dialog.getByText('The holder’s private key was lost or exposed.').waitFor();
  await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Revoked OU=Ops,O=Beta (key compromised). Issue a new CRL to publish it.' }).waitFor();
  await row.getByText('Revoked').waitFor();
  await row.getByText(/key compromised · not in a CRL yet/).waitFor();
  await page.getByTestId('crl-reminder').getByText('1 revocation is not in CRL number 1 yet.', { exact: false }).waitFor();

  await issueCrl(page, '3');
  await page.getByTestId('crl-number').getByText('2').waitFor();
  await page.getByTestId('crl-reminder').getByText(/CRL number 2 is current until/).waitFor();
  const crl2 = await saveDownload(page, 'Download .crl (DER)', 'beta-2.crl');
  const crl2Pem = await saveDownload(page, 'Download .pem', 'beta-2.crl.pem');
  assert.match(crl2Pem.bytes.toString('utf8'), /^-----BEGIN X509 CRL-----\n/);
  assert.equal(Buffer.from(crl2Pem.bytes.toString('utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('hex'), crl2.bytes.toString('hex'));

  // The fingerprint shown was the certificate's: compare with the CA-signed identity certificate on the identity page.
  await page.getByRole('link', { name: 'Identities' }).click();
  await page.getByRole('link', { name: /Beta \/ Ops/ }).click();
  const idPem = await saveDownload(page, 'Download .pem', 'beta-id.pem');
  const fp = createHash('sha256').update(new X509Certificate(idPem.bytes).raw).digest('hex').toUpperCase().match(/.{4}/g)!.join(' ');
  assert.equal(shownFp, fp);
  assert.equal(new X509Certificate(idPem.bytes).serialNumber.toLowerCase().replace(/^0+/, ''), serial.replace(/^0+/, ''));

  // The audit trail: the revocation with its reason, each CRL with its number.
  await page.getByRole('main').getByRole('link', { name: 'Revocation' }).click(); // the identity page's own link
  const audit = page.getByRole('table', { name: 'Revocation audit log' });
  await audit.getByRole('row').filter({ hasText: 'Revoked OU=Ops,O=Beta (key compromised)' }).getByText('key compromised', { exact: true }).waitFor();
  await audit.getByRole('row').filter({ hasText: 'Issued CRL number 2 (1 revoked certificate)' }).waitFor();
  await audit.getByRole('row').filter({ hasText: 'Issued CRL number 1 (0 revoked certificates)' }).waitFor();
  assert.deepEqual(errors, []);
  return { context, page, caPem: ca.path, crl1: crl1.path, crl2: crl2.path, crl2Pem: crl2Pem.path, serial };
}

test('revoke behind a confirmation, issue CRLs; a partner imports them and every bad CRL is refused, changing nothing', async () => {
  const beta = await betaRevokes();

  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await createIdentity(page, 'Alpha');
  // Alpha holds Beta's CA through a trust bundle.
  await page.goto(`${app.url}#/federation`);
  await page.getByLabel('Bundle name').fill('partners');
  await page.getByLabel('SPIFFE trust domain').fill('partners.example');
  await page.getByRole('button', { name: 'Create bundle' }).click();
  await page.getByRole('heading', { name: 'partners: roots' }).waitFor();
  await page.getByLabel('Or paste certificates').fill(await readFile(beta.caPem, 'utf8'));
  await page.getByRole('button', { name: 'Read certificates' }).click();
  await page.getByRole('row', { name: /Beta/ }).getByRole('checkbox', { name: 'I compared this fingerprint with its owner' }).check();
  await page.getByLabel('Who confirmed the fingerprints').fill('Beta, by phone');
  await page.getByRole('button', { name: 'Add 1 root to the bundle' }).click();
  await page.getByRole('status').filter({ hasText: 'Added 1 root to partners.' }).waitFor();

  await page.goto(`${app.url}#/revocation`);
  await page.getByText('No partner CRLs held yet.').waitFor();
  await page.getByLabel('…or choose a .crl or .pem file').setInputFiles(beta.crl2);
  await page.getByRole('button', { name: 'Import CRL' }).click();
  await page.getByRole('status').filter({ hasText: 'CRL number 2 of P=Signing Certificate,OU=Ops,O=Beta imported: 1 revoked' }).waitFor();
  const partners = page.getByRole('table', { name: 'Partner CRLs held' });
  await partners.getByRole('row').filter({ hasText: 'O=Beta' }).getByText('Current').waitFor();
  const held = await partners.innerText();

  // Our own CRL is not a partner's; a tampered signature, an older CRL, truncated DER and text are refused.
  await issueCrl(page);
  const ours = await saveDownload(page, 'Download .crl (DER)', 'alpha-1.crl');
  const crl2 = await readFile(beta.crl2);
  const forged = Buffer.from(crl2);
  forged[forged.length - 1] = forged[forged.length - 1]! ^ 0x01;
  await writeFile(join(tmp, 'forged.crl'), forged);
  await writeFile(join(tmp, 'truncated.crl'), crl2.subarray(0, 60));
  const refusals: Array<[string, { file?: string; text?: string }, string]> = [
    ['another CA', { file: ours.path }, 'not a partner CA held here'],
    ['bad signature', { file: join(tmp, 'forged.crl') }, 'The signature on this revocation list does not verify'],
    ['rollback', { file: beta.crl1 }, 'older than the one already held for this CA'],
    ['malformed', { file: join(tmp, 'truncated.crl') }, 'This revocation list (CRL) is damaged or incomplete.'],
    ['not a CRL', { text: await readFile(beta.caPem, 'utf8') }, 'This is a different kind of object than expected here.'],
  ];
  for (const [what, input, words] of refusals) {
    if (input.file) await page.getByLabel('…or choose a .crl or .pem file').setInputFiles(input.file);
    if (input.text) await page.getByLabel('Paste a CRL (PEM or base64)').fill(input.text);
    await page.getByRole('button', { name: 'Import CRL' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported.' });
    await alert.filter({ hasText: words }).waitFor();
    assert.equal(await partners.innerText(), held, `${what}: the partner CRLs held are unchanged`);
    if (input.file) await page.getByRole('button', { name: 'Remove file' }).click();
    await page.getByLabel('Paste a CRL (PEM or base64)').fill('');
  }
  // The same CRL again, pasted as PEM, changes nothing either.
  await page.getByLabel('Paste a CRL (PEM or base64)').fill(await readFile(beta.crl2Pem, 'utf8'));
  await page.getByRole('button', { name: 'Import CRL' }).click();
  await page.getByRole('status').filter({ hasText: 'is the one already held; nothing changed.' }).waitFor();
  const audit = page.getByRole('table', { name: 'Revocation audit log' });
  assert.equal(await audit.getByRole('row').filter({ hasText: 'Imported CRL number 2 of P=Signing Certificate,OU=Ops,O=Beta (1 revoked)' }).count(), 1);
  const dir = new URL('../../screenshots/', import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  for (const [who, p] of [['partner', page], ['issuer', beta.page]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await p.emulateMedia({ colorScheme: scheme });
      await p.screenshot({ path: `${dir}revocation-${who}-${scheme}.png`, fullPage: true });
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
  await beta.context.close();
});

async function axe(page: Page): Promise<string[]> {
  const source = await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
    return r.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

test('the revocation page passes axe (light and dark, dialog open); screenshots in screenshots/', async () => {
  const dir = new URL('../../screenshots/', import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  // axe is injected from the test, so this profile bypasses the app's CSP (the app itself is unchanged).
  const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await createIdentity(page, 'Gamma');
  await page.goto(`${app.url}#/revocation`);
  await page.getByText('No CRL issued yet.').waitFor();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(page), [], `axe (${scheme}, empty)`);
    await page.screenshot({ path: `${dir}revocation-empty-${scheme}.png`, fullPage: true });
  }
  await issueCrl(page);
  await page.getByRole('row').filter({ hasText: 'Identity certificate' }).getByRole('button', { name: /^Revoke/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke this identity certificate?' });
  await dialog.getByLabel('Reason').selectOption('superseded');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(page), [], `axe (${scheme}, dialog)`);
    await page.screenshot({ path: `${dir}revocation-confirm-${scheme}.png` });
  }
  await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
  await page.getByTestId('crl-reminder').getByText(/not in CRL number 1 yet/).waitFor();
  await page.getByRole('button', { name: 'Show as QR code' }).click();
  await page.locator('ct-qr-display canvas').first().waitFor();
  await page.getByLabel('Paste a CRL (PEM or base64)').fill('-----BEGIN X509 CRL-----\nMIIB\n-----END X509 CRL-----\n');
  await page.getByRole('button', { name: 'Import CRL' }).click();
  await page.getByRole('alert').filter({ hasText: 'Nothing was imported.' }).waitFor();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(page), [], `axe (${scheme}, revoked)`);
    await page.screenshot({ path: `${dir}revocation-revoked-${scheme}.png`, fullPage: true });
  }
  assert.deepEqual(errors, []);
  await context.close();
});
