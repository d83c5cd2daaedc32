// Minimal strict DER (X.690 §10) reader and writer: definite minimal lengths, no trailing bytes,
// low tag numbers only (all X.509 needs). Throws PkiError INPUT_BAD_DER / INPUT_TRUNCATED.
import { PkiError } from './errors.ts';
import { concatBytes } from './bytes.ts';

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** One DER element: `tag` is the identifier octet; content is bytes[start, end). */
export interface Tlv {
  readonly tag: number;
  readonly offset: number; // where the identifier octet sits
  readonly start: number; // first content byte
  readonly end: number; // one past the last content byte
}

/** Reads the element at `offset`, not past `limit`. */
export function readTlv(bytes: Uint8Array, offset = 0, limit = bytes.length): Tlv {
  if (offset + 2 > limit) throw new PkiError('INPUT_TRUNCATED', `DER ends inside an element header at offset ${offset}`);
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new PkiError('INPUT_BAD_DER', `high tag number form at offset ${offset}`);
  let p = offset + 1;
  const first = bytes[p++]!;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const n = first & 0x7f;
    if (n === 0) throw new PkiError('INPUT_BAD_DER', `indefinite length at offset ${offset}`);
    if (n > 4) throw new PkiError('INPUT_BAD_DER', `length of ${n} bytes at offset ${offset}`);
    if (p + n > limit) throw new PkiError('INPUT_TRUNCATED', `DER ends inside a length at offset ${offset}`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[p++]!;
    if (bytes[offset + 2] === 0 || length < 0x80) throw new PkiError('INPUT_BAD_DER', `non-minimal length at offset ${offset}`);
  }
  const end = p + length;
  if (end > limit) {
    throw new PkiError('INPUT_TRUNCATED', `element at offset ${offset} claims ${length} bytes, ${limit - p} remain`, {
      details: { offset, length, remaining: limit - p },
    });
  }
  return { tag, offset, start: p, end };
}

/** Reads exactly one element spanning all of `bytes` (no trailing data). */
export function readWhole(bytes: Uint8Array, expectTag?: number): Tlv {
  const t = readTlv(bytes, 0);
  if (t.end !== bytes.length) {
    throw new PkiError('INPUT_TRAILING_DATA', `${bytes.length - t.end} byte(s) after the end of the DER element`, {
      details: { trailing: bytes.length - t.end },
    });
  }
  if (expectTag !== undefined && t.tag !== expectTag) {
    throw new PkiError('INPUT_BAD_DER', `expected tag 0x${expectTag.toString(16)}, found 0x${t.tag.toString(16)}`);
  }
  return t;
}

/** The children of a constructed element, each strictly inside it. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new PkiError('INPUT_BAD_DER', `element at offset ${parent.offset} is not constructed`);
  const out: Tlv[] = [];
  let p = parent.start;
  while (p < parent.end) {
    const c = readTlv(bytes, p, parent.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function contentOf(bytes: Uint8Array, t: Tlv): Uint8Array {
  return bytes.subarray(t.start, t.end);
}

/** The whole element (header + content). */
export function elementOf(bytes: Uint8Array, t: Tlv): Uint8Array {
  return bytes.subarray(t.offset, t.end);
}

