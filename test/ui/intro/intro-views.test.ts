// The issue-4 route views inside the real app shell (ct-app) with a real IndexedDB: each reads the store
// through storeContext, the signer is our identity (no "create one first" when there is one), an
// intro.json installs from the view, and every view passes an axe check with data and when empty.
import { assert } from 'chai';
import '../../../src/ui/app.ts';
import type { CtApp } from '../../../src/ui/app.ts';
import { checkIntroduction, createIdentity, crossCertify, emptyLedger, fingerprintOf, getIdentOutput, introduce, issueNextCrl, revokeCertificate, type CreatedIdentity, type IntroPlan } from '../../../src/pki/index.ts';
import {
  importPartnerCrl, installIntroduction, listIntroductions, listIssued, openStore, recordIssued, revokeIssued, saveCrossCertificate, saveIdentity, type Db, type IdentityRecord,
} from '../../../src/store/index.ts';
import { busyRegistry } from '../../../src/ui/update/busy-registry.ts';
import { axeViolations, byText, fill, find, findAll, waitFor } from '../support/dom.ts';

const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = '/src/ui/global.css';
document.head.append(link);
document.documentElement.lang = 'en';

let n = 0;
let app: CtApp | undefined;
let dbName = '';

async function mount(hash: string, seed?: (db: Db) => Promise<void>): Promise<void> {
  dbName = `ct-intro-views-${Date.now()}-${n++}`;
  if (seed) {
    const db = await openStore({ name: dbName });
    await seed(db);
    db.close();
  }
  location.hash = hash;
  app = document.createElement('ct-app');
  app.setAttribute('db-name', dbName);
  document.body.append(app);
  await app.updateComplete;
}

async function go(hash: string): Promise<void> {
  location.hash = hash;
  await new Promise((r) => setTimeout(r, 0));
}

afterEach(async () => {
  app?.remove();
  app = undefined;
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(dbName);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
  location.hash = '';
});

async function checkIntroductionPlan(json: string, ours: IdentityRecord, atMs: number): Promise<IntroPlan> {
  const c = await checkIntroduction({ json, ourIdentities: [{ ref: ours.id, idCertDer: ours.idCertDer }], atMs });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.plan;
}

const text = (): string => findAll('main').map((m) => m.textContent ?? '').join(' ') + findAll('*').filter((e) => e.shadowRoot).map((e) => e.shadowRoot!.textContent ?? '').join(' ');

