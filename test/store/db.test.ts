// Schema versions: every old version upgrades to the latest; blocked and versionchange are handled.
import { assert } from 'chai';
import { openStore, LATEST_VERSION, StoreError, type Db, type UpgradeStep } from '../../src/store/index.ts';
import { _UPGRADES_FOR_TESTS as UPGRADES } from '../../src/store/db.ts';

let n = 0;
const uniqueName = () => `crosstrust-db-test-${Date.now()}-${n++}`;
const drop = (name: string) =>
  new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });

/** What the latest schema must contain: store → indexes. */
const LATEST_SCHEMA: Record<string, string[]> = {
  keys: ['byPurpose'],
  identities: ['byCreated'],
  audit: ['byTime'],
  settings: [],
  documents: ['byKind'],
};

/**
 * Optional per-version seeds and checks. Every old version v in [0, LATEST) is upgraded below, with
 * DEFAULT_SEED's records when v ≥ 1; when DB_VERSION grows and a step changes the shape of existing
 * records, add `{ from: N, seed, check }` here that seeds data in the version-N shape and checks the
 * migrated result.
 */
const UPGRADE_CASES: ReadonlyArray<{ from: number; seed?: (db: Db) => Promise<void>; check?: (db: Db) => Promise<void> }> = [];

/** One record in each store that exists at version `v` (all stores exist since version 1). */
async function defaultSeed(db: Db): Promise<void> {
  const has = (n: string) => db.objectStoreNames.contains(n as never);
  if (has('identities')) await db.put('identities', { id: 'seed-id', label: 'Seeded', keyType: 'ed25519', caCertDer: new Uint8Array([0x30, 0]), idCertDer: new Uint8Array([0x30, 0]), caKeyId: 'seed-id/ca', idKeyId: 'seed-id/id', createdMs: 1 });
  if (has('documents')) await db.put('documents', { id: 'seed-doc', kind: 'introduction', updatedMs: 2, data: { n: 1 } });
  if (has('settings')) await db.put('settings', { name: 'seed', value: true });
  if (has('audit')) await db.add('audit', { timeMs: 3, op: 'identity.create', summary: 'seeded' });
}

async function defaultCheck(db: Db, from: number): Promise<void> {
  if (from === 0) return;
  assert.equal((await db.get('identities', 'seed-id'))?.label, 'Seeded');
  assert.deepEqual((await db.get('documents', 'seed-doc'))?.data, { n: 1 });
  assert.equal((await db.get('settings', 'seed'))?.value, true);
  assert.equal((await db.getAll('audit'))[0]?.summary, 'seeded');
}

function schemaOf(db: Db): Record<string, string[]> {
  const tx = db.transaction(db.objectStoreNames, 'readonly');
  const out: Record<string, string[]> = {};
  for (const s of Array.from(db.objectStoreNames)) out[s] = Array.from(tx.objectStore(s).indexNames).sort();
  return out;
}

