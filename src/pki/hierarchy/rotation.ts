// Rotation as resumable state machines (docs/hierarchy.md). Each function is ONE step: state in, one
// WriteSet out, applied by the store in one transaction. The pending step lives in `doc.operation`.
import { PkiError } from '../errors.ts';
import { fromBase64 } from '../bytes.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { parsePem } from '../pem.ts';
import { certifyIntermediate, mintIntermediate, mintRoot } from './authorities.ts';
import { retireAfter } from './leaves.ts';
import {
  activeIssuer,
  activeRoot,
  keyRecordById,
  privateKeyFor,
  scopesOf,
  type AuthorityRecord,
  type EnvironmentDoc,
  type HierarchyState,
  type WriteSet,
} from './model.ts';

function noPending(doc: EnvironmentDoc): void {
  if (doc.operation) throw new PkiError('HIER_OPERATION_PENDING', `a ${doc.operation.kind} is in progress (step ${doc.operation.step}); resume or abort it first`);
}

function twoTier(doc: EnvironmentDoc, what: string): void {
  if (doc.environment.topology !== 'two-tier') throw new PkiError('HIER_TOPOLOGY', `${what} needs a two-tier environment`);
}

const bump = (doc: EnvironmentDoc, patch: Partial<EnvironmentDoc>): EnvironmentDoc => {
  const next = { ...doc, ...patch, revision: doc.revision + 1 };
  if (patch.operation === undefined && 'operation' in patch) delete (next as { operation?: unknown }).operation;
  return next;
};

/** Step 1 of intermediate rotation: mint a pending intermediate (new key, escrowed to CI) under the active root. */
export async function startIntermediateRotation(state: HierarchyState, scope: string, atMs: number): Promise<WriteSet> {
  const { doc } = state;
  noPending(doc);
  twoTier(doc, 'intermediate rotation');
  activeIssuer(doc, scope);
  const m = await mintIntermediate(doc, state.keys, { scope, rootId: activeRoot(doc).id, status: 'pending', atMs });
  return {
    doc: bump(doc, { authorities: [...doc.authorities, m.authority], keys: [...doc.keys, m.keyRecord], operation: { kind: 'rotate-intermediate', scope, step: 'publish', newId: m.authority.id } }),
    putKeys: [{ id: m.keyRecord.id, key: m.key }],
    deleteKeys: [],
  };
}

/** Step 1 of root rotation: mint a pending root (non-extractable; escrowed to the offline recipient if asked). */
export async function startRootRotation(state: HierarchyState, p: { escrow: boolean }, atMs: number): Promise<WriteSet> {
  const { doc } = state;
  noPending(doc);
  twoTier(doc, 'root rotation');
  const m = await mintRoot(doc, { escrow: p.escrow, status: 'pending', atMs });
  return {
    doc: bump(doc, { authorities: [...doc.authorities, m.authority], keys: [...doc.keys, m.keyRecord], operation: { kind: 'rotate-root', step: 'mint-intermediates', newRootId: m.authority.id, newIds: [] } }),
    putKeys: [{ id: m.keyRecord.id, key: m.key }],
    deleteKeys: [],
  };
}

/** Marks the current active authorities `previous` (kept in bundles until their leaves expire). */
function retire(doc: EnvironmentDoc, which: (a: AuthorityRecord) => boolean): AuthorityRecord[] {
  return doc.authorities.map((a) => (a.status === 'active' && which(a) ? { ...a, status: 'previous', retireAfterMs: retireAfter(doc.leaves, a.id) } : a));
}

/**
 * Runs the next step of the pending operation. Intermediate rotation: `publish`. Root rotation:
 * `mint-intermediates` → `publish` (dual-root overlap begins) → wait for `finalizeRootRotation`.
 * Throws HIER_NO_OPERATION, HIER_STEP_INVALID.
 */
export async function advanceOperation(state: HierarchyState, atMs: number): Promise<WriteSet> {
  const { doc } = state;
  const op = doc.operation;
  if (!op) throw new PkiError('HIER_NO_OPERATION', 'no operation is in progress');
  if (op.kind === 'rotate-intermediate') {
    const retired = retire(doc, (a) => a.role === 'intermediate' && a.scope === op.scope);
    const authorities = retired.map((a) => (a.id === op.newId ? { ...a, status: 'active' as const } : a));
    return { doc: bump(doc, { authorities, operation: undefined }), putKeys: [], deleteKeys: [] };
  }
  if (op.step === 'mint-intermediates') {
    // Re-running after a lost write is harmless: the pending intermediates are minted in this one write set.
    let next = doc;
    const putKeys: { id: string; key: CryptoKey }[] = [];
    const ids: string[] = [];
    const keys = new Map(state.keys);
    for (const scope of scopesOf(doc.environment)) {
      const m = await mintIntermediate(next, keys, { scope, rootId: op.newRootId, status: 'pending', atMs });
      next = { ...next, authorities: [...next.authorities, m.authority], keys: [...next.keys, m.keyRecord] };
      putKeys.push({ id: m.keyRecord.id, key: m.key });
      ids.push(m.authority.id);
    }
    return { doc: bump(next, { operation: { kind: 'rotate-root', step: 'publish', newRootId: op.newRootId, newIds: ids } }), putKeys, deleteKeys: [] };
  }
  if (op.step === 'publish') {
    const oldRoot = activeRoot(doc);
    const fresh = new Set([op.newRootId, ...op.newIds]);
    const retired = retire(doc, (a) => !fresh.has(a.id));
    const authorities = retired.map((a) => (fresh.has(a.id) ? { ...a, status: 'active' as const } : a));
    return { doc: bump(doc, { authorities, operation: { kind: 'rotate-root', step: 'finalize', newRootId: op.newRootId, oldRootId: oldRoot.id } }), putKeys: [], deleteKeys: [] };
  }
  throw new PkiError('HIER_STEP_INVALID', 'the dual-root overlap is running; call finalize to end it');
}

