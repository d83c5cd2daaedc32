// Raw JOSE signatures with identity keys: EdDSA over Ed25519 (RFC 8037 §3.1), ES256/ES384
// (RFC 7518 §3.4, r||s), and checking them against a signer certificate's key. WebCrypto only.
import { PkiError, isPkiError } from '../errors.ts';
import { keyTypeOf, OID_ALG } from '../algorithms.ts';
import { copyBytes } from '../bytes.ts';
import { parseCertificate, type Certificate } from '../x509/certificate.ts';

export type JoseAlg = 'EdDSA' | 'ES256' | 'ES384';
export const JOSE_ALGS: ReadonlyArray<JoseAlg> = ['EdDSA', 'ES256', 'ES384'];

/** An identity that signs bundles: its private key (non-extractable is fine) and its certificate. */
export interface BundleSigner {
  readonly key: CryptoKey;
  readonly certDer: Uint8Array;
}

const PARAMS: Readonly<Record<JoseAlg, { importAlg: Algorithm | EcKeyImportParams; signAlg: Algorithm | EcdsaParams; keyOid: string; curveOid?: string }>> = {
  EdDSA: { importAlg: { name: 'Ed25519' }, signAlg: { name: 'Ed25519' }, keyOid: OID_ALG.ED25519 },
  ES256: { importAlg: { name: 'ECDSA', namedCurve: 'P-256' }, signAlg: { name: 'ECDSA', hash: 'SHA-256' }, keyOid: OID_ALG.EC_PUBLIC_KEY, curveOid: OID_ALG.P256 },
  ES384: { importAlg: { name: 'ECDSA', namedCurve: 'P-384' }, signAlg: { name: 'ECDSA', hash: 'SHA-384' }, keyOid: OID_ALG.EC_PUBLIC_KEY, curveOid: OID_ALG.P384 },
};

export function isJoseAlg(v: unknown): v is JoseAlg {
  return typeof v === 'string' && (JOSE_ALGS as ReadonlyArray<string>).includes(v);
}

/** The JOSE algorithm for a signing key. Throws KEY_UNSUPPORTED. */
export function joseAlgFor(key: CryptoKey): JoseAlg {
  return ({ ed25519: 'EdDSA', p256: 'ES256', p384: 'ES384' } as const)[keyTypeOf(key)];
}

/** Parses a signer certificate. Throws BUNDLE_BAD_CERTIFICATE. */
export function parseSignerCertificate(der: Uint8Array): Certificate {
  try {
    return parseCertificate(der);
  } catch (cause) {
    if (isPkiError(cause)) throw new PkiError('BUNDLE_BAD_CERTIFICATE', 'the signer certificate is not valid', { cause });
    throw cause;
  }
}

/** Verifies a raw JOSE signature with the signer certificate's key; false on any mismatch. */
export async function verifyJose(alg: JoseAlg, signer: Certificate, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const p = PARAMS[alg];
  if (signer.publicKeyAlgorithmOid !== p.keyOid || (p.curveOid && signer.publicKeyCurveOid !== p.curveOid)) return false;
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('spki', copyBytes(signer.subjectPublicKeyInfo), p.importAlg, false, ['verify']);
  } catch {
    return false;
  }
  return crypto.subtle.verify(p.signAlg, key, copyBytes(signature), copyBytes(data));
}

/**
 * Signs `data` with the signer's key and checks the result against its certificate, so a key
 * paired with the wrong certificate is caught here (KEY_MISMATCH) rather than by the receiver.
 */
export async function signJose(signer: BundleSigner, data: Uint8Array): Promise<{ alg: JoseAlg; signature: Uint8Array }> {
  const alg = joseAlgFor(signer.key);
  const signature = new Uint8Array(await crypto.subtle.sign(PARAMS[alg].signAlg, signer.key, copyBytes(data)));
  if (!(await verifyJose(alg, parseSignerCertificate(signer.certDer), data, signature))) {
    throw new PkiError('KEY_MISMATCH', 'the signing key does not belong to the signer certificate');
  }
  return { alg, signature };
}
