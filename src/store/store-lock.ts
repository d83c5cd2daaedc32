// Coordination between tabs: a Web Lock around multi-step store work, and a BroadcastChannel that
// tells other tabs the store was replaced (restore) so they re-read. IndexedDB transactions keep each
// step atomic; the lock keeps a snapshot and a restore from interleaving across tabs.

export const STORE_LOCK_NAME = 'crosstrust-store';
export const STORE_CHANNEL_NAME = 'crosstrust-store';

/** Messages on the store channel; `from` identifies the sending page (a page ignores its own). */
export type StoreBroadcast = { readonly type: 'restored'; readonly atMs: number; readonly from: string };

/** This page's sender id. BroadcastChannel also delivers to other channel objects in the same page. */
const PAGE_ID = crypto.randomUUID();

/**
 * Runs `work` holding the store lock: 'shared' for readers that need a consistent multi-step view,
 * 'exclusive' for writers that replace data. Without Web Locks (old browsers) it just runs `work`.
 */
export async function withStoreLock<T>(mode: 'shared' | 'exclusive', work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return work();
  return locks.request(STORE_LOCK_NAME, { mode }, work) as Promise<T>;
}

/** Tells other tabs (not this one) what changed. */
export function broadcastStoreChange(message: Omit<StoreBroadcast, 'from'>): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(STORE_CHANNEL_NAME);
  channel.postMessage({ ...message, from: PAGE_ID });
  channel.close();
}

/** Calls `listener` when another tab changes the store; returns the unsubscribe function. */
export function onStoreBroadcast(listener: (message: StoreBroadcast) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(STORE_CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<StoreBroadcast> | null;
    if (data?.type !== 'restored' || typeof data.atMs !== 'number' || typeof data.from !== 'string' || data.from === PAGE_ID) return;
    listener({ type: 'restored', atMs: data.atMs, from: data.from });
  };
  return () => channel.close();
}
