// THE table from error codes to sentences for people (workbox's messages.ts idea). DOM-free so a
// Node test can check that every code declared in the core, store and exchange has a sentence.
// Direct modules, not the layers' indexes, so the app shell's bundle carries only the error tables.
import { isPkiError, type PkiErrorCode } from '../pki/errors.ts';
import { StoreError, type StoreErrorCode } from '../store/errors.ts';
import { ExchangeError, type ExchangeErrorCode } from '../exchange/errors.ts';
import { PATH_REASON_SENTENCES } from '../pki/validate/reason-codes.ts';
import { INTRO_MESSAGES, XCERT_MESSAGES, HIER_MESSAGES, CRL_MESSAGES } from './messages-areas.ts';
import { BUNDLE_MESSAGES } from './federation/bundle-messages.ts';
import { QR_MESSAGES } from './qr/qr-messages.ts';
import { BACKUP_MESSAGES } from './backup/backup-messages.ts';

/** The backup table also covers store codes; the PKI table takes only its BACKUP_ codes. */
const PKI_BACKUP_MESSAGES = Object.fromEntries(
  Object.entries(BACKUP_MESSAGES).filter(([code]) => code.startsWith('BACKUP_')),
) as Pick<typeof BACKUP_MESSAGES, Extract<keyof typeof BACKUP_MESSAGES, `BACKUP_${string}`>>;

// Record<…> makes tsc refuse a missing code; the Node test also checks the declared unions' text.
export const PKI_MESSAGES: Readonly<Record<PkiErrorCode, string>> = {
  INPUT_EMPTY: 'There is nothing to read yet. Paste a certificate or choose a file.',
  INPUT_TOO_LARGE: 'That is far too large to be a certificate, so it was not read.',
  INPUT_BAD_BASE64: 'The text contains characters that are not base64, so it cannot be decoded.',
  INPUT_MIXED_BASE64: 'The text mixes two kinds of base64 (+/ and -_), so it was probably damaged in transit.',
  INPUT_BAD_PADDING: 'The base64 text has the wrong number of “=” at its end; part of it may be missing.',
  INPUT_TRUNCATED: 'The data ends too early: part of it is missing. Copy or download it again.',
  INPUT_TRAILING_DATA: 'There is extra data after the end of the certificate. Remove it and try again.',
  INPUT_BAD_PEM: 'The PEM text is damaged: its BEGIN and END lines do not match up.',
  INPUT_UNKNOWN_PEM_LABEL: 'This PEM block is of a kind crosstrust does not read (it reads certificates, requests and CRLs).',
  INPUT_STRAY_TEXT: 'There is extra text around the PEM block. Paste only the lines from BEGIN to END.',
  INPUT_BAD_DER: 'The binary data is not valid DER, so it cannot be read.',
  INPUT_BAD_JSON: 'This JSON is not a certified introduction or signer file.',
  INPUT_UNRECOGNISED: 'This is not a certificate, request, CRL or introduction that crosstrust recognises.',
  INPUT_WRONG_TYPE: 'This is a different kind of object than expected here.',
  CERT_MALFORMED: 'This looks like a certificate but its contents are broken.',
  CERT_UNSUPPORTED_KEY: 'This certificate uses a kind of key crosstrust does not support.',
  CERT_UNSUPPORTED_ALGORITHM: 'This certificate is signed with an algorithm crosstrust does not support.',
  CERT_EXPIRED: 'This certificate has expired.',
  CERT_NOT_YET_VALID: 'This certificate is not valid yet.',
  CERT_IS_CA: 'This is a CA certificate, but an identity certificate is needed here.',
  CERT_NOT_CA: 'This certificate is not allowed to sign other certificates.',
  CERT_BAD_SIGNATURE: 'The signature on this certificate does not verify.',
  KEY_UNSUPPORTED: 'This kind of key is not supported.',
  KEY_MISMATCH: 'The key does not belong to this certificate.',
  NAME_INVALID: 'The name is not valid: an organisation needs both an organisation and a unit.',
  NAME_EMPTY: 'Enter a name: a person’s name, or an organisation and unit.',
  SAN_REQUIRED: 'Add at least one host, email address or URI.',
  SAN_INVALID: 'One of the hosts, email addresses or URIs is not valid.',
  VALIDITY_INVALID: 'Choose a validity between 1 and 3650 days.',
  CSR_BAD_SIGNATURE: 'The signature on this request does not verify.',
  ...INTRO_MESSAGES,
  ...XCERT_MESSAGES,
  ...PATH_REASON_SENTENCES,
  ...BUNDLE_MESSAGES,
  ...HIER_MESSAGES,
  ...QR_MESSAGES,
  ...PKI_BACKUP_MESSAGES,
  ...CRL_MESSAGES,
  INTRO_RESERVED_4: 'Introduction error.',
  PATH_RESERVED_5: 'Path validation error.',
  BUNDLE_RESERVED_6: 'Trust bundle error.',
  HIER_RESERVED_7: 'Hierarchy error.',
  QR_RESERVED_8: 'QR code error.',
  BACKUP_RESERVED_9: 'Backup error.',
  CRL_RESERVED_11: 'Revocation list error.',
};

export const STORE_MESSAGES: Readonly<Record<StoreErrorCode, string>> = {
  STORE_UNAVAILABLE: 'This browser does not let crosstrust store data (private browsing may block it).',
  STORE_BLOCKED: 'crosstrust is open in another tab with an older version. Close that tab to continue.',
  STORE_VERSION_TOO_NEW: 'Your data was saved by a newer version of crosstrust. Reload to get it.',
  STORE_NOT_FOUND: 'That item no longer exists; it may have been deleted in another tab.',
  STORE_CONFLICT: 'That could not be saved because it clashes with something already stored.',
  STORE_QUOTA: 'The browser’s storage for this site is full.',
  STORE_TRANSACTION_FAILED: 'Saving failed, and nothing was changed. Try again.',
  STORE_UPGRADE_FAILED: 'crosstrust could not update how your data is stored; your data is unchanged. Reload, or use the previous version.',
};

export const EXCHANGE_MESSAGES: Readonly<Record<ExchangeErrorCode, string>> = {
  EXCHANGE_CLIPBOARD_DENIED: 'The browser did not allow copying. Select the text and copy it by hand.',
  EXCHANGE_FILE_UNREADABLE: 'That file could not be read.',
  EXCHANGE_FILE_TOO_LARGE: 'That file is far too large to be a certificate, so it was not read.',
  EXCHANGE_NO_FILE: 'No file was given.',
};

/** The code of an error from any layer, or undefined for unexpected errors. */
export function errorCode(e: unknown): string | undefined {
  if (isPkiError(e) || e instanceof StoreError || e instanceof ExchangeError) return e.code;
  return undefined;
}

/** A sentence for people. Unexpected errors get a generic sentence (the details go to the console). */
export function messageFor(e: unknown): string {
  if (isPkiError(e)) return PKI_MESSAGES[e.code];
  if (e instanceof StoreError) return STORE_MESSAGES[e.code];
  if (e instanceof ExchangeError) return EXCHANGE_MESSAGES[e.code];
  return 'Something unexpected went wrong. Nothing was changed.';
}
