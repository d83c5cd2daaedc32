// Small named settings (JSON-like values).
import type { Db } from './db.ts';
import { storeOp } from './tx-errors.ts';

/** The stored value, or `fallback` when the setting was never written. */
export async function getSetting<T>(db: Db, name: string, fallback: T): Promise<T> {
  return storeOp('read setting', async () => {
    const r = await db.get('settings', name);
    return r === undefined ? fallback : (r.value as T);
  });
}

export async function putSetting(db: Db, name: string, value: unknown): Promise<void> {
  await storeOp('write setting', async () => {
    await db.put('settings', { name, value });
  });
}
