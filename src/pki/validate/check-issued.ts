// "Refuse at signing time what we would reject": every flow that issues a certificate runs it through
// the same validator, against the issuing chain and the anchors its relying parties will use.
import { PkiError } from '../errors.ts';
import type { Purpose } from './path-checks.ts';
import type { PathReasonCode } from './reason-codes.ts';
import { validatePath, type PathValidationResult } from './validate-path.ts';

export interface IssuedCertificateCheck {
  /** The certificate just built, DER (not yet released or stored). */
  readonly certificate: Uint8Array;
  /** Issuing CA certificates other than the anchors, issuer first (empty when an anchor signed it). */
  readonly issuerChain: ReadonlyArray<Uint8Array>;
  /** The trust anchors relying parties will validate against (for a self-signed CA: itself). */
  readonly roots: ReadonlyArray<Uint8Array>;
  /** The issuing time. */
  readonly atMs: number;
  /** The purpose the certificate is issued for, when it is for one (checks EKU down the chain). */
  readonly purpose?: Purpose;
  /** A name the certificate must present (e.g. the host a leaf is issued for). */
  readonly peerName?: { readonly type: 'dns' | 'ip' | 'email'; readonly value: string };
}

/** Validates a newly issued certificate as its partners would; resolves to the validator's verdict. */
export function checkIssuedCertificate(c: IssuedCertificateCheck): Promise<PathValidationResult> {
  return validatePath({
    leaf: c.certificate,
    intermediates: [...c.issuerChain],
    roots: [...c.roots],
    time: new Date(c.atMs),
    ...(c.purpose ? { purpose: c.purpose } : {}),
    ...(c.peerName ? { peerName: { ...c.peerName } } : {}),
    maxChainDepth: Math.max(8, c.issuerChain.length),
  });
}

/** As checkIssuedCertificate, but throws PkiError with the validator's PATH_* code when the certificate would be rejected. */
export async function assertIssuedCertificate(c: IssuedCertificateCheck): Promise<void> {
  const r = await checkIssuedCertificate(c);
  if (!r.ok) {
    throw new PkiError((r.code ?? 'PATH_NO_ISSUER') as PathReasonCode, `refusing to issue a certificate our own validator rejects: ${r.message ?? r.code}`, {
      details: { code: r.code ?? '', ...(r.failedIndex === undefined ? {} : { failedIndex: r.failedIndex }) },
    });
  }
}
