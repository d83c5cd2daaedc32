// Checks the signature on a certificate (or any signed TBS) with an issuer's SubjectPublicKeyInfo.
// Supported: Ed25519; ECDSA P-256/P-384/P-521 with SHA-256/384/512; RSA PKCS#1 v1.5 with SHA-256/384/512;
// RSASSA-PSS (RFC 4055 §3.1) with SHA-256/384/512, MGF1 with the same hash, trailer 1.
// Returns false for a bad signature; throws CERT_UNSUPPORTED_ALGORITHM for what we cannot check.
import { PkiError } from '../errors.ts';
import { OID_ALG, ecdsaDerToRaw } from '../algorithms.ts';
import { copyBytes } from '../bytes.ts';
import { TAG, children, contentOf, decodeOid, decodeSmallInteger, derNull, derSequence, elementOf, encodeOid, readWhole, type Tlv } from '../der.ts';
import type { Certificate } from './certificate.ts';

const ECDSA_HASH: Readonly<Record<string, string>> = {
  [OID_ALG.ECDSA_SHA256]: 'SHA-256',
  [OID_ALG.ECDSA_SHA384]: 'SHA-384',
  [OID_ALG.ECDSA_SHA512]: 'SHA-512',
};
const RSA_HASH: Readonly<Record<string, string>> = {
  [OID_ALG.RSA_SHA256]: 'SHA-256',
  [OID_ALG.RSA_SHA384]: 'SHA-384',
  [OID_ALG.RSA_SHA512]: 'SHA-512',
};
const CURVES: Readonly<Record<string, { name: string; size: number }>> = {
  [OID_ALG.P256]: { name: 'P-256', size: 32 },
  [OID_ALG.P384]: { name: 'P-384', size: 48 },
  [OID_ALG.P521]: { name: 'P-521', size: 66 },
};

const HASH_BY_OID: Readonly<Record<string, { name: string; bytes: number }>> = {
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', bytes: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', bytes: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', bytes: 64 },
};
const OID_MGF1 = '1.2.840.113549.1.1.8';

/** A hash AlgorithmIdentifier (parameters absent or NULL) → WebCrypto hash, or undefined if not one we accept. */
function hashOf(bytes: Uint8Array, t: Tlv): { name: string; bytes: number } | undefined {
  if (t.tag !== TAG.SEQUENCE) return undefined;
  const [oid, param, ...rest] = children(bytes, t);
  if (!oid || oid.tag !== TAG.OID || rest.length) return undefined;
  if (param && !(param.tag === TAG.NULL && param.end === param.start)) return undefined;
  return HASH_BY_OID[decodeOid(contentOf(bytes, oid))];
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1) from a signature AlgorithmIdentifier. The DEFAULTs are SHA-1,
 * which we refuse (CERT_UNSUPPORTED_ALGORITHM), so hashAlgorithm and maskGenAlgorithm must be present.
 */
