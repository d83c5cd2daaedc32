// Fingerprints people can read aloud and compare: SHA-256 of the DER, in groups of four hex digits.
import { sha256, toHex } from './bytes.ts';

export interface Fingerprint {
  /** Lower-case hex, 64 characters. */
  readonly hex: string;
  /** Upper-case, colon-separated (as `openssl x509 -fingerprint -sha256` prints). */
  readonly colon: string;
  /** 16 groups of four upper-case hex digits separated by spaces, for reading aloud. */
  readonly grouped: string;
}

export function formatFingerprint(digest: Uint8Array): Fingerprint {
  const hex = toHex(digest);
  const upper = hex.toUpperCase();
  return {
    hex,
    colon: upper.match(/../g)!.join(':'),
    grouped: upper.match(/.{1,4}/g)!.join(' '),
  };
}

/** SHA-256 fingerprint of a DER object (certificate, CSR, CRL). */
export async function fingerprintOf(der: Uint8Array): Promise<Fingerprint> {
  return formatFingerprint(await sha256(der));
}

/** Compares a fingerprint a user typed or pasted (any case, with or without separators) to ours. */
export function fingerprintMatches(fp: Fingerprint, typed: string): boolean {
  const clean = typed.replace(/[\s:.-]/g, '').toLowerCase();
  return clean.length === 64 && clean === fp.hex;
}
