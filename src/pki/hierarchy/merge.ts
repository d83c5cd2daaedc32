// Importing a store file into an environment this runtime already holds: brings in the leaves CI
// issued or renewed, never drops a leaf record silently, and refuses what it cannot reconcile.
// Pure and synchronous (no crypto), so the store can run it right before its one write.
import { PkiError } from '../errors.ts';
import { parsePem } from '../pem.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { checkConsistency } from './store-file.ts';
import type { AuthorityRecord, EnvironmentDoc, LeafRecord } from './model.ts';

export type MergeConflictCode = 'ENVIRONMENT_DIFFERS' | 'AUTHORITY_DIFFERS' | 'LEAF_ISSUER_DROPPED';

export interface MergeConflict {
  readonly code: MergeConflictCode;
  /** What it is about: an authority id, a SPIFFE ID, or the environment name. */
  readonly subject: string;
  readonly message: string;
}

export interface MergeResult {
  /** The merged document (revision above both inputs when anything changed); the local one when nothing did. */
  readonly doc: EnvironmentDoc;
  readonly changed: boolean;
  readonly localRevision: number;
  readonly fileRevision: number;
  /** SPIFFE IDs of leaves only the file had (e.g. issued by CI). */
  readonly added: ReadonlyArray<string>;
  /** SPIFFE IDs whose newer certificate came from the file (e.g. renewed by CI). */
  readonly updated: ReadonlyArray<string>;
  /** SPIFFE IDs whose file record was older than ours (ours kept; its expiry still counts for retirement). */
  readonly keptOurs: ReadonlyArray<string>;
  /**
   * SPIFFE IDs where both sides hold a different certificate of the same age (same notBefore and
   * notAfter, e.g. issued here and by CI in the same second): a tie, this runtime's is kept.
   */
  readonly sameAge: ReadonlyArray<string>;
  /** Expired file leaves whose issuer this environment already dropped (nothing left to keep). */
  readonly expiredDropped: ReadonlyArray<string>;
  /** Differences resolved in this runtime's favour (authority status, pending operation), for people. */
  readonly notes: ReadonlyArray<string>;
  /** When non-empty nothing may be written: `doc` is the local document. */
  readonly conflicts: ReadonlyArray<MergeConflict>;
}

/** JSON with sorted keys: the environment settings compare by value, whatever order a file wrote them in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const leafKey = (l: Pick<LeafRecord, 'scope' | 'service'>): string => `${l.scope}/${l.service}`;

function notBeforeOf(l: LeafRecord): number {
  const b = parsePem(l.certPem)[0];
  if (!b) throw new PkiError('HIER_STORE_INCONSISTENT', `leaf ${leafKey(l)} has no certificate`);
  return parseCertificate(b.der).notBeforeMs;
}

/** Which of two records for the same service is newer: later notBefore, then later notAfter; 'tie' when both are equal. */
function newer(a: LeafRecord, b: LeafRecord): 'a' | 'b' | 'tie' {
  const na = notBeforeOf(a), nb = notBeforeOf(b);
  if (na !== nb) return na > nb ? 'a' : 'b';
  if (a.notAfterMs !== b.notAfterMs) return a.notAfterMs > b.notAfterMs ? 'a' : 'b';
  return 'tie';
}

function sameAuthority(doc: EnvironmentDoc, a: AuthorityRecord, other: EnvironmentDoc, b: AuthorityRecord): boolean {
  const ka = doc.keys.find((k) => k.id === a.keyId);
  const kb = other.keys.find((k) => k.id === b.keyId);
  return a.role === b.role && a.scope === b.scope && a.generation === b.generation && a.keyId === b.keyId && !!ka && !!kb && ka.spkiB64 === kb.spkiB64;
}

/**
 * Merges a store file (`file`) into the environment held here (`local`), judged at `atMs`:
 * - the environment settings must be equal (ENVIRONMENT_DIFFERS otherwise);
 * - authorities, keys and the pending operation stay as they are here: rotation is the root holder's
 *   and CI never changes them. An authority both know must be the same key (AUTHORITY_DIFFERS);
 *   of two certificates for it the later-expiring one is kept (recover-intermediate); the
 *   retirement time of a `previous` authority becomes the latest of both sides and of every leaf
 *   either side recorded under it;
 * - per service the newer leaf wins (later notBefore, then later notAfter); of two of the same age
 *   ours is kept and reported in `sameAge`; a leaf only the file has is added. A leaf the
 *   file needs whose issuer was dropped here is a conflict (LEAF_ISSUER_DROPPED) while it is still
 *   valid and not superseded; once expired it is reported in `expiredDropped`.
 * Nothing is written by this function; the caller writes `doc` only when `conflicts` is empty.
 */
