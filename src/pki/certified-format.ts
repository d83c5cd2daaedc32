// certified's "b64" text: the DER in URL-safe base64 *with* '=' padding on one line (FORMATS.md).
import { PkiError } from './errors.ts';
import { fromBase64, toBase64Url } from './bytes.ts';

/** `get-ident` line content (without the trailing newline). */
export function toCertifiedB64(der: Uint8Array): string {
  return toBase64Url(der, { pad: true });
}

/** `get-ident` output exactly: the b64 line plus '\n'. */
export function getIdentOutput(idCertDer: Uint8Array): string {
  return `${toCertifiedB64(idCertDer)}\n`;
}

/** Reads certified b64 as certified does: either alphabet, padding required, nothing but the alphabet. */
export function fromCertifiedB64(text: string): Uint8Array {
  if (text.length === 0) throw new PkiError('INPUT_EMPTY', 'empty base64 text');
  return fromBase64(text, { alphabet: 'either', padding: 'required' });
}
