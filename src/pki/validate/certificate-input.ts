// Certificates as people hand them to the validator: DER bytes, PEM text (one or many blocks, as in a
// bundle) or certified's b64 line. Throws PkiError INPUT_* (the format assumed and where it broke).
import { PkiError } from '../errors.ts';
import { utf8 } from '../bytes.ts';
import { looksLikePem, parsePem } from '../pem.ts';
import { fromCertifiedB64 } from '../certified-format.ts';

const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** Every certificate in `input` (DER, PEM bundle or one certified b64 line), in order. Never empty. */
export function readCertificateList(input: Uint8Array | string): Uint8Array[] {
  if (input.length === 0) throw new PkiError('INPUT_EMPTY', 'no certificate given');
  if (input.length > MAX_INPUT_BYTES) throw new PkiError('INPUT_TOO_LARGE', `input larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
  if (typeof input !== 'string' && input[0] === 0x30) return [input.slice()];
  const text = typeof input === 'string' ? input : utf8.decode(input);
  if (looksLikePem(text)) {
    const blocks = parsePem(text, { allowStrayText: true });
    const certs = blocks.filter((b) => b.label === 'CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
    const other = blocks.find((b) => b.label !== 'CERTIFICATE' && b.label !== 'TRUSTED CERTIFICATE');
    if (other) throw new PkiError('INPUT_UNKNOWN_PEM_LABEL', `a ${other.label} block is not a certificate`);
    if (certs.length === 0) throw new PkiError('INPUT_BAD_PEM', 'no CERTIFICATE block');
    return certs.map((b) => b.der);
  }
  const line = text.trim();
  if (/\s/.test(line)) throw new PkiError('INPUT_UNRECOGNISED', 'neither DER, PEM nor a single base64 line');
  return [fromCertifiedB64(line)];
}
