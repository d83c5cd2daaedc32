// Hierarchy environments in real IndexedDB (Chromium): keys survive as non-extractable CryptoKeys,
// each step commits atomically, a failed or stale step changes nothing, an interrupted rotation resumes.
import { assert } from 'chai';
import { openStore, type Db } from '../../src/store/db.ts';
import { applyEnvironmentWrites, importEnvironment, listEnvironments, loadEnvironment, runEnvironmentStep } from '../../src/store/hierarchy.ts';
import { StoreError } from '../../src/store/errors.ts';
import { advanceOperation, checkEnvironment, createEnvironment, finalizeRootRotation, generateServiceKey, isPkiError, issueLeaf, startIntermediateRotation, readStoreFile, recoverIntermediate, renewExpiring, startRootRotation, trustBundle, validateEnvironment, writeStoreFile, type WriteSet } from '../../src/pki/index.ts';
import { T0, makeCustody } from '../support/hierarchy-fixture.ts';

describe('store: hierarchy environments', () => {
  let db: Db;
  let name: string;
  beforeEach(async () => {
    name = `test-${crypto.randomUUID()}`;
    db = await openStore({ name });
  });
  afterEach(async () => {
    db.close();
    await new Promise((r) => { const q = indexedDB.deleteDatabase(name); q.onsuccess = q.onerror = q.onblocked = r; });
  });

  async function create(): Promise<WriteSet> {
    const c = await makeCustody();
    const environment = checkEnvironment({ name: 'prod', trustDomain: 'example.org', topology: 'two-tier', regions: ['eu'], custodians: { rootRecipient: c.rootRecipient, ciRecipient: c.ciRecipient } });
    const ws = await createEnvironment({ environment, escrowRoot: false, atMs: T0 });
    await applyEnvironmentWrites(db, ws, null, T0);
    return ws;
  }

  it('saves and reloads an environment whose non-extractable keys still sign', async () => {
    await create();
    assert.deepEqual(await listEnvironments(db), ['prod']);
    const s = (await loadEnvironment(db, 'prod'))!;
    assert.equal(s.keys.size, 3);
    for (const k of s.keys.values()) assert.isFalse(k.extractable);
    const key = await generateServiceKey('p256');
    const r = await issueLeaf(s, { scope: 'eu', service: 'shop', spki: key.spki }, T0);
    await applyEnvironmentWrites(db, r.writes, s.doc.revision, T0);
    assert.lengthOf((await loadEnvironment(db, 'prod'))!.doc.leaves, 1);
  });

  it('refuses a stale step (another tab moved on) with STORE_CONFLICT and changes nothing', async () => {
    const ws = await create();
    try {
      await applyEnvironmentWrites(db, { ...ws, doc: { ...ws.doc, revision: 9 } }, 0, T0);
      assert.fail('accepted');
    } catch (e) {
      assert.instanceOf(e, StoreError);
      assert.equal((e as StoreError).code, 'STORE_CONFLICT');
    }
    assert.equal((await loadEnvironment(db, 'prod'))!.doc.revision, ws.doc.revision);
  });

  it('a step that fails mid-transaction leaves the previous state whole (no key put, no key deleted)', async () => {
    await create();
    const s = (await loadEnvironment(db, 'prod'))!;
    const start = await startRootRotation(s, { escrow: false }, T0);
    // The last put of this write set cannot be stored (a function is not cloneable): the transaction aborts.
    const broken: WriteSet = { ...start, deleteKeys: ['key-int-eu-i1'], putKeys: [...start.putKeys, { id: 'bad', key: (() => 0) as unknown as CryptoKey }] };
    try {
      await applyEnvironmentWrites(db, broken, s.doc.revision, T0);
      assert.fail('accepted');
    } catch (e) {
      assert.equal((e as StoreError).code, 'STORE_TRANSACTION_FAILED');
    }
    const after = (await loadEnvironment(db, 'prod'))!;
    assert.deepEqual(after.doc, s.doc);
    assert.deepEqual([...after.keys.keys()].sort(), [...s.keys.keys()].sort());
  });

  it('root rotation step by step, each step one transaction, reopened between steps', async () => {
    await create();
    const at = T0 + 1000;
    let s = (await loadEnvironment(db, 'prod'))!;
    const key = await generateServiceKey('p256');
    s = await runEnvironmentStep(db, 'prod', async (x) => (await issueLeaf(x, { scope: 'eu', service: 'shop', spki: key.spki }, at)).writes, at);
    const steps = [
      (x: typeof s) => startRootRotation(x, { escrow: false }, at),
      (x: typeof s) => advanceOperation(x, at),
      (x: typeof s) => advanceOperation(x, at),
      async (x: typeof s) => (await renewExpiring(x, { withinDays: 0 }, at)).writes,
      (x: typeof s) => finalizeRootRotation(x, { force: false }, at),
    ];
    for (const step of steps) {
      db.close(); // as if the page were closed and opened again between steps
      db = await openStore({ name });
      await runEnvironmentStep(db, 'prod', step, at);
    }
    s = (await loadEnvironment(db, 'prod'))!;
    assert.isUndefined(s.doc.operation);
    assert.deepEqual(s.doc.authorities.map((a) => a.id).sort(), ['int-eu-i2', 'int-global-i2', 'root-r2']);
    assert.equal(s.keys.size, 3);
    assert.deepEqual(trustBundle(s.doc, 'eu', 'servers', at).authorities.map((a) => a.id), ['int-global-i2', 'int-eu-i2']);
    const stored = await db.getAll('keys');
    assert.lengthOf(stored.filter((k) => k.id.startsWith('hierarchy:prod:')), 3, 'old keys were deleted in the finalize transaction');
  });

  it('imports a store file into a browser that lost its storage: the escrowed root comes back non-extractable and signs', async () => {
    const c = await makeCustody();
    const environment = checkEnvironment({ name: 'prod', trustDomain: 'example.org', topology: 'two-tier', regions: ['eu'], custodians: { rootRecipient: c.rootRecipient, ciRecipient: c.ciRecipient } });
    const ws = await createEnvironment({ environment, escrowRoot: true, atMs: T0 });
    const file = readStoreFile(writeStoreFile(ws.doc));

    // Without an identity: the environment is readable, nothing can be signed.
    const bare = await importEnvironment(db, file, { nowMs: T0 });
    assert.isTrue(bare.created && bare.applied);
    assert.deepEqual(bare.keysLoaded, []);
    try {
      await runEnvironmentStep(db, 'prod', (x) => startIntermediateRotation(x, 'eu', T0), T0);
      assert.fail('signed without the root key');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'HIER_KEY_UNAVAILABLE'));
    }
    // A wrong identity is refused and loads nothing; the offline root identity loads the root only.
    const other = await makeCustody();
    assert.deepEqual((await importEnvironment(db, file, { identities: [other.rootIdentity], nowMs: T0 })).keysLoaded, []);
    const back = await importEnvironment(db, file, { identities: [c.rootIdentity], nowMs: T0 });
    assert.isFalse(back.created);
    assert.deepEqual(back.keysLoaded, ['key-root-r1']);
    const s = (await loadEnvironment(db, 'prod'))!;
    assert.isFalse(s.keys.get('key-root-r1')!.extractable);
    assert.equal(s.doc.revision, file.revision, 'loading keys changes no record');
    // The root signs again: recover the eu intermediate (its key is CI's, not held here) under it.
    const rec = await runEnvironmentStep(db, 'prod', (x) => recoverIntermediate(x, 'eu', T0 + 1000), T0 + 1000);
    assert.notEqual(rec.doc.authorities.find((a) => a.id === 'int-eu-i1')!.certPem, file.authorities.find((a) => a.id === 'int-eu-i1')!.certPem);
    const report = await validateEnvironment(rec.doc, T0 + 2000);
    assert.isTrue(report.ok, report.text);
  });

  it("merges CI's leaves in one transaction and writes nothing on a conflict", async () => {
    const ws = await create();
    const s = (await loadEnvironment(db, 'prod'))!;
    // CI issues eu/api from the exported file.
    const key = await generateServiceKey('p256');
    const ci = await issueLeaf({ doc: readStoreFile(writeStoreFile(ws.doc)), keys: s.keys }, { scope: 'eu', service: 'api', spki: key.spki }, T0);
    const out = await importEnvironment(db, readStoreFile(writeStoreFile(ci.writes.doc)), { nowMs: T0 });
    assert.isTrue(out.applied);
    assert.deepEqual(out.merge.added, ['spiffe://example.org/prod/eu/api']);
    const after = (await loadEnvironment(db, 'prod'))!;
    assert.deepEqual(after.doc.leaves.map((l) => l.service), ['api']);
    assert.equal(after.doc.revision, ci.writes.doc.revision + 1);
    assert.equal(after.keys.size, 3, 'keys untouched');

    const foreign = readStoreFile(writeStoreFile({ ...ci.writes.doc, environment: { ...ci.writes.doc.environment, regions: ['eu', 'us'] } }));
    const refused = await importEnvironment(db, foreign, { nowMs: T0 });
    assert.isFalse(refused.applied);
    assert.deepEqual(refused.merge.conflicts.map((x) => x.code), ['ENVIRONMENT_DIFFERS']);
    assert.deepEqual((await loadEnvironment(db, 'prod'))!.doc, after.doc);
  });
});
