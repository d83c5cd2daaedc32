// Persistent storage (StorageManager): ask the browser not to evict our data, and show usage.
// Lives in the UI layer because it touches navigator; the core never does.

export type PersistState = 'persistent' | 'best-effort' | 'unsupported';

export interface StorageInfo {
  readonly persist: PersistState;
  readonly usageBytes?: number;
  readonly quotaBytes?: number;
}

const manager = (): StorageManager | undefined => (typeof navigator !== 'undefined' ? navigator.storage : undefined);

/** Whether the data is already persistent, and the estimate. */
export async function storageInfo(): Promise<StorageInfo> {
  const m = manager();
  if (!m?.persisted) return { persist: 'unsupported' };
  const persisted = await m.persisted();
  const est = m.estimate ? await m.estimate() : {};
  return {
    persist: persisted ? 'persistent' : 'best-effort',
    ...(est.usage === undefined ? {} : { usageBytes: est.usage }),
    ...(est.quota === undefined ? {} : { quotaBytes: est.quota }),
  };
}

/** Asks for persistent storage (the browser may decide silently). Returns the new state. */
export async function requestPersistence(): Promise<PersistState> {
  const m = manager();
  if (!m?.persist) return 'unsupported';
  return (await m.persist()) ? 'persistent' : 'best-effort';
}

/** 1536 → "1.5 KB" (decimal units, as browsers show storage). */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} ${units[0]}` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/**
 * Asks for persistent storage unless it is already granted (called when the first key is created:
 * from then on, losing the data loses keys). `asked` says whether the browser was asked just now.
 */
export async function ensurePersistence(): Promise<{ readonly state: PersistState; readonly asked: boolean }> {
  const m = manager();
  if (!m?.persisted || !m.persist) return { state: 'unsupported', asked: false };
  if (await m.persisted()) return { state: 'persistent', asked: false };
  return { state: (await m.persist()) ? 'persistent' : 'best-effort', asked: true };
}

/** What to tell the user after ensurePersistence, or '' when there is nothing new to say. */
export function persistenceSentence(result: { readonly state: PersistState; readonly asked: boolean }): string {
  if (!result.asked) return '';
  return result.state === 'persistent'
    ? 'The browser agreed to keep crosstrust’s data (persistent storage).'
    : 'The browser did not promise to keep this site’s data; it may clear it when space runs low. Make a backup (Settings → Backup).';
}
