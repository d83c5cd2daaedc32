// Escrowed keys (made at key birth by the core's generateEscrowedKeyPair) are kept as documents of
// kind 'key-escrow', one per key id, so backups carry them like any other document. After a restore
// into a browser that lost the keys, recoverKeys puts them back, non-extractable, in one transaction.
import { isPkiError, parseKeyEscrow, recoverEscrowedKey, type KeyEscrow, type RecoveryKey } from '../pki/index.ts';
import type { Db } from './db.ts';
import type { DocumentRecord, KeyRecord } from './schema.ts';
import { assertStorableKey } from './keys.ts';
import { broadcastStoreChange, withStoreLock } from './store-lock.ts';
import { storeOp } from './tx-errors.ts';

export const KEY_ESCROW_KIND = 'key-escrow';

const docId = (keyId: string) => `key-escrow:${keyId}`;

/** What a key-escrow document holds besides the escrow: which key it is, what for, whose. */
export interface KeyEscrowMeta {
  /** e.g. 'identity-ca', 'identity' (as KeyRecord.purpose). */
  readonly purpose?: string;
  readonly identityId?: string;
}

/** The document that keeps key `keyId`'s escrow (saveIdentity writes these in its transaction). */
export function keyEscrowDocument(keyId: string, escrow: KeyEscrow, nowMs: number, meta: KeyEscrowMeta = {}): DocumentRecord {
  return { id: docId(keyId), kind: KEY_ESCROW_KIND, updatedMs: nowMs, data: { keyId, escrow, ...meta } };
}

/** Stores (or replaces) the escrow of key `keyId`. */
export async function saveKeyEscrow(db: Db, keyId: string, escrow: KeyEscrow, nowMs: number, meta: KeyEscrowMeta = {}): Promise<void> {
  await db.put('documents', keyEscrowDocument(keyId, escrow, nowMs, meta));
}

/** The escrow of key `keyId`, or null when it was not escrowed. Throws PkiError BACKUP_ESCROW_BAD_FORMAT if damaged. */
export async function getKeyEscrow(db: Db, keyId: string): Promise<KeyEscrow | null> {
  const doc = await db.get('documents', docId(keyId));
  if (!doc) return null;
  return parseKeyEscrow((doc.data as { escrow?: unknown } | null)?.escrow);
}

export interface StoredKeyEscrow {
  readonly keyId: string;
  readonly purpose: string;
  /** The identity whose key it is, and its label, when known. */
  readonly identityId?: string;
  readonly identityLabel?: string;
  readonly recipient: string;
  /** Whether this browser holds the key (false: lost, e.g. after clearing site data and restoring). */
  readonly held: boolean;
  /** null when the stored escrow is damaged. */
  readonly escrow: KeyEscrow | null;
}

/** Every escrowed key, with whether this browser still holds it. */
export async function listKeyEscrows(db: Db): Promise<ReadonlyArray<StoredKeyEscrow>> {
  return storeOp('list key escrows', async () => {
    const tx = db.transaction(['documents', 'keys', 'identities'], 'readonly');
    const [docs, keyIds, identities] = await Promise.all([
      tx.objectStore('documents').index('byKind').getAll(KEY_ESCROW_KIND),
      tx.objectStore('keys').getAllKeys(),
      tx.objectStore('identities').getAll(),
      tx.done,
    ]);
    const held = new Set(keyIds);
    return docs.map((doc) => {
      const data = (doc.data ?? {}) as { keyId?: unknown; escrow?: unknown; purpose?: unknown; identityId?: unknown };
      const keyId = typeof data.keyId === 'string' ? data.keyId : doc.id.replace(/^key-escrow:/, '');
      const owner = identities.find((i) => i.caKeyId === keyId || i.idKeyId === keyId);
      let escrow: KeyEscrow | null = null;
      try { escrow = parseKeyEscrow(data.escrow); } catch (e) { if (!isPkiError(e)) throw e; }
      const purpose = typeof data.purpose === 'string' ? data.purpose : owner ? (owner.caKeyId === keyId ? 'identity-ca' : 'identity') : 'unknown';
      const identityId = typeof data.identityId === 'string' ? data.identityId : owner?.id;
      return {
        keyId, purpose, held: held.has(keyId), escrow, recipient: escrow?.recipient ?? '',
        ...(identityId ? { identityId } : {}),
        ...(owner ? { identityLabel: owner.label } : {}),
      };
    });
  });
}

export interface KeyRecoveryResult {
  /** Keys put back into this browser (non-extractable). */
  readonly recovered: ReadonlyArray<StoredKeyEscrow>;
  /** Missing keys escrowed to another recovery key. */
  readonly otherRecipient: ReadonlyArray<StoredKeyEscrow>;
  /** Missing keys whose escrow is damaged or does not match its public key. */
  readonly failed: ReadonlyArray<{ readonly escrow: StoredKeyEscrow; readonly code: string }>;
}

/**
 * Recovers every escrowed key this browser lacks that `recovery` opens, re-imports each as a
 * NON-extractable key (recoverEscrowedKey proves it matches its public key), and stores them with an
 * audit entry in one transaction. Keys already here are left alone. Then tells other tabs.
 * Throws StoreError (nothing written) when the write fails.
 */
export async function recoverKeys(db: Db, recovery: RecoveryKey, nowMs: number): Promise<KeyRecoveryResult> {
  return withStoreLock('exclusive', async () => {
    const missing = (await listKeyEscrows(db)).filter((e) => !e.held);
    const recovered: Array<{ escrow: StoredKeyEscrow; record: KeyRecord }> = [];
    const otherRecipient: StoredKeyEscrow[] = [];
    const failed: Array<{ escrow: StoredKeyEscrow; code: string }> = [];
    for (const e of missing) {
      if (!e.escrow) { failed.push({ escrow: e, code: 'BACKUP_ESCROW_BAD_FORMAT' }); continue; }
      if (e.escrow.recipient !== recovery.recipient) { otherRecipient.push(e); continue; }
      try {
        const key = await recoverEscrowedKey(e.escrow, recovery.identity);
        recovered.push({ escrow: e, record: { id: e.keyId, key, publicKeySpki: e.escrow.publicKeySpki, keyType: e.escrow.keyType, purpose: e.purpose, createdMs: nowMs } });
      } catch (err) {
        if (!isPkiError(err)) throw err;
        failed.push({ escrow: e, code: err.code });
      }
    }
    if (recovered.length > 0) {
      recovered.forEach((r) => assertStorableKey(r.record));
      await storeOp('store recovered keys', async () => {
        const tx = db.transaction(['keys', 'audit'], 'readwrite');
        await Promise.all([
          ...recovered.map((r) => tx.objectStore('keys').add(r.record)),
          ...recovered.map((r) => tx.objectStore('audit').add({
            timeMs: nowMs, op: 'key.recover', keyId: r.record.id,
            summary: `Recovered the ${r.escrow.purpose === 'identity-ca' ? 'CA' : r.escrow.purpose} key${r.escrow.identityLabel ? ` of “${r.escrow.identityLabel}”` : ''} from its escrow`,
            ...(r.escrow.identityId ? { details: { identityId: r.escrow.identityId } } : {}),
          })),
          tx.done,
        ]);
      });
      broadcastStoreChange({ type: 'restored', atMs: nowMs });
    }
    return { recovered: recovered.map((r) => r.escrow), otherRecipient, failed };
  });
}
