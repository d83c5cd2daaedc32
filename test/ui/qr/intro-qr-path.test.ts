// An introduction across an air gap, through the app as a user drives it: Beta's browser introduces
// Alpha in the Introduce view and shows intro.json as a QR code (the share panel's dialog); every frame
// its canvas paints becomes a PNG "photo"; Alpha's browser (another IndexedDB) opens Add introduction,
// presses "Scan a QR code", scans the photos, sees what it would trust and installs it. What arrives is
// byte for byte what Beta's screen showed, and Alpha's store then holds Beta's introduction.
import { assert } from 'chai';
import { deleteDB } from 'idb';
import '../../../src/ui/app.ts';
import type { CtApp } from '../../../src/ui/app.ts';
import type { CtQrDisplay } from '../../../src/ui/qr/ct-qr-display.ts';
import type { CtQrScanner } from '../../../src/ui/qr/ct-qr-scanner.ts';
import { createIdentity, fingerprintOf, getIdentOutput, parseIntroJson, type CreatedIdentity } from '../../../src/pki/index.ts';
import { listIntroductions, listIssued, openStore, saveIdentity } from '../../../src/store/index.ts';
import { TEST_WASM_URL } from '../../exchange/qr/support.ts';
import { byText, fill, find, waitFor } from '../support/dom.ts';

const names: string[] = [];
let app: CtApp | undefined;

async function mountApp(dbName: string, hash: string): Promise<CtApp> {
  location.hash = hash;
  app = document.createElement('ct-app');
  app.setAttribute('db-name', dbName);
  document.body.append(app);
  await app.updateComplete;
  return app;
}

function unmount(): void {
  app?.remove();
  app = undefined;
}

async function seed(dbName: string, id: string, label: string, created: CreatedIdentity): Promise<void> {
  names.push(dbName);
  const db = await openStore({ name: dbName });
  await saveIdentity(db, { id, label, created, atMs: Date.now() });
  db.close();
}

const button = (text: string, root?: ParentNode): HTMLButtonElement => {
  const b = byText<HTMLButtonElement>('button', text, root);
  assert.exists(b, `button ${text}`);
  return b!;
};

after(async () => {
  unmount();
  location.hash = '';
  for (const n of names) await deleteDB(n);
});

describe('QR: an intro.json from the Introduce view’s QR code (pixels) into the Add introduction view’s scanner', () => {
  it('installs the introduction in the other browser, byte for byte what the introducer showed', async () => {
    const run = Math.random().toString(36).slice(2);
    const betaDb = `ct-intro-qr-beta-${run}`;
    const alphaDb = `ct-intro-qr-alpha-${run}`;
    const alpha = await createIdentity({ name: { org: 'Alpha Labs', unit: 'Research' }, san: { hosts: ['alpha.example'] }, atMs: Date.now() });
    const beta = await createIdentity({ name: { org: 'Beta Works', unit: 'Ops' }, san: { hosts: ['beta.example'] }, atMs: Date.now() });
    await seed(betaDb, 'beta', 'Beta Ops', beta);
    await seed(alphaDb, 'alpha', 'Alpha Research', alpha);

    // Beta's browser: Alpha's identity pasted, its fingerprint confirmed, signed.
    await mountApp(betaDb, '#/introduce');
    const flow = await waitFor(() => find('ct-introduce-flow'), 'the introduce flow');
    const paste = await waitFor(() => find<HTMLTextAreaElement>('textarea#paste', flow.shadowRoot!), 'the paste box');
    fill(paste, getIdentOutput(alpha.idCertDer));
    button('Read pasted text', flow.shadowRoot!).click();
    const typed = await waitFor(() => find<HTMLInputElement>('#typed', flow.shadowRoot!), 'the fingerprint field');
    fill(typed, (await fingerprintOf(alpha.idCertDer)).grouped);
    await waitFor(() => byText<HTMLButtonElement>('button', 'Sign introduction', flow.shadowRoot!)?.disabled === false, 'signing enabled');
    button('Sign introduction', flow.shadowRoot!).click();
    const shown = (await waitFor(() => find<HTMLTextAreaElement>('#intro-json', flow.shadowRoot!), 'the signed intro.json')).value;

    // Its share panel shows intro.json as a QR code; each painted frame is photographed.
    button('Show intro.json as QR code', flow.shadowRoot!).click();
    const display = await waitFor(() => find<CtQrDisplay>('dialog[open] ct-qr-display', flow.shadowRoot!), 'the QR dialog');
    await display.updateComplete;
    display.playing = false;
    const enc = display.encoding!;
    assert.isFalse(enc.single, 'an intro.json (two certificates) animates');
    const photos: File[] = [];
    for (let i = 0; i < enc.fragmentCount + 8; i++) {
      const canvas = display.shadowRoot!.querySelector('canvas')!;
      const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
      photos.push(new File([blob], `frame-${i + 1}.png`, { type: 'image/png' }));
      display.step(1);
      await display.updateComplete;
    }
    const issuedByBeta = await (async () => {
      const db = await openStore({ name: betaDb });
      const issued = (await listIssued(db, { identityId: 'beta' })).filter((d) => d.kind === 'introduction');
      db.close();
      return issued;
    })();
    assert.lengthOf(issuedByBeta, 1, 'Beta recorded what it signed');
    unmount();

    // Alpha's browser: Add introduction, Scan a QR code, the photos one by one as a camera would see them.
    await mountApp(alphaDb, '#/add-intro');
    const add = await waitFor(() => find('ct-add-intro-flow'), 'the add-intro flow');
    const panel = await waitFor(() => find('ct-receive-panel', add.shadowRoot!), 'the receive panel');
    assert.isNull(panel.shadowRoot!.querySelector('ct-qr-scanner'), 'no scanner before the user asks');
    button('Scan a QR code', panel.shadowRoot!).click();
    const scanner = await waitFor(() => panel.shadowRoot!.querySelector<CtQrScanner>('ct-qr-scanner'), 'the scanner');
    scanner.wasmUrl = TEST_WASM_URL;
    let read = 0;
    for (const photo of photos) {
      if (find('[data-testid=plan]', add.shadowRoot!) || find('[data-testid=refusal]', add.shadowRoot!)) break;
      await scanner.scanFiles([photo]);
      read++;
      await new Promise((r) => setTimeout(r, 0));
    }
    const plan = await waitFor(() => find('[data-testid=plan]', add.shadowRoot!), 'what installing would trust');
    assert.isAtMost(read, photos.length);
    assert.include(plan.textContent!, 'Beta Works / Ops');
    assert.include(plan.textContent!, 'Alpha Research');
    assert.include(plan.textContent!, 'QR code (intro): checked.');
    assert.equal((find('ct-fingerprint', plan) as HTMLElement & { value: string }).value, (await fingerprintOf(beta.caCertDer)).grouped, 'Beta’s CA fingerprint, to compare before installing');
    button('Install introduction', add.shadowRoot!).click();
    await waitFor(() => location.hash === '#/introductions', 'the list after installing');

    const db = await openStore({ name: alphaDb });
    const installed = await listIntroductions(db);
    db.close();
    assert.lengthOf(installed, 1);
    const sent = parseIntroJson(shown);
    assert.deepEqual(installed[0]!.signedCertDer, sent.signedCertDer, 'the certificate Beta signed and showed');
    assert.deepEqual(installed[0]!.signedCertDer, issuedByBeta[0]!.certDer, 'the one in Beta’s issued register');
    assert.deepEqual(installed[0]!.caCertDer, beta.caCertDer);
    assert.equal(installed[0]!.identityRef, 'alpha');
  });
});
