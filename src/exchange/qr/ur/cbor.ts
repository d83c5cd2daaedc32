// The small strict CBOR subset BC-UR needs (RFC 8949 §3): unsigned integers, byte strings and
// arrays, shortest-form heads only, no trailing bytes. DOM-free.
import { PkiError } from '../../../pki/index.ts';

export type CborValue = number | Uint8Array | ReadonlyArray<CborValue>;

function head(major: number, n: number): Uint8Array {
  const m = major << 5;
  if (n < 24) return new Uint8Array([m | n]);
  if (n < 0x100) return new Uint8Array([m | 24, n]);
  if (n < 0x10000) return new Uint8Array([m | 25, n >> 8, n & 0xff]);
  if (n <= 0xffffffff) return new Uint8Array([m | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
  throw new RangeError('CBOR values above 2^32-1 are not used by BC-UR');
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Encodes an unsigned integer, byte string or array of those. */
export function encodeCbor(value: CborValue): Uint8Array {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) throw new RangeError('only unsigned integers are encoded');
    return head(0, value);
  }
  if (value instanceof Uint8Array) return concat([head(2, value.length), value]);
  return concat([head(4, value.length), ...value.map(encodeCbor)]);
}

function bad(message: string, offset: number): PkiError {
  return new PkiError('QR_BAD_CBOR', `${message} at offset ${offset}`, { details: { offset } });
}

/** Strictly decodes one CBOR item of the subset. Throws PkiError QR_BAD_CBOR. */
export function decodeCbor(bytes: Uint8Array, maxDepth = 2): CborValue {
  let pos = 0;
  const readHead = (): [number, number] => {
    const at = pos;
    const first = bytes[pos++];
    if (first === undefined) throw bad('truncated CBOR', at);
    const major = first >> 5;
    const info = first & 31;
    if (info < 24) return [major, info];
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
    if (size === 0) throw bad('unsupported CBOR length form', at);
    if (pos + size > bytes.length) throw bad('truncated CBOR', at);
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + bytes[pos++]!;
    const min = size === 1 ? 24 : size === 2 ? 0x100 : 0x10000;
    if (n < min) throw bad('CBOR length not in shortest form', at);
    return [major, n];
  };
  const item = (depth: number): CborValue => {
    const at = pos;
    const [major, n] = readHead();
    if (major === 0) return n;
    if (major === 2) {
      if (pos + n > bytes.length) throw bad('truncated CBOR byte string', at);
      const v = bytes.slice(pos, pos + n);
      pos += n;
      return v;
    }
    if (major === 4) {
      if (depth >= maxDepth) throw bad('CBOR nested too deeply', at);
      if (n > bytes.length - pos) throw bad('CBOR array longer than its input', at);
      const out: CborValue[] = [];
      for (let i = 0; i < n; i++) out.push(item(depth + 1));
      return out;
    }
    throw bad(`unexpected CBOR major type ${major}`, at);
  };
  const v = item(0);
  if (pos !== bytes.length) throw bad('trailing bytes after CBOR item', pos);
  return v;
}
