// Snapshot of the whole store for a backup, and a restore that MERGES it in ONE transaction: nothing
// here is deleted or overwritten by older data (src/pki/backup-merge.ts has the rules), and a bad file
// changes nothing. Non-extractable keys cannot be read, so they are listed, not copied; escrowed keys
// (documents holding age ciphertext made at key birth) are documents and travel with the rest.
import {
  BACKUP_FORMAT, BACKUP_STORES, BACKUP_VERSION, planRestore as planMerge, sameRestorePlan,
  type BackupRecord, type BackupSnapshot, type OmittedKey, type RestorePlan, type StoreContents,
} from '../pki/index.ts';
import type { IDBPTransaction } from 'idb';
import type { Db } from './db.ts';
import type { CrosstrustDb } from './schema.ts';
import { StoreError } from './errors.ts';
import { broadcastStoreChange, withStoreLock } from './store-lock.ts';
/** Reads every store in one read-only transaction (a consistent view) under the shared store lock. */
export async function snapshotStore(db: Db, options: { nowMs: number; appVersion: string }): Promise<BackupSnapshot> {
  return withStoreLock('shared', async () => {
    const tx = db.transaction(['keys', ...BACKUP_STORES], 'readonly');
    const [keys, identities, audit, settings, documents] = await Promise.all([
      tx.objectStore('keys').getAll(),
      tx.objectStore('identities').getAll(),
      tx.objectStore('audit').getAll(),
      tx.objectStore('settings').getAll(),
      tx.objectStore('documents').getAll(),
      tx.done,
    ]);
    const omittedKeys: OmittedKey[] = keys.map((k) => ({ id: k.id, keyType: k.keyType, purpose: k.purpose }));
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdMs: options.nowMs,
      appVersion: options.appVersion,
      // Records are plain structured-clone data; the core's encoder refuses anything else by code.
      stores: {
        identities: identities as unknown as BackupRecord[],
        audit: audit as unknown as BackupRecord[],
        settings: settings as unknown as BackupRecord[],
        documents: documents as unknown as BackupRecord[],
      },
      omittedKeys,
    };
  });
}

export type { RestorePlan };

export interface RestoreResult {
  /** What was written, per store (added or, for documents, updated). */
  readonly counts: { readonly [S in (typeof BACKUP_STORES)[number]]: number };
  /** Keys the backup's store had that are not in this browser: their certificates are restored, the keys cannot be. */
  readonly missingKeys: ReadonlyArray<OmittedKey>;
  readonly plan: RestorePlan;
}

const STORES = ['keys', ...BACKUP_STORES] as const;
type ContentsTx = IDBPTransaction<CrosstrustDb, typeof STORES extends ReadonlyArray<infer N> ? N[] : never, 'readonly' | 'readwrite'>;

async function readContents(tx: ContentsTx): Promise<{ contents: StoreContents; held: Set<string> }> {
  const [keys, identities, audit, settings, documents] = await Promise.all([
    tx.objectStore('keys').getAllKeys(),
    tx.objectStore('identities').getAll(),
    tx.objectStore('audit').getAll(),
    tx.objectStore('settings').getAll(),
    tx.objectStore('documents').getAll(),
  ]);
  // Records are plain structured-clone data, the shape the backup core works on.
  const contents = { identities, audit, settings, documents } as unknown as StoreContents;
  return { contents, held: new Set(keys) };
}

/** What restoring `snapshot` would do here, read in one read-only transaction (shows the user before they confirm). */
export async function planRestore(db: Db, snapshot: BackupSnapshot): Promise<RestorePlan> {
  const tx = db.transaction([...STORES], 'readonly');
  const { contents, held } = await readContents(tx);
  await tx.done;
  return planMerge(contents, snapshot, held).plan;
}

/**
 * Merges the snapshot into this browser in one readwrite transaction under the exclusive store lock:
 * adds what is missing here, updates documents the backup changed later, keeps everything else here
 * (identities made after the backup, their keys, later edits), and logs the restore in the audit log.
 * With `expected` (the plan the user confirmed), refuses with STORE_CONFLICT when the data here changed
 * since (another tab). Any failure aborts the whole transaction. Then tells other tabs.
 * Throws StoreError STORE_CONFLICT, STORE_TRANSACTION_FAILED, STORE_QUOTA.
 */
export async function restoreStore(db: Db, snapshot: BackupSnapshot, options: { expected?: RestorePlan; nowMs?: number } = {}): Promise<RestoreResult> {
  return withStoreLock('exclusive', async () => {
    const tx = db.transaction([...STORES], 'readwrite');
    const work: Array<Promise<unknown>> = [];
    try {
      const { contents, held } = await readContents(tx);
      const { plan, writes } = planMerge(contents, snapshot, held);
      if (options.expected && !sameRestorePlan(options.expected, plan)) {
        throw new StoreError('STORE_CONFLICT', 'the data in this browser changed since the backup was checked');
      }
      for (const name of BACKUP_STORES) {
        const store = tx.objectStore(name);
        for (const record of writes[name]) work.push(store.put(record as never));
      }
      if (plan.changes > 0) {
        const a = plan.stores;
        work.push(tx.objectStore('audit').add({
          timeMs: options.nowMs ?? Date.now(),
          op: 'backup.restore',
          summary: `Restored a backup from ${new Date(snapshot.createdMs).toISOString().slice(0, 10)}: added ${a.identities.add} identities, ` +
            `${a.documents.add + a.documents.update} documents, ${a.settings.add} settings, ${a.audit.add} audit entries`,
          details: { backupCreatedMs: snapshot.createdMs, identitiesAdded: a.identities.add, documentsAdded: a.documents.add, documentsUpdated: a.documents.update },
        }));
      }
      // allSettled: after a failed put the transaction aborts and every other request settles too.
      const failed = (await Promise.allSettled([...work, tx.done])).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      if (plan.changes > 0) broadcastStoreChange({ type: 'restored', atMs: Date.now() });
      return {
        counts: Object.fromEntries(BACKUP_STORES.map((n) => [n, writes[n].length])) as unknown as RestoreResult['counts'],
        missingKeys: plan.missingKeys,
        plan,
      };
    } catch (cause) {
      try { tx.abort(); } catch { /* already aborted or finished */ }
      await Promise.allSettled([...work, tx.done]);
      if (cause instanceof StoreError) throw cause;
      if ((cause as DOMException | null)?.name === 'QuotaExceededError') {
        throw new StoreError('STORE_QUOTA', 'not enough storage to restore the backup', { cause });
      }
      throw new StoreError('STORE_TRANSACTION_FAILED', 'restore failed; nothing was changed', { cause });
    }
  });
}
