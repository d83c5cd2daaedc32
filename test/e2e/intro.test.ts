// End to end against the production build: two browser profiles (two contexts, two IndexedDBs) introduce
// each other through downloaded files only — identity .b64 out, intro.json back — install, and each then
// shows the other in its trust graph. Removal through the confirmation dialog, the certified-folder zip
// round trip, a cross-certificate, and screenshots of every issue-4 view in light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { unzipSync } from 'fflate';
import { X509Certificate } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serveDist, type ServedApp } from './support/serve.ts';
import { watchPageErrors } from './support/page-watch.ts';
import { launchBrowser, newContext } from './support/browser.ts';

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

interface Org {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly errors: string[];
  readonly name: string;
  /** The identity fingerprint its identity page shows (what its owner reads out). */
  fingerprint: string;
  /** Path of the downloaded certified get-ident file. */
  identFile: string;
}

const grouped = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Saves a download under its suggested name in a folder of its own, as a browser's Downloads would. */
async function saved(dl: Download): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'ct-e2e-')), dl.suggestedFilename());
  await dl.saveAs(path);
  return path;
}

async function createOrg(org: string, unit: string, hosts: string, opts: { crossCertify?: boolean } = {}): Promise<Org> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${app.url}#/new`);
  await page.getByLabel('Organisation', { exact: true }).fill(org);
  await page.getByLabel('Unit', { exact: true }).fill(unit);
  await page.getByLabel('Hosts').fill(hosts);
  if (opts.crossCertify) await page.getByLabel('This CA may cross-certify partner CAs').check();
  await page.getByRole('button', { name: 'Create identity' }).click();
  await page.waitForURL(/#\/identity\/.+/);
  const name = `${org} / ${unit}`;
  await page.getByRole('heading', { level: 1, name }).waitFor();
  const fingerprint = grouped(await page.locator('[data-testid=fingerprint] code').innerText());
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .b64' }).click()]);
  return { page, context, errors, name, fingerprint, identFile: await saved(dl) };
}

/** Chooses a file through the page's file chooser, as a person would. */
async function chooseFile(page: Page, label: string, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel(label, { exact: true }).click()]);
  await chooser.setFiles(file);
}

/** `signer` introduces `peer` from the peer's downloaded identity file; returns the downloaded intro.json path. */
async function introduce(signer: Org, peer: Org, services: ReadonlyArray<[string, string]> = []): Promise<string> {
  const p = signer.page;
  await p.goto(`${app.url}#/introduce`);
  await chooseFile(p, 'Choose their identity', peer.identFile);
  const main = p.getByRole('main');
  await main.getByText(`${peer.identFile.split('/').pop()}: an identity certificate`).waitFor();
  assert.match(peer.identFile, /\.ident\.b64$/);
  // What the screen shows is what the peer's own screen shows.
  assert.equal(grouped(await main.locator('ct-fingerprint code').first().innerText()), peer.fingerprint);
  const sign = main.getByRole('button', { name: 'Sign introduction' });
  assert.equal(await sign.isDisabled(), true, 'no signing before the fingerprint is confirmed');
  await main.getByLabel('Fingerprint they gave you').fill('00'.repeat(32));
  await main.getByText('Does not match (yet)').waitFor();
  assert.equal(await sign.isDisabled(), true);
  await main.getByLabel('Fingerprint they gave you').fill(peer.fingerprint.toLowerCase());
  await main.getByText('The fingerprints match').waitFor();
  for (const [i, [alias, url]] of services.entries()) {
    await main.getByRole('button', { name: 'Add a service' }).click();
    await main.locator(`#alias-${i}`).fill(alias);
    await main.locator(`#url-${i}`).fill(url);
  }
  await sign.click();
  await main.locator('[data-testid=intro-result]').waitFor();
  await p.getByRole('status').filter({ hasText: 'Introduction signed.' }).waitFor();
  const [dl] = await Promise.all([p.waitForEvent('download'), main.getByRole('button', { name: 'Download intro.json' }).click()]);
  assert.equal(dl.suggestedFilename(), 'intro.json');
  const path = await saved(dl);
  const json = JSON.parse(await readFile(path, 'utf8')) as { signed_cert: string; ca_cert: string; services?: Record<string, string> };
  const signed = new X509Certificate(Buffer.from(json.signed_cert, 'base64'));
  const ca = new X509Certificate(Buffer.from(json.ca_cert, 'base64'));
  assert.equal(signed.verify(ca.publicKey), true, 'the re-issued identity verifies under the signer CA');
  assert.equal(signed.checkIssued(ca), true);
  return path;
}

