// Recoverable keys as documents that travel in backups: escrow at birth (through escrow.ts, the one
// place a private key is ever exported) and recovery with the user's age identity, non-extractable.
import { loadAge } from './age.ts';
import { generateEscrowedKey } from './escrow.ts';
import { createIdentity, type CreatedIdentity, type IdentityRequest } from './identity.ts';
import { copyBytes } from './bytes.ts';
import { PkiError } from './errors.ts';
import { keyGenParams, type KeyType, KEY_TYPES } from './algorithms.ts';

export const KEY_ESCROW_FORMAT = 'crosstrust-key-escrow';

/** Stored as a document (kind 'key-escrow'); travels in backups. Holds no plaintext key material. */
export interface KeyEscrow {
  readonly format: typeof KEY_ESCROW_FORMAT;
  readonly version: 1;
  readonly keyType: KeyType;
  /** SPKI DER of the public key, to check a recovered key against. */
  readonly publicKeySpki: Uint8Array;
  /** The age recipient (age1…) the private key was encrypted to. */
  readonly recipient: string;
  /** age file holding the PKCS#8 DER of the private key. */
  readonly ciphertext: Uint8Array;
}

const PROBE = new Uint8Array([0x63, 0x74]); // signed and verified to prove a recovered key matches

function signParams(type: KeyType): Algorithm | EcdsaParams {
  return type === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
}

/**
 * A new key pair whose private key is non-extractable, plus its escrow for `recipient` (an age
 * X25519 recipient, age1…), for keys the user wants recoverable from backups. The plaintext exists
 * only inside generateEscrowedKey (escrow.ts). Throws BACKUP_ESCROW_BAD_RECIPIENT.
 */
export async function generateEscrowedKeyPair(type: KeyType, recipient: string): Promise<{ keyPair: CryptoKeyPair; escrow: KeyEscrow }> {
  let escrowed;
  try {
    escrowed = await generateEscrowedKey(type, [recipient]);
  } catch (cause) {
    if (cause instanceof PkiError && cause.code === 'HIER_ESCROW_FAILED') {
      throw new PkiError('BACKUP_ESCROW_BAD_RECIPIENT', 'not an age recipient (age1…)', { cause });
    }
    throw cause;
  }
  const publicKey = await crypto.subtle.importKey('spki', copyBytes(escrowed.spki), keyGenParams(type), true, ['verify']);
  const { armor } = await loadAge();
  const escrow: KeyEscrow = {
    format: KEY_ESCROW_FORMAT, version: 1, keyType: type,
    publicKeySpki: escrowed.spki, recipient, ciphertext: armor.decode(escrowed.ciphertext),
  };
  return { keyPair: { privateKey: escrowed.privateKey, publicKey }, escrow };
}

/** Checks an escrow read back from storage or a backup. Throws BACKUP_ESCROW_BAD_FORMAT. */
export function parseKeyEscrow(value: unknown): KeyEscrow {
  const v = value as Partial<KeyEscrow> | null;
  if (typeof v !== 'object' || v === null || v.format !== KEY_ESCROW_FORMAT || v.version !== 1 ||
    !KEY_TYPES.includes(v.keyType as KeyType) || !(v.publicKeySpki instanceof Uint8Array) ||
    typeof v.recipient !== 'string' || !(v.ciphertext instanceof Uint8Array)) {
    throw new PkiError('BACKUP_ESCROW_BAD_FORMAT', 'not a crosstrust key escrow');
  }
  return { format: KEY_ESCROW_FORMAT, version: 1, keyType: v.keyType as KeyType, publicKeySpki: copyBytes(v.publicKeySpki), recipient: v.recipient, ciphertext: copyBytes(v.ciphertext) };
}

/**
 * Recovers the escrowed private key as a NON-extractable CryptoKey, using the age identity
 * (AGE-SECRET-KEY-1…) matching the escrow's recipient. Throws BACKUP_ESCROW_WRONG_IDENTITY,
 * BACKUP_ESCROW_MISMATCH (decrypted key is not the escrow's public key), BACKUP_ESCROW_BAD_FORMAT.
 */
