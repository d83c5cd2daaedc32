// Read-only summaries of CSRs (RFC 2986) and CRLs (RFC 5280 §5.1) for the import/inspect view.
// CRL entries are only counted here; revocation (issue 11) judges them.
import { PkiError, isPkiError } from './errors.ts';
import { TAG, children, contentOf, decodeOid, readWhole } from './der.ts';
import { displayName, parseNameAt, renderRfc4514 } from './names.ts';
import { fingerprintOf, type Fingerprint } from './fingerprint.ts';
import { decodeTime } from './x509/certificate.ts';
import { parseCsr as readCsr, verifyCsrSignature } from './x509/csr.ts';
import { decodeGeneralName, type GeneralName } from './x509/certificate.ts';
import type { DistinguishedName } from './names.ts';
import { describeKey, signatureAlgorithmName, type KeyDescription } from './describe.ts';
import { formatGeneralName } from './describe-extensions.ts';

export interface ParsedCsr {
  readonly der: Uint8Array;
  readonly subject: DistinguishedName;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
  /** SAN entries from the extensionRequest attribute (RFC 2985 §5.4.2), empty when none. */
  readonly subjectAltNames: ReadonlyArray<GeneralName>;
  readonly signatureAlgorithmOid: string;
  /** The CSR's self-signature verifies with its own public key (proof of possession). */
  readonly signatureValid: boolean;
}

/**
 * Parses a DER CSR (strict, x509/csr.ts) for display and says whether its self-signature verifies.
 * Throws CSR_MALFORMED.
 */
export async function inspectCsr(der: Uint8Array): Promise<ParsedCsr> {
  const csr = readCsr(der);
  const subjectAltNames: GeneralName[] = [];
  const san = csr.subjectAltNameValue;
  if (san) for (const t of children(san, readWhole(san, TAG.SEQUENCE))) subjectAltNames.push(decodeGeneralName(san, t));
  let signatureValid: boolean;
  try {
    signatureValid = await verifyCsrSignature(csr);
  } catch (e) {
    if (isPkiError(e, 'CERT_MALFORMED') || isPkiError(e, 'CERT_UNSUPPORTED_ALGORITHM')) signatureValid = false;
    else throw e;
  }
  return { der, subject: csr.subject, spki: csr.subjectPublicKeyInfo, subjectAltNames, signatureAlgorithmOid: csr.signatureAlgorithmOid, signatureValid };
}

export interface CsrSummary {
  readonly subject: string;
  readonly subjectDisplay: string;
  readonly key: KeyDescription;
  readonly subjectAltNames: ReadonlyArray<string>;
  readonly signatureAlgorithm: string;
  readonly signatureValid: boolean;
  readonly fingerprintSha256: Fingerprint;
}

export interface CrlSummary {
  readonly issuer: string;
  readonly issuerDisplay: string;
  readonly thisUpdateMs: number;
  readonly nextUpdateMs?: number;
  readonly revokedCount: number;
  readonly signatureAlgorithm: string;
  readonly fingerprintSha256: Fingerprint;
}

function spkiAlgorithm(spki: Uint8Array): { publicKeyAlgorithmOid: string; publicKeyCurveOid?: string } {
  const [alg] = children(spki, readWhole(spki, TAG.SEQUENCE));
  const [oid, param] = alg ? children(spki, alg) : [];
  if (!oid || oid.tag !== TAG.OID) throw new PkiError('INPUT_BAD_DER', 'SubjectPublicKeyInfo without an algorithm');
  const curve = param?.tag === TAG.OID ? decodeOid(contentOf(spki, param)) : undefined;
  return { publicKeyAlgorithmOid: decodeOid(contentOf(spki, oid)), ...(curve ? { publicKeyCurveOid: curve } : {}) };
}

/** Summary of a DER CSR, including whether its self-signature verifies. Throws INPUT_BAD_DER and friends. */
export async function describeCsr(der: Uint8Array): Promise<CsrSummary> {
  const csr = await inspectCsr(der);
  return {
    subject: renderRfc4514(csr.subject),
    subjectDisplay: displayName(csr.subject),
    key: describeKey({ ...spkiAlgorithm(csr.spki), subjectPublicKeyInfo: csr.spki }),
    subjectAltNames: csr.subjectAltNames.map(formatGeneralName),
    signatureAlgorithm: signatureAlgorithmName(csr.signatureAlgorithmOid),
    signatureValid: csr.signatureValid,
    fingerprintSha256: await fingerprintOf(der),
  };
}

/** Summary of a DER CRL (issuer, dates, number of entries). Throws INPUT_BAD_DER, INPUT_TRUNCATED. */
export async function describeCrl(der: Uint8Array): Promise<CrlSummary> {
  try {
    const top = readWhole(der, TAG.SEQUENCE);
    const [tbs, alg] = children(der, top);
    if (!tbs || !alg) throw new PkiError('INPUT_BAD_DER', 'CRL outer structure');
    const f = children(der, tbs);
    let i = f[0]?.tag === TAG.INTEGER ? 1 : 0;
    i++; // signature AlgorithmIdentifier
    const issuerT = f[i++];
    const thisT = f[i++];
    if (!issuerT || !thisT) throw new PkiError('INPUT_BAD_DER', 'CRL without issuer or thisUpdate');
    const issuer = parseNameAt(der, issuerT);
    const thisUpdateMs = decodeTime(thisT, der);
    let nextUpdateMs: number | undefined;
    const maybeNext = f[i];
    if (maybeNext && (maybeNext.tag === TAG.UTC_TIME || maybeNext.tag === TAG.GENERALIZED_TIME)) {
      nextUpdateMs = decodeTime(maybeNext, der);
      i++;
    }
    const revoked = f[i]?.tag === TAG.SEQUENCE ? children(der, f[i]!).length : 0;
    const [algOid] = children(der, alg);
    return {
      issuer: renderRfc4514(issuer),
      issuerDisplay: displayName(issuer),
      thisUpdateMs,
      ...(nextUpdateMs === undefined ? {} : { nextUpdateMs }),
      revokedCount: revoked,
      signatureAlgorithm: algOid ? signatureAlgorithmName(decodeOid(contentOf(der, algOid))) : 'Unknown',
      fingerprintSha256: await fingerprintOf(der),
    };
  } catch (e) {
    if (isPkiError(e, 'CERT_MALFORMED')) throw new PkiError('INPUT_BAD_DER', `not a valid CRL: ${e.message}`, { cause: e });
    throw e;
  }
}
