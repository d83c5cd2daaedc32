// Hierarchy environments in IndexedDB: the EnvironmentDoc in `documents` (kind 'environment') and its
// non-extractable CryptoKeys in `keys`. Each rotation step's WriteSet is applied in ONE transaction,
// together with the audit entries derived from it (what was signed, with which key).
import {
  hierarchyAuditEntries,
  importAuditEntries,
  mergeEnvironments,
  openStoreKeys,
  type EnvironmentDoc,
  type HierarchyAuditEntry,
  type HierarchyState,
  type MergeResult,
  type WriteSet,
} from '../pki/index.ts';
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import type { AuditRecord } from './schema.ts';

const KIND = 'environment';
const docId = (name: string): string => `environment:${name}`;
/** Key ids are namespaced by environment so that two environments (or other areas) never collide. */
const keyId = (env: string, id: string): string => `hierarchy:${env}:${id}`;

/** The store's audit record for a core entry: the key named by its id in the `keys` store. */
const auditRecord = (env: string, e: HierarchyAuditEntry, nowMs: number): AuditRecord => ({
  timeMs: nowMs,
  op: e.op,
  summary: e.summary,
  ...(e.keyId ? { keyId: keyId(env, e.keyId) } : {}),
  ...(e.outputSha256 ? { outputSha256: e.outputSha256 } : {}),
  details: { ...e.details },
});

/** The names of the stored environments, sorted. */
export async function listEnvironments(db: Db): Promise<string[]> {
  const docs = await db.getAllFromIndex('documents', 'byKind', KIND);
  return docs.map((d) => (d.data as EnvironmentDoc).environment.name).sort();
}

/** Loads an environment with every key it references, or null when there is none by that name. */
export async function loadEnvironment(db: Db, name: string): Promise<HierarchyState | null> {
  const tx = db.transaction(['documents', 'keys'], 'readonly');
  const rec = await tx.objectStore('documents').get(docId(name));
  if (!rec) return null;
  const doc = rec.data as EnvironmentDoc;
  const keys = new Map<string, CryptoKey>();
  for (const k of doc.keys) {
    const stored = await tx.objectStore('keys').get(keyId(name, k.id));
    if (stored) keys.set(k.id, stored.key);
  }
  await tx.done;
  return { doc, keys };
}

/**
 * Applies one step's WriteSet atomically: the document, key puts and key deletes, and the audit
 * entries derived from it (`hierarchyAuditEntries`: every certificate this step signed, with the key
 * and its SHA-256; publishes and drops) commit together or not at all (a tab closed mid-way leaves
 * the old state and no entry). `expectedRevision` is the revision the step was computed from (null:
 * the environment must not exist yet). Throws StoreError STORE_CONFLICT when another tab moved on,
 * STORE_TRANSACTION_FAILED when the transaction aborts.
 */
export async function applyEnvironmentWrites(db: Db, writes: WriteSet, expectedRevision: number | null, nowMs: number): Promise<void> {
  await writeEnvironment(db, writes, expectedRevision, nowMs, (current) => hierarchyAuditEntries(current, writes.doc));
}

/** The one transaction of every environment write; `entries` runs inside it (synchronously) on the stored document. */
async function writeEnvironment(db: Db, writes: WriteSet, expectedRevision: number | null, nowMs: number, entries: (current: EnvironmentDoc | null) => ReadonlyArray<HierarchyAuditEntry>): Promise<void> {
  const name = writes.doc.environment.name;
  const tx = db.transaction(['documents', 'keys', 'audit'], 'readwrite');
  // An abort (tab closing, a failed request) rejects `done` before the catch below awaits it: mark it handled.
  tx.done.catch(() => undefined);
  const docs = tx.objectStore('documents');
  const keys = tx.objectStore('keys');
  try {
    const current = await docs.get(docId(name));
    const currentDoc = current ? (current.data as EnvironmentDoc) : null;
    const revision = currentDoc ? currentDoc.revision : null;
    if (revision !== expectedRevision) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new StoreError('STORE_CONFLICT', `environment ${name} is at revision ${String(revision)}, expected ${String(expectedRevision)}`);
    }
    // Derived before any write: a certificate that cannot be read aborts the step with nothing written.
    const audit = entries(currentDoc).map((e) => auditRecord(name, e, nowMs));
    for (const id of writes.deleteKeys) await keys.delete(keyId(name, id));
    for (const { id, key } of writes.putKeys) {
      const rec = writes.doc.keys.find((k) => k.id === id);
      const authority = writes.doc.authorities.find((a) => a.keyId === id);
      await keys.put({
        id: keyId(name, id),
        key,
        publicKeySpki: rec ? Uint8Array.from(atob(rec.spkiB64), (c) => c.charCodeAt(0)) : new Uint8Array(),
        keyType: rec?.type ?? 'unknown',
        purpose: authority?.role === 'root' ? 'hierarchy-root' : 'hierarchy-intermediate',
        createdMs: nowMs,
      });
    }
    await docs.put({ id: docId(name), kind: KIND, updatedMs: nowMs, data: writes.doc });
    for (const a of audit) await tx.objectStore('audit').add(a);
    await tx.done;
  } catch (cause) {
    if (cause instanceof StoreError) throw cause;
    try {
      tx.abort();
    } catch {
      /* already aborted */
    }
    await tx.done.catch(() => undefined);
    throw new StoreError('STORE_TRANSACTION_FAILED', `the ${name} step was not saved; nothing changed`, { cause });
  }
}

