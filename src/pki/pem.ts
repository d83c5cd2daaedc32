// PEM (RFC 7468): strict reading of one or more blocks, writing with 64-character lines and '\n'.
import { PkiError } from './errors.ts';
import { fromBase64, toBase64 } from './bytes.ts';

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

/** PEM text for `der` under `label`, as certified and OpenSSL write it (64-column lines, final newline). */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----$/;
const END = /^-----END ([A-Z0-9 ]+)-----$/;

/**
 * Every PEM block in `text`. CRLF and surrounding whitespace are fine; explanatory text *between*
 * blocks (as `openssl x509 -text` writes) is reported as INPUT_STRAY_TEXT unless `allowStrayText`.
 * Throws INPUT_BAD_PEM (unterminated block, END label mismatch, headers), INPUT_TRUNCATED, INPUT_BAD_BASE64.
 */
export function parsePem(text: string, options: { allowStrayText?: boolean } = {}): PemBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  let label: string | undefined;
  let body: string[] = [];
  let beginLine = 0;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (label === undefined) {
      if (line === '') continue;
      const m = line.match(BEGIN);
      if (m) {
        label = m[1]!;
        body = [];
        beginLine = n + 1;
        continue;
      }
      if (END.test(line)) throw new PkiError('INPUT_BAD_PEM', `END line without BEGIN on line ${n + 1}`);
      if (!options.allowStrayText) {
        throw new PkiError('INPUT_STRAY_TEXT', `text outside a PEM block on line ${n + 1}`, { details: { line: n + 1 } });
      }
      continue;
    }
    const e = line.match(END);
    if (e) {
      if (e[1] !== label) throw new PkiError('INPUT_BAD_PEM', `BEGIN ${label} on line ${beginLine} ends with END ${e[1]}`);
      const b64 = body.join('');
      if (b64.length === 0) throw new PkiError('INPUT_BAD_PEM', `empty ${label} block on line ${beginLine}`);
      let der: Uint8Array;
      try {
        der = fromBase64(b64, { alphabet: 'std', padding: 'required' });
      } catch (cause) {
        const pe = cause as PkiError;
        throw new PkiError(pe.code ?? 'INPUT_BAD_BASE64', `${label} block on line ${beginLine}: ${pe.message}`, { cause });
      }
      blocks.push({ label, der });
      label = undefined;
      continue;
    }
    if (line.includes(':')) throw new PkiError('INPUT_BAD_PEM', `encapsulated headers (line ${n + 1}) are not supported`);
    if (BEGIN.test(line)) throw new PkiError('INPUT_BAD_PEM', `BEGIN inside the ${label} block that starts on line ${beginLine}`);
    body.push(line);
  }
  if (label !== undefined) {
    throw new PkiError('INPUT_TRUNCATED', `the ${label} block that starts on line ${beginLine} has no END line`, { details: { line: beginLine } });
  }
  return blocks;
}

/** True when the text looks like PEM (has a BEGIN line). */
export function looksLikePem(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]+-----/.test(text);
}
