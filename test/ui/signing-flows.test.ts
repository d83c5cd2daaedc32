// Every signing path the app has, driven through the controller or store function its view calls, in
// real Chromium with a fresh IndexedDB: each writes exactly its audit entries (operation, key, SHA-256
// of what it produced), and every signature it makes is made while busyRegistry holds the update.
// Grep-free census: crypto.subtle.sign is counted during each flow and must equal the number of
// signing entries, so a signature added to a flow without its audit entry fails here.
import { assert } from 'chai';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import {
  composeBundle, createIdentity, fingerprintOf, generateServiceKey, issueLeaf, openStoreKeys, parsePem, readStoreFile, utf8, writeStoreFile,
  type CreatedIdentity,
} from '../../src/pki/index.ts';
import { loadRevocationState, openStore, saveIdentity, type AuditRecord, type Db, type IdentityRecord } from '../../src/store/index.ts';
import { BusyRegistry } from '../../src/ui/update/busy-registry.ts';
import { createAndStoreIdentity } from '../../src/ui/controllers/create-identity.ts';
import { signIntroduction } from '../../src/ui/intro/introduce-controller.ts';
import { DEFAULT_LIMITS_FORM, issueCrossCertificate, readLimitsForm } from '../../src/ui/intro/cross-certify-controller.ts';
import { exportArtefacts, signArtefact } from '../../src/ui/federation/bundle-export.ts';
import { publishCrl, revokeRow } from '../../src/ui/revocation/revocation-controller.ts';
import { HierarchyController, type HierarchyAction } from '../../src/ui/hierarchy/hierarchy-controller.ts';
import { P256_CSR_PEM } from '../pki/fixtures/openssl-inputs.ts';
import { T0, makeCustody, type Custody } from '../support/hierarchy-fixture.ts';

const DAY = 86_400_000;
let n = 0;
const freshDb = (): Promise<Db> => openStore({ name: `ct-signing-flows-${Date.now()}-${n++}` });
const hex = async (der: Uint8Array): Promise<string> => (await fingerprintOf(der)).hex;
const pemDer = (pem: string): Uint8Array => parsePem(pem)[0]!.der;

// ---- the census: each signature made, with the holds that were on when it was made ----

const signs: Array<ReadonlyArray<string>> = [];
let watched: BusyRegistry | undefined;
const subtle = crypto.subtle as { sign: SubtleCrypto['sign'] };
const realSign = crypto.subtle.sign;

before(() => {
  subtle.sign = function (this: SubtleCrypto, alg: AlgorithmIdentifier, key: CryptoKey, data: BufferSource) {
    // Proofs of possession (a key decrypted from escrow signs a few random or fixed bytes and verifies
    // them; src/pki/escrow.ts, key-escrow.ts) give nobody anything: not counted. Whatever is signed for
    // others (certificate and CRL bodies, JWS inputs, bundle files) is longer than 32 bytes.
    if (data.byteLength > 32) signs.push((watched?.holds ?? []).map((h) => `${h.kind}:${h.label}`));
    return realSign.call(this, alg, key, data);
  } as SubtleCrypto['sign'];
});
after(() => {
  subtle.sign = realSign;
});

interface Want<T> {
  /** `op keyId` of each new entry, oldest first ('-' when no key). */
  readonly entries: (result: T) => ReadonlyArray<string>;
  /** The busy hold every signature of the flow must be made under. */
  readonly busy: string;
  /** SHA-256 (hex) of each signing entry's output, in order. */
  readonly outputs?: (result: T) => Promise<ReadonlyArray<string>>;
}

/** Runs one flow; checks its entries, that signatures = signing entries, and the holds `busy` saw meanwhile. */
async function flow<T>(db: Db, want: Want<NoInfer<T>>, run: (busy: BusyRegistry) => Promise<T>, busy = new BusyRegistry()): Promise<{ result: T; entries: AuditRecord[] }> {
  const transitions: string[][] = [];
  const stop = busy.subscribe((h) => transitions.push(h.map((x) => `${x.kind}:${x.label}`)));
  const seq = Math.max(0, ...(await db.getAllKeys('audit')));
  signs.length = 0;
  watched = busy;
  let result: T;
  try {
    result = await run(busy);
  } finally {
    watched = undefined;
    stop();
  }
  const entries = (await db.getAll('audit')).filter((a) => a.seq! > seq);
  assert.deepEqual(entries.map((a) => `${a.op} ${a.keyId ?? '-'}`), [...want.entries(result)], 'exactly its audit entries');
  const signing = entries.filter((a) => a.keyId && a.outputSha256);
  assert.equal(signs.length, signing.length, `one audit entry per signature (${signs.length} signatures, ${signing.length} signing entries)`);
  for (const holds of signs) assert.include(holds, `busy:${want.busy}`, 'signed while the update is held');
  assert.deepEqual(transitions, [[`busy:${want.busy}`], []], 'held for the whole flow, then released');
  for (const a of signing) assert.ok(await db.get('keys', a.keyId!), `${a.keyId} names a key held here`);
  for (const a of entries) assert.isAbove(a.summary.length, 10, 'a sentence for people');
  if (want.outputs) assert.deepEqual(signing.map((a) => a.outputSha256), [...(await want.outputs(result))], 'SHA-256 of what was produced');
  return { result, entries };
}

