// Importing a partner's bundle as data (DOM-free): sort what arrived into the bundle and its
// detached signature, offer trusted signers from what we hold, read and verify it with the core,
// diff it against the held bundle, and store only the changes the user accepted — in one store
// transaction, so a refusal anywhere leaves everything stored as it was.
import {
  allChanges,
  applyImport,
  diffBundle,
  looksLikeDetachedSignature,
  parseBundleInput,
  rootInfoOf,
  utf8,
  type BundleDiff,
  type ImportedBundle,
  type TrustBundle,
} from '../../pki/index.ts';
import { saveBundle, type Db, type HeldCa } from '../../store/index.ts';
import type { ReceivedInput } from '../components/receive-panel.ts';

export interface ImportSlots {
  readonly bundle?: ReceivedInput;
  readonly signature?: ReceivedInput;
}

function isSignatureFile(input: ReceivedInput): boolean {
  if (input.qrKind === 'bundle-signature') return true;
  const text = typeof input.data === 'string' ? input.data : input.data[0] === 0x7b ? safeText(input.data) : undefined;
  if (text === undefined || text.length > 64 * 1024) return false;
  try {
    return looksLikeDetachedSignature(JSON.parse(text));
  } catch {
    return false;
  }
}

function safeText(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Puts each input into its slot (a signature file goes beside the bundle); later inputs replace earlier ones. */
export function sortInputs(slots: ImportSlots, inputs: ReadonlyArray<ReceivedInput>): ImportSlots {
  let next = slots;
  for (const i of inputs) next = isSignatureFile(i) ? { ...next, signature: i } : { ...next, bundle: i };
  return next;
}

/** A certificate whose signatures the user may choose to trust. */
export interface SignerChoice {
  readonly fingerprint: string;
  readonly der: Uint8Array;
  readonly name: string;
  /** Where we hold it. */
  readonly where: string;
  /** Offered ticked: a partner CA whose fingerprint someone confirmed, or one installed through an introduction. */
  readonly suggested: boolean;
}

/** Trusted-signer choices: partner CAs in the held bundle and the store (our own CAs are not partners and come last). */
export async function signerChoices(held: TrustBundle | undefined, store: ReadonlyArray<HeldCa>): Promise<SignerChoice[]> {
  const out = new Map<string, SignerChoice>();
  for (const e of held?.entries ?? []) {
    if (!e.isCa) continue;
    const confirmed = e.provenance.some((p) => p.fingerprintConfirmed && p.kind !== 'own-root');
    out.set(e.fingerprint, { fingerprint: e.fingerprint, der: e.der, name: e.displayName, where: 'in this bundle', suggested: confirmed });
  }
  for (const h of store) {
    const info = await rootInfoOf(h.certDer).catch(() => undefined);
    if (!info || out.has(info.fingerprint) || !info.isCa) continue;
    const where = h.kind === 'own-root' ? 'your own CA' : h.kind === 'introduction' ? 'installed introduction' : 'cross-certified partner';
    out.set(info.fingerprint, { fingerprint: info.fingerprint, der: info.der, name: info.displayName, where, suggested: h.kind === 'introduction' });
  }
  return [...out.values()].sort((a, b) => Number(a.where === 'your own CA') - Number(b.where === 'your own CA'));
}

export interface ImportRequest {
  readonly trustedSigners: ReadonlyArray<Uint8Array>;
  readonly requireSignature: boolean;
  /** SPIFFE trust domain the incoming bundle belongs to ('' when not SPIFFE). */
  readonly trustDomain: string;
  readonly atMs: number;
}

export interface ImportCheck {
  readonly source: string;
  readonly imported: ImportedBundle;
  readonly diff: BundleDiff;
}

/**
 * Reads and verifies the bundle (with its detached signature, if any) and diffs it against `held`.
 * Trust is checked only against `trustedSigners`; with none chosen a signature proves integrity
 * only (ImportedBundle.signature.trusted is false). Throws the core's BUNDLE_* errors.
 */
export async function checkImport(held: TrustBundle, slots: ImportSlots, req: ImportRequest): Promise<ImportCheck | undefined> {
  const b = slots.bundle;
  if (!b) return undefined;
  const sig = slots.signature;
  const sigText = sig === undefined ? undefined : typeof sig.data === 'string' ? sig.data : utf8.decode(sig.data);
  const imported = await parseBundleInput(b.data, {
    atMs: req.atMs,
    fileName: b.name,
    requireSignature: req.requireSignature,
    ...(req.trustedSigners.length ? { trustedSigners: req.trustedSigners } : {}),
    ...(sigText !== undefined ? { detachedSignature: sigText } : {}),
  });
  const spiffe = imported.format === 'spiffe' || imported.format === 'jws';
  const td = req.trustDomain.trim();
  const full = diffBundle(held, imported, spiffe && td ? { trustDomain: td } : {});
  // A partner's bundle never carries our own CAs: their absence is not a change to propose.
  const diff = { ...full, removed: full.removed.filter((e) => e.provenance.some((p) => p.kind !== 'own-root')) };
  return { source: b.name, imported, diff };
}

/** Every change preselected? No: the user ticks each one. This is the full set, for "select all". */
export const everyChange = (check: ImportCheck): Set<string> => allChanges(check.diff);

/**
 * Applies the accepted changes and stores the result in one transaction (with its audit entry).
 * Throws StoreError STORE_CONFLICT when the bundle changed meanwhile; nothing is stored then.
 */
export async function acceptImport(
  db: Db,
  held: TrustBundle,
  check: ImportCheck,
  opts: { readonly accept: ReadonlySet<string>; readonly confirmedBy: string; readonly atMs: number },
): Promise<TrustBundle> {
  const signer = check.imported.signature;
  const trustedBy = signer?.trusted ? signer.signer.displayName : undefined;
  // A signature from a signer the user trusts vouches for the fingerprints as much as a phone call.
  const who = opts.confirmedBy.trim() || (trustedBy ? `signature of ${trustedBy}` : '');
  const detail = `${check.source} (${check.imported.format}${trustedBy ? `, signed by ${trustedBy}` : ''})`;
  const next = applyImport(held, check.diff, {
    accept: opts.accept,
    source: { detail, fingerprintConfirmed: who !== '', ...(who ? { confirmedBy: who } : {}) },
    atMs: opts.atMs,
    ...(check.imported.introductions ? { introductions: check.imported.introductions } : {}),
  });
  const n = opts.accept.size;
  await saveBundle(db, next, { expectedUpdatedMs: held.updatedMs, op: 'bundle.import', summary: `accepted ${n} change${n === 1 ? '' : 's'} from ${detail}` });
  return next;
}
