// User sentences for the backup area's error codes (one table; a test checks every code has one).
import type { PkiErrorCode } from '../../pki/index.ts';
import type { StoreErrorCode } from '../../store/errors.ts';

export type BackupErrorCode = Extract<PkiErrorCode, `BACKUP_${string}`> | StoreErrorCode;

export const BACKUP_MESSAGES: Readonly<Record<Exclude<BackupErrorCode, 'BACKUP_RESERVED_9'>, string>> = {
  BACKUP_PASSPHRASE_EMPTY: 'Enter the backup passphrase.',
  BACKUP_TOO_LARGE: 'This file is too large to be a crosstrust backup.',
  BACKUP_NOT_AGE: 'This file is not an encrypted crosstrust backup.',
  BACKUP_NOT_PASSPHRASE: 'This age file is encrypted to a key, not to a passphrase; it is not a crosstrust backup.',
  BACKUP_WRONG_PASSPHRASE: 'Wrong passphrase. Nothing was changed.',
  BACKUP_CORRUPTED: 'The backup file is damaged (it failed its integrity check). Nothing was changed.',
  BACKUP_BAD_FORMAT: 'The file decrypted, but it is not a crosstrust backup. Nothing was changed.',
  BACKUP_UNSUPPORTED_VERSION: 'This backup was made by a newer crosstrust. Update the app, then restore.',
  BACKUP_UNSUPPORTED_VALUE: 'Some stored data cannot be written to a backup.',
  BACKUP_ESCROW_BAD_RECIPIENT: 'That is not an age recipient (it starts with age1…).',
  BACKUP_ESCROW_WRONG_IDENTITY: 'This age identity does not open the escrowed key.',
  BACKUP_ESCROW_MISMATCH: 'The escrowed key does not match its certificate key; it was not restored.',
  BACKUP_ESCROW_BAD_FORMAT: 'The escrowed key record is damaged.',
  BACKUP_ESCROW_BAD_IDENTITY: 'That is not a recovery key. Paste the line that starts with AGE-SECRET-KEY-1, or choose the recovery key file.',
  STORE_UNAVAILABLE: 'The browser storage (IndexedDB) is not available.',
  STORE_BLOCKED: 'Another crosstrust tab is upgrading the storage; close it and try again.',
  STORE_VERSION_TOO_NEW: 'The stored data was written by a newer crosstrust. Update the app.',
  STORE_NOT_FOUND: 'Not found.',
  STORE_CONFLICT: 'The data in this browser changed since the backup was checked (another tab?). Check the backup again.',
  STORE_QUOTA: 'Not enough storage space to restore this backup. Nothing was changed.',
  STORE_TRANSACTION_FAILED: 'Restore failed. Nothing was changed.',
  STORE_UPGRADE_FAILED: 'The storage could not be updated for this version; your data is unchanged.',
};

/** The sentence for an error thrown by backup or restore. */
export function backupErrorMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in BACKUP_MESSAGES) return BACKUP_MESSAGES[code as keyof typeof BACKUP_MESSAGES];
  return 'Something went wrong; nothing was changed.';
}
