// Backup → clear site data → restore, in real Chromium IndexedDB; restore merges (never deletes, never
// reverts later changes); refusals change nothing; escrowed keys come back with the recovery key.
import { assert } from 'chai';
import { openStore, type Db } from '../../src/store/db.ts';
import { planRestore, restoreStore, snapshotStore } from '../../src/store/backup.ts';
import { saveIdentity } from '../../src/store/identities.ts';
import { listKeyEscrows, recoverKeys } from '../../src/store/key-escrow.ts';
import { STORE_CHANNEL_NAME, STORE_LOCK_NAME, onStoreBroadcast } from '../../src/store/store-lock.ts';
import { StoreError } from '../../src/store/errors.ts';
import {
  createEscrowedIdentity, createIdentity, decryptBackup, encryptBackup, generateEscrowedKeyPair, generateKeyPair, isPkiError, newRecoveryKey,
  parseCertificate, recoverEscrowedKey, type BackupSnapshot,
} from '../../src/pki/index.ts';
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
    const result = await restoreStore(db, await decryptBackup(file, 'a long passphrase'), { nowMs: 20 });
    const after = await dump(db);
    const restoreEntry = after.audit!.pop() as { op: string; timeMs: number; seq: number };
    assert.deepEqual(after, before, 'every record comes back as it was (audit entries keep their sequence numbers)');
    assert.include(restoreEntry, { op: 'backup.restore', timeMs: 20 }, 'the restore itself is in the audit log');
    assert.deepEqual(result.counts, { identities: 1, audit: 2, settings: 1, documents: 3 });
    assert.deepEqual(result.missingKeys.map((k) => k.id).sort(), ['k-ca', 'k-escrowed', 'k-id'], 'non-extractable keys (and the identity key never held) reported as not restored');
    assert.deepEqual([...result.plan.recoverableKeyIds].sort(), ['k-escrowed', 'k-id'], 'those with an escrow document are recoverable');
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
    const before = await dump(db);
    const result = await restoreStore(db, snapshot);
    assert.deepEqual(result.missingKeys.map((k) => k.id), ['k-id'], 'only the identity key this browser never had');
    assert.equal(result.plan.changes, 0, 'the same data again: nothing to write');
    assert.deepEqual(result.counts, { identities: 0, audit: 0, settings: 0, documents: 0 });
    assert.deepEqual(await dump(db), before, 'not even an audit entry');
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

  it('merges: an identity made after the backup keeps its certificates and key; later edits here are not reverted', async () => {
    const name = freshName();
    const db = await openStore({ name });
    await fill(db);
    const snapshot = await snapshotStore(db, { nowMs: 10, appVersion: 'test' });
    // After the backup: a new identity (with its key), a rename, one document edited here, one changed in the backup.
    const later = await createIdentity({ name: { org: 'Later', unit: 'Ops' }, san: { hosts: ['later.example'] }, atMs: Date.UTC(2026, 0, 1) });
    const made = await saveIdentity(db, { label: 'Made after the backup', created: later, atMs: 30 });
    await db.put('identities', { ...(await db.get('identities', 'id-1'))!, label: 'Acme (renamed here)' });
    await db.put('documents', { id: 'peer-1', kind: 'peer-ca', updatedMs: 40, data: { der: new Uint8Array([0x30, 1, 9]) } });
    await db.put('settings', { name: 'theme', value: 'light' });
    const backupDocs = snapshot.stores.documents.map((d) => (d.id === 'esc-1' ? { ...d, updatedMs: 50, data: { keyId: 'k-id', age: new Uint8Array([9]) } } : d));
    const newer: BackupSnapshot = { ...snapshot, stores: { ...snapshot.stores, documents: [...backupDocs, { id: 'bundle-1', kind: 'bundle', updatedMs: 7, data: {} }] } };
    const auditBefore = await db.count('audit');

    const plan = await planRestore(db, newer);
    assert.deepEqual(plan.identities.add, []);
    assert.deepEqual(plan.identities.keptHere.map((i) => i.label), ['Acme (renamed here)']);
    assert.deepEqual(plan.identities.onlyHere.map((i) => i.label), ['Made after the backup']);
    assert.deepEqual(plan.stores.documents, { add: 1, update: 1, same: 0, keptHere: 1, onlyHere: 0 });
    assert.deepEqual(plan.documentKinds, { bundle: 1, 'key-escrow': 1 });
    assert.deepEqual(plan.stores.settings, { add: 0, update: 0, same: 0, keptHere: 1, onlyHere: 0 });
    assert.deepEqual(plan.stores.audit.add, 0, 'audit entries already here are not added twice');
    assert.equal(plan.changes, 2);

    const result = await restoreStore(db, newer, { expected: plan, nowMs: 60 });
    assert.deepEqual(result.plan, plan);
    const kept = await db.get('identities', made.id);
    assert.deepEqual(kept?.idCertDer, later.idCertDer, 'the later identity keeps its certificates');
    assert.ok(await db.get('keys', made.idKeyId), 'and its key');
    assert.equal((await db.get('identities', 'id-1'))?.label, 'Acme (renamed here)');
    assert.deepEqual((await db.get('documents', 'peer-1'))?.data, { der: new Uint8Array([0x30, 1, 9]) }, 'edited here later: kept');
    assert.deepEqual((await db.get('documents', 'esc-1'))?.data, { keyId: 'k-id', age: new Uint8Array([9]) }, 'changed later in the backup: updated');
    assert.ok(await db.get('documents', 'bundle-1'));
    assert.equal((await db.get('settings', 'theme'))?.value, 'light');
    assert.equal(await db.count('audit'), auditBefore + 1, 'only the restore entry is new');
    db.close();
    await deleteDb(name);
  });

  it('refuses with STORE_CONFLICT when the data changed between the check and the confirmation', async () => {
    const name = freshName();
    const db = await openStore({ name });
    await fill(db);
    const snapshot = await snapshotStore(db, { nowMs: 10, appVersion: 'test' });
    await db.clear('settings');
    const plan = await planRestore(db, snapshot);
    assert.equal(plan.stores.settings.add, 1);
    await db.put('settings', { name: 'theme', value: 'set in another tab' }); // another tab, meanwhile
    const before = await dump(db);
    try {
      await restoreStore(db, snapshot, { expected: plan });
      assert.fail('should refuse');
    } catch (e) {
      assert.instanceOf(e, StoreError);
      assert.equal((e as StoreError).code, 'STORE_CONFLICT');
    }
    assert.deepEqual(await dump(db), before);
    db.close();
    await deleteDb(name);
  });

  it('backup at birth: after clearing site data and restoring, the recovery key puts both identity keys back, non-extractable', async () => {
    const name = freshName();
    let db = await openStore({ name });
    const recovery = await newRecoveryKey();
    const other = await newRecoveryKey();
    const { created, escrows } = await createEscrowedIdentity({ name: { org: 'Alpha', unit: 'Ops' }, san: { hosts: ['alpha.example'] }, atMs: Date.UTC(2026, 0, 1) }, recovery.recipient);
    const record = await saveIdentity(db, { label: 'Alpha', created, escrows, atMs: 5 });
    assert.deepEqual((await listKeyEscrows(db)).map((e) => [e.keyId, e.purpose, e.held, e.identityLabel]), [
      [record.caKeyId, 'identity-ca', true, 'Alpha'], [record.idKeyId, 'identity', true, 'Alpha']]);
    const snapshot = await snapshotStore(db, { nowMs: 10, appVersion: 'test' });
    db.close();
    await deleteDb(name);
    db = await openStore({ name });
    const plan = await planRestore(db, snapshot);
    assert.deepEqual([...plan.recoverableKeyIds].sort(), [record.caKeyId, record.idKeyId].sort());
    await restoreStore(db, snapshot, { expected: plan });
    assert.deepEqual((await listKeyEscrows(db)).map((e) => e.held), [false, false]);

    const wrong = await recoverKeys(db, other, 20);
    assert.deepEqual([wrong.recovered.length, wrong.otherRecipient.length, wrong.failed.length], [0, 2, 0]);
    assert.equal(await db.count('keys'), 0, 'a recovery key that is not theirs changes nothing');

    const back = await recoverKeys(db, recovery, 21);
    assert.deepEqual(back.recovered.map((e) => e.keyId).sort(), [record.caKeyId, record.idKeyId].sort());
    for (const [keyId, der] of [[record.caKeyId, created.caCertDer], [record.idKeyId, created.idCertDer]] as const) {
      const stored = await db.get('keys', keyId);
      assert.isFalse(stored!.key.extractable);
      const pub = await crypto.subtle.importKey('spki', parseCertificate(der).subjectPublicKeyInfo.slice(), { name: 'Ed25519' }, false, ['verify']);
      const sig = await crypto.subtle.sign({ name: 'Ed25519' }, stored!.key, new Uint8Array([1]));
      assert.isTrue(await crypto.subtle.verify({ name: 'Ed25519' }, pub, sig, new Uint8Array([1])), `${keyId} signs for its certificate`);
    }
    assert.equal((await db.getAll('audit')).filter((a) => a.op === 'key.recover').length, 2);
    const again = await recoverKeys(db, recovery, 22);
    assert.deepEqual(again.recovered, [], 'keys already here are left alone');
    db.close();
    await deleteDb(name);
  });
});
