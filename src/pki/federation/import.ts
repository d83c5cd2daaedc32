// Reads a bundle someone sent us, in any format we export: PEM, DER, step-ca JSON, SPIFFE JWKS,
// JWS over a SPIFFE document, or any of these with a detached signature. Sniffs once, caps the
// size before decoding, and refuses a bundle that is not purely CA roots with one name per key.
import { PkiError, isPkiError } from '../errors.ts';
import { utf8 } from '../bytes.ts';
import { parsePem } from '../pem.ts';
import { rootInfoOf } from './root-info.ts';
import { parseSpiffeObject } from './spiffe.ts';
import { looksLikeCompactJws, looksLikeJwsJson, verifyJws } from './jws.ts';
import { looksLikeDetachedSignature, verifyDetached, type VerifiedBundleSignature } from './detached-signature.ts';
import { looksLikeKnownServerYaml, looksLikeZip, parseCertifiedZip, parseKnownServerFile } from './certified-import.ts';
import { MAX_BUNDLE_INPUT_BYTES, type BundleIntroductionDetail, type RootInfo } from './model.ts';

export type BundleFormat = 'pem' | 'der' | 'step-json' | 'spiffe' | 'jws' | 'certified';

export interface BundleImportOptions {
  readonly atMs: number;
  /** Signers we accept; without it a signature is checked for integrity only (`trusted: false`). */
  readonly trustedSigners?: ReadonlyArray<Uint8Array>;
  /** The detached signature file that came with the input. */
  readonly detachedSignature?: string;
  /** Refuse input that carries no signature (BUNDLE_SIGNATURE_REQUIRED). */
  readonly requireSignature?: boolean;
  /**
   * Composing, not importing: keep non-CA certificates and one key under two names (composeBundle
   * flags them and leaves them out of exports) instead of refusing the input.
   */
  readonly allowFlagged?: boolean;
  /** The file the input came from (a known_servers record's alias is its file name). */
  readonly fileName?: string;
}

export interface ImportedBundle {
  readonly format: BundleFormat;
  /** Distinct roots in input order (the same certificate twice is read once). */
  readonly roots: ReadonlyArray<RootInfo>;
  readonly spiffe?: { readonly sequence?: number; readonly refreshHintS?: number; readonly skippedKeys: number };
  readonly signature?: VerifiedBundleSignature & { readonly kind: 'detached' | 'jws' };
  /** certified files: root fingerprint → its introduction details (signer name, services, id/ cert). */
  readonly introductions?: Readonly<Record<string, BundleIntroductionDetail>>;
}

/** Throws BUNDLE_TOO_LARGE when `input` is over the cap; returns its bytes. */
export function cappedBundleBytes(input: string | Uint8Array): Uint8Array {
  // A string of n UTF-16 units has at least n UTF-8 bytes: check before encoding anything.
  if (input.length > MAX_BUNDLE_INPUT_BYTES) throw new PkiError('BUNDLE_TOO_LARGE', `bundle input is over ${MAX_BUNDLE_INPUT_BYTES} bytes`);
  const bytes = typeof input === 'string' ? utf8.encode(input) : input;
  if (bytes.length > MAX_BUNDLE_INPUT_BYTES) throw new PkiError('BUNDLE_TOO_LARGE', `bundle input is over ${MAX_BUNDLE_INPUT_BYTES} bytes`);
  return bytes;
}

function pemCertificates(text: string, where: string): Uint8Array[] {
  let blocks;
  try {
    blocks = parsePem(text);
  } catch (cause) {
    if (isPkiError(cause, 'INPUT_TRUNCATED')) throw new PkiError('BUNDLE_TRUNCATED', `${where}: ${cause.message}`, { cause });
    if (isPkiError(cause)) throw new PkiError('BUNDLE_BAD_PEM', `${where}: ${cause.message}`, { cause });
    throw cause;
  }
  for (const [i, b] of blocks.entries()) {
    if (b.label !== 'CERTIFICATE') throw new PkiError('BUNDLE_BAD_PEM', `${where}: block ${i + 1} is ${b.label}, not CERTIFICATE`);
  }
  return blocks.map((b) => b.der);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PkiError('BUNDLE_BAD_JSON', 'the bundle looks like JSON but does not parse', { cause });
  }
}

async function rootsOf(ders: ReadonlyArray<Uint8Array>): Promise<RootInfo[]> {
  return Promise.all(ders.map((d, i) => rootInfoOf(d, `certificate ${i + 1}`)));
}

/** Refuses leaves and one key under two names (unless `allowFlagged`); drops repeats of the same certificate. */
export function checkBundleRoots(roots: ReadonlyArray<RootInfo>, options: { readonly allowFlagged?: boolean } = {}): RootInfo[] {
  if (roots.length === 0) throw new PkiError('BUNDLE_EMPTY', 'the bundle holds no certificate');
  const seen = new Map<string, RootInfo>();
  const byKey = new Map<string, RootInfo>();
  for (const [i, r] of roots.entries()) {
    if (options.allowFlagged) {
      seen.set(r.fingerprint, seen.get(r.fingerprint) ?? r);
      continue;
    }
    if (!r.isCa) throw new PkiError('BUNDLE_LEAF_CERTIFICATE', `certificate ${i + 1} (${r.displayName}) is not a CA certificate`, { details: { index: i + 1 } });
    if (seen.has(r.fingerprint)) continue;
    const other = byKey.get(r.keyId);
    if (other && other.subject !== r.subject) {
      throw new PkiError('BUNDLE_DUPLICATE_KEY', `certificate ${i + 1} uses the key of another root under a different name`, { details: { index: i + 1 } });
    }
    seen.set(r.fingerprint, r);
    byKey.set(r.keyId, r);
  }
  return [...seen.values()];
}

