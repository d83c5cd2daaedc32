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
 * One case per old version. When DB_VERSION grows, add a case `from: N` that seeds data in the
 * version-N shape and checks it survived (and was migrated) at the latest version.
 */
const UPGRADE_CASES: ReadonlyArray<{ from: number; seed?: (db: Db) => Promise<void>; check?: (db: Db) => Promise<void> }> = [
  { from: 0 },
];

function schemaOf(db: Db): Record<string, string[]> {
  const tx = db.transaction(db.objectStoreNames, 'readonly');
  const out: Record<string, string[]> = {};
  for (const s of Array.from(db.objectStoreNames)) out[s] = Array.from(tx.objectStore(s).indexNames).sort();
  return out;
}

describe('store: schema upgrades', () => {
  it('has an upgrade case for every old version', () => {
    assert.deepEqual(UPGRADE_CASES.map((c) => c.from), Array.from({ length: LATEST_VERSION }, (_, i) => i));
    assert.lengthOf(UPGRADES, LATEST_VERSION);
  });

  for (const c of UPGRADE_CASES) {
    it(`upgrades version ${c.from} → ${LATEST_VERSION}`, async () => {
      const name = uniqueName();
      if (c.from > 0) {
        const old = await openStore({ name, version: c.from });
        await c.seed?.(old);
        old.close();
      }
      const db = await openStore({ name });
      assert.equal(db.version, LATEST_VERSION);
      assert.deepEqual(schemaOf(db), LATEST_SCHEMA);
      await c.check?.(db);
      db.close();
      await drop(name);
    });
  }

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
