// Composes a named bundle from candidate CA certificates: merges duplicates (same certificate, or
// same subject and key), flags what should not be trusted (non-CA, expired, expiring, key reuse
// under different names) and keeps the SPIFFE sequence per trust domain moving on every change.
import { PkiError } from '../errors.ts';
import { rootInfoOf } from './root-info.ts';
import {
  DEFAULT_EXPIRING_WITHIN_MS,
  DEFAULT_REFRESH_HINT_S,
  type BundleEntry,
  type BundleEntryFlag,
  type BundleProvenance,
  type RootInfo,
  type TrustBundle,
} from './model.ts';

export interface BundleCandidate {
  readonly certDer: Uint8Array;
  readonly provenance: ReadonlyArray<BundleProvenance>;
  readonly trustDomain?: string;
  readonly keep?: boolean;
}

export interface ComposeRequest {
  readonly name: string;
  readonly trustDomain: string;
  readonly candidates: ReadonlyArray<BundleCandidate>;
  /** The bundle this one replaces: its sequences are carried on (and bumped where the set changed). */
  readonly previous?: TrustBundle;
  readonly refreshHintS?: number;
  /** Flag roots that expire within this window (default 30 days). */
  readonly expiringWithinMs?: number;
  readonly atMs: number;
}

export interface AssessedEntry {
  readonly entry: BundleEntry;
  readonly flags: ReadonlyArray<BundleEntryFlag>;
  /** Exported: no flags, or kept on purpose. */
  readonly included: boolean;
}

export interface BundleAssessment {
  readonly entries: ReadonlyArray<AssessedEntry>;
  readonly included: ReadonlyArray<BundleEntry>;
  /** notAfter of the first included root to expire; undefined for an empty bundle. */
  readonly earliestExpiryMs?: number;
  readonly earliestExpiryFingerprint?: string;
}

const TRUST_DOMAIN = /^[a-z0-9._-]{1,255}$/;

/** Throws BUNDLE_TRUST_DOMAIN_INVALID unless `td` is a SPIFFE trust domain name (lower case, no scheme). */
export function checkTrustDomain(td: string): string {
  if (!TRUST_DOMAIN.test(td) || td.startsWith('.') || td.endsWith('.')) {
    throw new PkiError('BUNDLE_TRUST_DOMAIN_INVALID', 'a trust domain is 1-255 of a-z 0-9 . - _ (SPIFFE-ID §2.1)');
  }
  return td;
}

/** Throws BUNDLE_NAME_INVALID for an empty, overlong or control-character name. */
export function checkBundleName(name: string): string {
  const n = name.trim();
  if (n === '' || n.length > 200 || /[\u0000-\u001f\u007f]/.test(n)) throw new PkiError('BUNDLE_NAME_INVALID', 'a bundle name is 1-200 printable characters');
  return n;
}

/** Flags for one entry at `atMs` (`duplicate-key` needs the whole set: see assessBundle). */
export function bundleFlagsOf(info: RootInfo, atMs: number, expiringWithinMs: number): BundleEntryFlag[] {
  const flags: BundleEntryFlag[] = [];
  if (!info.isCa) flags.push('not-ca');
  if (info.notAfterMs < atMs) flags.push('expired');
  else if (info.notAfterMs - atMs <= expiringWithinMs) flags.push('expiring');
  if (info.notBeforeMs > atMs) flags.push('not-yet-valid');
  return flags;
}

