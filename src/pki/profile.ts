// certified's certificate profile (shared/fixtures/certified/FORMATS.md "Certificate profiles"):
// the self-signed CA, the identity certificate, and the re-issued identity of an introduction.
import { PkiError } from './errors.ts';
import { buildCertificate, keyIdentifier, randomSerial } from './x509/build.ts';
import {
  OID_EKU,
  authorityKeyIdExtension,
  basicConstraintsExtension,
  extKeyUsageExtension,
  keyUsageExtension,
  subjectAltNameExtension,
  subjectKeyIdExtension,
  type GeneralNameSpec,
} from './x509/extensions.ts';

export const DAY_MS = 86_400_000;
export const DEFAULT_VALIDITY_DAYS = 365;
export const MAX_VALIDITY_DAYS = 3650;

/** notBefore = `atMs` truncated to whole seconds (no backdating); notAfter = + `validityDays` exactly. */
export function validityWindow(atMs: number, validityDays: number): { notBeforeMs: number; notAfterMs: number } {
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
    throw new PkiError('VALIDITY_INVALID', `validity must be a whole number of days from 1 to ${MAX_VALIDITY_DAYS}`);
  }
  const notBeforeMs = Math.floor(atMs / 1000) * 1000;
  return { notBeforeMs, notAfterMs: notBeforeMs + validityDays * DAY_MS };
}

/** certified's CA.crt: self-signed, SKI; BC critical CA:TRUE pathLen 0; KU critical digitalSignature, keyCertSign, cRLSign. */
export async function issueCertifiedCa(params: {
  readonly name: Uint8Array;
  readonly keys: CryptoKeyPair;
  readonly spki: Uint8Array;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  /** certified always writes 0; larger values let this CA cross-certify partner CAs (issue 4). */
  readonly pathLength?: number;
}): Promise<Uint8Array> {
  return buildCertificate({
    subject: params.name,
    issuer: params.name,
    subjectPublicKeyInfo: params.spki,
    issuerKey: params.keys.privateKey,
    serial: randomSerial(),
    notBeforeMs: params.notBeforeMs,
    notAfterMs: params.notAfterMs,
    extensions: [
      subjectKeyIdExtension(await keyIdentifier(params.spki)),
      basicConstraintsExtension(true, params.pathLength ?? 0),
      keyUsageExtension(['digitalSignature', 'keyCertSign', 'cRLSign']),
    ],
  });
}

/**
 * certified's id.crt and re-issued introduction certificate: SKI; BC critical CA:FALSE; KU critical
 * digitalSignature, keyEncipherment; EKU clientAuth, serverAuth, codeSigning; AKI keyId; SAN
 * (critical only when the subject is empty).
 */
export async function issueCertifiedEndEntity(params: {
  readonly subject: Uint8Array;
  readonly subjectIsEmpty: boolean;
  readonly subjectAltNames: ReadonlyArray<GeneralNameSpec>;
  readonly spki: Uint8Array;
  readonly issuerName: Uint8Array;
  readonly issuerKeyId: Uint8Array;
  readonly issuerKey: CryptoKey;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
}): Promise<Uint8Array> {
  if (params.subjectAltNames.length === 0) throw new PkiError('SAN_REQUIRED', 'an identity needs at least one host, email or URI');
  return buildCertificate({
    subject: params.subject,
    issuer: params.issuerName,
    subjectPublicKeyInfo: params.spki,
    issuerKey: params.issuerKey,
    serial: randomSerial(),
    notBeforeMs: params.notBeforeMs,
    notAfterMs: params.notAfterMs,
    extensions: [
      subjectKeyIdExtension(await keyIdentifier(params.spki)),
      basicConstraintsExtension(false),
      keyUsageExtension(['digitalSignature', 'keyEncipherment']),
      extKeyUsageExtension([OID_EKU.clientAuth, OID_EKU.serverAuth, OID_EKU.codeSigning]),
      authorityKeyIdExtension(params.issuerKeyId),
      subjectAltNameExtension(params.subjectAltNames, params.subjectIsEmpty),
    ],
  });
}