describe('signing flows: identities, partners, bundles, revocation', () => {
  let db: Db;
  let alpha: IdentityRecord;
  let gamma: IdentityRecord;
  let beta: CreatedIdentity;
  const at = Date.now();
  let introDer: Uint8Array | undefined;

  before(async () => {
    db = await freshDb();
    beta = await createIdentity({ name: { org: 'Beta', unit: 'Ops' }, san: { hosts: ['beta.example'] }, atMs: at });
    gamma = await saveIdentity(db, { label: 'Gamma partners', created: await createIdentity({ name: { org: 'Gamma', unit: 'PKI' }, san: { hosts: ['gamma.example'] }, atMs: at, caPathLength: 1 }), atMs: at });
  });
  after(() => db.close());

  it('create identity: the CA and the identity certificate, both signed by the CA key', async () => {
    const { result, entries } = await flow(db, {
      busy: 'creating an identity (generating keys and signing)',
      entries: (r) => ['identity.create -', `cert.sign ${r.caKeyId}`, `cert.sign ${r.caKeyId}`],
      outputs: async (r) => [await hex(r.caCertDer), await hex(r.idCertDer)],
    }, (busy: BusyRegistry) => createAndStoreIdentity(db, { name: { org: 'Alpha', unit: 'Ops' }, san: { hosts: ['alpha.example'] }, atMs: at }, 'Alpha main', {}, busy));
    alpha = result;
    assert.isTrue(entries.every((a) => a.details?.identityId === alpha.id && a.timeMs === at));
  });

  it('create identity with keys escrowed at birth: the same two signatures and the escrow', async () => {
    const recipient = await identityToRecipient(await generateIdentity());
    await flow(db, {
      busy: 'creating an identity (generating keys and signing)',
      entries: (r) => ['identity.create -', `cert.sign ${r.caKeyId}`, `cert.sign ${r.caKeyId}`, 'key.escrow -'],
      outputs: async (r) => [await hex(r.caCertDer), await hex(r.idCertDer)],
    }, (busy: BusyRegistry) => createAndStoreIdentity(db, { name: { org: 'Alpha', unit: 'Backup' }, san: { hosts: ['b.alpha.example'] }, atMs: at }, 'Alpha backup', { recoveryRecipient: recipient }, busy));
  });

  it('introduce: one certificate signed by our CA key', async () => {
    const { result } = await flow(db, {
      busy: 'signing an introduction',
      entries: () => [`intro.sign ${alpha.caKeyId}`],
      outputs: async (r) => [await hex(r.introduction.signedCertDer)],
    }, async (busy: BusyRegistry) => signIntroduction(db, { identityId: alpha.id, peerDer: beta.idCertDer, confirmedFingerprint: (await fingerprintOf(beta.idCertDer)).colon, validityDays: 30, services: [], atMs: at }, busy));
    introDer = result.introduction.signedCertDer;
  });

  it('cross-certify: one certificate signed by our CA key', async () => {
    const limits = readLimitsForm(DEFAULT_LIMITS_FORM);
    if (!('limits' in limits)) throw new Error('default limits refused');
    await flow(db, {
      busy: 'signing a cross-certificate',
      entries: () => [`crosscert.sign ${gamma.caKeyId}`],
      outputs: async (r) => [await hex(r.certDer)],
    }, (busy: BusyRegistry) => issueCrossCertificate(db, { identityId: gamma.id, peerCaDer: beta.caCertDer, limits: limits.limits, atMs: at }, busy));
  });

  it('sign a trust bundle export (detached, and JWS over a SPIFFE bundle): signed by the identity key', async () => {
    const { bundle } = await composeBundle({ name: 'partners', trustDomain: 'alpha.example', atMs: at, candidates: [{ certDer: alpha.caCertDer, provenance: [{ kind: 'own-root', detail: 'us', addedMs: at, fingerprintConfirmed: true }] }] });
    for (const format of ['pem', 'spiffe'] as const) {
      const [artefact] = exportArtefacts(bundle, format, at);
      await flow(db, {
        busy: 'signing a trust bundle',
        entries: () => [`bundle.sign ${alpha.idKeyId}`],
        // What a bundle signature names is the file it signs (the signature travels beside it or wraps it).
        outputs: async () => [await hex(typeof artefact!.data === 'string' ? utf8.encode(artefact!.data) : artefact!.data)],
      }, (busy: BusyRegistry) => signArtefact(db, alpha.id, artefact!, { jws: true, atMs: at }, busy));
    }
  });

  it('revoke: a ledger entry, nothing signed', async () => {
    await flow(db, { busy: 'recording a revocation', entries: () => ['crl.revoke -'] }, (busy: BusyRegistry) => revokeRow(db, { identityId: alpha.id, row: { certDer: introDer! }, reason: 'superseded', atMs: at + 1 }, busy));
  });

  it('issue a CRL: one list signed by our CA key', async () => {
    await flow(db, {
      busy: 'signing a revocation list',
      entries: () => [`crl.issue ${alpha.caKeyId}`],
      outputs: async () => [await hex((await loadRevocationState(db, alpha.id)).crlDer!)],
    }, (busy: BusyRegistry) => publishCrl(db, { identityId: alpha.id, nextUpdateDays: 7, atMs: at + 2 }, busy));
  });
});

