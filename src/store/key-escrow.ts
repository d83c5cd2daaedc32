// Escrowed keys (made at key birth by the core's generateEscrowedKeyPair) are kept as documents of
// kind 'key-escrow', one per key id, so backups carry them like any other document.
import { parseKeyEscrow, type KeyEscrow } from '../pki/index.ts';
import type { Db } from './db.ts';

export const KEY_ESCROW_KIND = 'key-escrow';

const docId = (keyId: string) => `key-escrow:${keyId}`;

/** Stores (or replaces) the escrow of key `keyId`. */
export async function saveKeyEscrow(db: Db, keyId: string, escrow: KeyEscrow, nowMs: number): Promise<void> {
  await db.put('documents', { id: docId(keyId), kind: KEY_ESCROW_KIND, updatedMs: nowMs, data: { keyId, escrow } });
}

/** The escrow of key `keyId`, or null when it was not escrowed. Throws PkiError BACKUP_ESCROW_BAD_FORMAT if damaged. */
export async function getKeyEscrow(db: Db, keyId: string): Promise<KeyEscrow | null> {
  const doc = await db.get('documents', docId(keyId));
  if (!doc) return null;
  return parseKeyEscrow((doc.data as { escrow?: unknown } | null)?.escrow);
}
