// The store layer's error class, with stable codes like PkiError.
export type StoreErrorCode =
  | 'STORE_UNAVAILABLE'
  | 'STORE_BLOCKED'
  | 'STORE_VERSION_TOO_NEW'
  | 'STORE_NOT_FOUND'
  | 'STORE_CONFLICT'
  | 'STORE_QUOTA'
  | 'STORE_TRANSACTION_FAILED'
  | 'STORE_UPGRADE_FAILED';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
  }
}