export function decodeOid(content: Uint8Array): string {
  if (content.length === 0) throw new PkiError('INPUT_BAD_DER', 'empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let v = 0;
  let started = false;
  for (let i = 0; i < content.length; i++) {
    const b = content[i]!;
    if (!started && b === 0x80) throw new PkiError('INPUT_BAD_DER', 'non-minimal OID arc');
    started = true;
    if (v > 0x1fffffffffff) throw new PkiError('INPUT_BAD_DER', 'OID arc too large');
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(v);
      v = 0;
      started = false;
    }
  }
  if (started) throw new PkiError('INPUT_BAD_DER', 'OID ends inside an arc');
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

const oidCache = new Map<string, Uint8Array>();

/** OBJECT IDENTIFIER element for a dotted OID (cached: the same few OIDs go into every certificate). */
export function encodeOid(dotted: string): Uint8Array {
  let der = oidCache.get(dotted);
  if (!der) {
    der = encodeOidUncached(dotted);
    if (oidCache.size < 512) oidCache.set(dotted, der);
  }
  return der.slice();
}

function encodeOidUncached(dotted: string): Uint8Array {
  const parts = dotted.split('.').map((s) => {
    if (!/^\d+$/.test(s)) throw new PkiError('INPUT_BAD_DER', `bad OID ${dotted}`);
    return Number(s);
  });
  if (parts.length < 2) throw new PkiError('INPUT_BAD_DER', `bad OID ${dotted}`);
  const arcs = [parts[0]! * 40 + parts[1]!, ...parts.slice(2)];
  const out: number[] = [];
  for (const arc of arcs) {
    const stack: number[] = [];
    let a = arc;
    do {
      stack.unshift(a % 128);
      a = Math.floor(a / 128);
    } while (a > 0);
    stack.forEach((b, i) => out.push(i < stack.length - 1 ? b | 0x80 : b));
  }
  return derTlv(TAG.OID, new Uint8Array(out));
}

// ---- writer ----

function headerSize(length: number): number {
  return length < 0x80 ? 2 : length < 0x100 ? 3 : length < 0x10000 ? 4 : length < 0x1000000 ? 5 : 6;
}

function writeHeader(out: Uint8Array, tag: number, length: number): number {
  out[0] = tag;
  if (length < 0x80) {
    out[1] = length;
    return 2;
  }
  const n = headerSize(length) - 2;
  out[1] = 0x80 | n;
  for (let i = 0; i < n; i++) out[2 + i] = (length >>> (8 * (n - 1 - i))) & 0xff;
  return 2 + n;
}

export function derLength(n: number): Uint8Array {
  const tmp = new Uint8Array(headerSize(n));
  writeHeader(tmp, 0, n);
  return tmp.subarray(1);
}

/** One element, allocated once (the writer runs for every certificate we issue). */
export function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const out = new Uint8Array(headerSize(content.length) + content.length);
  out.set(content, writeHeader(out, tag, content.length));
  return out;
}

function derConstructed(tag: number, items: ReadonlyArray<Uint8Array>): Uint8Array {
  let length = 0;
  for (const it of items) length += it.length;
  const out = new Uint8Array(headerSize(length) + length);
  let o = writeHeader(out, tag, length);
  for (const it of items) {
    out.set(it, o);
    o += it.length;
  }
  return out;
}

export const derSequence = (...items: ReadonlyArray<Uint8Array>): Uint8Array => derConstructed(TAG.SEQUENCE, items);
export const derSet = (...items: ReadonlyArray<Uint8Array>): Uint8Array => derConstructed(TAG.SET, items);
export const derOctetString = (b: Uint8Array): Uint8Array => derTlv(TAG.OCTET_STRING, b);
export const derBoolean = (v: boolean): Uint8Array => derTlv(TAG.BOOLEAN, new Uint8Array([v ? 0xff : 0]));
export const derNull = (): Uint8Array => new Uint8Array([TAG.NULL, 0]);

/** Context-specific tag [n]: constructed (explicit, or implicit of a constructed type) or primitive. */
export function derContext(n: number, content: Uint8Array, constructed: boolean): Uint8Array {
  return derTlv(0x80 | (constructed ? 0x20 : 0) | n, content);
}

/** INTEGER from a non-negative big-endian magnitude (minimal, sign byte added when needed). */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  let m = magnitude.subarray(i);
  if (m.length === 0) m = new Uint8Array([0]);
  if (m[0]! & 0x80) m = concatBytes(new Uint8Array([0]), m);
  return derTlv(TAG.INTEGER, m);
}

export function derSmallInteger(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new PkiError('INPUT_BAD_DER', `integer ${n} out of range`);
  const bytes: number[] = [];
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  return derUnsignedInteger(new Uint8Array(bytes));
}

/** Reads a small non-negative INTEGER's content (used for path lengths, versions, CRL numbers). */
export function decodeSmallInteger(content: Uint8Array): number {
  if (content.length === 0) throw new PkiError('INPUT_BAD_DER', 'empty INTEGER');
  if (content.length > 1 && content[0] === 0 && (content[1]! & 0x80) === 0) throw new PkiError('INPUT_BAD_DER', 'non-minimal INTEGER');
  if (content[0]! & 0x80) throw new PkiError('INPUT_BAD_DER', 'negative INTEGER where a count belongs');
  if (content.length > 7) throw new PkiError('INPUT_BAD_DER', 'INTEGER too large');
  let v = 0;
  for (const b of content) v = v * 256 + b;
  return v;
}

export function derBitString(bytes: Uint8Array, unusedBits = 0): Uint8Array {
  return derTlv(TAG.BIT_STRING, concatBytes(new Uint8Array([unusedBits]), bytes));
}
