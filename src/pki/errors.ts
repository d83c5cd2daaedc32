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
  // ---- path validation (issue 5): add codes below this line ----
  | 'PATH_RESERVED_5'
  | 'PATH_BAD_REQUEST'
  | 'PATH_MALFORMED'
  | 'PATH_NO_ISSUER'
  | 'PATH_TOO_DEEP'
  | 'PATH_LIMIT_EXCEEDED'
  | 'PATH_UNSUPPORTED_ALGORITHM'
  | 'PATH_BAD_SIGNATURE'
  | 'PATH_EXPIRED'
  | 'PATH_NOT_YET_VALID'
  | 'PATH_NOT_CA'
  | 'PATH_LENGTH_EXCEEDED'
  | 'PATH_KEY_USAGE'
  | 'PATH_UNKNOWN_CRITICAL_EXTENSION'
  | 'PATH_NAME_CONSTRAINTS'
  | 'PATH_POLICY'
  | 'PATH_EKU'
  | 'PATH_REVOKED'
  | 'PATH_NAME_MISMATCH'
  // ---- federation bundles (issue 6): add codes below this line ----
  | 'BUNDLE_RESERVED_6'
  // ---- hierarchy (issue 7): add codes below this line ----
  | 'HIER_RESERVED_7'
  // ---- QR payloads (issue 8): add codes below this line ----
  | 'QR_RESERVED_8'
  // ---- backup (issue 9): add codes below this line ----
  | 'BACKUP_RESERVED_9'
  // ---- revocation (issue 11): add codes below this line ----
  | 'CRL_RESERVED_11';

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