export function parseRsaPssParams(algorithmIdentifier: Uint8Array): { hash: string; saltLength: number } {
  const unsupported = (what: string): never => {
    throw new PkiError('CERT_UNSUPPORTED_ALGORITHM', `RSASSA-PSS ${what}`);
  };
  const top = readWhole(algorithmIdentifier, TAG.SEQUENCE);
  const [, params, ...extra] = children(algorithmIdentifier, top);
  if (!params || params.tag !== TAG.SEQUENCE || extra.length) unsupported('without parameters (SHA-1 defaults)');
  let hash: { name: string; bytes: number } | undefined;
  let mgfHash: { name: string; bytes: number } | undefined;
  let saltLength = 20;
  let lastTag = 0x9f;
  for (const f of children(algorithmIdentifier, params!)) {
    if (f.tag <= lastTag && lastTag !== 0x9f) throw new PkiError('CERT_MALFORMED', 'RSASSA-PSS parameters out of order');
    lastTag = f.tag;
    const [inner, ...more] = children(algorithmIdentifier, f);
    if (!inner || more.length) throw new PkiError('CERT_MALFORMED', 'RSASSA-PSS parameter');
    if (f.tag === 0xa0) hash = hashOf(algorithmIdentifier, inner) ?? unsupported('hash');
    else if (f.tag === 0xa1) {
      if (inner.tag !== TAG.SEQUENCE) throw new PkiError('CERT_MALFORMED', 'RSASSA-PSS maskGenAlgorithm');
      const [mgfOid, mgfParam, ...x] = children(algorithmIdentifier, inner);
      if (!mgfOid || mgfOid.tag !== TAG.OID || !mgfParam || x.length) throw new PkiError('CERT_MALFORMED', 'RSASSA-PSS maskGenAlgorithm');
      if (decodeOid(contentOf(algorithmIdentifier, mgfOid)) !== OID_MGF1) unsupported('mask generation function');
      mgfHash = hashOf(algorithmIdentifier, mgfParam) ?? unsupported('MGF1 hash');
    } else if (f.tag === 0xa2) {
      if (inner.tag !== TAG.INTEGER) throw new PkiError('CERT_MALFORMED', 'RSASSA-PSS saltLength');
      saltLength = decodeSmallInteger(contentOf(algorithmIdentifier, inner));
    } else if (f.tag === 0xa3) {
      if (inner.tag !== TAG.INTEGER || decodeSmallInteger(contentOf(algorithmIdentifier, inner)) !== 1) unsupported('trailer field');
    } else throw new PkiError('CERT_MALFORMED', 'RSASSA-PSS parameters: unknown field');
  }
  if (!hash || !mgfHash) unsupported('with SHA-1 (default) hash or MGF1');
  if (hash!.name !== mgfHash!.name) unsupported('with different message and MGF1 hashes');
  return { hash: hash!.name, saltLength };
}

/** An id-RSASSA-PSS SubjectPublicKeyInfo re-labelled rsaEncryption, which every WebCrypto imports. */
function asRsaEncryptionSpki(spki: Uint8Array): Uint8Array {
  const top = readWhole(spki, TAG.SEQUENCE);
  const [, bits] = children(spki, top);
  if (!bits) throw new PkiError('CERT_MALFORMED', 'SubjectPublicKeyInfo');
  return derSequence(derSequence(encodeOid(OID_ALG.RSA), derNull()), elementOf(spki, bits));
}

// Importing a public key costs more than verifying with it (Node: ~4x), and validators see the same CA
// keys again and again: keep the last imported public keys (never private ones), bounded, LRU.
const KEY_CACHE_SIZE = 128;
const keyCache = new Map<string, Promise<CryptoKey>>();

async function importVerifyKey(spki: Uint8Array, alg: Algorithm | EcKeyImportParams | RsaHashedImportParams): Promise<CryptoKey> {
  let id = `${JSON.stringify(alg)}|`;
  for (const b of spki) id += String.fromCharCode(b);
  let p = keyCache.get(id);
  if (p) {
    keyCache.delete(id);
  } else {
    p = crypto.subtle.importKey('spki', copyBytes(spki), alg, false, ['verify']);
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
  }
  keyCache.set(id, p);
  try {
    return await p;
  } catch (cause) {
    keyCache.delete(id);
    throw new PkiError('CERT_MALFORMED', 'the issuer public key cannot be imported', { cause });
  }
}

function spkiAlgorithm(spki: Uint8Array): { oid: string; curve?: string } {
  const top = readWhole(spki, TAG.SEQUENCE);
  const [alg] = children(spki, top);
  if (!alg || alg.tag !== TAG.SEQUENCE) throw new PkiError('CERT_MALFORMED', 'SubjectPublicKeyInfo algorithm');
  const [oid, param] = children(spki, alg);
  if (!oid || oid.tag !== TAG.OID) throw new PkiError('CERT_MALFORMED', 'SubjectPublicKeyInfo algorithm OID');
  const out: { oid: string; curve?: string } = { oid: decodeOid(contentOf(spki, oid)) };
  if (param?.tag === TAG.OID) out.curve = decodeOid(contentOf(spki, param));
  return out;
}