export async function recoverEscrowedKey(escrow: KeyEscrow, identity: string): Promise<CryptoKey> {
  const { Decrypter } = await loadAge();
  const decrypter = new Decrypter();
  let pkcs8: Uint8Array;
  try {
    decrypter.addIdentity(identity);
    pkcs8 = await decrypter.decrypt(escrow.ciphertext);
  } catch (cause) {
    throw new PkiError('BACKUP_ESCROW_WRONG_IDENTITY', 'this age identity does not open the escrowed key', { cause });
  }
  try {
    const key = await crypto.subtle.importKey('pkcs8', copyBytes(pkcs8), keyGenParams(escrow.keyType), false, ['sign']).catch((cause: unknown) => {
      throw new PkiError('BACKUP_ESCROW_BAD_FORMAT', 'escrowed key is not a PKCS#8 key of the stated type', { cause });
    });
    const publicKey = await crypto.subtle.importKey('spki', copyBytes(escrow.publicKeySpki), keyGenParams(escrow.keyType), false, ['verify']);
    const sig = await crypto.subtle.sign(signParams(escrow.keyType), key, PROBE);
    if (!(await crypto.subtle.verify(signParams(escrow.keyType), publicKey, sig, PROBE))) {
      throw new PkiError('BACKUP_ESCROW_MISMATCH', 'escrowed key does not match its public key');
    }
    return key;
  } finally {
    pkcs8.fill(0);
  }
}

const RECIPIENT_RE = /^age1[02-9ac-hj-np-z]{58}$/;
const IDENTITY_RE = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

/** Whether `text` (trimmed) is an age X25519 recipient (age1…), the kind escrow encrypts to. */
export function isAgeRecipient(text: string): boolean {
  return RECIPIENT_RE.test(text.trim());
}

/** A recovery key: an age X25519 identity (the secret the user keeps) and its recipient (public). */
export interface RecoveryKey {
  /** AGE-SECRET-KEY-1…: whoever holds it (and a backup) can recover escrowed keys. */
  readonly identity: string;
  /** age1…: what keys are escrowed to. */
  readonly recipient: string;
}

/** Makes a new recovery key (age-keygen's X25519 identity). */
export async function newRecoveryKey(): Promise<RecoveryKey> {
  const { generateX25519Identity, identityToRecipient } = await loadAge();
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The recovery key as an age identity file (`age-keygen` format), which `age -d -i FILE` also reads. */
export function recoveryKeyFile(key: RecoveryKey, createdMs: number): string {
  return `# crosstrust recovery key: restores keys escrowed at birth. Keep it offline and private.\n` +
    `# created: ${new Date(createdMs).toISOString().replace(/\.\d{3}Z$/, 'Z')}\n# public key: ${key.recipient}\n${key.identity}\n`;
}

/**
 * Reads a recovery key pasted or loaded from a file: the one AGE-SECRET-KEY-1… line (comments and
 * blank lines, as in age identity files, are ignored). Returns it with its recipient. Throws
 * BACKUP_ESCROW_BAD_IDENTITY when there is not exactly one well-formed identity.
 */
export async function parseRecoveryKey(text: string): Promise<RecoveryKey> {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const only = lines.length === 1 ? lines[0]!.toUpperCase() : undefined;
  if (!only || !IDENTITY_RE.test(only)) {
    throw new PkiError('BACKUP_ESCROW_BAD_IDENTITY', 'not an age recovery key (one line AGE-SECRET-KEY-1…)', { details: { lines: lines.length } });
  }
  const { identityToRecipient } = await loadAge();
  try {
    return { identity: only, recipient: await identityToRecipient(only) };
  } catch (cause) {
    throw new PkiError('BACKUP_ESCROW_BAD_IDENTITY', 'the recovery key is damaged (bad checksum)', { cause });
  }
}

/** The escrows of a recoverable identity's two keys, keyed like the identity's key ids. */
export interface IdentityEscrows {
  readonly ca: KeyEscrow;
  readonly id: KeyEscrow;
}

/**
 * "Backup at birth" for an identity: both key pairs are made by generateEscrowedKeyPair (kept
 * non-extractable, PKCS#8 age-encrypted to `recipient`), then the certificates are issued as
 * createIdentity does. Throws what createIdentity throws, and BACKUP_ESCROW_BAD_RECIPIENT.
 */
export async function createEscrowedIdentity(req: IdentityRequest, recipient: string): Promise<{ created: CreatedIdentity; escrows: IdentityEscrows }> {
  const type = req.keyType ?? 'ed25519';
  const ca = await generateEscrowedKeyPair(type, recipient.trim());
  const id = await generateEscrowedKeyPair(type, recipient.trim());
  const created = await createIdentity({ ...req, keyType: type, keyPairs: { ca: ca.keyPair, id: id.keyPair } });
  return { created, escrows: { ca: ca.escrow, id: id.escrow } };
}
