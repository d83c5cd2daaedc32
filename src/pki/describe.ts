// Read-only summaries of certificates for display: names, validity at a given time, key, extensions,
// fingerprints. Pure data out; no judgement of trust (that is path validation's job).
import { TAG, children, contentOf, readWhole } from './der.ts';
import { bytesEqual } from './bytes.ts';
import { OID_ALG } from './algorithms.ts';
import { displayName, renderRfc4514 } from './names.ts';
import { fingerprintOf, type Fingerprint } from './fingerprint.ts';
import { basicConstraintsOf, parseCertificate, serialHex, type Certificate } from './x509/certificate.ts';
import { verifyCertificateSignature } from './x509/verify-signature.ts';
import { colonHex, describeExtensions, type ExtensionSummary } from './describe-extensions.ts';

export type ValidityStatus = 'valid' | 'expired' | 'not-yet-valid';

export interface KeyDescription {
  /** e.g. 'Ed25519', 'ECDSA P-256', 'RSA'. */
  readonly type: string;
  readonly sizeBits?: number;
}

export interface CertificateSummary {
  readonly subject: string; // RFC 4514 as certified renders it
  readonly subjectDisplay: string;
  readonly issuer: string;
  readonly issuerDisplay: string;
  readonly serialHex: string;
  readonly serialColon: string;
  readonly version: number;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly status: ValidityStatus;
  readonly key: KeyDescription;
  readonly signatureAlgorithm: string;
  readonly isCa: boolean;
  /** Issuer name equals subject name. */
  readonly selfIssued: boolean;
  /** Self-issued and the signature verifies with its own key. */
  readonly selfSigned: boolean;
  readonly extensions: ReadonlyArray<ExtensionSummary>;
  readonly fingerprintSha256: Fingerprint;
}

const SIG_NAMES: Readonly<Record<string, string>> = {
  [OID_ALG.ED25519]: 'Ed25519',
  [OID_ALG.ECDSA_SHA256]: 'ECDSA with SHA-256',
  [OID_ALG.ECDSA_SHA384]: 'ECDSA with SHA-384',
  [OID_ALG.ECDSA_SHA512]: 'ECDSA with SHA-512',
  [OID_ALG.RSA_SHA256]: 'RSA PKCS#1 v1.5 with SHA-256',
  [OID_ALG.RSA_SHA384]: 'RSA PKCS#1 v1.5 with SHA-384',
  [OID_ALG.RSA_SHA512]: 'RSA PKCS#1 v1.5 with SHA-512',
  [OID_ALG.RSA_PSS]: 'RSA-PSS',
  '1.2.840.113549.1.1.5': 'RSA PKCS#1 v1.5 with SHA-1 (weak)',
  '1.3.101.113': 'Ed448',
};

const CURVES: Readonly<Record<string, { name: string; bits: number }>> = {
  [OID_ALG.P256]: { name: 'ECDSA P-256', bits: 256 },
  [OID_ALG.P384]: { name: 'ECDSA P-384', bits: 384 },
  [OID_ALG.P521]: { name: 'ECDSA P-521', bits: 521 },
  '1.3.132.0.10': { name: 'ECDSA secp256k1', bits: 256 },
};

export function signatureAlgorithmName(oid: string): string {
  return SIG_NAMES[oid] ?? `Unknown (${oid})`;
}

/** RSA modulus size from SubjectPublicKeyInfo, or undefined if it cannot be read. */
function rsaModulusBits(spki: Uint8Array): number | undefined {
  try {
    const [, bits] = children(spki, readWhole(spki, TAG.SEQUENCE));
    if (!bits || bits.tag !== TAG.BIT_STRING) return undefined;
    const key = contentOf(spki, bits).subarray(1);
    const [n] = children(key, readWhole(key, TAG.SEQUENCE));
    if (!n || n.tag !== TAG.INTEGER) return undefined;
    let m = contentOf(key, n);
    while (m.length > 0 && m[0] === 0) m = m.subarray(1);
    if (m.length === 0) return 0;
    return (m.length - 1) * 8 + (32 - Math.clz32(m[0]!));
  } catch {
    return undefined;
  }
}

export function describeKey(cert: Pick<Certificate, 'publicKeyAlgorithmOid' | 'publicKeyCurveOid' | 'subjectPublicKeyInfo'>): KeyDescription {
  switch (cert.publicKeyAlgorithmOid) {
    case OID_ALG.ED25519:
      return { type: 'Ed25519', sizeBits: 256 };
    case '1.3.101.113':
      return { type: 'Ed448', sizeBits: 456 };
    case OID_ALG.EC_PUBLIC_KEY: {
      const c = cert.publicKeyCurveOid ? CURVES[cert.publicKeyCurveOid] : undefined;
      return c ? { type: c.name, sizeBits: c.bits } : { type: `ECDSA (curve ${cert.publicKeyCurveOid ?? 'unknown'})` };
    }
    case OID_ALG.RSA: {
      const bits = rsaModulusBits(cert.subjectPublicKeyInfo);
      return bits === undefined ? { type: 'RSA' } : { type: 'RSA', sizeBits: bits };
    }
    default:
      return { type: `Unknown (${cert.publicKeyAlgorithmOid})` };
  }
}

export function validityStatus(notBeforeMs: number, notAfterMs: number, atMs: number): ValidityStatus {
  if (atMs < notBeforeMs) return 'not-yet-valid';
  if (atMs > notAfterMs) return 'expired';
  return 'valid';
}

/**
 * A plain summary of a DER certificate for display, with its validity judged at `atMs`.
 * Throws CERT_MALFORMED. Never judges trust.
 */
export async function describeCertificate(der: Uint8Array, atMs: number): Promise<CertificateSummary> {
  const cert = parseCertificate(der);
  const selfIssued = bytesEqual(cert.subject.der, cert.issuer.der);
  let selfSigned = false;
  if (selfIssued) {
    try {
      selfSigned = await verifyCertificateSignature(cert, cert.subjectPublicKeyInfo);
    } catch {
      selfSigned = false; // unsupported algorithm: we cannot say it is self-signed
    }
  }
  const serial = serialHex(cert);
  return {
    subject: renderRfc4514(cert.subject),
    subjectDisplay: displayName(cert.subject),
    issuer: renderRfc4514(cert.issuer),
    issuerDisplay: displayName(cert.issuer),
    serialHex: serial,
    serialColon: colonHex(cert.serial),
    version: cert.version,
    notBeforeMs: cert.notBeforeMs,
    notAfterMs: cert.notAfterMs,
    status: validityStatus(cert.notBeforeMs, cert.notAfterMs, atMs),
    key: describeKey(cert),
    signatureAlgorithm: signatureAlgorithmName(cert.signatureAlgorithmOid),
    isCa: basicConstraintsOf(cert)?.ca ?? false,
    selfIssued,
    selfSigned,
    extensions: describeExtensions(cert),
    fingerprintSha256: await fingerprintOf(der),
  };
}
