// Backup → clear site data → restore, in real Chromium IndexedDB; refusals change nothing.
import { assert } from 'chai';
import { openStore, type Db } from '../../src/store/db.ts';
import { restoreStore, snapshotStore } from '../../src/store/backup.ts';
import { STORE_CHANNEL_NAME, STORE_LOCK_NAME, onStoreBroadcast } from '../../src/store/store-lock.ts';
import { StoreError } from '../../src/store/errors.ts';
import { decryptBackup, encryptBackup, generateEscrowedKeyPair, generateKeyPair, isPkiError, recoverEscrowedKey, type BackupSnapshot } from '../../src/pki/index.ts';
import { getKeyEscrow, saveKeyEscrow } from '../../src/store/key-escrow.ts';
import { generateIdentity, identityToRecipient } from 'age-encryption';

const WF = 10;
let n = 0;
const freshName = () => `ct-backup-test-${Date.now()}-${n++}`;

function deleteDb(name: string): Promise<void> {
  return new Promise((ok, fail) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => ok();
    req.onerror = () => fail(req.error);
  });
}

async function fill(db: Db): Promise<void> {
  const pair = await generateKeyPair('ed25519');
  await db.put('keys', { id: 'k-ca', key: pair.privateKey, publicKeySpki: new Uint8Array([1, 2]), keyType: 'ed25519', purpose: 'identity-ca', createdMs: 1 });
  await db.put('identities', { id: 'id-1', label: 'Acme', keyType: 'ed25519', caCertDer: new Uint8Array([0x30, 1, 5]), idCertDer: new Uint8Array([0x30, 0]), caKeyId: 'k-ca', idKeyId: 'k-id', createdMs: 2 });
  await db.add('audit', { timeMs: 3, op: 'identity.create', summary: 'created Acme', keyId: 'k-ca', details: { n: 1 } });
  await db.add('audit', { timeMs: 4, op: 'intro.sign', summary: 'introduced Beta' });
  await db.put('settings', { name: 'theme', value: { mode: 'dark', sizes: [1, 2] } });
  await db.put('documents', { id: 'esc-1', kind: 'key-escrow', updatedMs: 5, data: { keyId: 'k-id', age: new Uint8Array([0x61, 0x67, 0x65]) } });
  await db.put('documents', { id: 'peer-1', kind: 'peer-ca', updatedMs: 6, data: { der: new Uint8Array([0x30, 0]) } });
}

async function dump(db: Db): Promise<Record<string, unknown[]>> {
  return {
    identities: await db.getAll('identities'),
    audit: await db.getAll('audit'),
    settings: await db.getAll('settings'),
    documents: await db.getAll('documents'),
  };
}

