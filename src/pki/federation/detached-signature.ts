// Detached signature files for any exported bundle file (docs/federation.md "Signed bundles"):
//   {"type":"crosstrust-bundle-signature","version":1,"alg":"ES256","signer":"<base64 DER>",
//    "sha256":"<hex of the signed bytes>","signature":"<base64url r||s or Ed25519>"}
// The signature covers the exact bytes of the file, nothing else.
import { PkiError } from '../errors.ts';
import { bytesEqual, fromBase64, fromHex, sha256, toBase64, toBase64Url, toHex } from '../bytes.ts';
import { isJoseAlg, parseSignerCertificate, signJose, verifyJose, type BundleSigner, type JoseAlg } from './jose-sign.ts';
import { checkSignerTrusted, bundleSignerInfoOf, type BundleSignerInfo } from './signer-trust.ts';

export const SIGNATURE_TYPE = 'crosstrust-bundle-signature';

export interface BundleVerifyOptions {
  /** Certificates whose signatures (or whose directly issued certificates' signatures) we accept. */
  readonly trustedSigners?: ReadonlyArray<Uint8Array>;
  readonly atMs: number;
}

export interface VerifiedBundleSignature {
  readonly alg: JoseAlg;
  readonly signer: BundleSignerInfo;
  /** True when `trustedSigners` was given and the signer passed; false when nobody was asked. */
  readonly trusted: boolean;
}

/** A detached signature file (JSON text, trailing newline) over `data`. Throws KEY_UNSUPPORTED, KEY_MISMATCH. */
export async function signDetached(signer: BundleSigner, data: Uint8Array): Promise<string> {
  const { alg, signature } = await signJose(signer, data);
  const doc = {
    type: SIGNATURE_TYPE,
    version: 1,
    alg,
    signer: toBase64(signer.certDer),
    sha256: toHex(await sha256(data)),
    signature: toBase64Url(signature, { pad: false }),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function bad(message: string, cause?: unknown): never {
  throw new PkiError('BUNDLE_BAD_SHAPE', `signature file: ${message}`, cause === undefined ? undefined : { cause });
}

function field(doc: Record<string, unknown>, name: string): string {
  const v = doc[name];
  if (typeof v !== 'string') bad(`"${name}" must be a string`);
  return v;
}

/** True when `text` parses as our detached signature JSON (for sniffing). */
export function looksLikeDetachedSignature(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as Record<string, unknown>)['type'] === SIGNATURE_TYPE;
}

/**
 * Checks a detached signature over `data`. Throws BUNDLE_BAD_JSON, BUNDLE_BAD_SHAPE,
 * BUNDLE_UNSUPPORTED_ALGORITHM, BUNDLE_BAD_CERTIFICATE, BUNDLE_SIGNATURE_INVALID (bytes changed or
 * signed by another key), BUNDLE_SIGNER_UNTRUSTED (only when `trustedSigners` is given).
 */
export async function verifyDetached(data: Uint8Array, signatureText: string, options: BundleVerifyOptions): Promise<VerifiedBundleSignature> {
  let doc: unknown;
  try {
    doc = JSON.parse(signatureText);
  } catch (cause) {
    throw new PkiError('BUNDLE_BAD_JSON', 'the signature file is not JSON', { cause });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !looksLikeDetachedSignature(doc)) bad(`"type" must be "${SIGNATURE_TYPE}"`);
  const d = doc as Record<string, unknown>;
  if (d['version'] !== 1) bad('unsupported version');
  const alg = d['alg'];
  if (!isJoseAlg(alg)) throw new PkiError('BUNDLE_UNSUPPORTED_ALGORITHM', 'signature algorithm must be EdDSA, ES256 or ES384');
  let signerDer: Uint8Array;
  let signature: Uint8Array;
  let digest: Uint8Array;
  try {
    signerDer = fromBase64(field(d, 'signer'), { alphabet: 'std', padding: 'required' });
    signature = fromBase64(field(d, 'signature'), { alphabet: 'url', padding: 'forbidden' });
    digest = fromHex(field(d, 'sha256'));
  } catch (cause) {
    if (cause instanceof PkiError && cause.code === 'BUNDLE_BAD_SHAPE') throw cause;
    bad('a field is not correctly encoded', cause);
  }
  const signer = parseSignerCertificate(signerDer);
  // The digest is informative; the signature decides. A mismatch still means "changed".
  if (!bytesEqual(digest, await sha256(data)) || !(await verifyJose(alg, signer, data, signature))) {
    throw new PkiError('BUNDLE_SIGNATURE_INVALID', 'the bundle does not match its signature');
  }
  const info = await bundleSignerInfoOf(signer);
  if (!options.trustedSigners) return { alg, signer: info, trusted: false };
  const via = await checkSignerTrusted(signer, options.trustedSigners, options.atMs);
  return { alg, signer: { ...info, trustedVia: via }, trusted: true };
}
