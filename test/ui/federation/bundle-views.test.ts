// Federation UI in real Chromium with a fresh IndexedDB: the compose draft offers our identities'
// CAs, installed introductions' CAs and cross-certificates and adds partner roots only once
// confirmed; signing writes an audit entry and verifies as trusted against our CA; the import
// check verifies signers, diffs and accepts per entry; every refusal leaves the store unchanged;
// the cards render flags, provenance and fingerprints and pass axe.
import { assert } from 'chai';
import { deleteDB } from 'idb';
import '../../../src/ui/federation/bundle-entries.ts';
import '../../../src/ui/federation/bundle-import.ts';
import type { CtBundleImport } from '../../../src/ui/federation/bundle-import.ts';
import type { CtBundleEntries } from '../../../src/ui/federation/bundle-entries.ts';
import { openStore, type Db } from '../../../src/store/db.ts';
import { installIntroduction, saveCrossCertificate } from '../../../src/store/introductions.ts';
import { listHeldCas, loadBundle, saveBundle, saveIdentity } from '../../../src/store/index.ts';
import {
  composeBundle, createIdentity, DAY_MS, exportSpiffeBundles, assessBundle, MAX_BUNDLE_INPUT_BYTES, signDetached, toPem, utf8, verifyDetached, verifyJws,
  type TrustBundle,
} from '../../../src/pki/index.ts';
import { heldDraft, inputDraft, composeWithDraft, unconfirmed, updateDraft } from '../../../src/ui/federation/compose-draft.ts';
import { exportArtefacts, signArtefact } from '../../../src/ui/federation/bundle-export.ts';
import { acceptImport, checkImport, signerChoices, sortInputs } from '../../../src/ui/federation/bundle-import-check.ts';
import { makeCa, makeLeaf, type TestCa } from '../../pki/federation/make-certs.ts';
import { axeViolations, waitFor } from '../support/dom.ts';
import { mountWithContexts } from '../support/context-root.ts';
import { expectCode as refused } from '../../support/expect-code.ts';

const NOW = Date.now();

/** Everything stored except CryptoKeys, as comparable JSON. */
async function dump(db: Db): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const s of ['identities', 'documents', 'audit', 'settings'] as const) out[s] = await db.getAll(s);
  return JSON.stringify(out, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
}

