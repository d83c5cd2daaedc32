// Encrypted backups of the store: a snapshot (plain records) → JSON with tagged bytes → age with an
// scrypt passphrase (age-encryption.org/v1), and back with strict shape checks. No DOM, no IndexedDB.
import { loadAge } from './age.ts';
import { fromBase64, toBase64, utf8 } from './bytes.ts';
import { PkiError } from './errors.ts';

export const BACKUP_FORMAT = 'crosstrust-backup';
export const BACKUP_VERSION = 1;
/** Largest backup we decrypt (an age header plus a store of documents; keeps a bad file from eating memory). */
export const BACKUP_MAX_BYTES = 64 * 1024 * 1024;
/** Stores a backup carries. `keys` is not one: non-extractable keys cannot leave the browser. */
export const BACKUP_STORES = ['identities', 'audit', 'settings', 'documents'] as const;
export type BackupStoreName = (typeof BACKUP_STORES)[number];

/** Values a backup can hold: JSON plus bytes. */
export type BackupValue = null | boolean | number | string | Uint8Array | ReadonlyArray<BackupValue> | { readonly [key: string]: BackupValue };
export type BackupRecord = { readonly [key: string]: BackupValue };

/** A key that was in the store but is not in the backup (its private half is non-extractable). */
export interface OmittedKey {
  readonly id: string;
  readonly keyType: string;
  readonly purpose: string;
}

export interface BackupSnapshot {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly createdMs: number;
  /** Version of the app that wrote it, for people. */
  readonly appVersion: string;
  readonly stores: { readonly [S in BackupStoreName]: ReadonlyArray<BackupRecord> };
  readonly omittedKeys: ReadonlyArray<OmittedKey>;
}

const BYTES_TAG = '$bytes';

function toJsonValue(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new PkiError('BACKUP_UNSUPPORTED_VALUE', 'backups hold finite numbers only', { details: { path } });
    return value;
  }
  if (value instanceof Uint8Array) return { [BYTES_TAG]: toBase64(value) };
  if (Array.isArray(value)) return value.map((v, i) => toJsonValue(v, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 1 && entries[0]?.[0] === BYTES_TAG) {
      throw new PkiError('BACKUP_UNSUPPORTED_VALUE', `an object with the single key ${BYTES_TAG} cannot be backed up`, { details: { path } });
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, toJsonValue(v, `${path}.${k}`)]));
  }
  // CryptoKey, Date, Map, class instances: not plain data.
  throw new PkiError('BACKUP_UNSUPPORTED_VALUE', 'backups hold plain data only', { details: { path, type: Object.prototype.toString.call(value) } });
}

function fromJsonValue(value: unknown, path: string): BackupValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v, i) => fromJsonValue(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0]?.[0] === BYTES_TAG) {
      const b64 = entries[0][1];
      if (typeof b64 !== 'string') throw bad(`${path}: bytes must be base64 text`);
      try {
        return fromBase64(b64, { alphabet: 'std', padding: 'required' });
      } catch (cause) {
        throw new PkiError('BACKUP_BAD_FORMAT', 'backup holds malformed bytes', { details: { path }, cause });
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, fromJsonValue(v, `${path}.${k}`)]));
  }
  throw bad(`${path}: unexpected value`);
}

type FieldType = 'string' | 'number' | 'bytes';
/** Fields each backed-up record must have (the store's key path first). Other fields travel as they are. */
const REQUIRED_FIELDS: { readonly [S in BackupStoreName]: ReadonlyArray<readonly [string, FieldType]> } = {
  identities: [['id', 'string'], ['label', 'string'], ['keyType', 'string'], ['caCertDer', 'bytes'], ['idCertDer', 'bytes'],
    ['caKeyId', 'string'], ['idKeyId', 'string'], ['createdMs', 'number']],
  audit: [['seq', 'number'], ['timeMs', 'number'], ['op', 'string'], ['summary', 'string']],
  settings: [['name', 'string']],
  documents: [['id', 'string'], ['kind', 'string'], ['updatedMs', 'number']],
};

function hasType(v: BackupValue | undefined, t: FieldType): boolean {
  return t === 'bytes' ? v instanceof Uint8Array : t === 'number' ? typeof v === 'number' && Number.isFinite(v) : typeof v === t;
}