export function mergeEnvironments(local: EnvironmentDoc, file: EnvironmentDoc, atMs: number): MergeResult {
  const conflicts: MergeConflict[] = [];
  const notes: string[] = [];
  const added: string[] = [], updated: string[] = [], keptOurs: string[] = [], sameAge: string[] = [], expiredDropped: string[] = [];
  const base = { localRevision: local.revision, fileRevision: file.revision };
  const refuse = (): MergeResult => ({ doc: local, changed: false, ...base, added: [], updated: [], keptOurs: [], sameAge: [], expiredDropped: [], notes, conflicts });

  if (canonical(local.environment) !== canonical(file.environment)) {
    conflicts.push({ code: 'ENVIRONMENT_DIFFERS', subject: local.environment.name, message: 'the file describes this environment with other settings (domain, regions, custodians, key type or DNS subtrees)' });
    return refuse();
  }

  // Authorities: ours, with the later certificate of the same key and the later retirement.
  const fileById = new Map(file.authorities.map((a) => [a.id, a]));
  const authorities: AuthorityRecord[] = local.authorities.map((a) => {
    const f = fileById.get(a.id);
    if (!f) return a;
    if (!sameAuthority(local, a, file, f)) {
      conflicts.push({ code: 'AUTHORITY_DIFFERS', subject: a.id, message: `${a.id} in the file is a different key than ${a.id} here (the file comes from another history of this environment)` });
      return a;
    }
    if (f.status !== a.status) notes.push(`${a.id} is ${f.status} in the file and ${a.status} here; kept ${a.status}`);
    let out = a;
    if (f.certPem !== a.certPem && f.notAfterMs > a.notAfterMs) out = { ...out, certPem: f.certPem, notAfterMs: f.notAfterMs, parentId: f.parentId };
    return out;
  });
  for (const f of file.authorities) {
    if (!local.authorities.some((a) => a.id === f.id)) notes.push(`${f.id} is in the file but no longer here (dropped or rolled back); not restored`);
  }
  if (canonical(local.operation ?? null) !== canonical(file.operation ?? null)) {
    notes.push(`the file's rotation state (${file.operation ? `${file.operation.kind}, step ${file.operation.step}` : 'none'}) differs; kept this browser's (${local.operation ? `${local.operation.kind}, step ${local.operation.step}` : 'none'})`);
  }
  if (conflicts.length) return refuse();

  // Leaves: per service the newer certificate; a file leaf must still have its issuer here.
  const known = new Set(authorities.map((a) => a.id));
  const ours = new Map(local.leaves.map((l) => [leafKey(l), l]));
  const leaves = new Map(ours);
  /** Every leaf either side recorded, by issuer: what a retired authority must outlive. */
  const seen: LeafRecord[] = [...local.leaves];
  for (const f of file.leaves) {
    seen.push(f);
    const k = leafKey(f);
    const o = ours.get(k);
    if (o && o.certPem === f.certPem) continue;
    const winner = o ? newer(o, f) : 'b';
    if (winner === 'tie') {
      sameAge.push(f.spiffeId);
      continue;
    }
    if (winner === 'a') {
      keptOurs.push(f.spiffeId);
      continue;
    }
    if (!known.has(f.issuerId)) {
      if (f.notAfterMs <= atMs) {
        expiredDropped.push(f.spiffeId);
        continue;
      }
      conflicts.push({
        code: 'LEAF_ISSUER_DROPPED',
        subject: f.spiffeId,
        message: `the file's leaf for ${f.spiffeId} is valid until ${new Date(f.notAfterMs).toISOString()} but its issuer ${f.issuerId} was already dropped here; issue or renew ${k} here, then import again`,
      });
      continue;
    }
    leaves.set(k, f);
    (o ? updated : added).push(f.spiffeId);
  }
  if (conflicts.length) return refuse();

  const merged = authorities.map((a) => {
    if (a.status !== 'previous') return a;
    const latest = Math.max(a.retireAfterMs ?? 0, fileById.get(a.id)?.retireAfterMs ?? 0, ...seen.filter((l) => l.issuerId === a.id).map((l) => l.notAfterMs));
    return latest === (a.retireAfterMs ?? 0) ? a : { ...a, retireAfterMs: latest };
  });
  // The order issueLeaf keeps: scope, then service.
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const sortedLeaves = [...leaves.values()].sort((a, b) => cmp(a.scope, b.scope) || cmp(a.service, b.service));
  const changed = canonical(merged) !== canonical(local.authorities) || canonical(sortedLeaves) !== canonical(local.leaves);
  if (!changed) return { doc: local, changed, ...base, added, updated, keptOurs, sameAge, expiredDropped, notes, conflicts };
  const doc: EnvironmentDoc = { ...local, authorities: merged, leaves: sortedLeaves, revision: Math.max(local.revision, file.revision) + 1 };
  checkConsistency(doc);
  return { doc, changed, ...base, added, updated, keptOurs, sameAge, expiredDropped, notes, conflicts };
}
