// Composing a bundle as data (DOM-free): roots offered from what the store holds (our identities'
// CAs, installed introductions' CAs, cross-certificates) and from files, pastes or QR codes, each
// with its fingerprint, flags, dedupe notes and whether the user confirmed it. Nothing is added
// until `composeWithDraft`; partner roots need their fingerprint confirmed first.
import {
  bundleFlagsOf,
  candidatesOf,
  composeBundle,
  parseBundleInput,
  rootInfoOf,
  DEFAULT_EXPIRING_WITHIN_MS,
  type BundleCandidate,
  type BundleEntryFlag,
  type BundleProvenance,
  type BundleSourceKind,
  type RootInfo,
  type TrustBundle,
} from '../../pki/index.ts';
import type { HeldCa } from '../../store/index.ts';

export interface DraftRoot {
  readonly info: RootInfo;
  readonly kind: BundleSourceKind;
  /** Identity label, introducer, partner, or the file/paste/QR it came from. */
  readonly detail: string;
  /** Own roots were made in this browser: nothing to compare. */
  readonly needsConfirmation: boolean;
  readonly flags: ReadonlyArray<BundleEntryFlag>;
  /** The bundle already holds this certificate (or one with the same subject and key). */
  readonly alreadyIn?: 'same-certificate' | 'same-subject-and-key';
  /** Another root, in the bundle or this draft, has this key under a different name. */
  readonly sameKeyAs?: string;
  readonly introduction?: BundleProvenance['introduction'];
  readonly selected: boolean;
  readonly confirmed: boolean;
}

const KIND_OF: Readonly<Record<HeldCa['kind'], BundleSourceKind>> = { 'own-root': 'own-root', introduction: 'introduction', 'cross-certification': 'cross-certification' };

function notes(info: RootInfo, bundle: TrustBundle | undefined, others: ReadonlyArray<RootInfo>): Pick<DraftRoot, 'alreadyIn' | 'sameKeyAs'> {
  const entries = bundle?.entries ?? [];
  const same = entries.find((e) => e.fingerprint === info.fingerprint || e.mergedFingerprints.includes(info.fingerprint));
  const renewed = same ? undefined : entries.find((e) => e.keyId === info.keyId && e.subject === info.subject);
  const keyTwin = [...entries, ...others].find((e) => e.keyId === info.keyId && e.subject !== info.subject);
  return {
    ...(same ? { alreadyIn: 'same-certificate' as const } : renewed ? { alreadyIn: 'same-subject-and-key' as const } : {}),
    ...(keyTwin ? { sameKeyAs: keyTwin.displayName } : {}),
  };
}

/** The CAs the store holds as draft roots (unselected), each noted against `bundle`. */
export async function heldDraft(held: ReadonlyArray<HeldCa>, bundle: TrustBundle | undefined, atMs: number): Promise<DraftRoot[]> {
  const out: DraftRoot[] = [];
  const seen = new Set<string>();
  for (const h of held) {
    let info: RootInfo;
    try {
      info = await rootInfoOf(h.certDer, `${h.label}’s CA`);
    } catch {
      continue; // the store's own checks keep bad certificates out; never let one hide the rest
    }
    if (seen.has(info.fingerprint)) continue;
    seen.add(info.fingerprint);
    const introduction = h.introduction ? { signerName: info.subject, services: [...h.introduction.services], signedCertDer: h.introduction.signedCertDer } : undefined;
    out.push({
      info,
      kind: KIND_OF[h.kind],
      detail: h.label,
      needsConfirmation: h.kind !== 'own-root',
      flags: bundleFlagsOf(info, atMs, DEFAULT_EXPIRING_WITHIN_MS),
      ...notes(info, bundle, out.map((d) => d.info)),
      ...(introduction ? { introduction } : {}),
      selected: false,
      confirmed: h.kind === 'own-root',
    });
  }
  return out;
}

/**
 * Draft roots from a file, paste or QR code: certificates in any bundle format (leaves and expired
 * roots too, flagged), selected but not yet confirmed. Roots already in `existing` are not repeated;
 * their fingerprints come back in `known` (so the view can select the ones it already offers).
 * Throws the core's BUNDLE_* errors.
 */
export async function inputDraft(input: { readonly name: string; readonly data: string | Uint8Array }, bundle: TrustBundle | undefined, existing: ReadonlyArray<DraftRoot>, atMs: number): Promise<{ added: DraftRoot[]; known: string[] }> {
  const read = await parseBundleInput(input.data, { atMs, allowFlagged: true, fileName: input.name });
  const out: DraftRoot[] = [];
  const known: string[] = [];
  for (const info of read.roots) {
    if (existing.some((d) => d.info.fingerprint === info.fingerprint)) {
      known.push(info.fingerprint);
      continue;
    }
    const introduction = read.introductions?.[info.fingerprint];
    out.push({
      info,
      kind: introduction ? 'introduction' : 'import',
      detail: input.name,
      needsConfirmation: true,
      flags: bundleFlagsOf(info, atMs, DEFAULT_EXPIRING_WITHIN_MS),
      ...notes(info, bundle, [...existing, ...out].map((d) => d.info)),
      ...(introduction ? { introduction } : {}),
      selected: true,
      confirmed: false,
    });
  }
  return { added: out, known };
}

/** Selected roots that still wait for their fingerprint to be confirmed. */
export function unconfirmed(draft: ReadonlyArray<DraftRoot>): DraftRoot[] {
  return draft.filter((d) => d.selected && d.needsConfirmation && !d.confirmed);
}

/** Replaces one draft root (by fingerprint) with `change` applied. */
export function updateDraft(draft: ReadonlyArray<DraftRoot>, fingerprint: string, change: Partial<Pick<DraftRoot, 'selected' | 'confirmed'>>): DraftRoot[] {
  return draft.map((d) => (d.info.fingerprint === fingerprint ? { ...d, ...change } : d));
}

/**
 * The bundle with the selected draft roots added (duplicates merge in the core). Each root's
 * provenance records its source, when, and who confirmed its fingerprint. Throws the core's errors;
 * refuses (returns undefined) while a selected partner root is unconfirmed.
 */
export async function composeWithDraft(bundle: TrustBundle, draft: ReadonlyArray<DraftRoot>, opts: { readonly confirmedBy: string; readonly atMs: number }): Promise<TrustBundle | undefined> {
  const chosen = draft.filter((d) => d.selected);
  if (chosen.length === 0 || unconfirmed(draft).length > 0) return undefined;
  const who = opts.confirmedBy.trim();
  const added: BundleCandidate[] = chosen.map((d) => ({
    certDer: d.info.der,
    provenance: [
      {
        kind: d.kind,
        detail: d.detail,
        addedMs: opts.atMs,
        fingerprintConfirmed: true,
        ...(d.needsConfirmation ? (who ? { confirmedBy: who } : {}) : { confirmedBy: 'this browser (own identity)' }),
        ...(d.introduction ? { introduction: d.introduction } : {}),
      },
    ],
  }));
  const { bundle: next } = await composeBundle({
    name: bundle.name,
    trustDomain: bundle.trustDomain,
    previous: bundle,
    candidates: [...candidatesOf(bundle), ...added],
    atMs: opts.atMs,
  });
  return next;
}
