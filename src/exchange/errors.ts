// The exchange layer's error class (download, files, clipboard), with stable codes like PkiError.
export type ExchangeErrorCode = 'EXCHANGE_CLIPBOARD_DENIED' | 'EXCHANGE_FILE_UNREADABLE' | 'EXCHANGE_FILE_TOO_LARGE' | 'EXCHANGE_NO_FILE';

export class ExchangeError extends Error {
  readonly code: ExchangeErrorCode;
  constructor(code: ExchangeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExchangeError';
    this.code = code;
  }
}
