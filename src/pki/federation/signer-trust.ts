// Decides whether the certificate that signed a bundle is one we trust: the certificate itself,
// or one issued directly by a trusted CA certificate (e.g. a partner's id.crt under its CA.crt),
// valid at `atMs`. Throws BUNDLE_SIGNER_UNTRUSTED.
import { PkiError } from '../errors.ts';
import { bytesEqual, sha256, toHex } from '../bytes.ts';
import { displayName, renderRfc4514 } from '../names.ts';
import { basicConstraintsOf, parseCertificate, type Certificate } from '../x509/certificate.ts';
import { verifyCertificateSignature } from '../x509/verify-signature.ts';

export interface BundleSignerInfo {
  readonly der: Uint8Array;
  readonly fingerprint: string;
  readonly subject: string;
  readonly displayName: string;
  /** Fingerprint of the trusted certificate that vouched for the signer, when trust was checked. */
  readonly trustedVia?: string;
}

export async function bundleSignerInfoOf(cert: Certificate): Promise<BundleSignerInfo> {
  return { der: cert.der.slice(), fingerprint: toHex(await sha256(cert.der)), subject: renderRfc4514(cert.subject), displayName: displayName(cert.subject) };
}

/** Returns the trusted certificate's fingerprint; throws BUNDLE_SIGNER_UNTRUSTED. */
export async function checkSignerTrusted(signer: Certificate, trusted: ReadonlyArray<Uint8Array>, atMs: number): Promise<string> {
  if (signer.notBeforeMs > atMs || signer.notAfterMs < atMs) {
    throw new PkiError('BUNDLE_SIGNER_UNTRUSTED', 'the signer certificate is not valid at this time');
  }
  for (const der of trusted) {
    if (bytesEqual(der, signer.der)) return toHex(await sha256(der));
    const t = parseCertificate(der);
    if (!bytesEqual(t.subject.der, signer.issuer.der) || basicConstraintsOf(t)?.ca !== true) continue;
    if (t.notBeforeMs > atMs || t.notAfterMs < atMs) continue;
    if (await verifyCertificateSignature(signer, t.subjectPublicKeyInfo)) return toHex(await sha256(der));
  }
  throw new PkiError('BUNDLE_SIGNER_UNTRUSTED', 'the bundle is signed by a certificate we do not trust');
}
