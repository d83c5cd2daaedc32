import { assert } from 'chai';
import { deleteDB } from 'idb';
import { openStore, type Db } from '../../src/store/db.ts';
import { listBundles, loadBundle, saveBundle, deleteBundle } from '../../src/store/bundles.ts';
import { allChanges, applyImport, composeBundle, diffBundle, parseBundleInput, toPem, type TrustBundle } from '../../src/pki/index.ts';
import { AT, makeCa, prov } from '../pki/federation/make-certs.ts';

describe('store: trust bundles', () => {
  let db: Db;
  let name: string;
  let held: TrustBundle;
  beforeEach(async () => {
    name = `ct-bundles-${Math.random().toString(36).slice(2)}`;
    db = await openStore({ name });
    const a = await makeCa('Store Root A');
    held = (await composeBundle({ name: 'partners', trustDomain: 'example.org', atMs: AT, candidates: [{ certDer: a.der, provenance: [prov('a')] }] })).bundle;
  });
  afterEach(async () => {
    db.close();
    await deleteDB(name);
  });

  it('saves, lists and loads a bundle, re-reading it through the core', async () => {
    await saveBundle(db, held, { op: 'bundle.compose', summary: 'composed' });
    const back = await loadBundle(db, 'partners');
    assert.deepEqual(back?.entries.map((e) => e.fingerprint), held.entries.map((e) => e.fingerprint));
    assert.deepEqual((await listBundles(db)).map((b) => b.name), ['partners']);
    assert.isNull(await loadBundle(db, 'nope'));
    const audit = await db.getAll('audit');
    assert.equal(audit.length, 1);
    assert.match(audit[0]!.outputSha256 ?? '', /^[0-9a-f]{64}$/);
  });

  it('accepts an import all-or-nothing: a stale read is refused and changes nothing', async () => {
    await saveBundle(db, held, { op: 'bundle.compose', summary: 'composed' });
    const b = await makeCa('Store Root B');
    const incoming = await parseBundleInput(toPem('CERTIFICATE', held.entries[0]!.der) + toPem('CERTIFICATE', b.der), { atMs: AT });
    const diff = diffBundle(held, incoming);
    const next = applyImport(held, diff, { accept: allChanges(diff), source: { detail: 'partner', fingerprintConfirmed: true }, atMs: AT + 1000 });
    try {
      await saveBundle(db, next, { expectedUpdatedMs: held.updatedMs - 1, op: 'bundle.import', summary: 'stale' });
      assert.fail('accepted a stale write');
    } catch (e) {
      assert.equal((e as { code?: string }).code, 'STORE_CONFLICT');
    }
    assert.equal((await loadBundle(db, 'partners'))?.entries.length, 1);
    assert.equal((await db.getAll('audit')).length, 1, 'no audit record for the refused write');
    await saveBundle(db, next, { expectedUpdatedMs: held.updatedMs, op: 'bundle.import', summary: 'imported' });
    assert.equal((await loadBundle(db, 'partners'))?.entries.length, 2);
    assert.equal((await db.getAll('audit')).length, 2);
    await deleteBundle(db, 'partners', AT + 2000);
    assert.deepEqual(await listBundles(db), []);
  });
});
