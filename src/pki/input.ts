// THE boundary parser: text or bytes from a paste, a file picker or a drop → a list of typed items.
// PEM (RFC 7468), DER, base64/base64url DER (RFC 4648 §4/§5, one alphabet), certified JSON intros.
// Pure core: no DOM. Deeper code trusts what this returns and never re-sniffs.
import { PkiError, isPkiError } from './errors.ts';
import { fromBase64 } from './bytes.ts';
import { parsePem, looksLikePem } from './pem.ts';
import { fromCertifiedB64 } from './certified-format.ts';
import { parseCertificate } from './x509/certificate.ts';
import { classifyDer, PEM_LABEL_KINDS, REFUSED_PEM_LABELS, type DerKind } from './input-kind.ts';

/** How an item was encoded where we found it. */
export type InputEncoding = 'pem' | 'der' | 'base64' | 'base64url' | 'json';

interface ItemBase {
  readonly encoding: InputEncoding;
  /** 1-based position among the items of this input (PEM block number, 1 otherwise). */
  readonly index: number;
}

export type InputItem =
  | (ItemBase & { readonly kind: 'certificate'; readonly der: Uint8Array })
  | (ItemBase & { readonly kind: 'csr'; readonly der: Uint8Array })
  | (ItemBase & { readonly kind: 'crl'; readonly der: Uint8Array })
  | (ItemBase & {
      readonly kind: 'introduction';
      readonly signedCertDer: Uint8Array;
      readonly caCertDer: Uint8Array;
      /** certified `services`: alias → URL, in file order. */
      readonly services: ReadonlyArray<{ readonly alias: string; readonly url: string }>;
    });

export type InputKind = InputItem['kind'];

export interface ParseInputOptions {
  /** Largest input accepted, in bytes (or UTF-16 units for text), checked before any decoding. Default 1 MiB. */
  readonly maxBytes?: number;
  /** When given, any item of another kind is refused with INPUT_WRONG_TYPE. */
  readonly accept?: ReadonlyArray<InputKind>;
}

export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;

const KIND_WORDS: Readonly<Record<InputKind, string>> = {
  certificate: 'a certificate',
  csr: 'a certificate signing request',
  crl: 'a certificate revocation list',
  introduction: 'a certified introduction (JSON)',
};

/** Re-throws a PkiError with the format we assumed and where it broke prefixed to its message. */
function within<T>(where: string, details: Record<string, string | number>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!isPkiError(e)) throw e;
    throw new PkiError(e.code, `${where}: ${e.message}`, { details: { ...e.details, ...details }, cause: e });
  }
}

/** Classifies DER and checks certificates strictly (CERT_MALFORMED) so later layers can trust them. */
function derItem(der: Uint8Array, encoding: InputEncoding, index: number, expected?: DerKind): InputItem {
  const kind = classifyDer(der);
  if (expected !== undefined && kind !== expected) {
    throw new PkiError('INPUT_WRONG_TYPE', `the block is labelled as ${KIND_WORDS[expected]} but holds ${KIND_WORDS[kind]}`);
  }
  if (kind === 'certificate') parseCertificate(der);
  return { kind, der, encoding, index };
}

function parsePemText(text: string): InputItem[] {
  const blocks = within('assumed PEM', { format: 'pem' }, () => parsePem(text));
  return blocks.map((b, i) => {
    const where = `assumed PEM; block ${i + 1} (${b.label})`;
    return within(where, { format: 'pem', block: i + 1 }, (): InputItem => {
      const expected = PEM_LABEL_KINDS[b.label];
      if (expected === undefined) {
        if (REFUSED_PEM_LABELS.has(b.label)) {
          throw new PkiError('INPUT_WRONG_TYPE', `${b.label} blocks are not accepted here (private keys are never imported)`);
        }
        throw new PkiError('INPUT_UNKNOWN_PEM_LABEL', `unknown PEM label ${JSON.stringify(b.label)}`);
      }
      return derItem(b.der, 'pem', i + 1, expected);
    });
  });
}

const B64_TOKEN = /^[A-Za-z0-9+/_=-]+$/;