describe('federation UI', () => {
  let db: Db;
  let name: string;
  let identityId: string;
  let ourCa: Uint8Array;
  let partner: TestCa;
  let partnerId: { der: Uint8Array; keys: CryptoKeyPair };
  let introCa: TestCa;
  let crossCert: Uint8Array;

  before(() => {
    document.documentElement.lang = 'en';
    document.title = 'federation UI';
  });

  beforeEach(async () => {
    name = `ct-fed-ui-${Math.random().toString(36).slice(2)}`;
    db = await openStore({ name });
    const created = await createIdentity({ name: { org: 'Alpha Labs', unit: 'Research' }, san: { hosts: ['alpha.example'] }, keyType: 'p256', atMs: NOW });
    identityId = (await saveIdentity(db, { label: 'Alpha Research', created, atMs: NOW })).id;
    ourCa = created.caCertDer;
    partner = await makeCa('Beta Root', { fromMs: NOW - DAY_MS });
    partnerId = await makeLeaf(partner, 'Beta Signing');
    introCa = await makeCa('Gamma Root', { fromMs: NOW - DAY_MS });
    const introSigned = await makeLeaf(introCa, 'Alpha Person');
    await installIntroduction(db, {
      signedCertDer: introSigned.der, caCertDer: introCa.der, introducer: 'P=Signing Certificate,CN=Gamma Root', idPath: 'id/P=Signing Certificate,CN=Gamma Root.crt',
      notBeforeMs: NOW - DAY_MS, notAfterMs: NOW + 300 * DAY_MS, replaces: [],
      services: [{ alias: 'gamma-api', url: 'https://gamma.example', path: 'known_servers/gamma-api.yaml', yaml: '' }],
    }, { atMs: NOW });
    crossCert = (await makeCa('Delta Root', { fromMs: NOW - DAY_MS })).der; // stands in for a cross-certificate we issued
    await saveCrossCertificate(db, { identityId, peerCa: 'Delta Root', certDer: crossCert, description: [], notAfterMs: NOW + 300 * DAY_MS, issuedMs: NOW });
  });
  afterEach(async () => {
    document.body.replaceChildren();
    db.close();
    await deleteDB(name);
  });

  async function emptyBundle(): Promise<TrustBundle> {
    const { bundle } = await composeBundle({ name: 'partners', trustDomain: 'alpha.example', candidates: [], atMs: NOW });
    await saveBundle(db, bundle, { op: 'bundle.create', summary: 'created' });
    return bundle;
  }

  it('composes from what the store holds; partner roots wait for their fingerprint to be confirmed', async () => {
    const bundle = await emptyBundle();
    let draft = await heldDraft(await listHeldCas(db), bundle, NOW);
    assert.deepEqual(draft.map((d) => [d.kind, d.detail, d.needsConfirmation]), [
      ['own-root', 'Alpha Research', false],
      ['introduction', 'P=Signing Certificate,CN=Gamma Root', true],
      ['cross-certification', 'Delta Root', true],
    ]);
    const brought = await inputDraft({ name: 'beta.pem', data: toPem('CERTIFICATE', partner.der) + toPem('CERTIFICATE', partnerId.der) + toPem('CERTIFICATE', introCa.der) }, bundle, draft, NOW);
    assert.deepEqual(brought.known, [draft[1]!.info.fingerprint], 'a root already offered from the store is not offered twice');
    draft = [...draft, ...brought.added];
    const leaf = draft.find((d) => d.info.displayName === 'Beta Signing')!;
    assert.include(leaf.flags, 'not-ca', 'a leaf is offered flagged, not silently dropped');
    draft = draft.map((d) => ({ ...d, selected: d.info.displayName !== 'Beta Signing' }));
    assert.lengthOf(unconfirmed(draft), 3);
    assert.isUndefined(await composeWithDraft(bundle, draft, { confirmedBy: 'Ann', atMs: NOW }), 'nothing added while unconfirmed');
    for (const d of unconfirmed(draft)) draft = updateDraft(draft, d.info.fingerprint, { confirmed: true });
    const next = (await composeWithDraft(bundle, draft, { confirmedBy: 'Ann Lee', atMs: NOW }))!;
    assert.lengthOf(next.entries, 4);
    const intro = next.entries.find((e) => e.displayName === 'Gamma Root')!;
    assert.deepEqual(intro.provenance[0]!.introduction?.services, [{ alias: 'gamma-api', url: 'https://gamma.example' }], 'certified files can be written for it');
    assert.equal(next.entries.find((e) => e.displayName === 'Beta Root')!.provenance[0]!.confirmedBy, 'Ann Lee');
    assert.equal(next.entries.find((e) => e.displayName === 'Alpha Labs / Research')!.provenance[0]!.confirmedBy, 'this browser (own identity)');
    const again = await heldDraft(await listHeldCas(db), next, NOW);
    assert.isTrue(again.every((d) => d.alreadyIn === 'same-certificate'), 'dedupe: held CAs now show as already in the bundle');
    assert.lengthOf(exportArtefacts(next, 'certified', NOW), 1, 'the introduction root exports as certified files');
  });

  it('signs exports with an identity key: audited, and trusted by a partner who trusts our CA', async () => {
    const { bundle } = await composeBundle({ name: 'p', trustDomain: 'alpha.example', atMs: NOW, candidates: [{ certDer: ourCa, provenance: [{ kind: 'own-root', detail: 'us', addedMs: NOW, fingerprintConfirmed: true }] }] });
    const [pem] = exportArtefacts(bundle, 'pem', NOW);
    const sig = await signArtefact(db, identityId, pem!, { jws: true, atMs: NOW });
    assert.equal(sig.qrKind, 'bundle-signature', 'PEM gets a detached signature even when JWS is asked for');
    const v = await verifyDetached(utf8.encode(pem!.data as string), sig.data as string, { atMs: NOW, trustedSigners: [ourCa] });
    assert.isTrue(v.trusted);
    const [spiffe] = exportArtefacts(bundle, 'spiffe', NOW);
    const jws = await signArtefact(db, identityId, spiffe!, { jws: true, atMs: NOW });
    assert.equal(jws.filename, 'alpha.example.spiffe.jws');
    assert.equal(utf8.decode((await verifyJws((jws.data as string).trim(), { atMs: NOW, trustedSigners: [ourCa] })).payload), spiffe!.data);
    const audit = (await db.getAll('audit')).filter((a) => a.op === 'bundle.sign');
    assert.lengthOf(audit, 2);
    assert.match(audit[0]!.keyId ?? '', /\/id$/, 'the identity key signed');
  });

  it('imports a signed partner bundle: signer trusted through a confirmed partner CA, accepted per entry', async () => {
    const base = await emptyBundle();
    const { bundle: held } = await composeBundle({ name: 'partners', trustDomain: 'alpha.example', previous: base, atMs: NOW, candidates: [
      { certDer: partner.der, provenance: [{ kind: 'import', detail: 'beta', addedMs: NOW, fingerprintConfirmed: true, confirmedBy: 'Ann' }] },
    ] });
    await saveBundle(db, held, { expectedUpdatedMs: base.updatedMs, op: 'x', summary: 'x' });
    const choices = await signerChoices(held, await listHeldCas(db));
    assert.deepEqual(choices.filter((c) => c.suggested).map((c) => c.name).sort(), ['Beta Root', 'Gamma Root'], 'confirmed partner CAs and introductions are suggested');
    assert.equal(choices.at(-1)!.where, 'your own CA');
    const renewed = await makeCa('Beta Root 2', { fromMs: NOW - DAY_MS });
    const text = toPem('CERTIFICATE', partner.der) + toPem('CERTIFICATE', renewed.der);
    const sigText = await signDetached({ key: partnerId.keys.privateKey, certDer: partnerId.der }, utf8.encode(text));
    const slots = sortInputs({}, [{ name: 'beta.pem.sig.json', via: 'file', data: utf8.encode(sigText) }, { name: 'beta.pem', via: 'file', data: utf8.encode(text) }]);
    assert.equal(slots.signature?.name, 'beta.pem.sig.json');
    const trusted = choices.filter((c) => c.suggested).map((c) => c.der);
    const c = (await checkImport(held, slots, { trustedSigners: trusted, requireSignature: true, trustDomain: '', atMs: NOW }))!;
    assert.isTrue(c.imported.signature?.trusted);
    assert.deepEqual(c.diff.added.map((r) => r.displayName), ['Beta Root 2']);
    assert.lengthOf(c.diff.removed, 0);
    const next = await acceptImport(db, held, c, { accept: new Set([c.diff.added[0]!.fingerprint]), confirmedBy: '', atMs: NOW + 1 });
    assert.deepEqual((await loadBundle(db, 'partners'))!.entries.map((e) => e.displayName), next.entries.map((e) => e.displayName));
    assert.equal(next.entries.find((e) => e.displayName === 'Beta Root 2')!.provenance[0]!.confirmedBy, 'signature of Beta Signing');
  });

  it('refuses bad input, untrusted or wrong signatures, rollback and stale saves, changing nothing stored', async () => {
    const base = await emptyBundle();
    const { bundle: held } = await composeBundle({ name: 'partners', trustDomain: 'alpha.example', previous: base, atMs: NOW, candidates: [
      { certDer: partner.der, provenance: [{ kind: 'import', detail: 'beta', addedMs: NOW, fingerprintConfirmed: true }], trustDomain: 'beta.example' },
    ] });
    await saveBundle(db, held, { expectedUpdatedMs: base.updatedMs, op: 'x', summary: 'x' });
    const stranger = await makeCa('Stranger', { fromMs: NOW - DAY_MS });
    const strangerId = await makeLeaf(stranger, 'Stranger Signing');
    const good = toPem('CERTIFICATE', partner.der);
    const sig = (signer: { der: Uint8Array; keys: CryptoKeyPair }, t: string) => signDetached({ key: signer.keys.privateKey, certDer: signer.der }, utf8.encode(t));
    // The partner's document as it was before the one we hold (sequence 0 < held 1).
    assert.equal(held.sequences['beta.example'], 1);
    const oldSpiffe = exportSpiffeBundles({ ...held, sequences: { 'beta.example': 0 } }, assessBundle(held, { atMs: NOW }).included)[0]!.json;
    const before = await dump(db);
    const req = { trustedSigners: [partner.der], requireSignature: false, trustDomain: '', atMs: NOW };
    const cases: Array<[string, Promise<unknown>, string]> = [
      ['wrong signature', checkImport(held, { bundle: { name: 'b', via: 'file', data: toPem('CERTIFICATE', stranger.der) }, signature: { name: 's', via: 'file', data: await sig(partnerId, good) } }, req), 'BUNDLE_SIGNATURE_INVALID'],
      ['untrusted signer', checkImport(held, { bundle: { name: 'b', via: 'file', data: good }, signature: { name: 's', via: 'file', data: await sig(strangerId, good) } }, req), 'BUNDLE_SIGNER_UNTRUSTED'],
      ['unsigned where required', checkImport(held, { bundle: { name: 'b', via: 'paste', data: good } }, { ...req, requireSignature: true }), 'BUNDLE_SIGNATURE_REQUIRED'],
      ['a leaf', checkImport(held, { bundle: { name: 'b', via: 'paste', data: good + toPem('CERTIFICATE', partnerId.der) } }, req), 'BUNDLE_LEAF_CERTIFICATE'],
      ['truncated PEM', checkImport(held, { bundle: { name: 'b', via: 'paste', data: good.slice(0, 200) } }, req), 'BUNDLE_TRUNCATED'],
      ['duplicate key, other name', checkImport(held, { bundle: { name: 'b', via: 'paste', data: good + toPem('CERTIFICATE', (await makeCa('Alias', { keys: partner.keys })).der) } }, req), 'BUNDLE_DUPLICATE_KEY'],
      ['SPIFFE sequence rollback', checkImport(held, { bundle: { name: 'b', via: 'paste', data: oldSpiffe } }, { ...req, trustDomain: 'beta.example' }), 'BUNDLE_SEQUENCE_ROLLBACK'],
      ['SPIFFE without its trust domain', checkImport(held, { bundle: { name: 'b', via: 'paste', data: oldSpiffe } }, req), 'BUNDLE_TRUST_DOMAIN_REQUIRED'],
      ['10 MB', checkImport(held, { bundle: { name: 'b', via: 'file', data: new Uint8Array(MAX_BUNDLE_INPUT_BYTES + 1) } }, req), 'BUNDLE_TOO_LARGE'],
    ];
    for (const [what, p, code] of cases) await refused(p, code).catch((e: Error) => { throw new Error(`${what}: ${e.message}`); });
    // A stale accept (the bundle changed in another tab) is refused too.
    const other = await makeCa('Other', { fromMs: NOW - DAY_MS });
    const c = (await checkImport(held, { bundle: { name: 'o', via: 'paste', data: toPem('CERTIFICATE', other.der) } }, { ...req, trustedSigners: [] }))!;
    await refused(acceptImport(db, { ...held, updatedMs: held.updatedMs - 1 }, c, { accept: new Set([c.diff.added[0]!.fingerprint]), confirmedBy: 'x', atMs: NOW + 5 }), 'STORE_CONFLICT');
    assert.equal(await dump(db), before, 'the store is unchanged after every refusal');
  });

  it('<ct-bundle-entries> shows state in words, provenance and fingerprints; remove asks first', async () => {
    const a = await makeCa('View Root A', { fromMs: NOW - DAY_MS });
    const old = await makeCa('Old Root', { fromMs: NOW - 400 * DAY_MS });
    const { bundle } = await composeBundle({ name: 'v', trustDomain: 'example.org', atMs: NOW, candidates: [
      { certDer: a.der, provenance: [{ kind: 'own-root', detail: 'us', addedMs: NOW, fingerprintConfirmed: true, confirmedBy: 'Ann' }] },
      { certDer: old.der, provenance: [{ kind: 'import', detail: 'old.pem', addedMs: NOW, fingerprintConfirmed: false }] },
    ] });
    const el = document.createElement('ct-bundle-entries') as CtBundleEntries;
    el.bundle = bundle;
    el.atMs = NOW;
    await mountWithContexts(el);
    const sr = el.shadowRoot!;
    const text = sr.textContent!.replace(/\s+/g, ' ');
    assert.include(text, '1 of 2');
    assert.include(text, 'fingerprint confirmed by Ann');
    assert.include(text, 'fingerprint not confirmed');
    assert.include(text, 'left out');
    assert.include(text, 'expired');
    assert.match(sr.querySelector('.fp')!.textContent!, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const keep = new Promise<CustomEvent>((r) => el.addEventListener('ct-bundle-keep', (e) => r(e), { once: true }));
    sr.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    assert.isTrue((await keep).detail.keep);
    const removed: string[] = [];
    el.addEventListener('ct-bundle-remove', (e) => removed.push(e.detail.fingerprint));
    sr.querySelector<HTMLButtonElement>('button[aria-label="Remove Old Root"]')!.click();
    await waitFor(() => sr.querySelector('dialog[open]'), 'the confirmation');
    assert.deepEqual(removed, [], 'nothing removed before confirming');
    assert.deepEqual(await axeViolations(), []);
    [...sr.querySelectorAll('dialog button')].find((b) => b.textContent === 'Remove root')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    assert.lengthOf(removed, 1);
  });

  it('<ct-bundle-import> shows the diff with fingerprints, accepts only ticked entries, and stores them', async () => {
    const held = await emptyBundle();
    const el = document.createElement('ct-bundle-import') as CtBundleImport;
    el.held = held;
    await mountWithContexts(el, db);
    const sr = el.shadowRoot!;
    const panel = sr.querySelector('ct-receive-panel')!;
    await panel.updateComplete;
    const b = await makeCa('Import Root B', { fromMs: NOW - DAY_MS });
    panel.shadowRoot!.querySelector<HTMLTextAreaElement>('#paste')!.value = toPem('CERTIFICATE', partner.der) + toPem('CERTIFICATE', b.der);
    panel.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
    const table = await waitFor(() => sr.querySelector('table[aria-label=Changes]'), 'the diff');
    assert.lengthOf(table.querySelectorAll('tbody tr'), 2);
    assert.include(sr.textContent, 'Not signed');
    const changed = new Promise<CustomEvent<{ bundle: TrustBundle; message: string }>>((r) => el.addEventListener('ct-bundle-changed', (e) => r(e), { once: true }));
    const accept = [...sr.querySelectorAll('button')].find((x) => /^Accept/.test(x.textContent!.trim()))!;
    assert.isTrue(accept.disabled, 'nothing is accepted by default');
    table.querySelector<HTMLInputElement>('input[aria-label="Accept: New Import Root B"]')!.click();
    await el.updateComplete;
    assert.deepEqual(await axeViolations(), []);
    accept.click();
    const ev = await changed;
    assert.deepEqual(ev.detail.bundle.entries.map((e) => e.displayName), ['Import Root B']);
    assert.deepEqual((await loadBundle(db, 'partners'))!.entries.map((e) => e.displayName), ['Import Root B']);
  });
});
