// Storage persistence (https://storage.spec.whatwg.org/#persistence): asks the browser not to evict
// our IndexedDB under storage pressure, and reports usage. Browsers may grant without asking the user.

export interface PersistenceStatus {
  /** False when the browser has no StorageManager (e.g. some file:// contexts). */
  readonly supported: boolean;
  readonly persisted: boolean;
  readonly usageBytes?: number;
  readonly quotaBytes?: number;
}

export async function getPersistence(): Promise<PersistenceStatus> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persisted) return { supported: false, persisted: false };
  const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate?.() ?? Promise.resolve(undefined)]);
  return {
    supported: true,
    persisted,
    ...(estimate?.usage !== undefined ? { usageBytes: estimate.usage } : {}),
    ...(estimate?.quota !== undefined ? { quotaBytes: estimate.quota } : {}),
  };
}

/** Asks for persistent storage; resolves to the new status. */
export async function requestPersistence(): Promise<PersistenceStatus> {
  const storage = globalThis.navigator?.storage;
  if (storage?.persist) await storage.persist();
  return getPersistence();
}