describe('issue-4 views in the app shell', () => {
  let beta: CreatedIdentity;
  let alphaCreated: CreatedIdentity;
  let alpha: IdentityRecord;
  before(async () => {
    beta = await createIdentity({ name: { org: 'Beta', unit: 'Ops' }, san: { hosts: ['beta.example'] }, atMs: Date.now() });
    alphaCreated = await createIdentity({ name: { org: 'Alpha', unit: 'Ops' }, san: { hosts: ['alpha.example'] }, atMs: Date.now(), caPathLength: 1 });
  });

  /** Alpha in the store, introduced by Beta (with a service), having introduced and cross-certified Beta. */
  async function seed(db: Db): Promise<void> {
    const now = Date.now();
    alpha = await saveIdentity(db, { id: 'alpha', label: 'Alpha main', created: alphaCreated, atMs: now });
    const byBeta = await introduce({ peerDer: alpha.idCertDer, ca: { certDer: beta.caCertDer, key: beta.caKeys.privateKey }, atMs: now, services: [{ alias: 'beta-api', url: 'https://beta.example:8443' }] });
    await installIntroduction(db, await checkIntroductionPlan(byBeta.introJson, alpha, now), { atMs: now });
    const ca = { certDer: alpha.caCertDer, key: alphaCreated.caKeys.privateKey };
    const weIntroduced = await introduce({ peerDer: beta.idCertDer, ca, atMs: now });
    await recordIssued(db, { identityId: alpha.id, kind: 'introduction', certDer: weIntroduced.signedCertDer, atMs: now, summary: 'Introduced Beta' });
    const x = await crossCertify({ peerCaDer: beta.caCertDer, ca, atMs: now, limits: { pathLength: 0, validityDays: 30 } });
    await saveCrossCertificate(db, { peerCa: x.peerCa, certDer: x.certDer, description: x.description, notAfterMs: x.notAfterMs, issuedMs: now, identityId: alpha.id });
  }

  it('with no identity, each signing view links to creating one, and passes axe', async () => {
    await mount('#/introduce');
    for (const [hash, h1] of [['#/introduce', 'Introduce a peer'], ['#/add-intro', 'Add an introduction'], ['#/cross-certify', 'Cross-certify a partner CA'], ['#/introductions', 'Introductions'], ['#/trust-graph', 'Trust graph']] as const) {
      await go(hash);
      await waitFor(() => byText('h1', h1), h1);
      if (hash !== '#/trust-graph' && hash !== '#/introductions') {
        await waitFor(() => find('[data-testid=no-identity]'), `${hash}: empty state`);
        assert.equal(byText('a', 'Create an identity')?.getAttribute('href'), '#/new', hash);
      }
      assert.deepEqual(await axeViolations(), [], hash);
    }
    assert.isUndefined(find('ct-introduce-flow'), 'no signing form without a signer');
  });

  it('introduce: our identity signs (not "create one first"); the peer is checked; axe passes', async () => {
    await mount('#/introduce', seed);
    const picker = await waitFor(() => find('ct-signer-picker'), 'signer picker');
    await waitFor(() => picker.shadowRoot?.textContent?.includes('Signed by Alpha main'), 'signer shown');
    assert.notInclude(text(), 'Create or select an identity first');
    assert.include(picker.shadowRoot!.textContent!, (await fingerprintOf(alpha.caCertDer)).grouped);
    const flow = find('ct-introduce-flow')!;
    const ta = await waitFor(() => find<HTMLTextAreaElement>('textarea#paste', flow.shadowRoot!), 'paste box');
    fill(ta, getIdentOutput(beta.idCertDer));
    ta.closest('form')!.requestSubmit();
    const typed = await waitFor(() => find<HTMLInputElement>('#typed', flow.shadowRoot!), 'fingerprint field');
    assert.deepEqual(await axeViolations(), []);
    // Sign: the view holds the update registry while signing, then until intro.json has left the page.
    fill(typed, (await fingerprintOf(beta.idCertDer)).grouped);
    await waitFor(() => byText<HTMLButtonElement>('button', 'Sign introduction', flow.shadowRoot!)?.disabled === false, 'sign enabled');
    byText<HTMLButtonElement>('button', 'Sign introduction', flow.shadowRoot!)!.click();
    await waitFor(() => busyRegistry.holds.some((h) => h.kind === 'busy'), 'busy while signing');
    await waitFor(() => find('[data-testid=intro-result]', flow.shadowRoot!), 'result');
    assert.deepEqual(busyRegistry.holds.map((h) => `${h.kind}:${h.label}`), ['dirty:an introduction not yet downloaded']);
    assert.deepEqual(await axeViolations(), []);
    byText<HTMLButtonElement>('button', 'Copy intro.json', flow.shadowRoot!)!.click();
    byText<HTMLButtonElement>('button', 'Download intro.json', flow.shadowRoot!)!.click();
    await waitFor(() => busyRegistry.idle, 'released after download');
    const db = await openStore({ name: dbName });
    assert.equal((await listIssued(db, { identityId: 'alpha' })).filter((d) => d.kind === 'introduction').length, 2, 'recorded in the issued register');
    db.close();
  });

  it('add-intro installs from the view and lands on the list; the list, cross-certify and graph read the store; axe passes on each', async () => {
    await mount('#/introductions', seed);
    await waitFor(() => findAll('td').some((td) => td.textContent?.includes('Beta / Ops')), 'installed introduction listed');
    assert.deepEqual(await axeViolations(), []);

    // A second introducer, installed through the add-intro view.
    const gamma = await createIdentity({ name: { org: 'Gamma', unit: 'Ops' }, san: { hosts: ['gamma.example'] }, atMs: Date.now() });
    const byGamma = await introduce({ peerDer: alphaCreated.idCertDer, ca: { certDer: gamma.caCertDer, key: gamma.caKeys.privateKey }, atMs: Date.now() });
    await go('#/add-intro');
    const flow = await waitFor(() => find('ct-add-intro-flow'), 'add-intro flow');
    const ta = await waitFor(() => find<HTMLTextAreaElement>('textarea#paste', flow.shadowRoot!), 'paste box');
    fill(ta, byGamma.introJson);
    ta.closest('form')!.requestSubmit();
    const plan = await waitFor(() => find('[data-testid=plan]', flow.shadowRoot!), 'plan');
    assert.include(plan.textContent!, 'Alpha main');
    assert.deepEqual(await axeViolations(), []);
    byText<HTMLButtonElement>('button', 'Install introduction', flow.shadowRoot!)!.click();
    await waitFor(() => location.hash === '#/introductions', 'navigated to the list');
    await waitFor(() => findAll('td').some((td) => td.textContent?.includes('Gamma / Ops')), 'new introduction listed');
    await waitFor(() => find('[role=status]')?.textContent?.includes('Introduction from Gamma / Ops installed'), 'announced');
    const db = await openStore({ name: dbName });
    assert.deepEqual((await listIntroductions(db)).map((i) => i.identityRef), ['alpha', 'alpha']);
    db.close();

    await go('#/cross-certify');
    await waitFor(() => byText('h2', 'Cross-certificates you issued'), 'issued list');
    assert.deepEqual(await axeViolations(), []);

    await go('#/trust-graph');
    const graph = await waitFor(() => find('ct-trust-graph'), 'graph');
    await waitFor(() => graph.shadowRoot?.querySelector('[role=button]'), 'nodes');
    assert.deepEqual(findAll('[role=button]', graph.shadowRoot!).map((b) => b.getAttribute('aria-label')), [
      'service: beta-api', 'introduced us: Beta / Ops', 'introduced us: Gamma / Ops', 'our identity: Alpha main', 'we introduced: Beta / Ops', 'we cross-certified: Beta / Ops',
    ]);
    assert.deepEqual(await axeViolations(), []);
  });

  it('trust graph: what we revoked and an introduction the introducer’s CRL revokes read as revoked, in words as well as colour', async () => {
    await mount('#/trust-graph', async (db) => {
      await seed(db);
      const now = Date.now();
      // We revoke the peer we introduced and the cross-certificate (our ledger).
      for (const d of (await listIssued(db, { identityId: 'alpha' })).filter((x) => x.kind === 'introduction' || x.kind === 'cross-cert')) {
        await revokeIssued(db, { identityId: 'alpha', certDer: d.certDer, reason: 'keyCompromise', atMs: now });
      }
      // Beta's CRL, imported as a partner CRL, revokes its introduction of us.
      const [installed] = await listIntroductions(db);
      const ledger = await revokeCertificate({ ledger: await emptyLedger(beta.caCertDer), caCertDer: beta.caCertDer, certDer: installed!.signedCertDer, reason: 'superseded', atMs: now });
      const { crlDer } = await issueNextCrl({ ledger, caCertDer: beta.caCertDer, caKey: beta.caKeys.privateKey, atMs: now, nextUpdateDays: 7 });
      await importPartnerCrl(db, { crlDer, atMs: now });
    });
    const graph = await waitFor(() => find('ct-trust-graph'), 'graph');
    await waitFor(() => graph.shadowRoot?.querySelector('[role=button]'), 'nodes');
    assert.deepEqual(findAll('[role=button]', graph.shadowRoot!).map((b) => b.getAttribute('aria-label')), [
      'service: beta-api (revoked)', 'introduced us: Beta / Ops (revoked)', 'our identity: Alpha main', 'we introduced: Beta / Ops (revoked)', 'we cross-certified: Beta / Ops (revoked)',
    ]);
    assert.lengthOf(findAll('g.node.revoked', graph.shadowRoot!), 4);
    assert.isTrue(findAll('text.sub.revoked', graph.shadowRoot!).every((t) => t.textContent!.includes('revoked')), 'the second line says it');
    assert.include(find('.legend', graph.shadowRoot!)!.textContent!, 'revoked');
    const words = find('details.words', graph.shadowRoot!)!.textContent!;
    assert.include(words, 'Beta / Ops introduced Alpha main (revoked');
    assert.include(words, 'by the introducer’s CRL, superseded)');
    assert.include(words, 'Alpha main introduced Beta / Ops (revoked');
    const node = findAll('[role=button]', graph.shadowRoot!).find((b) => b.getAttribute('aria-label') === 'we introduced: Beta / Ops (revoked)')!;
    node.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await waitFor(() => find('[data-testid=node-details]', graph.shadowRoot!)?.textContent?.includes('revoked'), 'details say revoked');
    assert.include(find('[data-testid=node-details]', graph.shadowRoot!)!.textContent!, '(by us), key compromised');
    assert.deepEqual(await axeViolations(), []);
  });
});