const bad = (where: string) => new PkiError('BACKUP_BAD_FORMAT', `not a crosstrust backup (${where})`);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a decoded JSON document against the snapshot shape. Throws BACKUP_BAD_FORMAT, BACKUP_UNSUPPORTED_VERSION. */
export function parseBackupSnapshot(json: unknown): BackupSnapshot {
  if (!isRecord(json) || json.format !== BACKUP_FORMAT) throw bad('format');
  if (json.version !== BACKUP_VERSION) {
    throw new PkiError('BACKUP_UNSUPPORTED_VERSION', 'backup was written by an unknown version', { details: { version: String(json.version) } });
  }
  const known = new Set(['format', 'version', 'createdMs', 'appVersion', 'stores', 'omittedKeys']);
  const extra = Object.keys(json).find((k) => !known.has(k));
  if (extra !== undefined) throw bad(`unknown field ${extra}`);
  if (typeof json.createdMs !== 'number' || !Number.isSafeInteger(json.createdMs)) throw bad('createdMs');
  if (typeof json.appVersion !== 'string') throw bad('appVersion');
  const stores = json.stores;
  if (!isRecord(stores) || Object.keys(stores).sort().join() !== [...BACKUP_STORES].sort().join()) throw bad('stores');
  const parsed = {} as Record<BackupStoreName, ReadonlyArray<BackupRecord>>;
  for (const name of BACKUP_STORES) {
    const records = stores[name];
    if (!Array.isArray(records)) throw bad(`stores.${name}`);
    parsed[name] = records.map((r: unknown, i) => {
      if (!isRecord(r)) throw bad(`stores.${name}[${i}]`);
      const record = fromJsonValue(r, `${name}[${i}]`) as BackupRecord;
      for (const [field, type] of REQUIRED_FIELDS[name]) {
        if (!hasType(record[field], type)) throw bad(`stores.${name}[${i}].${field}`);
      }
      return record;
    });
  }
  if (!Array.isArray(json.omittedKeys)) throw bad('omittedKeys');
  const omittedKeys = json.omittedKeys.map((k: unknown, i): OmittedKey => {
    if (!isRecord(k) || typeof k.id !== 'string' || typeof k.keyType !== 'string' || typeof k.purpose !== 'string') throw bad(`omittedKeys[${i}]`);
    return { id: k.id, keyType: k.keyType, purpose: k.purpose };
  });
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdMs: json.createdMs, appVersion: json.appVersion, stores: parsed, omittedKeys };
}

/** Serialises a snapshot to UTF-8 JSON (bytes as {"$bytes": base64}). Throws BACKUP_UNSUPPORTED_VALUE. */
export function encodeBackupSnapshot(snapshot: BackupSnapshot): Uint8Array {
  return utf8.encode(JSON.stringify(toJsonValue(snapshot, 'backup')));
}

/**
 * Encrypts a snapshot with age (scrypt passphrase recipient). `workFactor` is scrypt's log2 N (age's
 * default 18; tests use less). Throws BACKUP_PASSPHRASE_EMPTY, BACKUP_UNSUPPORTED_VALUE.
 */
export async function encryptBackup(snapshot: BackupSnapshot, passphrase: string, options: { workFactor?: number } = {}): Promise<Uint8Array> {
  if (passphrase.length === 0) throw new PkiError('BACKUP_PASSPHRASE_EMPTY', 'a backup needs a passphrase');
  const plaintext = encodeBackupSnapshot(snapshot);
  const { Encrypter } = await loadAge();
  const e = new Encrypter();
  e.setPassphrase(passphrase);
  if (options.workFactor !== undefined) e.setScryptWorkFactor(options.workFactor);
  return e.encrypt(plaintext);
}

const AGE_MAGIC = 'age-encryption.org/v1\n';

/**
 * Decrypts and validates a backup file. Throws BACKUP_PASSPHRASE_EMPTY, BACKUP_TOO_LARGE, BACKUP_NOT_AGE,
 * BACKUP_NOT_PASSPHRASE (age file for key recipients), BACKUP_WRONG_PASSPHRASE, BACKUP_CORRUPTED
 * (header or payload fails authentication), BACKUP_BAD_FORMAT, BACKUP_UNSUPPORTED_VERSION.
 */
export async function decryptBackup(file: Uint8Array, passphrase: string): Promise<BackupSnapshot> {
  if (passphrase.length === 0) throw new PkiError('BACKUP_PASSPHRASE_EMPTY', 'a backup needs a passphrase');
  if (file.length > BACKUP_MAX_BYTES) throw new PkiError('BACKUP_TOO_LARGE', 'backup file is too large', { details: { maxBytes: BACKUP_MAX_BYTES } });
  // The header is text up to the "---" MAC line; only look there for recipient stanzas.
  const head = new TextDecoder('utf-8').decode(file.subarray(0, 1024)).split('\n---')[0] ?? '';
  if (!head.startsWith(AGE_MAGIC)) throw new PkiError('BACKUP_NOT_AGE', 'not an age-encrypted file');
  const stanzas = [...head.matchAll(/^-> (\S+)/gm)].map((m) => m[1]);
  if (stanzas.length > 0 && !stanzas.includes('scrypt')) throw new PkiError('BACKUP_NOT_PASSPHRASE', 'age file is encrypted to keys, not to a passphrase');
  const { Decrypter } = await loadAge();
  const d = new Decrypter();
  d.addPassphrase(passphrase);
  let plaintext: Uint8Array;
  try {
    plaintext = await d.decrypt(file);
  } catch (cause) {
    // age reports "no identity matched" when the scrypt stanza does not open with this passphrase.
    const msg = cause instanceof Error ? cause.message : '';
    if (/no identity matched/.test(msg) && stanzas.length === 1) throw new PkiError('BACKUP_WRONG_PASSPHRASE', 'wrong passphrase', { cause });
    throw new PkiError('BACKUP_CORRUPTED', 'backup file is damaged', { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(plaintext));
  } catch (cause) {
    throw new PkiError('BACKUP_BAD_FORMAT', 'backup content is not JSON', { cause });
  }
  return parseBackupSnapshot(json);
}
