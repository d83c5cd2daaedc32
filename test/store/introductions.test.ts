// Introductions in real IndexedDB (Chromium): install all or nothing, refuse replacing without
// confirmation, remove, and keep cross-certificates.
import { assert } from 'chai';
import { openStore } from '../../src/store/db.ts';
import { installIntroduction, installIntroductions, installedIntroductionPaths, listIntroductions, removeIntroduction, saveCrossCertificate, listCrossCertificates } from '../../src/store/introductions.ts';
import { StoreError } from '../../src/store/errors.ts';
import { checkIntroduction, createIdentity, crossCertify, type IntroPlan } from '../../src/pki/index.ts';
import { saveIdentity } from '../../src/store/identities.ts';
import { listIssued, loadSigningCa } from '../../src/store/issued.ts';
import { fixtureCertDer, fixtureNowMs, fixtureText } from '../support/certified-fixtures.ts';

async function plan(file: string): Promise<IntroPlan> {
  const c = await checkIntroduction({ json: await fixtureText(`exchanges/${file}`), ourIdentities: [{ idCertDer: await fixtureCertDer('orgs/alpha/id.crt') }], atMs: await fixtureNowMs() });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.plan;
}

describe('introductions store', () => {
  let n = 0;
  const fresh = () => openStore({ name: `ct-intro-test-${Date.now()}-${n++}` });

  it('installs an introduction with its services and introducer CA, then removes it', async () => {
    const db = await fresh();
    const p = await plan('intro.beta-signs-alpha.services.json');
    await installIntroduction(db, p, { atMs: 1 });
    const list = await listIntroductions(db);
    assert.equal(list.length, 1);
    assert.equal(list[0]!.introducer, 'P=Signing Certificate,CN=Beta Person');
    assert.deepEqual(list[0]!.services, [{ alias: 'beta-api', url: 'https://127.0.0.1:8472' }]);
    assert.deepEqual([...(await installedIntroductionPaths(db))].sort(), ['id/P=Signing Certificate,CN=Beta Person.crt', 'known_servers/beta-api.yaml']);
    assert.equal((await db.getAllFromIndex('documents', 'byKind', 'peer-ca')).length, 1);
    await removeIntroduction(db, p.idPath, 2);
    assert.equal((await listIntroductions(db)).length, 0);
    assert.equal((await db.getAllFromIndex('documents', 'byKind', 'peer-ca')).length, 0);
    assert.deepEqual((await db.getAll('audit')).map((a) => a.op), ['intro.install', 'intro.remove']);
    db.close();
  });

  it('refuses to replace an introduction from the same CA without confirmation, and writes nothing', async () => {
    const db = await fresh();
    const p = await plan('intro.beta-signs-alpha.services.json');
    await installIntroduction(db, p, { atMs: 1 });
    const before = await db.getAll('documents');
    try {
      await installIntroduction(db, { ...p, services: [] }, { atMs: 2 });
      assert.fail('replaced');
    } catch (e) {
      assert.instanceOf(e, StoreError);
      assert.equal((e as StoreError).code, 'STORE_CONFLICT');
    }
    assert.deepEqual(await db.getAll('documents'), before);
    assert.equal((await db.getAll('audit')).length, 1);
    await installIntroduction(db, { ...p, services: [] }, { atMs: 3, overwrite: true });
    assert.deepEqual((await listIntroductions(db))[0]!.services, []);
    db.close();
  });

  it('refuses an alias taken by another introduction', async () => {
    const db = await fresh();
    await installIntroduction(db, await plan('intro.beta-signs-alpha.services.json'), { atMs: 1 });
    const g = await plan('intro.gamma-signs-alpha.services.json');
    const clash = { ...g, services: [{ ...g.services[0]!, alias: 'beta-api' }] };
    try {
      await installIntroduction(db, clash, { atMs: 2 });
      assert.fail('installed');
    } catch (e) {
      assert.equal((e as StoreError).code, 'STORE_CONFLICT');
    }
    assert.equal((await listIntroductions(db)).length, 1);
    await installIntroduction(db, g, { atMs: 3 });
    assert.equal((await listIntroductions(db)).length, 2);
    db.close();
  });

  it('keeps cross-certificates with their issued-register entry and one audit entry, in one transaction', async () => {
    const db = await fresh();
    const at = Date.now();
    const ours = await saveIdentity(db, { label: 'Ours', created: await createIdentity({ name: { org: 'Ours', unit: 'X' }, san: { hosts: ['ours.example'] }, atMs: at, caPathLength: 1 }), atMs: at });
    const partner = await createIdentity({ name: { org: 'Partner', unit: 'X' }, san: { hosts: ['p.example'] }, atMs: at });
    const x = await crossCertify({ peerCaDer: partner.caCertDer, ca: await loadSigningCa(db, ours.id), atMs: at, limits: { pathLength: 0, validityDays: 30 } });
    const auditBefore = (await db.getAll('audit')).length;
    await saveCrossCertificate(db, { peerCa: x.peerCa, certDer: x.certDer, description: x.description, notAfterMs: x.notAfterMs, issuedMs: at, identityId: ours.id });
    const list = await listCrossCertificates(db);
    assert.deepEqual(list.map((c) => [c.peerCa, c.identityId]), [[x.peerCa, ours.id]]);
    const issued = await listIssued(db, { identityId: ours.id });
    assert.deepEqual(issued.map((i) => i.kind), ['cross-cert']);
    assert.deepEqual(issued[0]!.certDer, x.certDer);
    const audit = await db.getAll('audit');
    assert.equal(audit.length, auditBefore + 1);
    assert.equal(audit.at(-1)!.op, 'crosscert.sign');
    assert.equal(audit.at(-1)!.keyId, ours.caKeyId);
    // For an identity that does not exist nothing is written.
    try {
      await saveCrossCertificate(db, { peerCa: x.peerCa, certDer: x.certDer, description: [], notAfterMs: 1, issuedMs: at, identityId: 'nobody' });
      assert.fail('saved');
    } catch (e) {
      assert.equal((e as StoreError).code, 'STORE_NOT_FOUND');
    }
    assert.equal((await db.getAll('audit')).length, auditBefore + 1);
    db.close();
  });

  it('installs several introductions in one transaction, or none when one clashes', async () => {
    const db = await fresh();
    const b = await plan('intro.beta-signs-alpha.services.json');
    const g = await plan('intro.gamma-signs-alpha.services.json');
    try {
      await installIntroductions(db, [b, { ...g, services: [{ ...g.services[0]!, alias: b.services[0]!.alias }] }], { atMs: 1 });
      assert.fail('installed a clash');
    } catch (e) {
      assert.equal((e as StoreError).code, 'STORE_CONFLICT');
    }
    assert.equal((await listIntroductions(db)).length, 0);
    assert.equal((await db.getAll('audit')).length, 0);
    await installIntroductions(db, [b, g], { atMs: 2 });
    assert.equal((await listIntroductions(db)).length, 2);
    assert.equal((await db.getAll('audit')).length, 2);
    db.close();
  });
});
