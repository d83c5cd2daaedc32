// Compares an imported bundle with the one we hold (new / changed / disappeared) and applies the
// changes the user accepted, one by one, producing a new bundle. Pure: storing is the caller's job,
// so a refusal here changes nothing. Refuses SPIFFE sequence rollback and reuse.
import { PkiError } from '../errors.ts';
import { checkTrustDomain, mergeEntries, nextSequences } from './compose.ts';
import type { ImportedBundle } from './import.ts';
import type { BundleEntry, BundleIntroductionDetail, BundleProvenance, RootInfo, TrustBundle } from './model.ts';

export interface ChangedRoot {
  readonly held: BundleEntry;
  readonly incoming: RootInfo;
  /** 'renewed': same subject and key, new certificate; 'rekeyed': same subject, new key. */
  readonly how: 'renewed' | 'rekeyed';
}

export interface BundleDiff {
  /** The trust domain the comparison was scoped to, if any. */
  readonly trustDomain?: string;
  readonly added: ReadonlyArray<RootInfo>;
  readonly changed: ReadonlyArray<ChangedRoot>;
  /** Held roots the incoming bundle no longer has. */
  readonly removed: ReadonlyArray<BundleEntry>;
  readonly unchanged: ReadonlyArray<BundleEntry>;
  readonly heldSequence?: number;
  readonly incomingSequence?: number;
}

export interface BundleDiffOptions {
  /** Compare only with held roots of this trust domain (SPIFFE imports); the sequence is checked against it. */
  readonly trustDomain?: string;
  /** Compare only with held roots imported from this source (BundleProvenance.detail). */
  readonly sourceDetail?: string;
}

function inScope(e: BundleEntry, held: TrustBundle, o: BundleDiffOptions): boolean {
  if (o.trustDomain !== undefined && (e.trustDomain ?? held.trustDomain) !== o.trustDomain) return false;
  if (o.sourceDetail !== undefined && !e.provenance.some((p) => p.kind === 'import' && p.detail === o.sourceDetail)) return false;
  return true;
}

/** Throws BUNDLE_SEQUENCE_ROLLBACK, BUNDLE_SEQUENCE_REUSED, BUNDLE_TRUST_DOMAIN_INVALID, BUNDLE_TRUST_DOMAIN_REQUIRED (a SPIFFE bundle with a sequence and no `trustDomain`). */
export function diffBundle(held: TrustBundle, incoming: ImportedBundle, options: BundleDiffOptions = {}): BundleDiff {
  if (options.trustDomain !== undefined) checkTrustDomain(options.trustDomain);
  // Without its trust domain a SPIFFE bundle's sequence cannot be checked for rollback.
  if (incoming.spiffe?.sequence !== undefined && options.trustDomain === undefined) {
    throw new PkiError('BUNDLE_TRUST_DOMAIN_REQUIRED', 'say which trust domain this SPIFFE bundle belongs to');
  }
  const scope = held.entries.filter((e) => inScope(e, held, options));
  const matched = new Set<string>();
  const added: RootInfo[] = [];
  const changed: ChangedRoot[] = [];
  const unchanged: BundleEntry[] = [];
  for (const r of incoming.roots) {
    const same = scope.find((e) => e.fingerprint === r.fingerprint || e.mergedFingerprints.includes(r.fingerprint));
    if (same) {
      matched.add(same.fingerprint);
      unchanged.push(same);
      continue;
    }
    const renewed = scope.find((e) => !matched.has(e.fingerprint) && e.keyId === r.keyId && e.subject === r.subject);
    const rekeyed = renewed ?? scope.find((e) => !matched.has(e.fingerprint) && e.subject === r.subject);
    if (rekeyed) {
      matched.add(rekeyed.fingerprint);
      changed.push({ held: rekeyed, incoming: r, how: renewed ? 'renewed' : 'rekeyed' });
    } else added.push(r);
  }
  const removed = scope.filter((e) => !matched.has(e.fingerprint));
  const td = options.trustDomain;
  const heldSequence = td !== undefined ? held.sequences[td] : undefined;
  const incomingSequence = incoming.spiffe?.sequence;
  if (heldSequence !== undefined && incomingSequence !== undefined) {
    if (incomingSequence < heldSequence) {
      throw new PkiError('BUNDLE_SEQUENCE_ROLLBACK', `spiffe_sequence went back from ${heldSequence} to ${incomingSequence}`, {
        details: { held: heldSequence, incoming: incomingSequence },
      });
    }
    if (incomingSequence === heldSequence && (added.length || changed.length || removed.length)) {
      throw new PkiError('BUNDLE_SEQUENCE_REUSED', `spiffe_sequence ${incomingSequence} was reused for different roots`, { details: { sequence: incomingSequence } });
    }
  }
  return {
    ...(td !== undefined ? { trustDomain: td } : {}),
    added,
    changed,
    removed,
    unchanged,
    ...(heldSequence !== undefined ? { heldSequence } : {}),
    ...(incomingSequence !== undefined ? { incomingSequence } : {}),
  };
}