/**
 * Verifies `signature` (as carried in X.509: ECDSA DER-encoded) over `data` made with the
 * algorithm `signatureAlgorithmOid` by the key in `issuerSpki`.
 */
export async function verifyX509Signature(params: {
  readonly issuerSpki: Uint8Array;
  readonly signatureAlgorithmOid: string;
  readonly data: Uint8Array;
  readonly signature: Uint8Array;
  /** The whole signature AlgorithmIdentifier DER; needed for algorithms with parameters (RSASSA-PSS). */
  readonly signatureAlgorithm?: Uint8Array;
}): Promise<boolean> {
  const { signatureAlgorithmOid: sigOid } = params;
  let issuerSpki = params.issuerSpki;
  const key = spkiAlgorithm(issuerSpki);
  let importAlg: Algorithm | EcKeyImportParams | RsaHashedImportParams;
  let verifyAlg: Algorithm | EcdsaParams;
  let signature = params.signature;
  if (sigOid === OID_ALG.ED25519) {
    if (key.oid !== OID_ALG.ED25519) return false;
    importAlg = { name: 'Ed25519' };
    verifyAlg = { name: 'Ed25519' };
  } else if (ECDSA_HASH[sigOid]) {
    const curve = key.curve ? CURVES[key.curve] : undefined;
    if (key.oid !== OID_ALG.EC_PUBLIC_KEY) return false;
    if (!curve) throw new PkiError('CERT_UNSUPPORTED_ALGORITHM', `unsupported EC curve ${key.curve ?? '(none)'}`);
    importAlg = { name: 'ECDSA', namedCurve: curve.name };
    verifyAlg = { name: 'ECDSA', hash: ECDSA_HASH[sigOid]! };
    try {
      signature = ecdsaDerToRaw(signature, curve.size);
    } catch {
      return false;
    }
  } else if (RSA_HASH[sigOid]) {
    if (key.oid !== OID_ALG.RSA) return false;
    importAlg = { name: 'RSASSA-PKCS1-v1_5', hash: RSA_HASH[sigOid]! };
    verifyAlg = { name: 'RSASSA-PKCS1-v1_5' };
  } else if (sigOid === OID_ALG.RSA_PSS) {
    if (!params.signatureAlgorithm) throw new PkiError('CERT_UNSUPPORTED_ALGORITHM', 'RSASSA-PSS needs its parameters');
    const pss = parseRsaPssParams(params.signatureAlgorithm);
    if (key.oid !== OID_ALG.RSA && key.oid !== OID_ALG.RSA_PSS) return false;
    if (key.oid === OID_ALG.RSA_PSS) issuerSpki = asRsaEncryptionSpki(issuerSpki);
    importAlg = { name: 'RSA-PSS', hash: pss.hash };
    verifyAlg = { name: 'RSA-PSS', saltLength: pss.saltLength } as RsaPssParams;
  } else {
    throw new PkiError('CERT_UNSUPPORTED_ALGORITHM', `unsupported signature algorithm ${sigOid}`);
  }
  const cryptoKey = await importVerifyKey(issuerSpki, importAlg);
  return crypto.subtle.verify(verifyAlg, cryptoKey, copyBytes(signature), copyBytes(params.data));
}

/** True when `cert`'s signature verifies under `issuerSpki` (outer and TBS algorithms must agree). */
export async function verifyCertificateSignature(cert: Certificate, issuerSpki: Uint8Array): Promise<boolean> {
  if (cert.signatureAlgorithm.length !== cert.tbsSignatureAlgorithm.length || !cert.signatureAlgorithm.every((b, i) => b === cert.tbsSignatureAlgorithm[i])) {
    return false; // RFC 5280 §4.1.1.2: must match signature in TBSCertificate
  }
  return verifyX509Signature({
    issuerSpki,
    signatureAlgorithmOid: cert.signatureAlgorithmOid,
    signatureAlgorithm: cert.signatureAlgorithm,
    data: cert.tbs,
    signature: cert.signature,
  });
}