/** Which entries are exported at `atMs`, why the others are not, and the earliest expiry. */
export function assessBundle(bundle: TrustBundle, options: { atMs: number; expiringWithinMs?: number }): BundleAssessment {
  const within = options.expiringWithinMs ?? DEFAULT_EXPIRING_WITHIN_MS;
  const subjectsByKey = new Map<string, Set<string>>();
  for (const e of bundle.entries) {
    const set = subjectsByKey.get(e.keyId) ?? new Set<string>();
    set.add(e.subject);
    subjectsByKey.set(e.keyId, set);
  }
  const entries = bundle.entries.map((entry): AssessedEntry => {
    const flags = bundleFlagsOf(entry, options.atMs, within);
    if ((subjectsByKey.get(entry.keyId)?.size ?? 0) > 1) flags.push('duplicate-key');
    return { entry, flags, included: flags.length === 0 || entry.keep };
  });
  const included = entries.filter((a) => a.included).map((a) => a.entry);
  let earliest: BundleEntry | undefined;
  for (const e of included) if (!earliest || e.notAfterMs < earliest.notAfterMs) earliest = e;
  return {
    entries,
    included,
    ...(earliest ? { earliestExpiryMs: earliest.notAfterMs, earliestExpiryFingerprint: earliest.fingerprint } : {}),
  };
}

function sameProvenance(a: BundleProvenance, b: BundleProvenance): boolean {
  return a.kind === b.kind && a.detail === b.detail;
}

/** Merges entries that are the same certificate, or the same subject with the same key (keeping the later notAfter). */
export function mergeEntries(entries: ReadonlyArray<BundleEntry>): BundleEntry[] {
  const groups = new Map<string, BundleEntry>();
  const byFingerprint = new Map<string, string>();
  for (const e of entries) {
    const key = byFingerprint.get(e.fingerprint) ?? `${e.keyId}\u0000${e.subject}`;
    const prev = groups.get(key);
    byFingerprint.set(e.fingerprint, key);
    if (!prev) {
      groups.set(key, e);
      continue;
    }
    const winner = e.notAfterMs > prev.notAfterMs ? e : prev;
    const loser = winner === e ? prev : e;
    const provenance = [...prev.provenance];
    for (const p of e.provenance) if (!provenance.some((q) => sameProvenance(p, q))) provenance.push(p);
    const merged = new Set([...prev.mergedFingerprints, ...e.mergedFingerprints]);
    if (loser.fingerprint !== winner.fingerprint) merged.add(loser.fingerprint);
    merged.delete(winner.fingerprint);
    const trustDomain = prev.trustDomain ?? e.trustDomain;
    groups.set(key, {
      ...winner,
      provenance,
      keep: prev.keep || e.keep,
      mergedFingerprints: [...merged],
      ...(trustDomain ? { trustDomain } : {}),
    });
  }
  return [...groups.values()];
}

/** Fingerprints (and kept marks) of each trust domain's entries: what a sequence number stands for. */
function domainSignatures(bundle: Pick<TrustBundle, 'entries' | 'trustDomain'>): Map<string, string> {
  const lists = new Map<string, string[]>();
  for (const e of bundle.entries) {
    const td = e.trustDomain ?? bundle.trustDomain;
    const list = lists.get(td) ?? [];
    list.push(`${e.fingerprint}${e.keep ? '+' : ''}`);
    lists.set(td, list);
  }
  return new Map([...lists].map(([td, l]) => [td, l.sort().join(',')]));
}

/** Sequences for `next`: carried from `previous`, +1 for every trust domain whose entries changed. */
export function nextSequences(previous: TrustBundle | undefined, next: Pick<TrustBundle, 'entries' | 'trustDomain'>): Record<string, number> {
  const out: Record<string, number> = { ...(previous?.sequences ?? {}) };
  const before = previous ? domainSignatures(previous) : new Map<string, string>();
  const after = domainSignatures(next);
  for (const td of new Set([...before.keys(), ...after.keys(), next.trustDomain])) {
    if (before.get(td) !== after.get(td) || out[td] === undefined) out[td] = (out[td] ?? 0) + 1;
  }
  return out;
}

/** Turns a candidate into an entry. Throws BUNDLE_BAD_CERTIFICATE. */
export async function entryFromCandidate(c: BundleCandidate, where?: string): Promise<BundleEntry> {
  const info = await rootInfoOf(c.certDer, where);
  return {
    ...info,
    provenance: [...c.provenance],
    keep: c.keep ?? false,
    mergedFingerprints: [],
    ...(c.trustDomain ? { trustDomain: checkTrustDomain(c.trustDomain) } : {}),
  };
}

