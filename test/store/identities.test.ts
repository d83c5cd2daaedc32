// Real IndexedDB in Chromium: CRUD, all-or-nothing creation, non-extractable keys.
import { assert } from 'chai';
import { createIdentity, parseCertificate, bytesEqual, exportSpki } from '../../src/pki/index.ts';
import {
  openStore,
  saveIdentity,
  listIdentities,
  getIdentity,
  renameIdentity,
  deleteIdentity,
  getKey,
  listKeys,
  addKey,
  listAudit,
  appendAudit,
  getSetting,
  putSetting,
  StoreError,
  type Db,
} from '../../src/store/index.ts';

const at = Date.UTC(2026, 10, 25, 12);
let n = 0;
let db: Db;
let name: string;

async function fresh(): Promise<Db> {
  name = `crosstrust-test-${Date.now()}-${n++}`;
  db = await openStore({ name });
  return db;
}

async function dropDb(): Promise<void> {
  db.close();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
}

const newIdentity = (keyType: 'ed25519' | 'p256' = 'ed25519') =>
  createIdentity({ name: { org: 'Test Org', unit: 'Unit' }, san: { hosts: ['test.example'] }, keyType, atMs: at });

async function expectStoreError(p: Promise<unknown>, code: StoreError['code']): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.instanceOf(e, StoreError, String(e));
    assert.equal((e as StoreError).code, code, (e as Error).message);
    return;
  }
  assert.fail(`expected ${code}`);
}

describe('store: identities', () => {
  beforeEach(fresh);
  afterEach(dropDb);

  it('creates, lists, gets, renames and deletes an identity with its keys', async () => {
    const rec = await saveIdentity(db, { label: ' Alpha ', created: await newIdentity(), atMs: at });
    assert.equal(rec.label, 'Alpha');
    assert.deepEqual((await listIdentities(db)).map((r) => r.id), [rec.id]);
    const got = (await getIdentity(db, rec.id))!;
    assert.isTrue(bytesEqual(got.idCertDer, rec.idCertDer));
    parseCertificate(got.caCertDer);
    const caKey = (await getKey(db, got.caKeyId))!;
    assert.equal(caKey.purpose, 'identity-ca');
    assert.isFalse(caKey.key.extractable);
    assert.equal(caKey.key.type, 'private');
    const renamed = await renameIdentity(db, rec.id, 'Alpha Prime', at + 1);
    assert.equal(renamed.label, 'Alpha Prime');
    assert.equal((await getIdentity(db, rec.id))!.label, 'Alpha Prime');
    await deleteIdentity(db, rec.id, at + 2);
    assert.isUndefined(await getIdentity(db, rec.id));
    assert.deepEqual(await listKeys(db), []);
    const ops = (await listAudit(db, { identityId: rec.id })).map((a) => a.op);
    assert.deepEqual(ops, ['identity.delete', 'identity.rename', 'cert.sign', 'cert.sign', 'identity.create']);
  });

  it('stored private keys still sign and match the certificates after the connection is reopened', async () => {
    const rec = await saveIdentity(db, { label: 'Beta', created: await newIdentity('p256'), atMs: at });
    db.close();
    db = await openStore({ name });
    const key = (await getKey(db, rec.idKeyId))!;
    const cert = parseCertificate(rec.idCertDer);
    assert.isTrue(bytesEqual(key.publicKeySpki, cert.subjectPublicKeyInfo));
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.key, new Uint8Array([1, 2, 3]));
    const pub = await crypto.subtle.importKey('spki', key.publicKeySpki as Uint8Array<ArrayBuffer>, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    assert.isTrue(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, new Uint8Array([1, 2, 3])));
    for (const k of await listKeys(db)) {
      let exported = false;
      try {
        await crypto.subtle.exportKey('pkcs8', k.key);
        exported = true;
      } catch (e) {
        assert.equal((e as DOMException).name, 'InvalidAccessError');
      }
      assert.isFalse(exported, `key ${k.id} could be exported`);
    }
  });

  it('records every signature in the audit log with the key used and the output hash', async () => {
    const rec = await saveIdentity(db, { label: 'Gamma', created: await newIdentity(), atMs: at });
    const signs = (await listAudit(db, { identityId: rec.id })).filter((a) => a.op === 'cert.sign');
    assert.lengthOf(signs, 2);
    for (const s of signs) {
      assert.equal(s.keyId, rec.caKeyId);
      assert.match(s.outputSha256!, /^[0-9a-f]{64}$/);
    }
  });

  it('is all or nothing: a failing request aborts the keys, the identity and the audit entries', async () => {
    // A key with the id the new identity's second key will get makes its add() fail mid-transaction.
    const other = await newIdentity();
    await addKey(db, { id: 'clash/id', key: other.idKeys.privateKey, publicKeySpki: await exportSpki(other.idKeys.publicKey), keyType: 'ed25519', purpose: 'identity', createdMs: at });
    await expectStoreError(saveIdentity(db, { id: 'clash', label: 'Clash', created: await newIdentity(), atMs: at }), 'STORE_CONFLICT');
    assert.isUndefined(await getIdentity(db, 'clash'));
    assert.isUndefined(await getKey(db, 'clash/ca'));
    assert.deepEqual(await listAudit(db), []);
  });

  it('refuses extractable private keys', async () => {
    const created = await createIdentity({ name: { commonName: 'X' }, san: { hosts: ['x.example'] }, atMs: at, extractableKeys: true });
    await expectStoreError(saveIdentity(db, { label: 'X', created, atMs: at }), 'STORE_CONFLICT');
    assert.deepEqual(await listIdentities(db), []);
  });

  it('reports unknown identities as STORE_NOT_FOUND', async () => {
    await expectStoreError(renameIdentity(db, 'nope', 'x', at), 'STORE_NOT_FOUND');
    await expectStoreError(deleteIdentity(db, 'nope', at), 'STORE_NOT_FOUND');
  });

  it('keeps several identities, oldest first', async () => {
    const a = await saveIdentity(db, { label: 'A', created: await newIdentity(), atMs: at });
    const b = await saveIdentity(db, { label: 'B', created: await newIdentity(), atMs: at + 10 });
    assert.deepEqual((await listIdentities(db)).map((r) => r.id), [a.id, b.id]);
  });

  it('appends and lists audit entries newest first; stores settings', async () => {
    await appendAudit(db, { timeMs: 1, op: 'x', summary: 'first' });
    await appendAudit(db, { timeMs: 2, op: 'y', summary: 'second' });
    assert.deepEqual((await listAudit(db)).map((a) => a.summary), ['second', 'first']);
    assert.deepEqual((await listAudit(db, { limit: 1 })).map((a) => a.summary), ['second']);
    assert.equal(await getSetting(db, 'theme', 'auto'), 'auto');
    await putSetting(db, 'theme', 'dark');
    assert.equal(await getSetting(db, 'theme', 'auto'), 'dark');
  });
});
