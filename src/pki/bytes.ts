// Byte helpers: strict base64 / base64url (RFC 4648 §4, §5), hex, UTF-8, comparison.
// Must not import anything but errors.ts.
import { PkiError } from './errors.ts';

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  DECODE[STD.charCodeAt(i)] = i;
  DECODE[URL.charCodeAt(i)] = i;
}

const STD_CODES = Uint8Array.from(STD, (c) => c.charCodeAt(0));
const URL_CODES = Uint8Array.from(URL, (c) => c.charCodeAt(0));
const asciiDecoder = new TextDecoder();

// Writes ASCII codes into one buffer and decodes it once: string concatenation per 3 bytes cost 4× as
// much and left a rope for the GC (bundle exports base64-encode megabytes; see bench/RESULTS.md).
function encode(bytes: Uint8Array, codes: Uint8Array, pad: boolean): string {
  const n = bytes.length;
  const full = n - (n % 3);
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i < full; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o] = codes[v >> 18]!;
    out[o + 1] = codes[(v >> 12) & 63]!;
    out[o + 2] = codes[(v >> 6) & 63]!;
    out[o + 3] = codes[v & 63]!;
    o += 4;
  }
  const rest = n - full;
  if (rest > 0) {
    const v = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = codes[v >> 18]!;
    out[o++] = codes[(v >> 12) & 63]!;
    if (rest === 2) out[o++] = codes[(v >> 6) & 63]!;
    if (pad) {
      out[o++] = 61; // '='
      if (rest === 1) out[o++] = 61;
    }
  }
  return asciiDecoder.decode(out.subarray(0, o));
}

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, STD_CODES, true);
}

/** URL-safe base64. certified writes it *with* padding; JOSE (RFC 7515) without. */
export function toBase64Url(bytes: Uint8Array, options: { pad: boolean }): string {
  return encode(bytes, URL_CODES, options.pad);
}

export interface Base64DecodeOptions {
  /** 'std' accepts only +/, 'url' only -_, 'either' one of them but never both. */
  readonly alphabet: 'std' | 'url' | 'either';
  /** 'required' refuses a missing '=' (certified's strict decode), 'optional' accepts both, 'forbidden' refuses '='. */
  readonly padding: 'required' | 'optional' | 'forbidden';
}

/**
 * Strict base64 decode. Throws PkiError INPUT_BAD_BASE64 (a character outside the alphabet, or bits
 * left over), INPUT_MIXED_BASE64 (both alphabets), INPUT_BAD_PADDING.
 */
export function fromBase64(text: string, options: Base64DecodeOptions = { alphabet: 'either', padding: 'optional' }): Uint8Array {
  let end = text.length;
  let padCount = 0;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) {
    end--;
    padCount++;
  }
  let sawStd = false;
  let sawUrl = false;
  const body = end;
  if (body % 4 === 1) throw new PkiError('INPUT_BAD_BASE64', `base64 text of ${body} characters cannot be whole bytes`);
  const expectedPad = (4 - (body % 4)) % 4;
  if (padCount > 0 && padCount !== expectedPad) {
    throw new PkiError('INPUT_BAD_PADDING', `base64 has ${padCount} '=' where ${expectedPad} belong`);
  }
  if (padCount === 0 && expectedPad > 0 && options.padding === 'required') {
    throw new PkiError('INPUT_BAD_PADDING', `base64 is missing ${expectedPad} '=' of padding`);
  }
  if (padCount > 0 && options.padding === 'forbidden') {
    throw new PkiError('INPUT_BAD_PADDING', 'base64url here must not carry = padding');
  }
  const out = new Uint8Array(Math.floor((body * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) {
      throw new PkiError('INPUT_BAD_BASE64', `character ${JSON.stringify(text[i])} at offset ${i} is not base64`, {
        details: { offset: i },
      });
    }
    if (c === 43 || c === 47) sawStd = true;
    else if (c === 45 || c === 95) sawUrl = true;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) {
    throw new PkiError('INPUT_BAD_BASE64', 'base64 has non-zero bits after its last byte');
  }
  if (sawStd && sawUrl) throw new PkiError('INPUT_MIXED_BASE64', 'text mixes the base64 (+/) and base64url (-_) alphabets');
  if (options.alphabet === 'std' && sawUrl) throw new PkiError('INPUT_BAD_BASE64', 'base64url characters (-_) in standard base64');
  if (options.alphabet === 'url' && sawStd) throw new PkiError('INPUT_BAD_BASE64', 'standard base64 characters (+/) in base64url');
  return out.subarray(0, o);
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX_PAIRS[bytes[i]!]!;
  return s;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new PkiError('INPUT_UNRECOGNISED', 'not an even-length hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function concatBytes(...parts: ReadonlyArray<Uint8Array>): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** A copy that owns its buffer (for handing bytes across an ownership boundary or to WebCrypto). */
export function copyBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
export const utf8 = {
  encode: (s: string): Uint8Array => utf8Encoder.encode(s),
  /** Throws PkiError INPUT_BAD_DER on invalid UTF-8. */
  decode: (b: Uint8Array): string => {
    try {
      return utf8Decoder.decode(b);
    } catch (cause) {
      throw new PkiError('INPUT_BAD_DER', 'invalid UTF-8', { cause });
    }
  },
};

/** SHA-256 of `data` (WebCrypto). */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', copyBytes(data)));
}

// getRandomValues costs microseconds per call (Node crosses into C++ each time); issuing thousands of
// serials draws from a pool refilled 4 KiB at a time. Bytes are handed out once and never reused.
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** Cryptographically random bytes (from the platform CSPRNG). */
export function randomBytes(n: number): Uint8Array {
  if (n > 256) {
    const big = new Uint8Array(n);
    for (let o = 0; o < n; o += 65536) crypto.getRandomValues(big.subarray(o, Math.min(n, o + 65536)));
    return big;
  }
  if (poolOffset + n > POOL_SIZE) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const out = pool.slice(poolOffset, poolOffset + n);
  pool.fill(0, poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}
