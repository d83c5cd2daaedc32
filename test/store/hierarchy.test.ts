// Hierarchy environments in real IndexedDB (Chromium): keys survive as non-extractable CryptoKeys,
// each step commits atomically with its audit entries, a failed or stale step changes nothing and
// logs nothing, an interrupted rotation resumes.
import { assert } from 'chai';
import { openStore, type Db } from '../../src/store/db.ts';
import type { AuditRecord } from '../../src/store/schema.ts';
import { unwrap } from 'idb';
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

  /** Audit entries written after sequence number `after`, oldest first, as `op key` lines. */
  async function logSince(after: number): Promise<{ lines: string[]; records: AuditRecord[] }> {
    const records = (await db.getAll('audit')).filter((a) => a.seq! > after);
    return { records, lines: records.map((a) => `${a.op} ${a.keyId ?? '-'}`) };
  }
  const lastSeq = async (): Promise<number> => Math.max(0, ...(await db.getAllKeys('audit')));

  async function create(): Promise<WriteSet> {
    const c = await makeCustody();
    const environment = checkEnvironment({ name: 'prod', trustDomain: 'example.org', topology: 'two-tier', regions: ['eu'], custodians: { rootRecipient: c.rootRecipient, ciRecipient: c.ciRecipient } });
    const ws = await createEnvironment({ environment, escrowRoot: false, atMs: T0 });
    await applyEnvironmentWrites(db, ws, null, T0);
    return ws;
  }

  it('saves and reloads an environment whose non-extractable keys still sign; each write logs what it signed', async () => {
    const ws = await create();
    const created = await logSince(0);
    assert.deepEqual(created.lines, [
      'hierarchy.create -',
      'hierarchy.root.sign hierarchy:prod:key-root-r1',
      'hierarchy.intermediate.sign hierarchy:prod:key-root-r1',
      'hierarchy.intermediate.sign hierarchy:prod:key-root-r1',
    ]);
    assert.isTrue(created.records.every((a) => a.details?.environment === 'prod' && a.timeMs === T0));
    const stored = new Set((await db.getAllKeys('keys')).map(String));
    for (const a of created.records) if (a.keyId) assert.isTrue(stored.has(a.keyId), `${a.keyId} names a stored key`);
    assert.deepEqual(created.records.slice(1).map((a) => a.details?.authorityId), ws.doc.authorities.map((a) => a.id));
    assert.deepEqual(await listEnvironments(db), ['prod']);
    const s = (await loadEnvironment(db, 'prod'))!;
    assert.equal(s.keys.size, 3);
    for (const k of s.keys.values()) assert.isFalse(k.extractable);
    const key = await generateServiceKey('p256');
    const r = await issueLeaf(s, { scope: 'eu', service: 'shop', spki: key.spki }, T0);
    const seq = await lastSeq();
    await applyEnvironmentWrites(db, r.writes, s.doc.revision, T0);
    assert.lengthOf((await loadEnvironment(db, 'prod'))!.doc.leaves, 1);
    const issued = await logSince(seq);
    assert.deepEqual(issued.lines, ['hierarchy.leaf.issue hierarchy:prod:key-int-eu-i1']);
    assert.equal(issued.records[0]!.details?.spiffeId, 'spiffe://example.org/prod/eu/shop');
  });

  it('refuses a stale step (another tab moved on) with STORE_CONFLICT and changes nothing, logs nothing', async () => {
    const ws = await create();
    const seq = await lastSeq();
    try {
      await applyEnvironmentWrites(db, { ...ws, doc: { ...ws.doc, revision: 9 } }, 0, T0);
      assert.fail('accepted');
    } catch (e) {
      assert.instanceOf(e, StoreError);
      assert.equal((e as StoreError).code, 'STORE_CONFLICT');
    }
    assert.equal((await loadEnvironment(db, 'prod'))!.doc.revision, ws.doc.revision);
    assert.deepEqual((await logSince(seq)).lines, []);
  });

  it('a step that fails mid-transaction leaves the previous state whole (no key put, no key deleted, no audit entry)', async () => {
    await create();
    const s = (await loadEnvironment(db, 'prod'))!;
    const seq = await lastSeq();
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
    assert.deepEqual((await logSince(seq)).lines, [], 'the root it signed is not logged: the step never happened');
    // The same step whole commits, with its entry.
    await applyEnvironmentWrites(db, start, s.doc.revision, T0);
    assert.deepEqual((await logSince(seq)).lines, ['hierarchy.root.sign hierarchy:prod:key-root-r2']);
  });

  it('a tab closed while the step is being written leaves neither the step nor its audit entry', async () => {
    await create();
    const s = (await loadEnvironment(db, 'prod'))!;
    const seq = await lastSeq();
    const ws = await startIntermediateRotation(s, 'eu', T0);
    // The transaction is cut off as a closing tab cuts it: after the step's requests were issued, before commit.
    const realTransaction = db.transaction.bind(db);
    let cut = 0;
    (db as { transaction: unknown }).transaction = (...args: Parameters<Db['transaction']>) => {
      const tx = realTransaction(...args);
      if (args[1] === 'readwrite') {
        const store = tx.objectStore('audit');
        const add = store.add!.bind(store);
        (store as { add: unknown }).add = (...a: Parameters<typeof add>) => {
          const r = add(...a);
          cut++;
          tx.abort();
          return r;
        };
      }
      return unwrap(tx); // idb wraps what this returns; hand it the raw transaction so it is wrapped once
    };
    try {
      await applyEnvironmentWrites(db, ws, s.doc.revision, T0);
      assert.fail('accepted');
    } catch (e) {
      assert.equal((e as StoreError).code, 'STORE_TRANSACTION_FAILED');
    } finally {
      (db as { transaction: unknown }).transaction = realTransaction;
    }
    assert.equal(cut, 1);
    assert.deepEqual((await loadEnvironment(db, 'prod'))!.doc, s.doc);
    assert.notInclude((await db.getAllKeys('keys')).map(String), 'hierarchy:prod:key-int-eu-i2');
    assert.deepEqual((await logSince(seq)).lines, []);
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
    const logged: string[][] = [];
    for (const step of steps) {
      db.close(); // as if the page were closed and opened again between steps
      db = await openStore({ name });
      const seq = await lastSeq();
      await runEnvironmentStep(db, 'prod', step, at);
      logged.push((await logSince(seq)).lines);
    }
    assert.deepEqual(logged, [
      ['hierarchy.root.sign hierarchy:prod:key-root-r2'],
      ['hierarchy.intermediate.sign hierarchy:prod:key-root-r2', 'hierarchy.intermediate.sign hierarchy:prod:key-root-r2'],
      ['hierarchy.publish -'],
      ['hierarchy.leaf.renew hierarchy:prod:key-int-eu-i2'],
      ['hierarchy.drop -'],
    ]);
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
    assert.deepEqual((await logSince(0)).lines, ['hierarchy.import -'], 'an import signs nothing; a refused identity loads and logs nothing');
    const seq = await lastSeq();
    const back = await importEnvironment(db, file, { identities: [c.rootIdentity], nowMs: T0 });
    assert.deepEqual((await logSince(seq)).lines, ['hierarchy.key.load hierarchy:prod:key-root-r1']);
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
    const seq = await lastSeq();
    const out = await importEnvironment(db, readStoreFile(writeStoreFile(ci.writes.doc)), { nowMs: T0 });
    assert.isTrue(out.applied);
    const merged = await logSince(seq);
    assert.deepEqual(merged.lines, ['hierarchy.import -'], "CI's leaf is logged as imported, not as signed here");
    assert.equal(merged.records[0]!.details?.added, 'spiffe://example.org/prod/eu/api');
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
    assert.deepEqual((await logSince(seq)).lines, ['hierarchy.import -'], 'the refused import logged nothing');
  });
});