describe('store: schema upgrades', () => {
  it('has one upgrade step per version, and every case names an old version', () => {
    assert.lengthOf(UPGRADES, LATEST_VERSION);
    for (const c of UPGRADE_CASES) assert.isTrue(c.from >= 0 && c.from < LATEST_VERSION, `case from ${c.from}`);
  });

  for (let from = 0; from < LATEST_VERSION; from++) {
    const c = UPGRADE_CASES.find((x) => x.from === from);
    it(`upgrades version ${from} → ${LATEST_VERSION} with its data`, async () => {
      const name = uniqueName();
      if (from > 0) {
        const old = await openStore({ name, version: from });
        await (c?.seed ?? defaultSeed)(old);
        old.close();
      }
      const db = await openStore({ name });
      assert.equal(db.version, LATEST_VERSION);
      assert.deepEqual(schemaOf(db), LATEST_SCHEMA);
      await (c?.check ?? ((d: Db) => defaultCheck(d, from)))(db);
      db.close();
      await drop(name);
    });
  }

  it('step by step (one version per opening) gives the same schema as a fresh database', async () => {
    const name = uniqueName();
    for (let v = 1; v <= LATEST_VERSION; v++) (await openStore({ name, version: v })).close();
    const db = await openStore({ name });
    assert.deepEqual(schemaOf(db), LATEST_SCHEMA);
    db.close();
    await drop(name);
  });

  it('a step migrates existing records in the upgrade transaction; a step that fails leaves the old version and data untouched', async () => {
    const name = uniqueName();
    const db = await openStore({ name });
    await defaultSeed(db);
    db.close();
    // A data migration like a later version would write: rename every identity's label in place.
    const migrate: UpgradeStep = (_db, tx) => {
      void tx.objectStore('identities').openCursor().then(async function step(cursor): Promise<void> {
        if (!cursor) return;
        await cursor.update({ ...cursor.value, label: `${cursor.value.label} (migrated)` });
        await step(await cursor.continue());
      });
    };
    const migrated = await openStore({ name, version: LATEST_VERSION + 1, upgrades: [...UPGRADES, migrate] });
    assert.equal((await migrated.get('identities', 'seed-id'))?.label, 'Seeded (migrated)');
    migrated.close();
    const failing: UpgradeStep = (d) => { d.createObjectStore('half-made' as never); throw new Error('a broken upgrade step'); };
    try {
      await openStore({ name, version: LATEST_VERSION + 2, upgrades: [...UPGRADES, migrate, failing] });
      assert.fail('the failing upgrade should reject');
    } catch (e) {
      assert.instanceOf(e, StoreError);
      assert.equal((e as StoreError).code, 'STORE_UPGRADE_FAILED');
    }
    const still = await openStore({ name, version: LATEST_VERSION + 1, upgrades: [...UPGRADES, migrate] });
    assert.equal(still.version, LATEST_VERSION + 1);
    assert.isFalse(still.objectStoreNames.contains('half-made' as never), 'nothing of the failed step remains');
    assert.equal((await still.get('identities', 'seed-id'))?.label, 'Seeded (migrated)');
    still.close();
    await drop(name);
  });

  it('refuses a database written by a newer version', async () => {
    const name = uniqueName();
    const extra: UpgradeStep = () => {};
    const newer = await openStore({ name, version: LATEST_VERSION + 1, upgrades: [...UPGRADES, extra] });
    newer.close();
    try {
      await openStore({ name });
      assert.fail('expected STORE_VERSION_TOO_NEW');
    } catch (e) {
      assert.instanceOf(e, StoreError);
      assert.equal((e as StoreError).code, 'STORE_VERSION_TOO_NEW');
    }
    await drop(name);
  });

  it('closes itself and tells the UI when another tab opens a newer version (versionchange)', async () => {
    const name = uniqueName();
    let told = 0;
    const db = await openStore({ name, onVersionChange: () => told++ });
    const newer = await openStore({ name, version: LATEST_VERSION + 1, upgrades: [...UPGRADES, (d) => void d.createObjectStore('later' as never)] });
    assert.equal(told, 1);
    assert.equal(newer.version, LATEST_VERSION + 1);
    try {
      db.transaction('keys');
      assert.fail('old connection should be closed');
    } catch (e) {
      assert.equal((e as DOMException).name, 'InvalidStateError');
    }
    newer.close();
    await drop(name);
  });

  it('reports being blocked by a tab that does not let go, and opens once it does', async () => {
    const name = uniqueName();
    // A raw connection that ignores versionchange, like an old tab of a buggy build.
    const stubborn = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore('keys', { keyPath: 'id' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    let blocked = false;
    const opening = openStore({
      name,
      version: 2,
      upgrades: [() => {}, (db) => void db.createObjectStore('identities', { keyPath: 'id' })],
      onBlocked: () => {
        blocked = true;
        stubborn.close();
      },
    });
    const db = await opening;
    assert.isTrue(blocked);
    assert.equal(db.version, 2);
    db.close();
    await drop(name);
  });
});