function parseBase64Text(text: string): InputItem[] {
  // Line-wrapped base64 (as `base64` writes it) is fine; words separated by spaces are prose.
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.some((l) => /\s/.test(l))) {
    throw new PkiError('INPUT_UNRECOGNISED', 'the text is not PEM, JSON, or base64 of a DER object');
  }
  const joined = lines.join('');
  // Base64 of DER always starts with 'M' (0x30), which is not a hex digit: all-hex text is hex, which
  // we never guess at (it is also valid base64 and would decode to garbage).
  if (/^[0-9a-fA-F]+$/.test(joined)) {
    throw new PkiError('INPUT_UNRECOGNISED', 'the text looks like hex, which is not accepted: paste PEM or base64');
  }
  if (!B64_TOKEN.test(joined) && !/[A-Za-z0-9+/_-]{16}/.test(joined)) {
    throw new PkiError('INPUT_UNRECOGNISED', 'the text is not PEM, JSON, or base64 of a DER object');
  }
  const encoding: InputEncoding = /[-_]/.test(joined) ? 'base64url' : 'base64';
  return within(`assumed ${encoding} of DER`, { format: encoding }, (): InputItem[] => {
    const der = fromBase64(joined, { alphabet: 'either', padding: 'optional' });
    if (der[0] !== 0x30) {
      throw new PkiError('INPUT_UNRECOGNISED', 'the decoded bytes do not start with a DER SEQUENCE');
    }
    return [derItem(der, encoding, 1)];
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonCert(obj: Record<string, unknown>, field: string): Uint8Array {
  const v = obj[field];
  if (typeof v !== 'string') throw new PkiError('INPUT_BAD_JSON', `"${field}" must be a string of certified base64`);
  try {
    const bad = v.search(/[^A-Za-z0-9+/_=-]/);
    if (bad >= 0) throw new PkiError('INPUT_BAD_BASE64', `character at offset ${bad} is not base64 (certified allows nothing else, not even a line break)`);
    const der = fromCertifiedB64(v);
    if (classifyDer(der) !== 'certificate') throw new PkiError('INPUT_WRONG_TYPE', `"${field}" does not hold a certificate`);
    parseCertificate(der);
    return der;
  } catch (e) {
    if (!isPkiError(e)) throw e;
    throw new PkiError(e.code, `"${field}": ${e.message}`, { details: { ...e.details, field }, cause: e });
  }
}

function parseJsonText(text: string): InputItem[] {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (cause) {
    throw new PkiError('INPUT_BAD_JSON', 'assumed JSON: the text is not valid JSON', { cause, details: { format: 'json' } });
  }
  return within('assumed a certified JSON file', { format: 'json' }, (): InputItem[] => {
    if (!isRecord(value)) throw new PkiError('INPUT_BAD_JSON', 'the JSON is not an object');
    if (!('signed_cert' in value)) {
      // `certified get-signer` output: {"ca_cert": "..."}.
      if ('ca_cert' in value) return [{ kind: 'certificate', der: jsonCert(value, 'ca_cert'), encoding: 'json', index: 1 }];
      throw new PkiError('INPUT_BAD_JSON', 'the JSON has neither "signed_cert" nor "ca_cert"');
    }
    const signedCertDer = jsonCert(value, 'signed_cert');
    const caCertDer = jsonCert(value, 'ca_cert');
    const services: { alias: string; url: string }[] = [];
    if (value.services !== undefined) {
      if (!isRecord(value.services)) throw new PkiError('INPUT_BAD_JSON', '"services" must be an object of alias → URL');
      for (const [alias, url] of Object.entries(value.services)) {
        if (typeof url !== 'string') throw new PkiError('INPUT_BAD_JSON', `service ${JSON.stringify(alias)} must map to a URL string`);
        services.push({ alias, url });
      }
    }
    return [{ kind: 'introduction', signedCertDer, caCertDer, services, encoding: 'json', index: 1 }];
  });
}

function parseText(text: string): InputItem[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new PkiError('INPUT_EMPTY', 'nothing to read: the input is empty');
  if (looksLikePem(trimmed)) return parsePemText(trimmed);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJsonText(trimmed);
  return parseBase64Text(trimmed);
}

/**
 * Reads anything a user may hand us. Bytes starting with a SEQUENCE tag are DER; other bytes must be
 * UTF-8 text. Throws PkiError: INPUT_EMPTY, INPUT_TOO_LARGE, INPUT_TRUNCATED, INPUT_BAD_BASE64,
 * INPUT_MIXED_BASE64, INPUT_BAD_PADDING, INPUT_TRAILING_DATA, INPUT_BAD_DER, INPUT_BAD_PEM,
 * INPUT_UNKNOWN_PEM_LABEL, INPUT_STRAY_TEXT, INPUT_BAD_JSON, INPUT_WRONG_TYPE, INPUT_UNRECOGNISED,
 * CERT_MALFORMED. Messages name the format assumed and where it broke, never the input itself.
 */
export function parseInput(input: string | Uint8Array, options: ParseInputOptions = {}): ReadonlyArray<InputItem> {
  const max = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (input.length > max) {
    throw new PkiError('INPUT_TOO_LARGE', `the input is ${input.length} bytes; at most ${max} are read`, {
      details: { size: input.length, max },
    });
  }
  if (input.length === 0) throw new PkiError('INPUT_EMPTY', 'nothing to read: the input is empty');
  let items: InputItem[];
  if (typeof input === 'string') {
    items = parseText(input);
  } else if (input[0] === 0x30) {
    items = within('assumed DER (binary)', { format: 'der' }, () => [derItem(input, 'der', 1)]);
  } else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch (cause) {
      throw new PkiError('INPUT_UNRECOGNISED', 'the file is neither DER (no SEQUENCE at byte 0) nor UTF-8 text', { cause });
    }
    items = parseText(text.replace(/^\uFEFF/, ''));
  }
  if (items.length === 0) throw new PkiError('INPUT_EMPTY', 'no PEM block found');
  if (options.accept) {
    const bad = items.find((i) => !options.accept!.includes(i.kind));
    if (bad) {
      throw new PkiError('INPUT_WRONG_TYPE', `item ${bad.index} is ${KIND_WORDS[bad.kind]}, expected ${options.accept.map((k) => KIND_WORDS[k]).join(' or ')}`, {
        details: { found: bad.kind },
      });
    }
  }
  return items;
}