/**
 * A new bundle from candidates. Throws BUNDLE_NAME_INVALID, BUNDLE_TRUST_DOMAIN_INVALID,
 * BUNDLE_BAD_CERTIFICATE. Flagged entries stay in the bundle (so the user sees them) but
 * assessBundle leaves them out of exports unless kept.
 */
export async function composeBundle(req: ComposeRequest): Promise<{ bundle: TrustBundle; assessment: BundleAssessment }> {
  const name = checkBundleName(req.name);
  const trustDomain = checkTrustDomain(req.trustDomain);
  // In slices: 10,000 digests in flight at once cost more in promise and GC overhead than they gain.
  const fresh: BundleEntry[] = [];
  for (let i = 0; i < req.candidates.length; i += 256) {
    const slice = req.candidates.slice(i, i + 256);
    fresh.push(...(await Promise.all(slice.map((c, j) => entryFromCandidate(c, `certificate ${i + j + 1}`)))));
  }
  const entries = mergeEntries(fresh);
  const draft = { entries, trustDomain };
  const bundle: TrustBundle = {
    name,
    trustDomain,
    entries,
    sequences: nextSequences(req.previous, draft),
    refreshHintS: req.refreshHintS ?? req.previous?.refreshHintS ?? DEFAULT_REFRESH_HINT_S,
    updatedMs: req.atMs,
  };
  return { bundle, assessment: assessBundle(bundle, { atMs: req.atMs, ...(req.expiringWithinMs === undefined ? {} : { expiringWithinMs: req.expiringWithinMs }) }) };
}

/** The bundle with one entry kept (or no longer kept) on purpose; the sequence moves with it. */
export function setEntryKeep(bundle: TrustBundle, fingerprint: string, keep: boolean, atMs: number): TrustBundle {
  const entries = bundle.entries.map((e) => (e.fingerprint === fingerprint ? { ...e, keep } : e));
  return { ...bundle, entries, sequences: nextSequences(bundle, { entries, trustDomain: bundle.trustDomain }), updatedMs: atMs };
}

/** The bundle without the entry `fingerprint` (unchanged when absent); the sequence moves with it. */
export function removeEntry(bundle: TrustBundle, fingerprint: string, atMs: number): TrustBundle {
  const entries = bundle.entries.filter((e) => e.fingerprint !== fingerprint);
  if (entries.length === bundle.entries.length) return bundle;
  return { ...bundle, entries, sequences: nextSequences(bundle, { entries, trustDomain: bundle.trustDomain }), updatedMs: atMs };
}

/** Existing entries as candidates, to compose a bundle again with more roots. */
export function candidatesOf(bundle: TrustBundle): BundleCandidate[] {
  return bundle.entries.map((e) => ({ certDer: e.der, provenance: e.provenance, keep: e.keep, ...(e.trustDomain ? { trustDomain: e.trustDomain } : {}) }));
}

/**
 * A candidate for a partner CA that came in a certified introduction (already decoded by the
 * introductions code): the signer's CA, the re-issued certificate, and the services map. The
 * signer name is rendered from the CA's subject exactly as certified names its `id/` file.
 */
export async function introductionCandidate(intro: {
  readonly caCertDer: Uint8Array;
  readonly signedCertDer?: Uint8Array;
  readonly services: ReadonlyArray<{ readonly alias: string; readonly url: string }>;
  readonly detail: string;
  readonly addedMs: number;
  readonly confirmedBy?: string;
}): Promise<BundleCandidate> {
  const info = await rootInfoOf(intro.caCertDer, 'the introduction CA certificate');
  return {
    certDer: info.der,
    provenance: [
      {
        kind: 'introduction',
        detail: intro.detail,
        addedMs: intro.addedMs,
        fingerprintConfirmed: intro.confirmedBy !== undefined,
        ...(intro.confirmedBy !== undefined ? { confirmedBy: intro.confirmedBy } : {}),
        introduction: { signerName: info.subject, services: [...intro.services], ...(intro.signedCertDer ? { signedCertDer: intro.signedCertDer.slice() } : {}) },
      },
    ],
  };
}