/** Fingerprints of every proposed change (incoming ones for added/changed, held ones for removed). */
export function allChanges(diff: BundleDiff): Set<string> {
  return new Set([...diff.added.map((r) => r.fingerprint), ...diff.changed.map((c) => c.incoming.fingerprint), ...diff.removed.map((e) => e.fingerprint)]);
}

export interface BundleApplyOptions {
  /** Fingerprints the user accepted (see allChanges). Anything else stays as held. */
  readonly accept: ReadonlySet<string>;
  /** Where the import came from; `addedMs` is set to `atMs`. */
  readonly source: Omit<BundleProvenance, 'addedMs' | 'kind' | 'introduction'>;
  readonly atMs: number;
  /** From ImportedBundle.introductions (certified files): such roots get `introduction` provenance with these details. */
  readonly introductions?: Readonly<Record<string, BundleIntroductionDetail>>;
}

/** The held bundle with the accepted changes applied; the sequence of the diff's trust domain follows the import. */
export function applyImport(held: TrustBundle, diff: BundleDiff, options: BundleApplyOptions): TrustBundle {
  const provOf = (fingerprint: string): BundleProvenance => {
    const introduction = options.introductions?.[fingerprint];
    return introduction
      ? { ...options.source, kind: 'introduction', addedMs: options.atMs, introduction }
      : { ...options.source, kind: 'import', addedMs: options.atMs };
  };
  const td = diff.trustDomain;
  const fresh = (r: RootInfo, before?: BundleEntry): BundleEntry => ({
    ...r,
    provenance: [...(before?.provenance ?? []), provOf(r.fingerprint)],
    keep: false,
    mergedFingerprints: [],
    ...(before?.trustDomain ? { trustDomain: before.trustDomain } : td !== undefined && td !== held.trustDomain ? { trustDomain: td } : {}),
  });
  const replace = new Map<string, BundleEntry | null>();
  for (const c of diff.changed) if (options.accept.has(c.incoming.fingerprint)) replace.set(c.held.fingerprint, fresh(c.incoming, c.held));
  for (const e of diff.removed) if (options.accept.has(e.fingerprint)) replace.set(e.fingerprint, null);
  const kept = held.entries.flatMap((e) => {
    const r = replace.get(e.fingerprint);
    return r === undefined ? [e] : r === null ? [] : [r];
  });
  const added = diff.added.filter((r) => options.accept.has(r.fingerprint)).map((r) => fresh(r));
  const entries = mergeEntries([...kept, ...added]);
  const sequences = nextSequences(held, { entries, trustDomain: held.trustDomain });
  if (td !== undefined && diff.incomingSequence !== undefined) sequences[td] = Math.max(sequences[td] ?? 0, diff.incomingSequence);
  return { ...held, entries, sequences, updatedMs: options.atMs };
}