describe('signing flows: every scoped PKI step, through the view controller', () => {
  let db: Db;
  let custody: Custody;
  let now = T0;
  const registry = new BusyRegistry();
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  const ctl = new HierarchyController(host, { openDb: async () => (db = await freshDb()), nowMs: () => now, registry });
  const key = (id: string): string => `hierarchy:prod:${id}`;
  const doc = () => ctl.selected!.doc;
  const certOf = (id: string): Promise<string> => hex(pemDer(doc().authorities.find((a) => a.id === id)!.certPem));
  const leafOf = (service: string): Promise<string> => hex(pemDer(doc().leaves.find((l) => l.service === service)!.certPem));
  /** Runs a controller action as a flow; the action must succeed. */
  async function step(want: Omit<Want<boolean>, 'busy'> & { busy: string }, run: () => Promise<boolean>): Promise<AuditRecord[]> {
    const { entries } = await flow(db, want, async () => {
      const ok = await run();
      assert.isTrue(ok, ctl.message);
      return ok;
    }, registry);
    assert.isTrue(entries.every((a) => a.details?.environment === 'prod' && a.timeMs === now), 'each names the environment, at the step time');
    return entries;
  }
  /** Every action kind the view offers; a new kind fails the typecheck until it is listed and driven here. */
  const actions: Record<HierarchyAction['kind'], boolean> = { 'rotate-root': false, 'rotate-intermediate': false, 'recover-intermediate': false, 'next-step': false, finalize: false, abort: false, prune: false };
  const act = (a: HierarchyAction) => () => { actions[a.kind] = true; return ctl.run(a); };

  before(async () => {
    custody = await makeCustody();
    ctl.hostConnected();
    await ctl.ready();
  });
  after(() => {
    assert.deepEqual(Object.entries(actions).filter(([, ran]) => !ran).map(([k]) => k), [], 'every action kind was driven');
  });

  it('create: the environment, the root (self-signed) and one intermediate per scope, all by the root key', async () => {
    await step({
      busy: 'Creating the root and 2 intermediates; each intermediate key is encrypted to CI with age',
      entries: () => ['hierarchy.create -', `hierarchy.root.sign ${key('key-root-r1')}`, `hierarchy.intermediate.sign ${key('key-root-r1')}`, `hierarchy.intermediate.sign ${key('key-root-r1')}`],
      outputs: async () => [await certOf('root-r1'), await certOf('int-global-i1'), await certOf('int-eu-i1')],
    }, () => ctl.create({ name: 'prod', trustDomain: 'example.org', topology: 'two-tier', regions: 'eu', rootRecipient: custody.rootRecipient, ciRecipient: custody.ciRecipient, backupRecipient: '', dnsSubtrees: {}, rootCustody: 'recoverable' }));
  });

  it('issue a leaf from a CSR and from a generated key: each signed by the scope intermediate', async () => {
    await step({ busy: 'Issuing a leaf for eu/api', entries: () => [`hierarchy.leaf.issue ${key('key-int-eu-i1')}`], outputs: async () => [await leafOf('api')] },
      () => ctl.issue({ scope: 'eu', service: 'api', dnsNames: '', csr: P256_CSR_PEM }));
    await step({ busy: 'Issuing a leaf for global/web', entries: () => [`hierarchy.leaf.issue ${key('key-int-global-i1')}`], outputs: async () => [await leafOf('web')] },
      () => ctl.issue({ scope: 'global', service: 'web', dnsNames: '', csr: 'generate' }));
  });

  it('renew one leaf; renew none due (nothing signed, nothing logged)', async () => {
    await step({ busy: 'Renewing eu/api', entries: () => [`hierarchy.leaf.renew ${key('key-int-eu-i1')}`], outputs: async () => [await leafOf('api')] }, () => ctl.renew({ scope: 'eu', service: 'api' }));
    await step({ busy: 'Renewing leaves expiring within 30 days', entries: () => [] }, () => ctl.renew({ withinDays: 30 }));
  });

  it('recover an intermediate: re-certified by the root key', async () => {
    await step({ busy: 'Re-certifying the intermediate under the active root', entries: () => [`hierarchy.intermediate.recertify ${key('key-root-r1')}`], outputs: async () => [await certOf('int-eu-i1')] },
      act({ kind: 'recover-intermediate', scope: 'eu' }));
  });

  it('rotate an intermediate, roll it back, rotate again and publish', async () => {
    const mint = { busy: 'Minting a new intermediate and escrowing its key to CI', entries: () => [`hierarchy.intermediate.sign ${key('key-root-r1')}`], outputs: async () => [await certOf('int-eu-i2')] };
    await step(mint, act({ kind: 'rotate-intermediate', scope: 'eu' }));
    const [drop] = await step({ busy: 'Rolling back the rotation', entries: () => ['hierarchy.drop -'] }, act({ kind: 'abort' }));
    assert.match(drop!.summary, /dropped int-eu-i2 and its key \(the rotation was rolled back\)/);
    await step(mint, act({ kind: 'rotate-intermediate', scope: 'eu' }));
    await step({ busy: 'Running the next rotation step', entries: () => ['hierarchy.publish -'] }, act({ kind: 'next-step' }));
    await step({ busy: 'Renewing leaves expiring within 0 days', entries: () => [`hierarchy.leaf.renew ${key('key-int-eu-i2')}`], outputs: async () => [await leafOf('api')] }, () => ctl.renew({ withinDays: 0 }));
  });

  it('prune the retired intermediate once its last leaf expired', async () => {
    now = T0 + 91 * DAY;
    await ctl.refresh();
    await step({ busy: 'Dropping retired intermediates', entries: () => ['hierarchy.drop -'] }, act({ kind: 'prune' }));
  });

  it('rotate the root: pending root (its own key), its intermediates (new root key), publish, renew, finalize', async () => {
    await step({ busy: 'Minting a new root (pending)', entries: () => [`hierarchy.root.sign ${key('key-root-r2')}`], outputs: async () => [await certOf('root-r2')] }, act({ kind: 'rotate-root' }));
    await step({
      busy: 'Running the next rotation step',
      entries: () => [`hierarchy.intermediate.sign ${key('key-root-r2')}`, `hierarchy.intermediate.sign ${key('key-root-r2')}`],
      outputs: async () => [await certOf('int-global-i2'), await certOf('int-eu-i3')],
    }, act({ kind: 'next-step' }));
    await step({ busy: 'Running the next rotation step', entries: () => ['hierarchy.publish -'] }, act({ kind: 'next-step' }));
    await step({
      busy: 'Renewing leaves expiring within 0 days',
      entries: () => [`hierarchy.leaf.renew ${key('key-int-eu-i3')}`, `hierarchy.leaf.renew ${key('key-int-global-i2')}`],
      outputs: async () => [await leafOf('api'), await leafOf('web')],
    }, () => ctl.renew({ withinDays: 0 }));
    const [drop] = await step({ busy: 'Finalizing the root rotation', entries: () => ['hierarchy.drop -'] }, act({ kind: 'finalize' }));
    assert.match(drop!.summary, /dropped root-r1, .* \(the root rotation is finished\)/);
  });

  it("import CI's store file (nothing signed here), then load the escrowed root into a fresh browser", async () => {
    const file = readStoreFile(ctl.storeFile()!.text);
    const ci = await issueLeaf({ doc: file, keys: await openStoreKeys(file, [custody.ciIdentity]) }, { scope: 'eu', service: 'batch', spki: (await generateServiceKey('p256')).spki }, now);
    await step({ busy: 'Reading and merging the store file', entries: () => ['hierarchy.import -'] }, () => ctl.importFile(writeStoreFile(ci.writes.doc), ''));

    // A fresh browser: its own database (the steps below read the audit log there).
    const text = ctl.storeFile()!.text;
    ctl.hostDisconnected();
    const other = new HierarchyController(host, { openDb: async () => (db = await freshDb()), nowMs: () => now, registry });
    other.hostConnected();
    await other.ready();
    try {
      await step({ busy: 'Reading and merging the store file', entries: () => ['hierarchy.import -'] }, () => other.importFile(text, ''));
      await step({ busy: 'Decrypting the keys your identity opens', entries: () => [`hierarchy.key.load ${key('key-root-r2')}`] }, () => other.loadKeys(custody.rootIdentity));
    } finally {
      other.hostDisconnected();
    }
  });
});
