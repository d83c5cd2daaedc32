// The issue-4 controllers in real Chromium with real IndexedDB and the real core: signer choice, reading
// a peer, signing into the issued register under a busy hold, reviewing and installing intro.json,
// limits from the form, cross-certificates saved and recorded, the trust graph from the store, and the
// certified folder zip round trip. Refusals leave the store unchanged.
import { assert } from 'chai';
import {
  createIdentity, fingerprintOf, getIdentOutput, introduce, toPem, type CreatedIdentity,
} from '../../../src/pki/index.ts';
import { listAudit, listIntroductions, listIssued, listCrossCertificates, openStore, saveIdentity, type Db, type IdentityRecord } from '../../../src/store/index.ts';
import { BusyRegistry, type Hold } from '../../../src/ui/update/busy-registry.ts';
import { canCrossCertify, loadSigners, pickSigner } from '../../../src/ui/intro/signers.ts';
import { readPeer, signIntroduction } from '../../../src/ui/intro/introduce-controller.ts';
import { installReviewed, loadAddIntroContext, reviewIntroduction } from '../../../src/ui/intro/add-intro-controller.ts';
import { DEFAULT_LIMITS_FORM, issueCrossCertificate, readLimitsForm, readPartnerCa, type LimitsForm } from '../../../src/ui/intro/cross-certify-controller.ts';
import { loadTrustGraph } from '../../../src/ui/intro/trust-graph-controller.ts';
import { loadIntroductionRows, removeIntroductionRow } from '../../../src/ui/intro/introductions-controller.ts';
import { acceptedPlans, exportLayout, installLayout, reviewLayoutZip } from '../../../src/ui/intro/layout-controller.ts';
import { EMPTY_FORM, readIdentityForm } from '../../../src/ui/controllers/identity-form.ts';
import { fixtureText } from '../../support/certified-fixtures.ts';
import { expectCode } from '../../support/expect-code.ts';

const at = Date.now();
let n = 0;
const fresh = (): Promise<Db> => openStore({ name: `ct-intro-ctl-${Date.now()}-${n++}` });

/** A busy registry that records every hold taken while work runs. */
function watchedBusy(): { busy: BusyRegistry; seen: Hold[][] } {
  const busy = new BusyRegistry();
  const seen: Hold[][] = [];
  busy.subscribe((h) => seen.push([...h]));
  return { busy, seen };
}

