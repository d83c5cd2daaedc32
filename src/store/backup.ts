// Snapshot of the whole store for a backup, and restore that replaces it in ONE transaction (a bad
// file changes nothing). Non-extractable keys cannot be read, so they are listed, not copied; escrowed
// keys (documents holding age ciphertext made at key birth) are documents and travel with the rest.
import { BACKUP_FORMAT, BACKUP_STORES, BACKUP_VERSION, type BackupRecord, type BackupSnapshot, type OmittedKey } from '../pki/index.ts';
import type { Db } from './db.ts';
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

export interface RestoreResult {
  readonly counts: { readonly [S in (typeof BACKUP_STORES)[number]]: number };
  /** Keys the backup's store had that are not in this browser: their certificates are restored, the keys cannot be. */
  readonly missingKeys: ReadonlyArray<OmittedKey>;
}

/**
 * Replaces identities, audit, settings and documents with the snapshot in one readwrite transaction,
 * under the exclusive store lock; keys held in this browser are kept. Any failure aborts the whole
 * transaction. Then tells other tabs. Throws StoreError STORE_TRANSACTION_FAILED, STORE_QUOTA.
 */
export async function restoreStore(db: Db, snapshot: BackupSnapshot): Promise<RestoreResult> {
  return withStoreLock('exclusive', async () => {
    const tx = db.transaction(['keys', ...BACKUP_STORES], 'readwrite');
    const work: Array<Promise<unknown>> = [];
    try {
      const heldKeyIds = new Set(await tx.objectStore('keys').getAllKeys());
      for (const name of BACKUP_STORES) {
        const store = tx.objectStore(name);
        work.push(store.clear());
        for (const record of snapshot.stores[name]) work.push(store.put(record as never));
      }
      // allSettled: after a failed put the transaction aborts and every other request settles too.
      const failed = (await Promise.allSettled([...work, tx.done])).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      broadcastStoreChange({ type: 'restored', atMs: Date.now() });
      return {
        counts: Object.fromEntries(BACKUP_STORES.map((n) => [n, snapshot.stores[n].length])) as RestoreResult['counts'],
        missingKeys: snapshot.omittedKeys.filter((k) => !heldKeyIds.has(k.id)),
      };
    } catch (cause) {
      try { tx.abort(); } catch { /* already aborted or finished */ }
      await Promise.allSettled([...work, tx.done]);
      if ((cause as DOMException | null)?.name === 'QuotaExceededError') {
        throw new StoreError('STORE_QUOTA', 'not enough storage to restore the backup', { cause });
      }
      throw new StoreError('STORE_TRANSACTION_FAILED', 'restore failed; nothing was changed', { cause });
    }
  });
}
