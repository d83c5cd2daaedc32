// User sentences for the federation codes (one table; the compiler checks every BUNDLE_ code has one).
import type { PkiErrorCode } from '../../pki/index.ts';

type BundleCode = Exclude<Extract<PkiErrorCode, `BUNDLE_${string}`>, 'BUNDLE_RESERVED_6'>;

export const BUNDLE_MESSAGES: Readonly<Record<BundleCode, string>> = {
  BUNDLE_TOO_LARGE: 'This file is larger than 10 MB, which no trust bundle needs.',
  BUNDLE_EMPTY: 'This bundle holds no certificate.',
  BUNDLE_UNRECOGNISED: 'This is not a trust bundle we can read (PEM, step-ca JSON, SPIFFE JSON or JWS).',
  BUNDLE_TRUNCATED: 'The bundle is cut off: a certificate has no END line.',
  BUNDLE_BAD_PEM: 'The PEM text is damaged or holds something other than certificates.',
  BUNDLE_BAD_CERTIFICATE: 'A certificate in the bundle is malformed.',
  BUNDLE_LEAF_CERTIFICATE: 'The bundle contains a certificate that is not a CA; a trust bundle holds only CAs.',
  BUNDLE_DUPLICATE_KEY: 'Two certificates in the bundle share a key under different names.',
  BUNDLE_BAD_JSON: 'The bundle looks like JSON but cannot be read.',
  BUNDLE_BAD_SHAPE: 'The bundle JSON does not have the expected fields.',
  BUNDLE_SPIFFE_BAD_KEY: 'A key in the SPIFFE bundle is not a valid x509-svid key.',
  BUNDLE_SPIFFE_KEY_MISMATCH: 'A key in the SPIFFE bundle does not match its certificate.',
  BUNDLE_SEQUENCE_ROLLBACK: 'This SPIFFE bundle is older than the one we hold (its sequence went backwards).',
  BUNDLE_SEQUENCE_REUSED: 'This SPIFFE bundle reuses a sequence number for different roots.',
  BUNDLE_SIGNATURE_INVALID: 'The signature does not match: the bundle was changed or signed by someone else.',
  BUNDLE_SIGNATURE_REQUIRED: 'This bundle must be signed.',
  BUNDLE_SIGNER_UNTRUSTED: 'The bundle is signed by someone we do not trust.',
  BUNDLE_UNSUPPORTED_ALGORITHM: 'The bundle uses a signature or key algorithm we do not accept.',
  BUNDLE_NAME_INVALID: 'That name cannot be used.',
  BUNDLE_TRUST_DOMAIN_INVALID: 'A trust domain is a lower-case name such as example.org.',
  BUNDLE_CERTIFIED_YAML_UNSUPPORTED: 'These certified files need the full certified writer.',
  BUNDLE_NOTHING_TO_EXPORT: 'Nothing to export: every root is flagged or the bundle is empty.',
  BUNDLE_CERTIFIED_BAD_FILES: 'These certified files cannot be read as trust: a known_servers record is damaged or does not name the CA it carries.',
  BUNDLE_TRUST_DOMAIN_REQUIRED: 'Enter the SPIFFE trust domain this bundle belongs to, so its sequence can be checked.',
};

/** The sentence for an error thrown by the federation core. */
export function bundleMessage(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  const sentence = code ? (BUNDLE_MESSAGES as Record<string, string>)[code] : undefined;
  return sentence ? `${sentence} (${code})` : `Something went wrong${code ? ` (${code})` : ''}.`;
}
