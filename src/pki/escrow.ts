// Escrow at birth: the ONLY place where a CA private key exists as plaintext. It is generated
// extractable, exported as PKCS#8, age-encrypted, re-imported non-extractable and the bytes wiped.
import { loadAge } from './age.ts';
import { PkiError } from './errors.ts';
import { exportSpki, generateKeyPair, keyGenParams, type KeyType } from './algorithms.ts';
import { copyBytes } from './bytes.ts';
import { toPem } from './pem.ts';

export interface EscrowedKey {
  /** Private key: non-extractable, usable for signing only. */
  readonly privateKey: CryptoKey;
  readonly spki: Uint8Array;
  /** Armored age ciphertext of the PKCS#8, decryptable by exactly `recipients`. */
  readonly ciphertext: string;
  readonly recipients: ReadonlyArray<string>;
}

function checkRecipients(recipients: ReadonlyArray<string>): void {
  if (recipients.length === 0) throw new PkiError('HIER_ESCROW_FAILED', 'escrow needs at least one age recipient');
  for (const r of recipients) {
    if (!/^age1[02-9ac-hj-np-z]{58}$/.test(r)) throw new PkiError('HIER_ESCROW_FAILED', 'an escrow recipient is not an age X25519 recipient (age1…)');
  }
}

async function importSigningKey(type: KeyType, pkcs8: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', copyBytes(pkcs8), keyGenParams(type), false, ['sign']);
}

/**
 * Generates a signing key whose PKCS#8 is immediately age-encrypted to `recipients` (e.g. the CI
 * recipient and an offline backup) and returns it re-imported as non-extractable. The plaintext
 * PKCS#8 lives only inside this function and is overwritten before it returns (best effort: the JS
 * engine may have copied it; WebCrypto gives no stronger guarantee). Throws HIER_ESCROW_FAILED.
 */
export async function generateEscrowedKey(type: KeyType, recipients: ReadonlyArray<string>): Promise<EscrowedKey> {
  checkRecipients(recipients);
  const pair = await generateKeyPair(type, { extractable: true });
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  try {
    const { Encrypter, armor } = await loadAge();
    const enc = new Encrypter();
    for (const r of recipients) enc.addRecipient(r);
    const ciphertext = armor.encode(await enc.encrypt(pkcs8));
    const privateKey = await importSigningKey(type, pkcs8);
    return { privateKey, spki: await exportSpki(pair.publicKey), ciphertext, recipients: [...recipients] };
  } catch (cause) {
    if (cause instanceof PkiError) throw cause;
    throw new PkiError('HIER_ESCROW_FAILED', 'the key could not be escrowed', { cause });
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * Decrypts an escrowed key with age identities (`AGE-SECRET-KEY-1…`) and imports it non-extractable.
 * Checks that it belongs to `spki`. Throws HIER_KEY_UNAVAILABLE when no identity matches,
 * HIER_AGE_IDENTITY_INVALID for a malformed identity, HIER_STORE_INCONSISTENT for a wrong key.
 */
export async function openEscrowedKey(params: {
  readonly ciphertext: string;
  readonly identities: ReadonlyArray<string>;
  readonly type: KeyType;
  readonly spki: Uint8Array;
}): Promise<CryptoKey> {
  const { Decrypter, armor } = await loadAge();
  const dec = new Decrypter();
  for (const id of params.identities) {
    if (!/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/.test(id)) throw new PkiError('HIER_AGE_IDENTITY_INVALID', 'not an age X25519 identity (AGE-SECRET-KEY-1…)');
    dec.addIdentity(id);
  }
  let pkcs8: Uint8Array;
  try {
    pkcs8 = await dec.decrypt(armor.decode(params.ciphertext));
  } catch (cause) {
    throw new PkiError('HIER_KEY_UNAVAILABLE', 'no given age identity can decrypt this key', { cause });
  }
  try {
    // A non-extractable key cannot give its public half back, so prove the match by sign + verify.
    const key = await importSigningKey(params.type, pkcs8);
    const probe = crypto.getRandomValues(new Uint8Array(32));
    const alg = params.type === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
    const sig = await crypto.subtle.sign(alg, key, probe);
    const pub = await crypto.subtle.importKey('spki', copyBytes(params.spki), keyGenParams(params.type), false, ['verify']);
    if (!(await crypto.subtle.verify(alg, pub, sig, probe))) {
      throw new PkiError('HIER_STORE_INCONSISTENT', 'the decrypted key does not match its recorded public key');
    }
    return key;
  } catch (cause) {
    if (cause instanceof PkiError) throw cause;
    throw new PkiError('HIER_STORE_INCONSISTENT', 'the decrypted key cannot be imported', { cause });
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * A fresh key for a service (not a CA): its PKCS#8 PEM is the deliverable, handed to the caller once
 * and never stored by crosstrust. Prefer issuing from the service's own CSR.
 */
export async function generateServiceKey(type: KeyType): Promise<{ readonly spki: Uint8Array; readonly pkcs8Pem: string }> {
  const pair = await generateKeyPair(type, { extractable: true });
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return { spki: await exportSpki(pair.publicKey), pkcs8Pem: toPem('PRIVATE KEY', pkcs8) };
}

/**
 * The age identities in a pasted or read identity file: one `AGE-SECRET-KEY-1…` per line, blank
 * lines and `#` comments skipped (as age-keygen writes them). Throws HIER_AGE_IDENTITY_INVALID for
 * any other line or when there is none.
 */
export function parseAgeIdentities(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new PkiError('HIER_AGE_IDENTITY_INVALID', 'no AGE-SECRET-KEY-1… line was given');
  lines.forEach((l, i) => {
    if (!/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/.test(l)) throw new PkiError('HIER_AGE_IDENTITY_INVALID', `line ${i + 1} is not an age X25519 identity (AGE-SECRET-KEY-1…)`);
  });
  return lines;
}
