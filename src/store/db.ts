// Opens the database and applies versioned upgrades in order, inside IndexedDB's upgrade transaction
// (all or nothing). The only module besides store/* that knows object store names is none.
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { DB_NAME, DB_VERSION, type CrosstrustDb } from './schema.ts';
import { StoreError } from './errors.ts';

export type Db = IDBPDatabase<CrosstrustDb>;
export type UpgradeTx = IDBPTransaction<CrosstrustDb, StoreNames<CrosstrustDb>[], 'versionchange'>;
export type UpgradeStep = (db: Db, tx: UpgradeTx) => void;

/** UPGRADES[v] migrates a database at version v to v+1. */
const UPGRADES: ReadonlyArray<UpgradeStep> = [
  // 0 → 1: initial schema
  (db) => {
    db.createObjectStore('keys', { keyPath: 'id' }).createIndex('byPurpose', 'purpose');
    db.createObjectStore('identities', { keyPath: 'id' }).createIndex('byCreated', 'createdMs');
    db.createObjectStore('audit', { keyPath: 'seq', autoIncrement: true }).createIndex('byTime', 'timeMs');
    db.createObjectStore('settings', { keyPath: 'name' });
    db.createObjectStore('documents', { keyPath: 'id' }).createIndex('byKind', 'kind');
  },
];

/**
 * Opens (creating or upgrading) the crosstrust database. Another tab holding an older version is
 * asked to close (it listens for `versionchange`). Throws StoreError STORE_UNAVAILABLE,
 * STORE_VERSION_TOO_NEW, STORE_BLOCKED, STORE_UPGRADE_FAILED (a step threw; nothing was changed).
 */
export async function openStore(
  options: {
    name?: string;
    version?: number;
    onVersionChange?: () => void;
    /** Another tab keeps an older version open; we wait until it closes. */
    onBlocked?: () => void;
    /** Tests only: the upgrade steps to apply (default: the real ones). */
    upgrades?: ReadonlyArray<UpgradeStep>;
  } = {},
): Promise<Db> {
  const version = options.version ?? DB_VERSION;
  const steps = options.upgrades ?? UPGRADES;
  if (version > steps.length) throw new StoreError('STORE_VERSION_TOO_NEW', `no upgrade step to version ${version}`);
  let stepFailure: { version: number; cause: unknown } | undefined;
  try {
    const db = await openDB<CrosstrustDb>(options.name ?? DB_NAME, version, {
      upgrade(db, oldVersion, _newVersion, tx) {
        // A step that throws aborts the whole upgrade transaction: the old version and its data stay.
        for (let v = oldVersion; v < version; v++) {
          try {
            steps[v]!(db, tx);
          } catch (cause) {
            stepFailure = { version: v + 1, cause };
            tx.done.catch(() => undefined); // the abort is reported once, by openStore's rejection
            tx.abort();
            return;
          }
        }
      },
      blocked() {
        options.onBlocked?.();
      },
      blocking() {
        // A newer version wants to open in another tab: let it, and tell our UI to reload.
        db.close();
        options.onVersionChange?.();
      },
    });
    return db;
  } catch (cause) {
    if (stepFailure) {
      throw new StoreError('STORE_UPGRADE_FAILED', `the upgrade to version ${stepFailure.version} failed; the old version was kept`, { cause: stepFailure.cause });
    }
    if ((cause as DOMException)?.name === 'VersionError') {
      throw new StoreError('STORE_VERSION_TOO_NEW', 'the stored data was written by a newer version of crosstrust', { cause });
    }
    throw new StoreError('STORE_UNAVAILABLE', 'IndexedDB could not be opened', { cause });
  }
}

export const LATEST_VERSION = DB_VERSION;
export { UPGRADES as _UPGRADES_FOR_TESTS };