/** Loads, runs one core step and saves its WriteSet in one transaction. Returns the new state. */
export async function runEnvironmentStep(db: Db, name: string, step: (s: HierarchyState) => Promise<WriteSet> | WriteSet, nowMs: number): Promise<HierarchyState> {
  const state = await loadEnvironment(db, name);
  if (!state) throw new StoreError('STORE_NOT_FOUND', `no environment ${name}`);
  const writes = await step(state);
  await applyEnvironmentWrites(db, writes, state.doc.revision, nowMs);
  const keys = new Map(state.keys);
  for (const id of writes.deleteKeys) keys.delete(id);
  for (const { id, key } of writes.putKeys) keys.set(id, key);
  return { doc: writes.doc, keys };
}

export interface ImportOutcome {
  /** True when the environment did not exist here and was created from the file. */
  readonly created: boolean;
  /** False when the merge found conflicts (see `merge.conflicts`): nothing was written. */
  readonly applied: boolean;
  /** The merge against the environment here; for a created environment, every file leaf is `added`. */
  readonly merge: MergeResult;
  /** Ids of the keys the given age identities opened and that are now held here (non-extractable). */
  readonly keysLoaded: ReadonlyArray<string>;
  /** The environment as stored afterwards. */
  readonly state: HierarchyState;
}

/**
 * Imports a store file: creates the environment when it is not here, else merges it by record
 * (`mergeEnvironments`: CI's leaves come in, nothing is dropped, conflicts refuse the import).
 * Keys not yet held that `identities` decrypt (e.g. the escrowed root with the offline root
 * identity) are imported non-extractable. One transaction, with its audit entries (an import entry,
 * one per key loaded; nothing is logged as signed here); refuses with STORE_CONFLICT when the
 * environment changed (another tab) between reading and writing. Throws PkiError from the core
 * (HIER_AGE_IDENTITY_INVALID, HIER_STORE_INCONSISTENT for a key that does not match its record).
 */
export async function importEnvironment(db: Db, file: EnvironmentDoc, p: { readonly identities?: ReadonlyArray<string>; readonly nowMs: number }): Promise<ImportOutcome> {
  const name = file.environment.name;
  const local = await loadEnvironment(db, name);
  const merge: MergeResult = local
    ? mergeEnvironments(local.doc, file, p.nowMs)
    : { doc: file, changed: true, localRevision: 0, fileRevision: file.revision, added: file.leaves.map((l) => l.spiffeId), updated: [], keptOurs: [], sameAge: [], expiredDropped: [], notes: [], conflicts: [] };
  const held = local?.keys ?? new Map<string, CryptoKey>();
  if (merge.conflicts.length) return { created: false, applied: false, merge, keysLoaded: [], state: local ?? { doc: file, keys: held } };
  const wanted = { ...merge.doc, keys: merge.doc.keys.filter((k) => !held.has(k.id)) };
  const opened = p.identities?.length ? await openStoreKeys(wanted, p.identities) : new Map<string, CryptoKey>();
  const putKeys = [...opened].map(([id, key]) => ({ id, key }));
  if (merge.changed || putKeys.length) {
    // CI signed what the file brings: the log says what came in and which keys are now held, not "signed here".
    const audit = importAuditEntries({ file, created: !local, merge, keysLoaded: putKeys.map((k) => k.id) });
    await writeEnvironment(db, { doc: merge.doc, putKeys, deleteKeys: [] }, local ? local.doc.revision : null, p.nowMs, () => audit);
  }
  const keys = new Map(held);
  for (const { id, key } of putKeys) keys.set(id, key);
  return { created: !local, applied: true, merge, keysLoaded: putKeys.map((k) => k.id), state: { doc: merge.doc, keys } };
}
