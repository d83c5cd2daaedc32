// JWS (RFC 7515) over a SPIFFE bundle document: compact (§7.1) or flattened JSON (§7.2.2)
// serialization; protected header {"alg","typ":"JOSE","x5c":[signer DER]}; EdDSA (RFC 8037), ES256, ES384.
import { PkiError } from '../errors.ts';
import { fromBase64, toBase64, toBase64Url, utf8 } from '../bytes.ts';
import { isJoseAlg, joseAlgFor, parseSignerCertificate, signJose, verifyJose, type BundleSigner } from './jose-sign.ts';
import { checkSignerTrusted, bundleSignerInfoOf } from './signer-trust.ts';
import type { VerifiedBundleSignature, BundleVerifyOptions } from './detached-signature.ts';

const b64u = (b: Uint8Array): string => toBase64Url(b, { pad: false });

/** Signs `payload` (the exact SPIFFE JSON bytes). Throws KEY_UNSUPPORTED, KEY_MISMATCH. */
export async function signJws(signer: BundleSigner, payload: Uint8Array, serialization: 'compact' | 'json' = 'compact'): Promise<string> {
  const header = { alg: joseAlgFor(signer.key), typ: 'JOSE', x5c: [toBase64(signer.certDer)] };
  const protectedB64 = b64u(utf8.encode(JSON.stringify(header)));
  const payloadB64 = b64u(payload);
  const { signature } = await signJose(signer, utf8.encode(`${protectedB64}.${payloadB64}`));
  if (serialization === 'compact') return `${protectedB64}.${payloadB64}.${b64u(signature)}\n`;
  return JSON.stringify({ payload: payloadB64, protected: protectedB64, signature: b64u(signature) }, null, 2) + '\n';
}

const COMPACT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;

/** True when `text` (trimmed) has the shape of a compact JWS. */
export function looksLikeCompactJws(text: string): boolean {
  return COMPACT.test(text);
}

/** True for a flattened or general JWS JSON object. */
export function looksLikeJwsJson(doc: Record<string, unknown>): boolean {
  return typeof doc['payload'] === 'string' && (typeof doc['signature'] === 'string' || Array.isArray(doc['signatures']));
}

function shape(message: string, cause?: unknown): never {
  throw new PkiError('BUNDLE_BAD_SHAPE', `JWS: ${message}`, cause === undefined ? undefined : { cause });
}

function b64uDecode(s: string, what: string): Uint8Array {
  try {
    return fromBase64(s, { alphabet: 'url', padding: 'forbidden' });
  } catch (cause) {
    shape(`${what} is not base64url`, cause);
  }
}

/** The three parts of a compact or JSON-serialized JWS (general form: exactly one signature). */
function partsOf(input: string | Record<string, unknown>): { protectedB64: string; payloadB64: string; signatureB64: string } {
  if (typeof input === 'string') {
    const m = input.trim().match(COMPACT);
    if (!m) shape('not a compact serialization');
    return { protectedB64: m[1]!, payloadB64: m[2]!, signatureB64: m[3]! };
  }
  let sig: Record<string, unknown> = input;
  if (Array.isArray(input['signatures'])) {
    if (input['signatures'].length !== 1) shape('exactly one signature is supported');
    sig = input['signatures'][0] as Record<string, unknown>;
  }
  if (typeof sig?.['protected'] !== 'string' || typeof sig['signature'] !== 'string') shape('"protected" and "signature" must be strings');
  if (sig['header'] !== undefined) shape('unprotected headers are not accepted');
  return { protectedB64: sig['protected'], payloadB64: input['payload'] as string, signatureB64: sig['signature'] };
}

/**
 * Checks a JWS and returns its payload bytes. Throws BUNDLE_BAD_SHAPE, BUNDLE_UNSUPPORTED_ALGORITHM
 * (including "none"), BUNDLE_BAD_CERTIFICATE, BUNDLE_SIGNATURE_INVALID, BUNDLE_SIGNER_UNTRUSTED.
 */
export async function verifyJws(input: string | Record<string, unknown>, options: BundleVerifyOptions): Promise<VerifiedBundleSignature & { payload: Uint8Array }> {
  const { protectedB64, payloadB64, signatureB64 } = partsOf(input);
  let header: unknown;
  try {
    header = JSON.parse(utf8.decode(b64uDecode(protectedB64, 'the protected header')));
  } catch (cause) {
    if (cause instanceof PkiError && cause.code === 'BUNDLE_BAD_SHAPE') throw cause;
    shape('the protected header is not JSON', cause);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) shape('the protected header is not an object');
  const h = header as Record<string, unknown>;
  if (h['crit'] !== undefined) shape('"crit" extensions are not understood (RFC 7515 §4.1.11)');
  if (h['b64'] !== undefined) shape('unencoded payloads (RFC 7797) are not accepted');
  const alg = h['alg'];
  if (!isJoseAlg(alg)) throw new PkiError('BUNDLE_UNSUPPORTED_ALGORITHM', 'JWS "alg" must be EdDSA, ES256 or ES384');
  const x5c = h['x5c'];
  if (!Array.isArray(x5c) || x5c.length < 1 || typeof x5c[0] !== 'string') shape('the protected header must carry the signer in "x5c"');
  let signerDer: Uint8Array;
  try {
    signerDer = fromBase64(x5c[0], { alphabet: 'std', padding: 'required' });
  } catch (cause) {
    shape('x5c is not standard base64', cause);
  }
  const signer = parseSignerCertificate(signerDer);
  const signature = b64uDecode(signatureB64, 'the signature');
  const payload = b64uDecode(payloadB64, 'the payload');
  if (!(await verifyJose(alg, signer, utf8.encode(`${protectedB64}.${payloadB64}`), signature))) {
    throw new PkiError('BUNDLE_SIGNATURE_INVALID', 'the JWS signature does not verify');
  }
  const info = await bundleSignerInfoOf(signer);
  if (!options.trustedSigners) return { alg, signer: info, trusted: false, payload };
  const via = await checkSignerTrusted(signer, options.trustedSigners, options.atMs);
  return { alg, signer: { ...info, trustedVia: via }, trusted: true, payload };
}
