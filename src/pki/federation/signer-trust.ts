// Decides whether the certificate that signed a bundle is one we trust: the certificate itself, or one
// issued directly by a trusted CA certificate (e.g. a partner's id.crt under its CA.crt), as our RFC 5280
// path validator judges it at `atMs` (optionally with CRLs). Throws BUNDLE_SIGNER_UNTRUSTED.
import { PkiError } from '../errors.ts';
import { sha256, toHex } from '../bytes.ts';
import { displayName, renderRfc4514 } from '../names.ts';
import type { Certificate } from '../x509/certificate.ts';
import { validatePath } from '../validate/validate-path.ts';

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

/**
 * Returns the fingerprint of the trusted certificate that vouches for the signer (the signer itself, or
 * its issuer among `trusted`). Throws BUNDLE_SIGNER_UNTRUSTED with the validator's reason in
 * `details.pathCode` (e.g. PATH_EXPIRED, PATH_NO_ISSUER, PATH_REVOKED).
 */
export async function checkSignerTrusted(signer: Certificate, trusted: ReadonlyArray<Uint8Array>, atMs: number, crls?: ReadonlyArray<Uint8Array>): Promise<string> {
  // No intermediates: a signer is trusted directly or through one trusted CA, never through a chain we were not given.
  const r = await validatePath({ leaf: signer.der, roots: [...trusted], time: new Date(atMs), maxChainDepth: 0, ...(crls?.length ? { crls: [...crls] } : {}) });
  if (r.ok && r.chain) return toHex(await sha256(r.chain[r.chain.length - 1]!));
  const why: Record<string, string> = {
    PATH_NO_ISSUER: 'the bundle is signed by a certificate we do not trust',
    PATH_EXPIRED: 'the signer certificate (or the CA that vouches for it) is not valid at this time',
    PATH_NOT_YET_VALID: 'the signer certificate (or the CA that vouches for it) is not valid at this time',
    PATH_REVOKED: 'the signer certificate has been revoked',
  };
  throw new PkiError('BUNDLE_SIGNER_UNTRUSTED', why[r.code ?? ''] ?? `the signer certificate is not trusted: ${r.message ?? r.code}`, {
    details: { pathCode: r.code ?? '' },
  });
}
