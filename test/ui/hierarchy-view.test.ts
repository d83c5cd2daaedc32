// The scoped-PKI controller against real IndexedDB and the real core (no DOM needed), and the view in
// the real app shell in Chromium: explicit root custody, issue, renew, confirmed destructive steps,
// store-file import with a merge, keyboard, axe.
import { assert } from 'chai';
import { HierarchyController } from '../../src/ui/hierarchy/hierarchy-controller.ts';
import '../../src/ui/app.ts';
import { sendKeys } from '@web/test-runner-commands';
import { openStore, loadEnvironment, type Db } from '../../src/store/index.ts';
import { BusyRegistry } from '../../src/ui/update/busy-registry.ts';
import { applyWriteSet, issueLeaf, generateServiceKey, readStoreFile, writeStoreFile, parsePem, parseCertificate, type HierarchyState } from '../../src/pki/index.ts';
import { P256_CSR_PEM } from '../pki/fixtures/openssl-inputs.ts';
import { makeCustody, T0, type Custody } from '../support/hierarchy-fixture.ts';
import { axeViolations, byText, find, findAll, fill, waitFor } from './support/dom.ts';

const DAY = 86_400_000;

function host() {
  return { updates: 0, addController() {}, removeController() {}, requestUpdate() { this.updates++; }, updateComplete: Promise.resolve(true) };
}

async function dropDb(name: string): Promise<void> {
  await new Promise((r) => { const q = indexedDB.deleteDatabase(name); q.onsuccess = q.onerror = q.onblocked = r; });
}

async function withController(fn: (ctl: HierarchyController, c: Custody, extra: { registry: BusyRegistry; holds: string[]; setNow: (ms: number) => void; db: () => Db }) => Promise<void>): Promise<void> {
  const name = `ui-${crypto.randomUUID()}`;
  const registry = new BusyRegistry();
  const holds: string[] = [];
  registry.subscribe((h) => { for (const x of h) if (x.kind === 'busy' && !holds.includes(x.label)) holds.push(x.label); });
  let now = T0;
  let db: Db | undefined;
  const ctl = new HierarchyController(host(), { openDb: async () => (db = await openStore({ name })), nowMs: () => now, registry });
  ctl.hostConnected();
  await ctl.ready();
  try {
    await fn(ctl, await makeCustody(), { registry, holds, setNow: (ms) => (now = ms), db: () => db! });
  } finally {
    ctl.hostDisconnected();
    await dropDb(name);
  }
}

const base = (c: Custody) => ({
  name: 'prod', trustDomain: 'example.org', topology: 'two-tier' as const, regions: 'eu, us', rootRecipient: c.rootRecipient, ciRecipient: c.ciRecipient,
  backupRecipient: '', dnsSubtrees: {}, rootCustody: 'recoverable' as const,
});

