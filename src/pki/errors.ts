// The core's one error class: a stable code (UPPER_SNAKE, area prefix) plus a sentence for developers.
// Codes are added, never renamed; the UI maps each code to a user sentence (src/ui/messages.ts).

export type PkiErrorCode =
  // input parsing (src/pki/input.ts, pem.ts, bytes.ts, der.ts)
  | 'INPUT_EMPTY'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_BAD_BASE64'
  | 'INPUT_MIXED_BASE64'
  | 'INPUT_BAD_PADDING'
  | 'INPUT_TRUNCATED'
  | 'INPUT_TRAILING_DATA'
  | 'INPUT_BAD_PEM'
  | 'INPUT_UNKNOWN_PEM_LABEL'
  | 'INPUT_STRAY_TEXT'
  | 'INPUT_BAD_DER'
  | 'INPUT_BAD_JSON'
  | 'INPUT_UNRECOGNISED'
  | 'INPUT_WRONG_TYPE'
  // certificates and keys
  | 'CERT_MALFORMED'
  | 'CERT_UNSUPPORTED_KEY'
  | 'CERT_UNSUPPORTED_ALGORITHM'
  | 'CERT_EXPIRED'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_IS_CA'
  | 'CERT_NOT_CA'
  | 'CERT_BAD_SIGNATURE'
  | 'KEY_UNSUPPORTED'
  | 'KEY_MISMATCH'
  // names and identities
  | 'NAME_INVALID'
  | 'NAME_EMPTY'
  | 'SAN_REQUIRED'
  | 'SAN_INVALID'
  | 'VALIDITY_INVALID'
  | 'CSR_BAD_SIGNATURE'
  // ---- introductions & cross-certification (issue 4): add codes below this line ----
  | 'INTRO_RESERVED_4'
  | 'INTRO_PEER_IS_CA'
  | 'INTRO_SUBJECT_IS_ISSUER'
  | 'INTRO_UNSUPPORTED_KEY'
  | 'INTRO_PEER_UNRECOGNISED'
  | 'INTRO_FINGERPRINT_MISMATCH'
  | 'INTRO_OUR_CA_INVALID'
  | 'INTRO_CA_EXPIRED'
  | 'INTRO_BAD_JSON'
  | 'INTRO_TOO_LARGE'
  | 'INTRO_SIGNED_IS_CA'
  | 'INTRO_ISSUER_MISMATCH'
  | 'INTRO_BAD_SIGNATURE'
  | 'INTRO_NOT_YET_VALID'
  | 'INTRO_EXPIRED'
  | 'INTRO_NOT_OUR_KEY'
  | 'INTRO_CA_NOT_CA'
  | 'INTRO_SERVICE_URL_INVALID'
  | 'INTRO_ALIAS_INVALID'
  | 'INTRO_DUPLICATE_ALIAS'
  | 'INTRO_EXISTS'
  | 'INTRO_SERVICE_EXISTS'
  | 'XCERT_PEER_NOT_CA'
  | 'XCERT_SAME_SUBJECT'
  | 'XCERT_LIMIT_INVALID'
  | 'XCERT_OUR_CA_PATH_LENGTH'
  | 'LAYOUT_BAD_YAML'
  | 'LAYOUT_UNSAFE_FILE_NAME'
  | 'LAYOUT_BAD_ARCHIVE'
  | 'CSR_MALFORMED'
  // ---- path validation (issue 5): add codes below this line ----
  | 'PATH_RESERVED_5'
  // ---- federation bundles (issue 6): add codes below this line ----
  | 'BUNDLE_RESERVED_6'
  | 'BUNDLE_TOO_LARGE'
  | 'BUNDLE_EMPTY'
  | 'BUNDLE_UNRECOGNISED'
  | 'BUNDLE_TRUNCATED'
  | 'BUNDLE_BAD_PEM'
  | 'BUNDLE_BAD_CERTIFICATE'
  | 'BUNDLE_LEAF_CERTIFICATE'
  | 'BUNDLE_DUPLICATE_KEY'
  | 'BUNDLE_BAD_JSON'
  | 'BUNDLE_BAD_SHAPE'
  | 'BUNDLE_SPIFFE_BAD_KEY'
  | 'BUNDLE_SPIFFE_KEY_MISMATCH'
  | 'BUNDLE_SEQUENCE_ROLLBACK'
  | 'BUNDLE_SEQUENCE_REUSED'
  | 'BUNDLE_SIGNATURE_INVALID'
  | 'BUNDLE_SIGNATURE_REQUIRED'
  | 'BUNDLE_SIGNER_UNTRUSTED'
  | 'BUNDLE_UNSUPPORTED_ALGORITHM'
  | 'BUNDLE_NAME_INVALID'
  | 'BUNDLE_TRUST_DOMAIN_INVALID'
  | 'BUNDLE_CERTIFIED_YAML_UNSUPPORTED'
  | 'BUNDLE_NOTHING_TO_EXPORT'
  | 'BUNDLE_TRUST_DOMAIN_REQUIRED'
  // ---- hierarchy (issue 7): add codes below this line ----
  | 'HIER_RESERVED_7'
  | 'HIER_ENV_INVALID'
  | 'HIER_SCOPE_UNKNOWN'
  | 'HIER_SERVICE_INVALID'
  | 'HIER_DNS_OUTSIDE_SCOPE'
  | 'HIER_TOPOLOGY'
  | 'HIER_NO_ACTIVE_ISSUER'
  | 'HIER_KEY_UNAVAILABLE'
  | 'HIER_ESCROW_FAILED'
  | 'HIER_OPERATION_PENDING'
  | 'HIER_NO_OPERATION'
  | 'HIER_STEP_INVALID'
  | 'HIER_LEAVES_OUTSTANDING'
  | 'HIER_STORE_TOO_LARGE'
  | 'HIER_STORE_SYNTAX'
  | 'HIER_STORE_SCHEMA'
  | 'HIER_STORE_VERSION'
  | 'HIER_STORE_INCONSISTENT'
  | 'HIER_AGE_IDENTITY_INVALID'
  | 'HIER_CSR_MALFORMED'
  // ---- QR payloads (issue 8): add codes below this line ----
  | 'QR_RESERVED_8'
  | 'QR_NOT_UR'
  | 'QR_BAD_UR'
  | 'QR_UNSUPPORTED_UR_TYPE'
  | 'QR_BAD_BYTEWORDS'
  | 'QR_CHECKSUM_MISMATCH'
  | 'QR_BAD_CBOR'
  | 'QR_BAD_PART'
  | 'QR_MIXED_STREAM'
  | 'QR_TOO_LARGE'
  | 'QR_INCOMPLETE'
  | 'QR_NOT_CROSSTRUST'
  | 'QR_UNKNOWN_KIND'
  | 'QR_KIND_MISMATCH'
  | 'QR_NO_CODE_FOUND'
  | 'QR_CAMERA_UNAVAILABLE'
  | 'QR_CAMERA_DENIED'
  | 'QR_DECODER_UNAVAILABLE'
  // ---- backup (issue 9): add codes below this line ----
  | 'BACKUP_RESERVED_9'
  | 'BACKUP_PASSPHRASE_EMPTY'
  | 'BACKUP_TOO_LARGE'
  | 'BACKUP_NOT_AGE'
  | 'BACKUP_NOT_PASSPHRASE'
  | 'BACKUP_WRONG_PASSPHRASE'
  | 'BACKUP_CORRUPTED'
  | 'BACKUP_BAD_FORMAT'
  | 'BACKUP_UNSUPPORTED_VERSION'
  | 'BACKUP_UNSUPPORTED_VALUE'
  | 'BACKUP_ESCROW_BAD_RECIPIENT'
  | 'BACKUP_ESCROW_WRONG_IDENTITY'
  | 'BACKUP_ESCROW_MISMATCH'
  | 'BACKUP_ESCROW_BAD_FORMAT'
  // ---- revocation (issue 11): add codes below this line ----
  | 'CRL_RESERVED_11'
  | 'CRL_MALFORMED'
  | 'CRL_WRONG_ISSUER'
  | 'CRL_BAD_SIGNATURE'
  | 'CRL_ISSUER_CANNOT_SIGN_CRLS'
  | 'CRL_NUMBER_ROLLBACK'
  | 'CRL_UNKNOWN_CRITICAL_EXTENSION'
  | 'CRL_INVALID_REQUEST'
  | 'CRL_NOT_ISSUED_BY_US'
  | 'CRL_ALREADY_REVOKED'
  | 'CRL_LEDGER_INVALID';

export class PkiError extends Error {
  readonly code: PkiErrorCode;
  readonly details?: Readonly<Record<string, string | number | boolean>>;

  constructor(
    code: PkiErrorCode,
    message: string,
    options?: { details?: Record<string, string | number | boolean>; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PkiError';
    this.code = code;
    if (options?.details) this.details = Object.freeze({ ...options.details });
  }
}

/** True when `e` is a PkiError, optionally with the given code. */
export function isPkiError(e: unknown, code?: PkiErrorCode): e is PkiError {
  return e instanceof PkiError && (code === undefined || e.code === code);
}
