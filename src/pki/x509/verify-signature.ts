// Checks the signature on a certificate (or any signed TBS) with an issuer's SubjectPublicKeyInfo.
// Supported: Ed25519; ECDSA P-256/P-384/P-521 with SHA-256/384/512; RSA PKCS#1 v1.5 with SHA-256/384/512.
// Returns false for a bad signature; throws CERT_UNSUPPORTED_ALGORITHM for what we cannot check.
import { PkiError } from '../errors.ts';
import { OID_ALG, ecdsaDerToRaw } from '../algorithms.ts';
import { copyBytes } from '../bytes.ts';
import { TAG, children, contentOf, decodeOid, readWhole } from '../der.ts';
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
}): Promise<boolean> {
  const { issuerSpki, signatureAlgorithmOid: sigOid } = params;
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
  } else {
    throw new PkiError('CERT_UNSUPPORTED_ALGORITHM', `unsupported signature algorithm ${sigOid}`);
  }
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await crypto.subtle.importKey('spki', copyBytes(issuerSpki), importAlg, false, ['verify']);
  } catch (cause) {
    throw new PkiError('CERT_MALFORMED', 'the issuer public key cannot be imported', { cause });
  }
  return crypto.subtle.verify(verifyAlg, cryptoKey, copyBytes(signature), copyBytes(params.data));
}

/** True when `cert`'s signature verifies under `issuerSpki` (outer and TBS algorithms must agree). */
export async function verifyCertificateSignature(cert: Certificate, issuerSpki: Uint8Array): Promise<boolean> {
  if (cert.signatureAlgorithm.length !== cert.tbsSignatureAlgorithm.length || !cert.signatureAlgorithm.every((b, i) => b === cert.tbsSignatureAlgorithm[i])) {
    return false; // RFC 5280 §4.1.1.2: must match signature in TBSCertificate
  }
  return verifyX509Signature({ issuerSpki, signatureAlgorithmOid: cert.signatureAlgorithmOid, data: cert.tbs, signature: cert.signature });
}