describe('ui: hierarchy controller', () => {
  it('refuses to create without an explicit root custody choice; keeps backup recipient and per-scope DNS subtrees', async () => {
    await withController(async (ctl, c) => {
      assert.isFalse(await ctl.create({ ...base(c), rootCustody: '' }));
      assert.equal(ctl.errorCode, 'HIER_ENV_INVALID');
      assert.deepEqual(ctl.environments, []);
      const backup = await makeCustody();
      assert.isTrue(await ctl.create({ ...base(c), backupRecipient: backup.ciRecipient, dnsSubtrees: { eu: 'eu.example.org', us: ' us.example.org, us.internal ', global: '' } }), ctl.message);
      const doc = ctl.selected!.doc;
      assert.deepEqual(doc.environment.dnsSubtrees, { eu: ['eu.example.org'], us: ['us.example.org', 'us.internal'] });
      assert.equal(doc.environment.custodians.backupRecipient, backup.ciRecipient);
      for (const k of doc.keys.filter((x) => x.id.startsWith('key-int-'))) assert.deepEqual(k.recipients, [c.ciRecipient, backup.ciRecipient]);
      assert.isTrue(ctl.overview!.rootRecoverable);
      assert.isTrue(ctl.overview!.rootHeld);
      assert.match(ctl.report!.text, /result: OK/);
      // The intermediate's certificate carries the DNS constraint (the tree shows it).
      assert.deepEqual(ctl.overview!.scopes.find((s) => s.scope === 'us')!.dnsSubtrees, ['us.example.org', 'us.internal']);
      // Browser-only: the overview says it cannot be recovered.
      assert.isTrue(await ctl.create({ ...base(c), name: 'lab', rootCustody: 'browser-only' }));
      assert.isFalse(ctl.overview!.rootRecoverable);
      assert.equal(ctl.overview!.roots[0]!.custody, 'browser-only');
      assert.isFalse(await ctl.create({ ...base(c), name: 'lab', rootCustody: 'browser-only' }));
      assert.equal(ctl.errorCode, 'STORE_CONFLICT', 'an existing environment is not overwritten');
    });
  });

  it('issues leaves from a CSR and from a generated key (held in busyRegistry), refuses names outside the scope, renews', async () => {
    await withController(async (ctl, c, x) => {
      await ctl.create({ ...base(c), dnsSubtrees: { eu: 'eu.example.org' } });
      assert.isTrue(await ctl.issue({ scope: 'eu', service: 'shop', dnsNames: 'shop.eu.example.org', csr: P256_CSR_PEM }), ctl.message);
      const shop = ctl.issued[0]!;
      assert.equal(shop.spiffeId, 'spiffe://example.org/prod/eu/shop');
      assert.isUndefined(shop.keyPem, 'no key from a CSR');
      assert.lengthOf(parsePem(shop.chainPem), 2, 'leaf + intermediate');
      assert.match(shop.fingerprint.grouped, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
      assert.isTrue(x.holds.some((h) => /Issuing a leaf for eu\/shop/.test(h)), 'signing held the registry');
      assert.isTrue(x.registry.idle);

      assert.isTrue(await ctl.issue({ scope: 'us', service: 'api', dnsNames: '', csr: 'generate' }));
      assert.match(ctl.issued[0]!.keyPem!, /^-----BEGIN PRIVATE KEY-----/);
      ctl.dismissIssued();
      assert.deepEqual(ctl.issued, []);
      const stored = await loadEnvironment(x.db(), 'prod');
      assert.notInclude(JSON.stringify(stored!.doc), 'PRIVATE KEY', 'the generated service key is not stored');

      const before = ctl.selected!.doc;
      assert.isFalse(await ctl.issue({ scope: 'eu', service: 'bad', dnsNames: 'bad.us.example.org', csr: 'generate' }));
      assert.equal(ctl.errorCode, 'HIER_DNS_OUTSIDE_SCOPE');
      assert.deepEqual(ctl.selected!.doc, before, 'nothing stored');
      assert.isFalse(await ctl.issue({ scope: 'eu', service: 'x', dnsNames: '', csr: 'not a request' }));
      assert.equal(ctl.errorCode, 'HIER_CSR_MALFORMED');

      // Renew within N days: nothing at first, both leaves 70 days later; one service on demand.
      assert.isTrue(await ctl.renew({ withinDays: 30 }));
      assert.equal(ctl.message, 'Nothing to renew.');
      x.setNow(T0 + 70 * DAY);
      assert.isTrue(await ctl.renew({ withinDays: 30 }));
      assert.deepEqual(ctl.issued.map((i) => i.service).sort(), ['api', 'shop']);
      const shopPem = ctl.selected!.doc.leaves.find((l) => l.service === 'shop')!.certPem;
      const spki = (pem: string) => parseCertificate(parsePem(pem)[0]!.der).subjectPublicKeyInfo.join(',');
      assert.equal(spki(shopPem), spki(shop.chainPem), 'renewal keeps the service key');
      assert.isTrue(await ctl.renew({ scope: 'eu', service: 'shop' }));
      assert.deepEqual(ctl.issued.map((i) => i.service), ['shop']);
      assert.isFalse(await ctl.renew({ withinDays: -1 }));
      assert.equal(ctl.errorCode, 'VALIDITY_INVALID');
    });
  });

  it('walks a root rotation step by step; finalize refuses while leaves are outstanding; each step holds busyRegistry', async () => {
    await withController(async (ctl, c, x) => {
      await ctl.create(base(c));
      await ctl.issue({ scope: 'eu', service: 'shop', dnsNames: '', csr: 'generate' });
      await ctl.run({ kind: 'rotate-root' });
      assert.equal(ctl.overview!.rotation!.steps.filter((s) => s.state === 'done').length, 1);
      await ctl.run({ kind: 'next-step' });
      await ctl.run({ kind: 'next-step' });
      assert.equal(ctl.selected?.doc.operation?.step, 'finalize');
      assert.equal(ctl.overview!.roots.length, 2, 'dual-root overlap');
      assert.isFalse(await ctl.run({ kind: 'abort' }));
      assert.equal(ctl.errorCode, 'HIER_STEP_INVALID', 'cannot roll back a published root');
      assert.isFalse(await ctl.run({ kind: 'finalize' }));
      assert.equal(ctl.errorCode, 'HIER_LEAVES_OUTSTANDING');
      assert.isTrue(await ctl.renew({ withinDays: 0 }), 'renew moves leaves off the old root');
      assert.isTrue(await ctl.run({ kind: 'finalize' }), ctl.message);
      assert.isUndefined(ctl.selected?.doc.operation);
      assert.deepEqual(ctl.overview!.roots.map((r) => r.id), ['root-r2']);
      assert.isTrue(ctl.overview!.rootRecoverable, 'the new root is kept the way the old one was');
      assert.equal(readStoreFile(ctl.storeFile()!.text).revision, ctl.selected!.doc.revision);
      assert.equal(ctl.storeFile()!.name, 'prod.pki.yaml');
      for (const label of ['Minting a new root (pending)', 'Running the next rotation step', 'Finalizing the root rotation']) assert.include(x.holds, label);
    });
  });

  it('prune drops a retired intermediate only after its last leaf expired, and writes nothing when there is nothing to drop', async () => {
    await withController(async (ctl, c, x) => {
      await ctl.create(base(c));
      await ctl.issue({ scope: 'eu', service: 'shop', dnsNames: '', csr: 'generate' });
      await ctl.run({ kind: 'rotate-intermediate', scope: 'eu' });
      await ctl.run({ kind: 'next-step' });
      const revision = ctl.selected!.doc.revision;
      assert.isTrue(await ctl.run({ kind: 'prune' }));
      assert.match(ctl.message, /Nothing to drop/);
      assert.equal((await loadEnvironment(x.db(), 'prod'))!.doc.revision, revision, 'no write');
      x.setNow(T0 + 91 * DAY);
      await ctl.refresh();
      assert.isTrue(await ctl.run({ kind: 'prune' }), ctl.message);
      assert.equal(ctl.message, 'Dropped int-eu-i1 and its key.');
      assert.isFalse(ctl.selected!.keys.has('key-int-eu-i1'));
    });
  });

  it("imports CI's store file (leaves merged, revision above both), reports conflicts without writing, recovers a root into a fresh browser", async () => {
    await withController(async (ctl, c, x) => {
      await ctl.create(base(c));
      const exported = ctl.storeFile()!.text;
      // CI renews nothing but issues us/api with the intermediate key it decrypts.
      const { openStoreKeys } = await import('../../src/pki/index.ts');
      const fileDoc = readStoreFile(exported);
      let ci: HierarchyState = { doc: fileDoc, keys: await openStoreKeys(fileDoc, [c.ciIdentity]) };
      const key = await generateServiceKey('p256');
      ci = applyWriteSet(ci, (await issueLeaf(ci, { scope: 'us', service: 'api', spki: key.spki }, T0)).writes);
      // Meanwhile the browser issues eu/shop.
      await ctl.issue({ scope: 'eu', service: 'shop', dnsNames: '', csr: 'generate' });
      assert.isTrue(await ctl.importFile(writeStoreFile(ci.doc), ''), ctl.message);
      assert.deepEqual(ctl.lastMerge!.added, ['spiffe://example.org/prod/us/api']);
      assert.deepEqual(ctl.selected!.doc.leaves.map((l) => l.service).sort(), ['api', 'shop']);
      assert.deepEqual(ctl.lastImport, { atMs: T0, fileRevision: ci.doc.revision });
      assert.match(ctl.message, /Merged revision \d+: 1 leaf added, 0 renewed\.$/);

      // A file from another environment of the same name is refused and nothing changes.
      const other = await makeCustody();
      const foreign = writeStoreFile({ ...ci.doc, environment: { ...ci.doc.environment, custodians: { rootRecipient: other.rootRecipient, ciRecipient: other.ciRecipient } } });
      const before = ctl.selected!.doc;
      assert.isFalse(await ctl.importFile(foreign, ''));
      assert.equal(ctl.errorCode, 'HIER_IMPORT_CONFLICT');
      assert.deepEqual(ctl.lastMerge!.conflicts.map((k) => k.code), ['ENVIRONMENT_DIFFERS']);
      assert.deepEqual(ctl.selected!.doc, before);
      assert.isFalse(await ctl.importFile('version: 2\n', ''));
      assert.equal(ctl.errorCode, 'HIER_STORE_VERSION');
      assert.isFalse(await ctl.importFile(exported, 'AGE-SECRET-KEY-1NOTREALLY'));
      assert.equal(ctl.errorCode, 'HIER_AGE_IDENTITY_INVALID');

      // A fresh browser (new database): import the file, then load the root with the offline identity.
      const file = ctl.storeFile()!.text;
      await withController(async (fresh) => {
        assert.isTrue(await fresh.importFile(file, ''));
        assert.isFalse(fresh.overview!.rootHeld);
        assert.isFalse(await fresh.run({ kind: 'rotate-intermediate', scope: 'eu' }));
        assert.equal(fresh.errorCode, 'HIER_KEY_UNAVAILABLE');
        assert.isFalse(await fresh.loadKeys(other.rootIdentity));
        assert.equal(fresh.errorCode, 'HIER_KEY_UNAVAILABLE', 'a wrong identity opens nothing');
        assert.isTrue(await fresh.loadKeys(`# offline root\n${c.rootIdentity}\n`), fresh.message);
        assert.isTrue(fresh.overview!.rootHeld);
        assert.isTrue(await fresh.run({ kind: 'rotate-intermediate', scope: 'eu' }), fresh.message);
        assert.isTrue(await fresh.run({ kind: 'next-step' }));
        assert.equal(fresh.selected!.doc.authorities.find((a) => a.id === 'int-eu-i2')!.status, 'active');
      });
      assert.ok(x);
    });
  });

  it("an imported leaf of the same age as ours (another certificate) is reported as a tie, and this browser's is kept", async () => {
    await withController(async (ctl, c, x) => {
      await ctl.create(base(c));
      const { doc, ci } = await tiedFile(ctl, c, x.setNow);
      const ours = ctl.selected!.doc.leaves[0]!.certPem;
      assert.isTrue(await ctl.importFile(writeStoreFile(ci), ''), ctl.message);
      assert.deepEqual(ctl.lastMerge!.sameAge, ['spiffe://example.org/prod/eu/shop']);
      assert.deepEqual(ctl.lastMerge!.keptOurs, [], 'not "kept newer": neither is newer');
      assert.equal(ctl.message, `Nothing taken from revision ${ci.revision}: 1 service has another certificate of the same age in the file; this browser’s was kept.`);
      assert.equal(ctl.selected!.doc.leaves[0]!.certPem, ours);
      assert.equal(ctl.selected!.doc.revision, doc.revision, 'nothing written');
    });
  });
});

/** The browser issues eu/shop; CI, from the file exported before, issues eu/shop in the same second for another key. */
async function tiedFile(ctl: HierarchyController, c: Custody, setNow: (ms: number) => void): Promise<{ doc: HierarchyState['doc']; ci: HierarchyState['doc'] }> {
  const { openStoreKeys } = await import('../../src/pki/index.ts');
  const fileDoc = readStoreFile(ctl.storeFile()!.text);
  const at = T0 + 5000;
  setNow(at);
  assert.isTrue(await ctl.issue({ scope: 'eu', service: 'shop', dnsNames: '', csr: 'generate' }), ctl.message);
  const ci = (await issueLeaf({ doc: fileDoc, keys: await openStoreKeys(fileDoc, [c.ciIdentity]) }, { scope: 'eu', service: 'shop', spki: (await generateServiceKey('p256')).spki }, at)).writes.doc;
  return { doc: ctl.selected!.doc, ci };
}

describe('ui: hierarchy view in the app shell', () => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/src/ui/global.css';
  document.head.append(link);
  document.documentElement.lang = 'en';

  let dbName: string;
  let app: HTMLElement;
  beforeEach(async () => {
    dbName = `ct-hier-view-${crypto.randomUUID()}`;
    location.hash = '#/hierarchy';
    app = document.createElement('ct-app');
    app.setAttribute('db-name', dbName);
    document.body.append(app);
    await waitFor(() => find('ct-hierarchy-view')?.shadowRoot, 'the hierarchy view');
  });
  afterEach(async () => {
    app.remove();
    await dropDb(dbName);
  });

  const view = () => find('ct-hierarchy-view')!.shadowRoot!;
  const input = (id: string) => view().querySelector<HTMLInputElement>(`#${id}`)!;

  it('create form: labelled fields, root custody must be chosen and browser-only warns; creates and draws the tree; axe clean', async () => {
    const form = await waitFor(() => view().querySelector('form[aria-label="New environment"]'), 'the create form');
    for (const el of Array.from(form.querySelectorAll('input:not([type=radio]), select, textarea'))) {
      const id = el.getAttribute('id');
      assert.ok(id && view().querySelector(`label[for="${id}"]`), `${(el as HTMLInputElement).name} is labelled`);
    }
    const c = await makeCustody();
    fill(input('domain'), 'example.org');
    fill(input('regions'), 'eu');
    fill(input('rootRecipient'), c.rootRecipient);
    fill(input('ciRecipient'), c.ciRecipient);
    await find<HTMLElement & { updateComplete: Promise<boolean> }>('ct-hierarchy-view')!.updateComplete;
    assert.ok(input('dns-eu'), 'a DNS subtree field per scope appears with the regions');
    fill(input('dns-eu'), 'eu.example.org');
    byText<HTMLButtonElement>('button', 'Create environment', view())!.click();
    const err = await waitFor(() => view().querySelector('[role=alert]'), 'the custody error');
    assert.match(err.textContent!, /Choose how the root key is kept/);
    assert.deepEqual(await axeViolations(), []);
    const browserOnly = view().querySelector<HTMLInputElement>('input[name=custody][value=browser-only]')!;
    browserOnly.click();
    await waitFor(() => /No way back/.test(view().textContent ?? ''), 'the browser-only warning');
    view().querySelector<HTMLInputElement>('input[name=custody][value=recoverable]')!.click();
    byText<HTMLButtonElement>('button', 'Create environment', view())!.click();
    await waitFor(() => view().querySelector('ct-hierarchy-tree')?.shadowRoot?.querySelector('[data-scope=eu]'), 'the tree');
    const tree = view().querySelector('ct-hierarchy-tree')!.shadowRoot!;
    assert.deepEqual(findAll('section.scope', tree).map((s) => s.getAttribute('aria-label')), ['Scope global', 'Scope eu']);
    assert.match(tree.querySelector('[data-scope=eu]')!.textContent!, /DNS limited to eu\.example\.org/);
    assert.match(tree.querySelector('[data-scope=eu]')!.textContent!, /Calls servers in\s+global\s+eu/);
    assert.match(tree.querySelector('[data-authority=root-r1]')!.textContent!, /escrowed to the offline root holder/);
    assert.lengthOf(findAll('td.fpfull', view()), 3, 'every authority has its full fingerprint');
    assert.deepEqual(await axeViolations(), []);
  });

  it('finalize and prune ask first; Escape cancels; the environment is unchanged', async () => {
    // Seed through the store, as another tab would have.
    const c = await makeCustody();
    const ctl = new HierarchyController(host(), { openDb: () => openStore({ name: dbName }), nowMs: () => Date.now() });
    ctl.hostConnected();
    await ctl.ready();
    await ctl.create({ ...base(c), regions: 'eu' });
    assert.isTrue(await ctl.issue({ scope: 'eu', service: 'shop', dnsNames: '', csr: 'generate' }));
    ctl.hostDisconnected();
    location.hash = '#/identities';
    await waitFor(() => !find('ct-hierarchy-view'), 'left the view');
    location.hash = '#/hierarchy';
    await waitFor(() => find('ct-hierarchy-view')?.shadowRoot && byText('button', 'Drop retired intermediates…', view()), 'the rotation card').catch((e) => {
      throw new Error(`${(e as Error).message}: ${view().textContent?.replace(/\s+/g, ' ').slice(0, 600)}`);
    });
    byText<HTMLButtonElement>('button', 'Drop retired intermediates…', view())!.click();
    const dialog = await waitFor(() => view().querySelector<HTMLDialogElement>('dialog[open]'), 'the confirmation');
    assert.match(dialog.textContent!, /never imported here/);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !view().querySelector('dialog[open]'), 'closed by Escape');
    assert.equal(view().querySelector('ct-hierarchy-tree')!.shadowRoot!.querySelectorAll('[data-authority]').length, 3, 'nothing dropped');
    // Start a root rotation through the view, run to the overlap, then finalize asks.
    byText<HTMLButtonElement>('button', 'Start root rotation', view())!.click();
    await waitFor(() => byText('button', 'Run next step', view()), 'step 2');
    byText<HTMLButtonElement>('button', 'Run next step', view())!.click();
    await waitFor(() => view().querySelector('ol.steps li.current')?.textContent?.includes('Publish'), 'publish step');
    byText<HTMLButtonElement>('button', 'Run next step', view())!.click();
    await waitFor(() => byText('button', 'Finalize…', view()), 'finalize step');
    byText<HTMLButtonElement>('button', 'Finalize…', view())!.click();
    const fin = await waitFor(() => view().querySelector<HTMLDialogElement>('dialog[open]'), 'the finalize confirmation');
    assert.match(fin.textContent!, /root-r1/);
    assert.match(fin.textContent!, /cannot be undone/);
    byText<HTMLButtonElement>('button', 'Finalize and delete the old root', view())!.click();
    const tree = () => view().querySelector('ct-hierarchy-tree')!.shadowRoot!;
    await waitFor(() => view().querySelector('[role=alert]'), 'finalize refused: shop is still under the old root');
    assert.match(view().querySelector('[role=alert]')!.textContent!, /HIER_LEAVES_OUTSTANDING[\s\S]*Details: .*eu\/shop/);
    assert.ok(tree().querySelector('[data-authority=root-r1]'), 'nothing dropped');
    byText<HTMLButtonElement>('button', 'Renew leaves under the old root', view())!.click();
    await waitFor(() => byText('h2', '1 renewed certificate', view()), 'renewed');
    byText<HTMLButtonElement>('button', 'Finalize…', view())!.click();
    await waitFor(() => view().querySelector<HTMLDialogElement>('dialog[open]'), 'the finalize confirmation again');
    byText<HTMLButtonElement>('button', 'Finalize and delete the old root', view())!.click();
    await waitFor(() => !tree().querySelector('[data-authority=root-r1]') && tree().querySelector('[data-authority=root-r2]'), 'the old root gone');
    assert.isNull(view().querySelector('ol.steps'), 'no rotation in progress');
    assert.deepEqual(await axeViolations(), []);
  });

  it("says a tie is a tie: an imported leaf of the same age is 'kept this browser's', not 'kept newer'; axe clean", async () => {
    const c = await makeCustody();
    let now = T0;
    const ctl = new HierarchyController(host(), { openDb: () => openStore({ name: dbName }), nowMs: () => now });
    ctl.hostConnected();
    await ctl.ready();
    let ci: HierarchyState['doc'];
    try {
      await ctl.create({ ...base(c), regions: 'eu' });
      ({ ci } = await tiedFile(ctl, c, (ms) => (now = ms)));
    } finally {
      ctl.hostDisconnected();
    }
    location.hash = '#/identities';
    await waitFor(() => !find('ct-hierarchy-view'), 'left the view');
    location.hash = '#/hierarchy';
    // The store file arrives through the import card's receive panel (its own file input).
    const importCard = () => find('ct-hierarchy-view')?.shadowRoot?.querySelector('section[aria-labelledby=imp-h]');
    const fileInput = await waitFor(() => importCard()?.querySelector('ct-receive-panel')?.shadowRoot?.querySelector<HTMLInputElement>('input[type=file]'), 'the import form');
    const dt = new DataTransfer();
    dt.items.add(new File([writeStoreFile(ci)], 'prod.pki.yaml', { type: 'text/yaml' }));
    fileInput.files = dt.files;
    fileInput.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => /Ready to import/.test(importCard()?.querySelector('.received')?.textContent ?? ''), 'the store file read');
    byText<HTMLButtonElement>('button', 'Import store file', view())!.click();
    const tie = await waitFor(() => view().querySelector('[data-testid=same-age]'), 'the tie sentence');
    assert.equal(tie.textContent!.trim(), 'Same age in the file and here (a tie), kept this browser’s: spiffe://example.org/prod/eu/shop');
    assert.notMatch(view().querySelector('#outcome')!.textContent!, /Kept newer here/);
    assert.match(view().querySelector('#outcome')!.textContent!, /Nothing taken from revision \d+: 1 service has another certificate of the same age in the file; this browser’s was kept\./);
    assert.deepEqual(await axeViolations(), []);
  });
});
