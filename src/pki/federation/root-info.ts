// Reads the facts a bundle needs from a certificate's DER (fingerprint, key id, names, validity, CA).
// Throws BUNDLE_BAD_CERTIFICATE for anything our strict parser refuses.
import { PkiError, isPkiError } from '../errors.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../bytes.ts';
import { displayName, renderRfc4514 } from '../names.ts';
import { basicConstraintsOf, parseCertificate, type Certificate } from '../x509/certificate.ts';
import type { RootInfo } from './model.ts';

function parseStrict(der: Uint8Array, where: string): Certificate {
  try {
    return parseCertificate(der);
  } catch (cause) {
    if (isPkiError(cause)) throw new PkiError('BUNDLE_BAD_CERTIFICATE', `${where} is not a valid certificate: ${cause.message}`, { cause });
    throw cause;
  }
}

/** Facts about the certificate `der`. `where` names it in errors (e.g. "certificate 3"). */
export async function rootInfoOf(der: Uint8Array, where = 'the certificate'): Promise<RootInfo> {
  const own = der.slice();
  const cert = parseStrict(own, where);
  let isCa = false;
  try {
    isCa = basicConstraintsOf(cert)?.ca ?? false;
  } catch (cause) {
    if (isPkiError(cause)) throw new PkiError('BUNDLE_BAD_CERTIFICATE', `${where} has malformed BasicConstraints`, { cause });
    throw cause;
  }
  // Synchronous SHA-256 of public data: a WebCrypto digest costs a thread hop per call (~50 µs in
  // Node, more in Chromium), 20× the hash itself for a 500-byte certificate; bundles hash thousands.
  const fp = sha256(own);
  const kid = sha256(cert.subjectPublicKeyInfo);
  return {
    der: own,
    spki: cert.subjectPublicKeyInfo,
    fingerprint: toHex(fp),
    keyId: toHex(kid),
    subject: renderRfc4514(cert.subject),
    displayName: displayName(cert.subject),
    notBeforeMs: cert.notBeforeMs,
    notAfterMs: cert.notAfterMs,
    isCa,
    selfIssued: bytesSame(cert.subject.der, cert.issuer.der),
  };
}

function bytesSame(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

