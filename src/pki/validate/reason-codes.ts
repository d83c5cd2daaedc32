// Stable reason codes of path validation (RFC 5280 §6), each with the check stage it belongs to, so
// that among several failed candidate paths the one that got furthest is reported (deterministic).

import type { PkiErrorCode } from '../errors.ts';
import type { RevocationInfo } from './revocation.ts';

/** Machine-readable reasons validatePath returns (listed in errors.ts). Added, never renamed. */
export type PathReasonCode = Exclude<Extract<PkiErrorCode, `PATH_${string}`>, 'PATH_RESERVED_5'>;

/**
 * Every code, in order of relevance: a failure later in this list means the candidate path passed
 * every check of the codes before it. PATH_BAD_REQUEST and PATH_MALFORMED end validation at once.
 */
export const PATH_REASON_CODES: ReadonlyArray<PathReasonCode> = [
  'PATH_BAD_REQUEST',
  'PATH_MALFORMED',
  'PATH_NO_ISSUER',
  'PATH_TOO_DEEP',
  'PATH_LIMIT_EXCEEDED',
  'PATH_UNSUPPORTED_ALGORITHM',
  'PATH_BAD_SIGNATURE',
  'PATH_EXPIRED',
  'PATH_NOT_YET_VALID',
  'PATH_NOT_CA',
  'PATH_LENGTH_EXCEEDED',
  'PATH_KEY_USAGE',
  'PATH_UNKNOWN_CRITICAL_EXTENSION',
  'PATH_NAME_CONSTRAINTS',
  'PATH_POLICY',
  'PATH_EKU',
  'PATH_CRL_MISSING',
  'PATH_CRL_STALE',
  'PATH_REVOKED',
  'PATH_NAME_MISMATCH',
];

/** Higher is more relevant (the path got further before failing). */
export function reasonRank(code: PathReasonCode): number {
  return PATH_REASON_CODES.indexOf(code);
}

/** One sentence per code for people (the UI and CLI may add the specific message). */
export const PATH_REASON_SENTENCES: Readonly<Record<PathReasonCode, string>> = {
  PATH_BAD_REQUEST: 'The validation request is incomplete or invalid.',
  PATH_MALFORMED: 'A certificate is malformed.',
  PATH_NO_ISSUER: 'No chain leads from this certificate to a trusted root.',
  PATH_TOO_DEEP: 'The only chains to a trusted root are longer than allowed.',
  PATH_LIMIT_EXCEEDED: 'The certificates offered too many possible chains to examine.',
  PATH_UNSUPPORTED_ALGORITHM: 'A certificate uses a signature algorithm or key we cannot check.',
  PATH_BAD_SIGNATURE: 'A signature in the chain does not verify.',
  PATH_EXPIRED: 'A certificate in the chain has expired.',
  PATH_NOT_YET_VALID: 'A certificate in the chain is not valid yet.',
  PATH_NOT_CA: 'A certificate in the chain is not allowed to issue certificates.',
  PATH_LENGTH_EXCEEDED: 'The chain is longer than an issuer allows (path length constraint).',
  PATH_KEY_USAGE: 'A certificate\'s key usage does not allow this use.',
  PATH_UNKNOWN_CRITICAL_EXTENSION: 'A certificate has a critical extension we do not understand.',
  PATH_NAME_CONSTRAINTS: 'A name in the chain is outside what an issuer may certify (name constraints).',
  PATH_POLICY: 'The chain does not satisfy the required certificate policies.',
  PATH_EKU: 'The certificate is not allowed for this purpose (extended key usage).',
  PATH_CRL_MISSING: 'Revocation checking is required, but there is no revocation list (CRL) from the issuer of a certificate in the chain.',
  PATH_CRL_STALE: 'Revocation checking is required, but the revocation list (CRL) for a certificate in the chain is out of date.',
  PATH_REVOKED: 'A certificate in the chain has been revoked.',
  PATH_NAME_MISMATCH: 'The certificate is not for the expected name.',
};

/** A failed check: the code, a sentence with specifics, and where in the candidate chain (0 = leaf). */
export interface PathFailure {
  readonly code: PathReasonCode;
  readonly message: string;
  readonly index?: number;
  /** For PATH_REVOKED from a CRL: which certificate, when, why, and whose CRL said so. */
  readonly revoked?: RevocationInfo;
}