/** Leaves still valid at `atMs` that chain to an authority in `ids`. */
function outstanding(doc: EnvironmentDoc, ids: ReadonlySet<string>, atMs: number): string[] {
  return doc.leaves.filter((l) => ids.has(l.issuerId) && l.notAfterMs > atMs).map((l) => `${l.scope}/${l.service}`);
}

function dropAuthorities(doc: EnvironmentDoc, ids: ReadonlySet<string>, patch: Partial<EnvironmentDoc>): WriteSet {
  const dropped = doc.authorities.filter((a) => ids.has(a.id));
  const keyIds = new Set(dropped.map((a) => a.keyId));
  return {
    doc: bump(doc, { ...patch, authorities: doc.authorities.filter((a) => !ids.has(a.id)), keys: doc.keys.filter((k) => !keyIds.has(k.id)) }),
    putKeys: [],
    deleteKeys: [...keyIds],
  };
}

/**
 * Ends the dual-root overlap: drops the previous root and every intermediate it signed from the
 * environment and bundles. Refuses with HIER_LEAVES_OUTSTANDING while leaves under them are still
 * valid, unless `force`. Throws HIER_NO_OPERATION / HIER_STEP_INVALID outside the overlap.
 */
export function finalizeRootRotation(state: HierarchyState, p: { force: boolean }, atMs: number): WriteSet {
  const { doc } = state;
  const op = doc.operation;
  if (!op) throw new PkiError('HIER_NO_OPERATION', 'no root rotation is in progress');
  if (op.kind !== 'rotate-root' || op.step !== 'finalize') throw new PkiError('HIER_STEP_INVALID', `cannot finalize during ${op.kind} step ${op.step}`);
  const ids = new Set(doc.authorities.filter((a) => a.id === op.oldRootId || (a.role === 'intermediate' && a.parentId === op.oldRootId)).map((a) => a.id));
  const left = outstanding(doc, ids, atMs);
  if (left.length && !p.force) {
    throw new PkiError('HIER_LEAVES_OUTSTANDING', `renew these leaves under the new root first: ${left.join(', ')}`, { details: { count: left.length } });
  }
  return dropAuthorities(doc, ids, { leaves: doc.leaves.filter((l) => !ids.has(l.issuerId)), operation: undefined });
}

/** Rolls back a pending operation before it is published (drops the pending authorities and keys). Throws HIER_STEP_INVALID after. */
export function abortOperation(state: HierarchyState): WriteSet {
  const { doc } = state;
  const op = doc.operation;
  if (!op) throw new PkiError('HIER_NO_OPERATION', 'no operation is in progress');
  if (op.kind === 'rotate-root' && op.step === 'finalize') throw new PkiError('HIER_STEP_INVALID', 'the new root is published; finish with finalize');
  const ids = new Set(doc.authorities.filter((a) => a.status === 'pending').map((a) => a.id));
  return dropAuthorities(doc, ids, { operation: undefined });
}

/**
 * recover-intermediate: re-certifies the scope's existing intermediate key (same subject, same key)
 * under the active root after its certificate was lost or expired. One step. Existing leaves keep
 * chaining because subject and key are unchanged.
 */
export async function recoverIntermediate(state: HierarchyState, scope: string, atMs: number): Promise<WriteSet> {
  const { doc } = state;
  noPending(doc);
  twoTier(doc, 'recover-intermediate');
  const current = activeIssuer(doc, scope);
  const root = activeRoot(doc);
  const cert = await certifyIntermediate({
    env: doc.environment,
    scope,
    generation: current.generation,
    spki: fromBase64(keyRecordById(doc, current.keyId).spkiB64),
    root,
    rootKeyRecord: keyRecordById(doc, root.keyId),
    rootKey: privateKeyFor(state.keys, root.keyId),
    atMs,
  });
  const authorities = doc.authorities.map((a) => (a.id === current.id ? { ...a, certPem: cert.pem, notAfterMs: cert.notAfterMs, parentId: root.id } : a));
  return { doc: bump(doc, { authorities }), putKeys: [], deleteKeys: [] };
}

/** Drops `previous` intermediates whose last leaf has expired (outside a root rotation). One step. */
export function pruneRetired(state: HierarchyState, atMs: number): WriteSet {
  const { doc } = state;
  noPending(doc);
  const ids = new Set(doc.authorities.filter((a) => a.status === 'previous' && (a.retireAfterMs ?? 0) <= atMs).map((a) => a.id));
  return dropAuthorities(doc, ids, { leaves: doc.leaves.filter((l) => !ids.has(l.issuerId) || l.notAfterMs > atMs) });
}

/** The SubjectPublicKeyInfo a leaf certifies (renewal keeps the service's key unless told otherwise). */
export function leafSpki(certPem: string): Uint8Array {
  const block = parsePem(certPem)[0];
  if (!block) throw new PkiError('HIER_STORE_INCONSISTENT', 'a leaf has no certificate');
  return parseCertificate(block.der).subjectPublicKeyInfo;
}

