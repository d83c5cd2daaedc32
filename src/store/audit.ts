// Append-only audit log of signing operations and identity changes (what, when, which key).
import type { Db } from './db.ts';
import type { AuditRecord } from './schema.ts';
import { storeOp } from './tx-errors.ts';

/** Appends one entry; returns it with its sequence number. Throws StoreError. */
export async function appendAudit(db: Db, entry: Omit<AuditRecord, 'seq'>): Promise<AuditRecord> {
  return storeOp('append audit entry', async () => {
    const seq = await db.add('audit', entry as AuditRecord);
    return { ...entry, seq };
  });
}

/**
 * Audit entries, newest first (by sequence: the order they were written). With `identityId`, only those about that identity
 * (entries carry it in `details.identityId`).
 */
export async function listAudit(db: Db, options: { identityId?: string; limit?: number } = {}): Promise<ReadonlyArray<AuditRecord>> {
  return storeOp('read audit log', async () => {
    const out: AuditRecord[] = [];
    let cursor = await db.transaction('audit').store.openCursor(null, 'prev');
    while (cursor && (options.limit === undefined || out.length < options.limit)) {
      const v = cursor.value;
      if (options.identityId === undefined || v.details?.identityId === options.identityId) out.push(v);
      cursor = await cursor.continue();
    }
    return out;
  });
}
