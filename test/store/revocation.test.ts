// Revocation in real IndexedDB (Chromium): our CA's ledger and CRLs, partners' CRLs, each change one
// transaction with its audit entry, and every refused import leaving the store exactly as it was.
import { assert } from 'chai';
import {
  checkIntroduction,
  createIdentity,
  fingerprintOf,
  introduce,
  issueCrl,
  parseCertificate,
  parseCrl,
  serialHex,
  validatePath,
  DAY_MS,
  type CreatedIdentity,
} from '../../src/pki/index.ts';
import {
  openStore,
  saveIdentity,
  listAudit,
  recordIssued,
  loadRevocationState,
  revokeIssued,
  issueRevocationList,
  importPartnerCrl,
  listPartnerCrls,
  heldCrls,
  type Db,
  type IdentityRecord,
} from '../../src/store/index.ts';
import { installIntroduction } from '../../src/store/introductions.ts';
import { expectCode } from '../support/expect-code.ts';

const at = Date.UTC(2026, 10, 25, 12);
let n = 0;
const fresh = (): Promise<Db> => openStore({ name: `ct-revocation-test-${Date.now()}-${n++}` });

/** Everything in the documents and audit stores, to prove a refusal changed nothing. */
async function dump(db: Db): Promise<string> {
  const docs = await db.getAll('documents');
  const audit = await db.getAll('audit');
  return JSON.stringify([docs, audit], (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
}

async function setup(db: Db): Promise<{ ours: IdentityRecord; peer: CreatedIdentity; introDer: Uint8Array; other: CreatedIdentity }> {
  const ours = await saveIdentity(db, { label: 'Ours', created: await createIdentity({ name: { org: 'Ours', unit: 'Ops' }, san: { hosts: ['ours.example'] }, atMs: at }), atMs: at });
  const peer = await createIdentity({ name: { org: 'Peer', unit: 'Ops' }, san: { hosts: ['peer.example'] }, atMs: at });
  const other = await createIdentity({ name: { org: 'Other', unit: 'Ops' }, san: { hosts: ['other.example'] }, atMs: at });
  // We introduce the peer (recorded in the register) …
  const ca = { certDer: ours.caCertDer, key: (await db.get('keys', ours.caKeyId))!.key };
  const intro = await introduce({ peerDer: peer.idCertDer, ca, atMs: at, confirmedFingerprint: (await fingerprintOf(peer.idCertDer)).grouped });
  await recordIssued(db, { identityId: ours.id, kind: 'introduction', certDer: intro.signedCertDer, atMs: at, summary: 'Introduced Peer' });
  // … and the peer introduces us: installing that introduction makes the peer's CA one we hold.
  const back = await introduce({ peerDer: ours.idCertDer, ca: { certDer: peer.caCertDer, key: peer.caKeys.privateKey }, atMs: at, confirmedFingerprint: (await fingerprintOf(ours.idCertDer)).grouped });
  const check = await checkIntroduction({ json: back.introJson, ourIdentities: [{ idCertDer: ours.idCertDer, ref: ours.id }], atMs: at });
  assert.isTrue(check.ok);
  if (check.ok) await installIntroduction(db, check.plan, { atMs: at });
  return { ours, peer, introDer: intro.signedCertDer, other };
}

describe('revocation store', () => {
  it('revokes what our CA signed and issues numbered CRLs, each with its audit entry (reason, CRL number)', async () => {
    const db = await fresh();
    const { ours, introDer } = await setup(db);
    const empty = await loadRevocationState(db, ours.id);
    assert.equal(empty.ledger.lastCrlNumber, '0');
    assert.isUndefined(empty.crlDer);

    const entry = await revokeIssued(db, { identityId: ours.id, certDer: introDer, reason: 'keyCompromise', atMs: at + 1000 });
    assert.equal(entry.serialHex, serialHex(parseCertificate(introDer)));
    const [revAudit] = await listAudit(db, { identityId: ours.id, limit: 1 });
    assert.equal(revAudit!.op, 'crl.revoke');
    assert.equal(revAudit!.details?.['reason'], 'keyCompromise');
    assert.equal(revAudit!.details?.['serial'], entry.serialHex);
    assert.include(revAudit!.summary, 'key compromised');

    const first = await issueRevocationList(db, { identityId: ours.id, atMs: at + 2000, nextUpdateDays: 7 });
    const crl = parseCrl(first.crlDer);
    assert.equal(crl.crlNumber, 1n);
    assert.equal(crl.nextUpdateMs, at + 2000 + 7 * DAY_MS);
    assert.deepEqual(crl.entries.map((e) => [e.serialHex, e.reason]), [[entry.serialHex, 'keyCompromise']]);
    const [issueAudit] = await listAudit(db, { identityId: ours.id, limit: 1 });
    assert.equal(issueAudit!.op, 'crl.issue');
    assert.equal(issueAudit!.details?.['crlNumber'], '1');
    assert.equal(issueAudit!.keyId, ours.caKeyId);
    assert.equal(issueAudit!.details?.['serials'], entry.serialHex);

    const second = await issueRevocationList(db, { identityId: ours.id, atMs: at + 3000, nextUpdateDays: 1 });
    assert.equal(parseCrl(second.crlDer).crlNumber, 2n);
    const stored = await loadRevocationState(db, ours.id);
    assert.deepEqual(stored.crlDer, second.crlDer);
    assert.equal(stored.ledger.lastCrlNumber, '2');

    // What we hold is what validatePath honours: the introduction we revoked no longer validates.
    const v = await validatePath({ leaf: introDer, roots: [ours.caCertDer], time: new Date(at + 4000), crls: await heldCrls(db) });
    assert.equal(v.code, 'PATH_REVOKED');
    assert.equal(v.revoked?.reason, 'keyCompromise');
  });

  it('refuses to revoke what our CA did not sign, or twice, and writes nothing', async () => {
    const db = await fresh();
    const { ours, peer, introDer } = await setup(db);
    const before = await dump(db);
    await expectCode(revokeIssued(db, { identityId: ours.id, certDer: peer.idCertDer, reason: 'superseded', atMs: at }), 'CRL_NOT_ISSUED_BY_US');
    await expectCode(revokeIssued(db, { identityId: ours.id, certDer: introDer, reason: 'removeFromCRL', atMs: at }), 'CRL_INVALID_REQUEST');
    await expectCode(revokeIssued(db, { identityId: 'nobody', certDer: introDer, reason: 'superseded', atMs: at }), 'STORE_NOT_FOUND');
    await expectCode(issueRevocationList(db, { identityId: ours.id, atMs: at, nextUpdateDays: 0 }), 'CRL_INVALID_REQUEST');
    assert.equal(await dump(db), before);
    await revokeIssued(db, { identityId: ours.id, certDer: introDer, reason: 'superseded', atMs: at });
    const after = await dump(db);
    await expectCode(revokeIssued(db, { identityId: ours.id, certDer: introDer, reason: 'keyCompromise', atMs: at }), 'CRL_ALREADY_REVOKED');
    assert.equal(await dump(db), after);
  });

  it('two revocations racing from the same state: one lands, the other is STORE_CONFLICT (no lost update)', async () => {
    const db = await fresh();
    const { ours, introDer } = await setup(db);
    const peer2 = await createIdentity({ name: { org: 'Peer2', unit: 'Ops' }, san: { hosts: ['peer2.example'] }, atMs: at });
    const ca = { certDer: ours.caCertDer, key: (await db.get('keys', ours.caKeyId))!.key };
    const intro2 = await introduce({ peerDer: peer2.idCertDer, ca, atMs: at, confirmedFingerprint: (await fingerprintOf(peer2.idCertDer)).grouped });
    const results = await Promise.allSettled([
      revokeIssued(db, { identityId: ours.id, certDer: introDer, reason: 'superseded', atMs: at }),
      revokeIssued(db, { identityId: ours.id, certDer: intro2.signedCertDer, reason: 'superseded', atMs: at }),
    ]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(rejected.length, 1);
    assert.equal((rejected[0]!.reason as { code?: string }).code, 'STORE_CONFLICT');
    assert.equal((await loadRevocationState(db, ours.id)).ledger.entries.length, 1);
  });

  it("imports a partner's CRLs; every refusal (other CA, forged, rollback, reused number, malformed) changes nothing", async () => {
    const db = await fresh();
    const { ours, peer, other } = await setup(db);
    const theirIntroOfUs = (await db.getAllFromIndex('documents', 'byKind', 'introduction'))[0]!.data as { signedCertDer: Uint8Array };
    const mk = (crlNumber: bigint, opts: { key?: CryptoKey; revoke?: boolean; issuer?: CreatedIdentity } = {}): Promise<Uint8Array> =>
      issueCrl({
        issuerCertDer: (opts.issuer ?? peer).caCertDer,
        issuerKey: opts.key ?? (opts.issuer ?? peer).caKeys.privateKey,
        crlNumber,
        thisUpdateMs: at,
        nextUpdateMs: at + 7 * DAY_MS,
        entries: opts.revoke ? [{ serial: parseCertificate(theirIntroOfUs.signedCertDer).serial, revokedAtMs: at, reason: 'privilegeWithdrawn' }] : [],
      });
    const crl1 = await mk(1n);
    const r1 = await importPartnerCrl(db, { crlDer: crl1, atMs: at + 1 });
    assert.isFalse(r1.unchanged);
    assert.equal(r1.doc.issuer, 'P=Signing Certificate,OU=Ops,O=Peer');
    assert.equal(r1.doc.crlNumber, '1');
    const [importAudit] = await listAudit(db, { limit: 1 });
    assert.equal(importAudit!.op, 'crl.import');
    assert.equal(importAudit!.details?.['crlNumber'], '1');

    const same = await dump(db);
    assert.isTrue((await importPartnerCrl(db, { crlDer: crl1, atMs: at + 2 })).unchanged);
    assert.equal(await dump(db), same, 'the same CRL again writes nothing, not even an audit entry');

    const crl3 = await mk(3n, { revoke: true });
    await importPartnerCrl(db, { crlDer: crl3, atMs: at + 3 });
    const held = await dump(db);
    const refusals: Array<[string, () => Promise<Uint8Array>, string]> = [
      ['an older CRL', () => mk(2n), 'CRL_NUMBER_ROLLBACK'],
      ['another CRL with the held number', () => mk(3n), 'CRL_NUMBER_REUSED'],
      ['a CRL of a CA we do not hold', () => mk(9n, { issuer: other }), 'CRL_WRONG_ISSUER'],
      ["a CRL in the partner's name signed by another key", () => mk(9n, { key: other.caKeys.privateKey }), 'CRL_BAD_SIGNATURE'],
      ['malformed DER', async () => (await mk(9n)).subarray(0, 50), 'CRL_MALFORMED'],
    ];
    for (const [what, make, code] of refusals) {
      await expectCode(importPartnerCrl(db, { crlDer: await make(), atMs: at + 4 }), code);
      assert.equal(await dump(db), held, what);
    }
    const list = await listPartnerCrls(db);
    assert.deepEqual(list.map((d) => [d.crlNumber, d.revokedCount]), [['3', 1]]);
    // The partner withdrew its introduction of us: validation with the CRLs we hold now says so.
    const v = await validatePath({ leaf: theirIntroOfUs.signedCertDer, roots: [peer.caCertDer], time: new Date(at + 5), crls: await heldCrls(db) });
    assert.equal(v.code, 'PATH_REVOKED');
    assert.equal(v.revoked?.reason, 'privilegeWithdrawn');
    void ours;
  });
});
