// The register of what our CAs signed, in real IndexedDB (Chromium): recorded with its audit entry in
// one transaction, listed per identity, and the signing CA loaded with its non-extractable key.
import { assert } from 'chai';
import { createIdentity, fingerprintOf, renderRfc4514, introduce, parseCertificate, serialHex, sha256, toHex } from '../../src/pki/index.ts';
import { openStore, saveIdentity, listAudit, StoreError, type Db } from '../../src/store/index.ts';
import { listIssued, loadSigningCa, recordIssued } from '../../src/store/issued.ts';

const at = Date.UTC(2026, 10, 25, 12);
let n = 0;
const fresh = (): Promise<Db> => openStore({ name: `ct-issued-test-${Date.now()}-${n++}` });

async function twoIdentities(db: Db) {
  const ours = await saveIdentity(db, { label: 'Ours', created: await createIdentity({ name: { org: 'Ours', unit: 'Ops' }, san: { hosts: ['ours.example'] }, atMs: at }), atMs: at });
  const peer = await createIdentity({ name: { org: 'Peer', unit: 'Ops' }, san: { hosts: ['peer.example'] }, atMs: at });
  return { ours, peer };
}

describe('issued register', () => {
  it('loads the signing CA with a non-extractable key that signs an introduction, and records it with an audit entry', async () => {
    const db = await fresh();
    const { ours, peer } = await twoIdentities(db);
    const ca = await loadSigningCa(db, ours.id);
    assert.isFalse(ca.key.extractable);
    assert.deepEqual(ca.certDer, ours.caCertDer);
    const peerCert = parseCertificate(peer.idCertDer);
    const intro = await introduce({ peerDer: peer.idCertDer, ca, atMs: at, confirmedFingerprint: (await fingerprintOf(peer.idCertDer)).grouped });
    const doc = await recordIssued(db, { identityId: ours.id, kind: 'introduction', certDer: intro.signedCertDer, atMs: at + 1, summary: 'Introduced Peer' });
    assert.equal(doc.serialHex, serialHex(parseCertificate(intro.signedCertDer)));
    assert.equal(doc.sha256, toHex(await sha256(intro.signedCertDer)));
    assert.equal(doc.subject, renderRfc4514(peerCert.subject));
    assert.notEqual(doc.serialHex, serialHex(peerCert));
    const list = await listIssued(db, { identityId: ours.id });
    assert.equal(list.length, 1);
    assert.deepEqual(list[0]!.certDer, intro.signedCertDer);
    assert.deepEqual(await listIssued(db, { identityId: 'someone-else' }), []);
    const audit = await listAudit(db, { identityId: ours.id, limit: 1 });
    assert.equal(audit[0]!.op, 'intro.sign');
    assert.equal(audit[0]!.keyId, ours.caKeyId);
    assert.equal(audit[0]!.outputSha256, doc.sha256);
  });

  it('refuses an unknown identity and writes nothing', async () => {
    const db = await fresh();
    const { ours } = await twoIdentities(db);
    const before = (await listAudit(db)).length;
    try {
      await recordIssued(db, { identityId: 'nope', kind: 'cross-cert', certDer: ours.idCertDer, atMs: at, summary: 'x' });
      assert.fail('recorded for an unknown identity');
    } catch (e) {
      assert.instanceOf(e, StoreError);
      assert.equal((e as StoreError).code, 'STORE_NOT_FOUND');
    }
    try {
      await loadSigningCa(db, 'nope');
      assert.fail('loaded an unknown CA');
    } catch (e) {
      assert.equal((e as StoreError).code, 'STORE_NOT_FOUND');
    }
    assert.equal((await listAudit(db)).length, before);
    assert.deepEqual(await listIssued(db), []);
  });
});
