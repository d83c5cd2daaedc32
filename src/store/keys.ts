// Private keys as non-extractable CryptoKeys. IndexedDB structured-clones them without exposing bytes;
// this module refuses to store a private key that could be exported.
import type { Db } from './db.ts';
import type { KeyRecord } from './schema.ts';
import { StoreError } from './errors.ts';
import { storeOp } from './tx-errors.ts';

/** Throws STORE_CONFLICT when `key` is an extractable private key: those never reach the store. */
export function assertStorableKey(record: KeyRecord): void {
  if (record.key.type === 'private' && record.key.extractable) {
    throw new StoreError('STORE_CONFLICT', `key ${record.id} is extractable; only non-extractable private keys are stored`);
  }
}

/** Adds one key record. Throws StoreError STORE_CONFLICT (id taken, or extractable key). */
export async function addKey(db: Db, record: KeyRecord): Promise<void> {
  assertStorableKey(record);
  await storeOp('store key', async () => {
    await db.add('keys', record);
  });
}

/** The key record, or undefined when there is none. */
export async function getKey(db: Db, id: string): Promise<KeyRecord | undefined> {
  return storeOp('read key', () => db.get('keys', id));
}

export async function listKeys(db: Db): Promise<ReadonlyArray<KeyRecord>> {
  return storeOp('list keys', () => db.getAll('keys'));
}
