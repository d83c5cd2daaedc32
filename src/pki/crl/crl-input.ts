// CRLs as people hand them over: DER bytes, PEM text with one or more X509 CRL blocks, or one base64
// line (as pasted or scanned). Throws PkiError INPUT_* naming the format assumed and where it broke.
import { PkiError } from '../errors.ts';
import { fromBase64 } from '../bytes.ts';
import { looksLikePem, parsePem } from '../pem.ts';

export const MAX_CRL_INPUT_BYTES = 16 * 1024 * 1024;

/** Every CRL in `input`, in order (DER, not yet parsed: parseCrl or validatePath do that). Never empty. */
export function readCrlList(input: Uint8Array | string): Uint8Array[] {
  if (input.length === 0) throw new PkiError('INPUT_EMPTY', 'no CRL given');
  if (input.length > MAX_CRL_INPUT_BYTES) throw new PkiError('INPUT_TOO_LARGE', `input larger than ${MAX_CRL_INPUT_BYTES / 1024 / 1024} MiB`);
  if (typeof input !== 'string' && input[0] === 0x30) return [input.slice()];
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new PkiError('INPUT_BAD_DER', 'binary data that does not start with a DER SEQUENCE');
  }
  if (looksLikePem(text)) {
    const blocks = parsePem(text, { allowStrayText: true });
    const other = blocks.find((b) => b.label !== 'X509 CRL');
    if (other) throw new PkiError('INPUT_WRONG_TYPE', `a ${other.label} block is not a CRL`);
    if (blocks.length === 0) throw new PkiError('INPUT_BAD_PEM', 'no X509 CRL block');
    return blocks.map((b) => b.der);
  }
  const line = text.trim();
  if (/\s/.test(line) || line === '') throw new PkiError('INPUT_UNRECOGNISED', 'neither DER, PEM nor a single base64 line');
  const der = fromBase64(line);
  if (der[0] !== 0x30) throw new PkiError('INPUT_BAD_DER', 'the base64 text does not decode to DER');
  return [der];
}