/** `org` installs an intro.json file; returns the introducer CA fingerprint it showed before installing. */
async function install(org: Org, introFile: string, introducer: string): Promise<string> {
  const p = org.page;
  await p.goto(`${app.url}#/add-intro`);
  await chooseFile(p, 'Choose intro.json', introFile);
  const plan = p.getByRole('main').locator('[data-testid=plan]');
  await plan.waitFor();
  await plan.getByText(introducer, { exact: true }).waitFor();
  await plan.getByText(org.name, { exact: true }).waitFor();
  const caFp = grouped(await plan.locator('ct-fingerprint code').innerText());
  await plan.getByRole('button', { name: 'Install introduction' }).click();
  await p.waitForURL(/#\/introductions$/);
  await p.getByRole('status').filter({ hasText: `Introduction from` }).waitFor();
  await p.getByRole('main').getByRole('cell', { name: new RegExp(`^${introducer}`) }).waitFor();
  return caFp;
}

async function graphNodes(page: Page): Promise<string[]> {
  await page.goto(`${app.url}#/trust-graph`);
  await page.getByRole('group', { name: 'Trust graph' }).waitFor();
  return page.getByRole('group', { name: 'Trust graph' }).getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

test('two profiles introduce each other through downloaded files only; each sees the other in its trust graph; removal asks first', async () => {
  const alpha = await createOrg('Alpha Labs', 'Research', 'alpha.example, 127.0.0.1');
  const beta = await createOrg('Beta Works', 'Ops', 'beta.example');

  // Beta introduces Alpha (with a service), Alpha installs; then the other way round.
  const forAlpha = await introduce(beta, alpha, [['beta-api', 'https://beta.example:8443']]);
  const betaCaShown = grouped(await beta.page.getByRole('main').locator('ct-signer-picker').locator('.fp').innerText()).replace(/^CA SHA-256 /, '');
  const betaCaSeenByAlpha = await install(alpha, forAlpha, 'Beta Works / Ops');
  assert.equal(betaCaSeenByAlpha, betaCaShown, 'the introducer CA fingerprint shown before installing is the one Beta’s own screen shows');
  const forBeta = await introduce(alpha, beta);
  await install(beta, forBeta, 'Alpha Labs / Research');

  // Someone else's introduction is refused with its reason, and nothing is installed.
  await beta.page.goto(`${app.url}#/add-intro`);
  await chooseFile(beta.page, 'Choose intro.json', forAlpha);
  await beta.page.getByRole('main').locator('[data-testid=refusal]').getByText('This introduction is for someone else’s key').waitFor();

  const alphaGraph = await graphNodes(alpha.page);
  assert.deepEqual(alphaGraph, ['service: beta-api', 'introduced us: Beta Works / Ops', 'our identity: Alpha Labs / Research', 'we introduced: Beta Works / Ops']);
  const betaGraph = await graphNodes(beta.page);
  assert.deepEqual(betaGraph, ['introduced us: Alpha Labs / Research', 'our identity: Beta Works / Ops', 'we introduced: Alpha Labs / Research']);
  // Choosing a node (keyboard) shows its certificate.
  await alpha.page.getByRole('button', { name: 'introduced us: Beta Works / Ops' }).focus();
  await alpha.page.keyboard.press('Enter');
  await alpha.page.locator('[data-testid=node-details]').getByText(`SHA-256: ${betaCaShown}`).waitFor();

  // Every signature is in the signer's audit log (the issued register's audit entry).
  await alpha.page.goto(`${app.url}#/identities`);
  await alpha.page.getByRole('link', { name: /Alpha Labs/ }).click();
  await alpha.page.getByRole('row').filter({ hasText: /Introduced OU=Ops,O=Beta Works/ }).waitFor();

  // Export Alpha's certified folder before removing (for the round trip below).
  await alpha.page.goto(`${app.url}#/introductions`);
  const [zipDl] = await Promise.all([alpha.page.waitForEvent('download'), alpha.page.getByRole('button', { name: 'Download certified folder (.zip)' }).click()]);
  assert.equal(zipDl.suggestedFilename(), 'Alpha-Labs-Research.certified.zip');
  const zipPath = await saved(zipDl);
  const entries = Object.keys(unzipSync(new Uint8Array(await readFile(zipPath)))).sort();
  assert.deepEqual(entries, [
    'certified/CA.crt', 'certified/id.crt', 'certified/id/P=Signing Certificate,OU=Ops,O=Beta Works.crt',
    'certified/known_clients/self.crt', 'certified/known_servers/beta-api.yaml', 'certified/known_servers/self.crt',
  ], 'certified’s layout, and no private key');

  // Removal asks first; "Keep it" keeps it.
  const main = alpha.page.getByRole('main');
  await main.getByRole('button', { name: 'Remove the introduction from Beta Works / Ops' }).click();
  const dialog = alpha.page.getByRole('dialog', { name: 'Remove the introduction from Beta Works / Ops?' });
  await dialog.waitFor();
  await dialog.getByText('beta-api').waitFor();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await main.getByRole('cell', { name: /^Beta Works \/ Ops/ }).count(), 1);
  await main.getByRole('button', { name: 'Remove the introduction from Beta Works / Ops' }).click();
  await dialog.getByRole('button', { name: 'Remove introduction' }).click();
  await alpha.page.getByRole('status').filter({ hasText: 'Introduction removed.' }).waitFor();
  await main.locator('[data-testid=no-introductions]').waitFor();
  assert.deepEqual(await graphNodes(alpha.page), ['our identity: Alpha Labs / Research', 'we introduced: Beta Works / Ops']);

  // The exported folder brings it back, after the same checks as add-intro.
  await alpha.page.goto(`${app.url}#/introductions`);
  await chooseFile(alpha.page, 'Choose the folder’s .zip', zipPath);
  const review = main.locator('[data-testid=layout-review]');
  await review.getByText('From Beta Works / Ops for Alpha Labs / Research', { exact: false }).waitFor();
  await review.getByRole('button', { name: 'Install 1 introduction' }).click();
  await alpha.page.getByRole('status').filter({ hasText: 'Installed 1 introduction' }).waitFor();
  await main.getByRole('cell', { name: /^Beta Works \/ Ops/ }).waitFor();
  assert.deepEqual(await graphNodes(alpha.page), alphaGraph);

  assert.deepEqual(alpha.errors, []);
  assert.deepEqual(beta.errors, []);
  await alpha.context.close();
  await beta.context.close();
});

test('cross-certify a partner CA with limits in words; saved, listed and recorded; the graph shows it', async () => {
  const ours = await createOrg('Gamma Corp', 'PKI', 'gamma.example', { crossCertify: true });
  const partner = await createOrg('Delta Inc', 'CA', 'delta.example');
  const [caDl] = await Promise.all([partner.page.waitForEvent('download'), partner.page.getByRole('button', { name: 'Download CA certificate' }).click()]);
  const caFile = await saved(caDl);
  const p = ours.page;
  // From our identity's page, which links to cross-certifying with it (its CA allows a CA below it).
  const main = p.getByRole('main');
  await main.getByRole('link', { name: 'Cross-certify a partner CA' }).click();
  await p.waitForURL(/#\/cross-certify\/.+/);
  await main.getByText('Signed by Gamma Corp / PKI').waitFor();
  await chooseFile(p, 'Choose their CA certificate', caFile);
  await main.getByText('Delta Inc / CA', { exact: true }).waitFor();
  await main.getByLabel('Names it may vouch for').fill('dns:delta.example\nspiffe:prod.delta.example');
  await main.getByLabel('Names it may never vouch for').fill('ip:10.0.0.0/8');
  const words = main.locator('[data-testid=limit-words]');
  await words.getByText('It can only vouch for DNS names delta.example and anything under it', { exact: false }).waitFor();
  await words.getByText('It can never vouch for IP addresses in 10.0.0.0/8', { exact: false }).waitFor();
  await main.getByText('Certificate policies and policy constraints (optional)').click();
  await main.getByLabel('Certificate policies (OIDs)').fill('1.3.6.1.4.1.99999.1');
  await main.getByLabel('Require an explicit policy after').fill('0');
  await words.getByText('trusted under certificate policy 1.3.6.1.4.1.99999.1 only', { exact: false }).waitFor();
  await main.getByLabel('Names it may vouch for').fill('bogus');
  await main.getByText('“bogus” is not a name limit.', { exact: false }).waitFor();
  await main.getByLabel('Names it may vouch for').fill('dns:delta.example');
  const issue = main.getByRole('button', { name: 'Issue cross-certificate' });
  assert.equal(await issue.isDisabled(), true, 'not before the partner fingerprint is confirmed');
  await main.getByLabel('I compared this fingerprint with the one the partner gave me out of band, and they match.').check();
  await issue.click();
  await main.locator('[data-testid=xcert-result]').waitFor();
  const pem = await main.getByLabel('Cross-certificate (PEM)').inputValue();
  const x = new X509Certificate(pem);
  assert.match(x.subject, /O=Delta Inc/);
  assert.match(x.issuer, /O=Gamma Corp/);
  assert.equal(x.ca, true);
  await main.getByRole('heading', { name: 'Cross-certificates you issued' }).waitFor();
  await main.getByRole('cell', { name: /^P=Signing Certificate,OU=CA,O=Delta Inc$/ }).waitFor();
  assert.ok((await graphNodes(p)).includes('we cross-certified: Delta Inc / CA'));
  // A certified-profile CA is told why it cannot cross-certify.
  await partner.page.goto(`${app.url}#/cross-certify`);
  await partner.page.getByRole('main').getByText('cannot cross-certify', { exact: false }).first().waitFor();
  assert.deepEqual(ours.errors, []);
  assert.deepEqual(partner.errors, []);
  await ours.context.close();
  await partner.context.close();
});

test('screenshots of the introduction views in light and dark (screenshots/)', async () => {
  const dir = new URL('../../screenshots/', import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  const empty = await newContext(browser);
  const emptyPage = await empty.newPage();
  await emptyPage.goto(`${app.url}#/introduce`);
  await emptyPage.locator('[data-testid=no-identity]').waitFor();
  for (const scheme of ['light', 'dark'] as const) {
    await emptyPage.emulateMedia({ colorScheme: scheme });
    await emptyPage.screenshot({ path: `${dir}intro-no-identity-${scheme}.png`, fullPage: true });
  }
  await empty.close();

  const alpha = await createOrg('Alpha Labs', 'Research', 'alpha.example, 127.0.0.1', { crossCertify: true });
  const beta = await createOrg('Beta Works', 'Ops', 'beta.example');
  const p = alpha.page;
  const main = p.getByRole('main');
  const forAlpha = await introduce(beta, alpha, [['beta-api', 'https://beta.example:8443'], ['beta-db', 'https://db.beta.example']]);
  const shots: Array<[string, Page, () => Promise<void>]> = [
    ['intro-introduce-signed', p, async () => { await introduce(alpha, beta); }],
    ['intro-introduce-check', p, async () => {
      await p.goto(`${app.url}#/introduce`);
      await chooseFile(p, 'Choose their identity', beta.identFile);
      await main.getByLabel('Fingerprint they gave you').fill('0A1B');
      await main.getByText('Does not match (yet)').waitFor();
    }],
    ['intro-add-plan', p, async () => {
      await p.goto(`${app.url}#/add-intro`);
      await chooseFile(p, 'Choose intro.json', forAlpha);
      await main.locator('[data-testid=plan]').waitFor();
    }],
    ['intro-add-refused', beta.page, async () => {
      await beta.page.goto(`${app.url}#/add-intro`);
      await chooseFile(beta.page, 'Choose intro.json', forAlpha);
      await beta.page.getByRole('main').locator('[data-testid=refusal]').waitFor();
    }],
    ['intro-introductions', p, async () => {
      await p.goto(`${app.url}#/add-intro`);
      await chooseFile(p, 'Choose intro.json', forAlpha);
      await main.getByRole('button', { name: 'Install introduction' }).click();
      await p.waitForURL(/#\/introductions$/);
      await main.getByRole('cell', { name: /^Beta Works/ }).waitFor();
    }],
    ['intro-remove-dialog', p, async () => {
      await main.getByRole('button', { name: 'Remove the introduction from Beta Works / Ops' }).click();
      await p.getByRole('dialog').waitFor();
    }],
    ['intro-cross-certify', p, async () => {
      await p.keyboard.press('Escape');
      const [caDl] = await Promise.all([beta.page.waitForEvent('download'), (async () => {
        await beta.page.goto(`${app.url}#/identities`);
        await beta.page.getByRole('link', { name: /Beta Works/ }).click();
        await beta.page.getByRole('button', { name: 'Download CA certificate' }).click();
      })()]);
      await p.goto(`${app.url}#/cross-certify`);
      await chooseFile(p, 'Choose their CA certificate', await saved(caDl));
      await main.getByLabel('Names it may vouch for').fill('dns:beta.example\nspiffe:prod.beta.example');
      await main.getByLabel('Names it may never vouch for').fill('dns:internal.beta.example');
      await main.getByLabel('I compared this fingerprint with the one the partner gave me out of band, and they match.').check();
      await main.getByRole('button', { name: 'Issue cross-certificate' }).click();
      await main.locator('[data-testid=xcert-result]').waitFor();
    }],
    ['intro-trust-graph', p, async () => {
      await p.goto(`${app.url}#/trust-graph`);
      await p.getByRole('button', { name: 'introduced us: Beta Works / Ops' }).click();
      await p.locator('[data-testid=node-details]').getByText('SHA-256:', { exact: false }).waitFor();
    }],
    ['intro-trust-graph-revoked', p, async () => {
      // Alpha revokes the introduction it gave Beta (from its identity page's Revocation link); the graph says so.
      await p.goto(`${app.url}#/identities`);
      await p.getByRole('link', { name: /Alpha Labs/ }).click();
      await main.getByRole('link', { name: 'Revocation' }).click();
      const row = main.getByRole('row').filter({ hasText: 'Introduction' }).first();
      await row.getByRole('button', { name: /^Revoke the introduction of/ }).click();
      await p.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
      await row.getByText('Revoked').waitFor();
      await p.goto(`${app.url}#/trust-graph`);
      await p.getByRole('button', { name: 'we introduced: Beta Works / Ops (revoked)' }).click();
      await p.locator('[data-testid=node-details]').getByText('Revoked:', { exact: false }).waitFor();
    }],
    ['intro-trust-graph-beta', beta.page, async () => {
      await beta.page.goto(`${app.url}#/trust-graph`);
      await beta.page.getByRole('group', { name: 'Trust graph' }).waitFor();
    }],
  ];
  for (const [name, page, go] of shots) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      if (scheme === 'light') await go();
      await page.screenshot({ path: `${dir}${name}-${scheme}.png`, fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
  assert.deepEqual(alpha.errors, []);
  assert.deepEqual(beta.errors, []);
  await alpha.context.close();
  await beta.context.close();
});