async function parseUnsigned(bytes: Uint8Array, options: BundleImportOptions): Promise<Omit<ImportedBundle, 'roots'> & { roots: RootInfo[] }> {
  if (bytes.length === 0) throw new PkiError('BUNDLE_EMPTY', 'the bundle is empty');
  if (bytes[0] === 0x30) return { format: 'der', roots: await rootsOf([bytes]) };
  if (looksLikeZip(bytes)) {
    const c = await parseCertifiedZip(bytes);
    return { format: 'certified', roots: [...c.roots], introductions: c.introductions };
  }
  let text: string;
  try {
    text = utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch (cause) {
    throw new PkiError('BUNDLE_UNRECOGNISED', 'the bundle is neither DER nor UTF-8 text', { cause });
  }
  const t = text.trim();
  if (t === '') throw new PkiError('BUNDLE_EMPTY', 'the bundle is empty');
  if (t.startsWith('-----BEGIN')) return { format: 'pem', roots: await rootsOf(pemCertificates(text, 'PEM bundle')) };
  if (looksLikeCompactJws(t)) return fromJws(t, options);
  if (t.startsWith('{')) {
    const doc = parseJson(t);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new PkiError('BUNDLE_BAD_SHAPE', 'the bundle JSON is not an object');
    const d = doc as Record<string, unknown>;
    if (looksLikeDetachedSignature(d)) throw new PkiError('BUNDLE_UNRECOGNISED', 'this is a signature file: import the bundle and give this file as its signature');
    if ('crts' in d) {
      const crts = d['crts'];
      if (!Array.isArray(crts) || crts.some((c) => typeof c !== 'string')) throw new PkiError('BUNDLE_BAD_SHAPE', 'step-ca JSON: "crts" must be an array of PEM strings');
      const ders = (crts as string[]).flatMap((c, i) => {
        const list = pemCertificates(c, `crts[${i}]`);
        if (list.length !== 1) throw new PkiError('BUNDLE_BAD_PEM', `crts[${i}] must hold exactly one certificate`);
        return list;
      });
      return { format: 'step-json', roots: await rootsOf(ders) };
    }
    if (looksLikeJwsJson(d)) return fromJws(d, options);
    if ('keys' in d) {
      const s = await parseSpiffeObject(d);
      const { roots, ...spiffe } = s;
      return { format: 'spiffe', roots: [...roots], spiffe };
    }
    throw new PkiError('BUNDLE_UNRECOGNISED', 'JSON that is neither step-ca {"crts"}, a SPIFFE bundle nor a JWS');
  }
  if (looksLikeKnownServerYaml(text)) {
    const c = await parseKnownServerFile(text, options.fileName);
    return { format: 'certified', roots: [...c.roots], introductions: c.introductions };
  }
  throw new PkiError('BUNDLE_UNRECOGNISED', 'not PEM, DER, step-ca JSON, SPIFFE JSON, JWS or certified files');
}

async function fromJws(input: string | Record<string, unknown>, options: BundleImportOptions): Promise<Omit<ImportedBundle, 'roots'> & { roots: RootInfo[] }> {
  const { payload, ...signature } = await verifyJws(input, options);
  const doc = parseJson(utf8.decode(payload));
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('keys' in doc)) {
    throw new PkiError('BUNDLE_BAD_SHAPE', 'the JWS payload is not a SPIFFE bundle');
  }
  const { roots, ...spiffe } = await parseSpiffeObject(doc as Record<string, unknown>);
  return { format: 'jws', roots: [...roots], spiffe, signature: { ...signature, kind: 'jws' } };
}

/**
 * Reads a bundle from text or bytes. Throws (all BUNDLE_): TOO_LARGE, EMPTY, UNRECOGNISED,
 * TRUNCATED, BAD_PEM, BAD_JSON, BAD_SHAPE, BAD_CERTIFICATE, LEAF_CERTIFICATE, DUPLICATE_KEY,
 * SPIFFE_BAD_KEY, SPIFFE_KEY_MISMATCH, UNSUPPORTED_ALGORITHM, SIGNATURE_INVALID,
 * SIGNATURE_REQUIRED, SIGNER_UNTRUSTED. Pure: nothing is stored.
 */
export async function parseBundleInput(input: string | Uint8Array, options: BundleImportOptions): Promise<ImportedBundle> {
  const bytes = cappedBundleBytes(input);
  let detached: ImportedBundle['signature'];
  if (options.detachedSignature !== undefined) {
    cappedBundleBytes(options.detachedSignature);
    detached = { ...(await verifyDetached(bytes, options.detachedSignature, options)), kind: 'detached' };
  }
  const parsed = await parseUnsigned(bytes, options);
  const signature = detached ?? parsed.signature;
  if (options.requireSignature && !signature) throw new PkiError('BUNDLE_SIGNATURE_REQUIRED', 'this bundle must be signed');
  const roots = checkBundleRoots(parsed.roots, options.allowFlagged ? { allowFlagged: true } : {});
  return { ...parsed, roots, ...(signature ? { signature } : {}) };
}