describe('store backup and restore', () => {
  it('backup → clear site data → restore brings back every record, setting and escrowed key', async () => {
    const name = freshName();
    let db = await openStore({ name });
    await fill(db);
    // A key escrowed at birth to the user's age recipient.
    const ageIdentity = await generateIdentity();
    const escrowed = await generateEscrowedKeyPair('p256', await identityToRecipient(ageIdentity));
    await db.put('keys', { id: 'k-escrowed', key: escrowed.keyPair.privateKey, publicKeySpki: escrowed.escrow.publicKeySpki, keyType: 'p256', purpose: 'identity', createdMs: 8 });
    await saveKeyEscrow(db, 'k-escrowed', escrowed.escrow, 8);
    const before = await dump(db);
    const snapshot = await snapshotStore(db, { nowMs: 10, appVersion: 'test' });
    assert.deepEqual(snapshot.omittedKeys.map((k) => k.id).sort(), ['k-ca', 'k-escrowed']);
    const file = await encryptBackup(snapshot, 'a long passphrase', { workFactor: WF });

    db.close();
    await deleteDb(name); // what "clear site data" does to us
    db = await openStore({ name });
    assert.equal(await db.count('identities'), 0);

    // A raw channel stands in for another tab (onStoreBroadcast ignores this page's own messages).
    const otherTab = new BroadcastChannel(STORE_CHANNEL_NAME);
    const heard = new Promise<string>((ok) => { otherTab.onmessage = (e: MessageEvent<{ type: string }>) => { otherTab.close(); ok(e.data.type); }; });
    let heardSelf = false;
    const stopSelf = onStoreBroadcast(() => { heardSelf = true; });
    const result = await restoreStore(db, await decryptBackup(file, 'a long passphrase'));
    assert.deepEqual(await dump(db), before);
    assert.deepEqual(result.counts, { identities: 1, audit: 2, settings: 1, documents: 3 });
    assert.deepEqual(result.missingKeys.map((k) => k.id).sort(), ['k-ca', 'k-escrowed'], 'non-extractable keys reported as not restored');
    // The escrowed key comes back: recover it with the age identity and sign with it.
    const escrow = await getKeyEscrow(db, 'k-escrowed');
    assert.isNotNull(escrow);
    const recovered = await recoverEscrowedKey(escrow!, ageIdentity);
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, recovered, new Uint8Array([1]));
    assert.isTrue(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, escrowed.keyPair.publicKey, sig, new Uint8Array([1])));
    assert.equal(await heard, 'restored', 'other tabs are told');
    await new Promise((ok) => setTimeout(ok, 50));
    stopSelf();
    assert.isFalse(heardSelf, 'a page does not hear its own restore');
    const doc = await db.get('documents', 'esc-1');
    assert.deepEqual((doc?.data as { age: Uint8Array }).age, new Uint8Array([0x61, 0x67, 0x65]));
    db.close();
    await deleteDb(name);
  });

  it('keeps keys held in this browser when restoring', async () => {
    const name = freshName();
    const db = await openStore({ name });
    await fill(db);
    const snapshot = await snapshotStore(db, { nowMs: 10, appVersion: 'test' });
    const result = await restoreStore(db, snapshot);
    assert.deepEqual(result.missingKeys, []);
    assert.equal(await db.count('keys'), 1);
    db.close();
    await deleteDb(name);
  });

  it('a wrong passphrase or a corrupted file is refused and nothing changes', async () => {
    const name = freshName();
    const db = await openStore({ name });
    await fill(db);
    const file = await encryptBackup(await snapshotStore(db, { nowMs: 10, appVersion: 'test' }), 'right', { workFactor: WF });
    await db.put('settings', { name: 'after-backup', value: 1 });
    const before = await dump(db);
    const corrupted = file.slice(); corrupted[corrupted.length - 3]! ^= 0xff;
    for (const [bytes, pass, code] of [[file, 'wrong', 'BACKUP_WRONG_PASSPHRASE'], [corrupted, 'right', 'BACKUP_CORRUPTED']] as const) {
      try {
        await restoreStore(db, await decryptBackup(bytes, pass));
        assert.fail('should refuse');
      } catch (e) {
        assert.isTrue(isPkiError(e, code), String(e));
      }
    }
    assert.deepEqual(await dump(db), before);
    db.close();
    await deleteDb(name);
  });

  it('restore waits for another tab holding the store lock (Web Locks)', async () => {
    const name = freshName();
    const db = await openStore({ name });
    await fill(db);
    const snapshot = await snapshotStore(db, { nowMs: 10, appVersion: 'test' });
    let releaseOther = () => {};
    const held = new Promise<void>((ok) => {
      void navigator.locks.request(STORE_LOCK_NAME, { mode: 'shared' }, () => { ok(); return new Promise<void>((r) => { releaseOther = r; }); });
    });
    await held;
    let done = false;
    const restoring = restoreStore(db, snapshot).then(() => { done = true; });
    await new Promise((ok) => setTimeout(ok, 100));
    assert.isFalse(done, 'restore must not run while another holder reads');
    releaseOther();
    await restoring;
    assert.isTrue(done);
    db.close();
    await deleteDb(name);
  });

  it('a snapshot that fails halfway through the transaction changes nothing', async () => {
    const name = freshName();
    const db = await openStore({ name });
    await fill(db);
    const before = await dump(db);
    const good = await snapshotStore(db, { nowMs: 10, appVersion: 'test' });
    // NaN is not a valid IndexedDB key: the last put fails after the clears and earlier puts ran.
    const bad: BackupSnapshot = { ...good, stores: { ...good.stores, documents: [...good.stores.documents, { id: Number.NaN as unknown as string, kind: 'x', updatedMs: 1 }] } };
    try {
      await restoreStore(db, bad);
      assert.fail('should fail');
    } catch (e) {
      assert.instanceOf(e, StoreError);
      assert.equal((e as StoreError).code, 'STORE_TRANSACTION_FAILED');
    }
    assert.deepEqual(await dump(db), before);
    db.close();
    await deleteDb(name);
  });
});
