// Turns IndexedDB's DOMExceptions into StoreError codes, so callers switch on codes, not browser names.
import { StoreError } from './errors.ts';

/** Maps an IndexedDB failure to a StoreError (quota, conflict, or a failed transaction). */
export function storeErrorFrom(cause: unknown, what: string): StoreError {
  if (cause instanceof StoreError) return cause;
  const name = (cause as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return new StoreError('STORE_QUOTA', `${what}: the browser's storage quota is exhausted`, { cause });
  if (name === 'ConstraintError') return new StoreError('STORE_CONFLICT', `${what}: a record with that id already exists`, { cause });
  return new StoreError('STORE_TRANSACTION_FAILED', `${what}: the transaction failed and nothing was written`, { cause });
}

/** Runs `fn`, rethrowing IndexedDB failures as StoreError. */
export async function storeOp<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    throw storeErrorFrom(cause, what);
  }
}