describe('intro controllers', () => {
  let db: Db;
  let alpha: IdentityRecord;
  let gamma: IdentityRecord;
  let beta: CreatedIdentity;
  before(async () => {
    db = await fresh();
    alpha = await saveIdentity(db, { label: 'Alpha main', created: await createIdentity({ name: { org: 'Alpha', unit: 'Ops' }, san: { hosts: ['alpha.example'] }, atMs: at }), atMs: at });
    gamma = await saveIdentity(db, { label: 'Gamma partners', created: await createIdentity({ name: { org: 'Gamma', unit: 'PKI' }, san: { hosts: ['gamma.example'] }, atMs: at, caPathLength: 1 }), atMs: at + 1 });
    beta = await createIdentity({ name: { org: 'Beta', unit: 'Ops' }, san: { hosts: ['beta.example'], emails: ['ops@beta.example'] }, atMs: at });
  });
  after(() => db.close());

  it('lists signers and picks the asked-for one, else the first usable valid one', async () => {
    const signers = await loadSigners(db, at);
    assert.deepEqual(signers.map((s) => [s.label, s.caPathLength, canCrossCertify(s)]), [['Alpha main', 0, false], ['Gamma partners', 1, true]]);
    assert.match(signers[0]!.caFingerprint, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    assert.equal(pickSigner(signers), alpha.id);
    assert.equal(pickSigner(signers, gamma.id), gamma.id);
    assert.equal(pickSigner(signers, 'gone'), alpha.id);
    assert.equal(pickSigner(signers, undefined, (s) => canCrossCertify(s)), gamma.id);
    assert.isUndefined(pickSigner([]));
  });

  it('reads a peer (names, fingerprint) or says why not, without throwing', async () => {
    const r = await readPeer('Beta.ident.b64', getIdentOutput(beta.idCertDer));
    assert.isTrue(r.ok);
    if (!r.ok) return;
    assert.deepEqual(r.review.names, ['Email: ops@beta.example', 'DNS: beta.example']);
    assert.equal(r.review.summary.fingerprint.hex, (await fingerprintOf(beta.idCertDer)).hex);
    const bad = await readPeer('Pasted text', 'MIIBnzCCAVGgAwIBAgIU');
    assert.deepEqual(bad.ok ? [] : [bad.code, bad.source], ['INTRO_PEER_UNRECOGNISED', 'Pasted text']);
    const ca = await readPeer('CA.pem', toPem('CERTIFICATE', beta.caCertDer));
    assert.isTrue(ca.ok && ca.review.summary.isCa);
  });

  it('signs an introduction under a busy hold and records it in the issued register; a wrong fingerprint records nothing', async () => {
    const { busy, seen } = watchedBusy();
    const fp = (await fingerprintOf(beta.idCertDer)).colon;
    await expectCode(signIntroduction(db, { identityId: alpha.id, peerDer: beta.idCertDer, confirmedFingerprint: '00'.repeat(32), validityDays: 30, services: [], atMs: at }, busy), 'INTRO_FINGERPRINT_MISMATCH');
    assert.deepEqual(await listIssued(db), []);
    assert.isTrue(busy.idle, 'the hold is released after a refusal');
    const r = await signIntroduction(db, { identityId: alpha.id, peerDer: beta.idCertDer, confirmedFingerprint: fp, validityDays: 30, services: [{ alias: 'alpha-api', url: 'https://alpha.example:8443' }], atMs: at }, busy);
    assert.deepEqual(seen.map((h) => h.map((x) => `${x.kind}:${x.label}`)), [['busy:signing an introduction'], [], ['busy:signing an introduction'], []]);
    assert.equal(r.fileName, 'intro.json');
    assert.include(r.introduction.introJson, '"alpha-api": "https://alpha.example:8443"');
    const issued = await listIssued(db, { identityId: alpha.id });
    assert.deepEqual(issued.map((i) => [i.kind, i.sha256 === r.issued.sha256]), [['introduction', true]]);
    const audit = await listAudit(db, { identityId: alpha.id, limit: 1 });
    assert.equal(audit[0]!.op, 'intro.sign');
    assert.match(audit[0]!.summary, /^Introduced OU=Ops,O=Beta with 1 service$/);
    await expectCode(signIntroduction(db, { identityId: 'gone', peerDer: beta.idCertDer, confirmedFingerprint: fp, validityDays: 30, services: [], atMs: at }, busy), 'STORE_NOT_FOUND');
  });

  it('reviews an intro.json for one of our identities, installs it, and asks before replacing it', async () => {
    const byBeta = await introduce({ peerDer: alpha.idCertDer, ca: { certDer: beta.caCertDer, key: beta.caKeys.privateKey }, atMs: at, services: [{ alias: 'beta-api', url: 'https://beta.example:8443' }] });
    const ctx = await loadAddIntroContext(db);
    assert.deepEqual(ctx.ourIdentities.map((i) => i.label), ['Alpha main', 'Gamma partners']);
    const r = await reviewIntroduction({ json: byBeta.introJson, ...ctx, atMs: at, overwrite: false });
    assert.isTrue(r.ok);
    if (!r.ok) return;
    assert.deepEqual([r.introducerDisplay, r.forIdentity, r.caFingerprint], ['Beta / Ops', 'Alpha main', (await fingerprintOf(beta.caCertDer)).grouped]);
    await installReviewed(db, r.plan, at, false);
    const again = await reviewIntroduction({ json: byBeta.introJson, ...(await loadAddIntroContext(db)), atMs: at, overwrite: false });
    assert.deepEqual(again.ok ? [] : [again.replaceable, again.problems.map((p) => p.code)], [true, ['INTRO_EXISTS', 'INTRO_SERVICE_EXISTS']]);
    assert.isTrue((await reviewIntroduction({ json: byBeta.introJson, ...(await loadAddIntroContext(db)), atMs: at, overwrite: true })).ok);
    // Installing the same plan again without confirmation is refused by the store, and changes nothing.
    await expectCode(installReviewed(db, r.plan, at + 5, false), 'STORE_CONFLICT');
    assert.equal((await listIntroductions(db)).length, 1);
    // Someone else's introduction and a malformed file give sentences with codes.
    const other = await reviewIntroduction({ json: await fixtureText('exchanges/intro.alpha-signs-beta.json'), ...ctx, atMs: at, overwrite: false });
    assert.include(other.ok ? [] : other.problems.map((p) => p.code), 'INTRO_NOT_OUR_KEY');
    const junk = await reviewIntroduction({ json: '{"signed_cert": 1}', ...ctx, atMs: at, overwrite: false });
    assert.deepEqual(junk.ok ? [] : junk.problems.map((p) => [p.code, p.sentence]), [['INTRO_BAD_JSON', 'This is not a valid intro.json file.']]);
    const rows = await loadIntroductionRows(db, at);
    assert.deepEqual(rows.map((x) => [x.introducerDisplay, x.forIdentity, x.status, x.doc.services.map((s) => s.alias)]), [['Beta / Ops', 'Alpha main', 'valid', ['beta-api']]]);
  });

  const limitCases: ReadonlyArray<{ name: string; form: Partial<LimitsForm>; want: string[] | { words: RegExp } }> = [
    { name: 'defaults', form: {}, want: { words: /end entities only/ } },
    { name: 'names, policies and policy constraints', form: { permitted: 'dns:partner.example\nspiffe:prod.partner.example', excluded: 'ip:10.0.0.0/8', policies: '1.3.6.1.4.1.99999.1', requireExplicitPolicy: '0', inhibitPolicyMapping: '1', inhibitAnyPolicy: '0' }, want: { words: /policy 1\.3\.6\.1\.4\.1\.99999\.1 only[\s\S]*from this certificate on[\s\S]*Policy mapping is not allowed after 1[\s\S]*stops counting immediately/ } },
    { name: 'bad name limit', form: { permitted: 'bogus' }, want: ['permitted'] },
    { name: 'bad exclusion and policy', form: { excluded: 'ip:10.0.0.1', policies: 'not-an-oid' }, want: ['excluded', 'policies'] },
    { name: 'duplicate policy', form: { policies: '1.2.3\n1.2.3' }, want: ['policies'] },
    { name: 'numbers out of range', form: { pathLength: '9', validityDays: '0', requireExplicitPolicy: '-1', inhibitAnyPolicy: '1.5' }, want: ['pathLength', 'validityDays', 'requireExplicitPolicy', 'inhibitAnyPolicy'] },
    { name: 'no validity', form: { validityDays: '' }, want: ['validityDays'] },
  ];
  for (const c of limitCases) {
    it(`reads the limits form: ${c.name}`, () => {
      const r = readLimitsForm({ ...DEFAULT_LIMITS_FORM, ...c.form });
      if (Array.isArray(c.want)) {
        assert.isTrue('errors' in r, JSON.stringify(r));
        if ('errors' in r) assert.deepEqual(Object.keys(r.errors).sort(), [...c.want].sort());
      } else {
        assert.isTrue('limits' in r, JSON.stringify(r));
        if ('limits' in r) assert.match(r.words.join('\n'), c.want.words);
      }
    });
  }

  it('issues a cross-certificate under a busy hold, saved with its register entry; a certified-profile CA is refused and nothing is saved', async () => {
    const partner = await readPartnerCa('partner.pem', toPem('CERTIFICATE', beta.caCertDer), at);
    assert.isTrue(partner.ok);
    const notCa = await readPartnerCa('id.pem', toPem('CERTIFICATE', beta.idCertDer), at);
    assert.deepEqual(notCa.ok ? '' : notCa.code, 'XCERT_PEER_NOT_CA');
    const read = readLimitsForm({ ...DEFAULT_LIMITS_FORM, permitted: 'dns:beta.example', policies: '1.3.6.1.4.1.99999.1', requireExplicitPolicy: '0' });
    assert.isTrue('limits' in read);
    if (!('limits' in read) || !partner.ok) return;
    const { busy, seen } = watchedBusy();
    await expectCode(issueCrossCertificate(db, { identityId: alpha.id, peerCaDer: partner.der, limits: read.limits, atMs: at }, busy), 'XCERT_OUR_CA_PATH_LENGTH');
    assert.deepEqual(await listCrossCertificates(db), []);
    const x = await issueCrossCertificate(db, { identityId: gamma.id, peerCaDer: partner.der, limits: read.limits, atMs: at }, busy);
    assert.deepEqual(seen.map((h) => h.length), [1, 0, 1, 0]);
    assert.deepEqual((await listCrossCertificates(db)).map((c) => [c.peerCa, c.identityId]), [[x.peerCa, gamma.id]]);
    assert.deepEqual((await listIssued(db, { identityId: gamma.id })).map((i) => i.kind), ['cross-cert']);
  });

  it('builds the trust graph from the store: introducer, services, whom we introduced and cross-certified', async () => {
    const g = await loadTrustGraph(db, at);
    assert.deepEqual(g.nodes.map((x) => `${x.kind}:${x.label}`), [
      'service:beta-api', 'introducer:Beta / Ops', 'identity:Alpha main', 'identity:Gamma partners', 'introduced:Beta / Ops', 'cross-certified:Beta / Ops',
    ]);
    assert.deepEqual(g.edges.map((e) => e.label), [
      'Beta / Ops introduced Alpha main',
      'beta-api (https://beta.example:8443) is run by Beta / Ops',
      'Alpha main introduced Beta / Ops',
      'Gamma partners cross-certified Beta / Ops',
    ]);
  });

  it('exports a certified folder zip and imports it back after the same checks, all at once', async () => {
    const x = await exportLayout(db, alpha.id);
    assert.deepEqual([x.fileName, x.introductions, x.services], ['Alpha-main.certified.zip', 1, 1]);
    const [row] = await loadIntroductionRows(db, at);
    await removeIntroductionRow(db, row!.doc.idPath, at + 10);
    await expectCode(removeIntroductionRow(db, row!.doc.idPath, at + 11), 'STORE_NOT_FOUND');
    assert.deepEqual(await listIntroductions(db), []);
    const review = await reviewLayoutZip(db, 'Alpha-main.certified.zip', x.bytes, at, false);
    assert.isTrue(review.ok);
    if (!review.ok) return;
    assert.equal(review.value.ownIdentity, 'Alpha / Ops');
    assert.deepEqual(review.value.reviews.map((r) => [r.review.ok, r.services]), [[true, ['beta-api']]]);
    await installLayout(db, acceptedPlans(review.value), at + 20, false);
    assert.deepEqual((await listIntroductions(db)).map((i) => [i.introducer, i.identityRef]), [['P=Signing Certificate,OU=Ops,O=Beta', alpha.id]]);
    // Installing the same folder again is refused as it stands (and offered as a replacement).
    const again = await reviewLayoutZip(db, 'again.zip', x.bytes, at, false);
    assert.deepEqual(again.ok ? again.value.reviews.map((r) => r.review.ok) : [], [false]);
    const bad = await reviewLayoutZip(db, 'notes.zip', new TextEncoder().encode('not a zip'), at, false);
    assert.deepEqual(bad.ok ? '' : bad.code, 'LAYOUT_BAD_ARCHIVE');
    await expectCode(exportLayout(db, 'gone'), 'STORE_NOT_FOUND');
  });

  it('the create form asks for a CA that may cross-certify', () => {
    const r = readIdentityForm({ ...EMPTY_FORM, org: 'A', unit: 'B', hosts: 'a.example', mayCrossCertify: true }, at);
    assert.equal('request' in r ? r.request.caPathLength : -1, 1);
    const plain = readIdentityForm({ ...EMPTY_FORM, org: 'A', unit: 'B', hosts: 'a.example' }, at);
    assert.isUndefined('request' in plain ? plain.request.caPathLength : -1);
  });
});
