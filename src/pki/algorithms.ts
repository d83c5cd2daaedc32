// Key types and signature algorithms we issue with: Ed25519 (RFC 8410), ECDSA P-256/P-384 (RFC 5758).
// Signatures follow certified: Ed25519 for Ed25519 issuers, ECDSA with SHA-256 for every curve.
import { PkiError } from './errors.ts';
import { TAG, children, contentOf, derNull, derSequence, derUnsignedInteger, encodeOid, readWhole } from './der.ts';
import { concatBytes, copyBytes } from './bytes.ts';

export type KeyType = 'ed25519' | 'p256' | 'p384';
export const KEY_TYPES: ReadonlyArray<KeyType> = ['ed25519', 'p256', 'p384'];

export const OID_ALG = {
  ED25519: '1.3.101.112',
  EC_PUBLIC_KEY: '1.2.840.10045.2.1',
  P256: '1.2.840.10045.3.1.7',
  P384: '1.3.132.0.34',
  P521: '1.3.132.0.35',
  RSA: '1.2.840.113549.1.1.1',
  RSA_PSS: '1.2.840.113549.1.1.10',
  ECDSA_SHA256: '1.2.840.10045.4.3.2',
  ECDSA_SHA384: '1.2.840.10045.4.3.3',
  ECDSA_SHA512: '1.2.840.10045.4.3.4',
  RSA_SHA256: '1.2.840.113549.1.1.11',
  RSA_SHA384: '1.2.840.113549.1.1.12',
  RSA_SHA512: '1.2.840.113549.1.1.13',
} as const;

export function keyGenParams(type: KeyType): Algorithm | EcKeyGenParams {
  switch (type) {
    case 'ed25519':
      return { name: 'Ed25519' };
    case 'p256':
      return { name: 'ECDSA', namedCurve: 'P-256' };
    case 'p384':
      return { name: 'ECDSA', namedCurve: 'P-384' };
  }
}

/** Human label for a key type. */
export function keyTypeLabel(type: KeyType): string {
  return { ed25519: 'Ed25519', p256: 'ECDSA P-256', p384: 'ECDSA P-384' }[type];
}

/**
 * A new signing key pair. The private key is non-extractable unless `extractable` is true, which
 * only the escrow-at-birth path (src/pki/escrow.ts) and the Node CLI's PKCS#8 files may ask for.
 */
export async function generateKeyPair(type: KeyType, options: { extractable?: boolean } = {}): Promise<CryptoKeyPair> {
  const pair = (await crypto.subtle.generateKey(keyGenParams(type), options.extractable ?? false, ['sign', 'verify'])) as CryptoKeyPair;
  return pair;
}

/** The key type of a WebCrypto key we can sign with. Throws KEY_UNSUPPORTED. */
export function keyTypeOf(key: CryptoKey): KeyType {
  const alg = key.algorithm as EcKeyAlgorithm;
  if (alg.name === 'Ed25519') return 'ed25519';
  if (alg.name === 'ECDSA' && alg.namedCurve === 'P-256') return 'p256';
  if (alg.name === 'ECDSA' && alg.namedCurve === 'P-384') return 'p384';
  throw new PkiError('KEY_UNSUPPORTED', `cannot sign with a ${alg.name} key`);
}

/** SubjectPublicKeyInfo DER of a public key. */
export async function exportSpki(publicKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
}

/** AlgorithmIdentifier DER for signatures made by `issuerKey` (certified: ECDSA always with SHA-256). */
export function signatureAlgorithmDer(issuerKey: CryptoKey): Uint8Array {
  return keyTypeOf(issuerKey) === 'ed25519' ? derSequence(encodeOid(OID_ALG.ED25519)) : derSequence(encodeOid(OID_ALG.ECDSA_SHA256));
}

function signParams(key: CryptoKey): Algorithm | EcdsaParams {
  return keyTypeOf(key) === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
}

/** Signs `data`, returning the signature as it goes into a certificate (ECDSA as DER Ecdsa-Sig-Value). */
export async function signForX509(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  const raw = new Uint8Array(await crypto.subtle.sign(signParams(key), key, copyBytes(data)));
  if (keyTypeOf(key) === 'ed25519') return raw;
  return ecdsaRawToDer(raw);
}

/** IEEE P1363 r||s → DER SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return derSequence(derUnsignedInteger(raw.subarray(0, half)), derUnsignedInteger(raw.subarray(half)));
}

/** DER Ecdsa-Sig-Value → IEEE P1363 r||s of `size` bytes each. Throws CERT_MALFORMED. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array {
  const top = readWhole(der, TAG.SEQUENCE);
  const parts = children(der, top);
  if (parts.length !== 2 || parts.some((p) => p.tag !== TAG.INTEGER)) throw new PkiError('CERT_MALFORMED', 'ECDSA signature is not two INTEGERs');
  const fixed = parts.map((p) => {
    let v = contentOf(der, p);
    if (v.length > 1 && v[0] === 0 && (v[1]! & 0x80) === 0) throw new PkiError('CERT_MALFORMED', 'ECDSA signature INTEGER not minimal');
    if (v[0]! & 0x80) throw new PkiError('CERT_MALFORMED', 'negative ECDSA signature value');
    while (v.length > size && v[0] === 0) v = v.subarray(1);
    if (v.length > size) throw new PkiError('CERT_MALFORMED', 'ECDSA signature value too long');
    const out = new Uint8Array(size);
    out.set(v, size - v.length);
    return out;
  });
  return concatBytes(fixed[0]!, fixed[1]!);
}

export { derNull };
