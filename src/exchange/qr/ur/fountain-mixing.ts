// Which fragments a fountain part mixes (BCR-2020-012 §"Fountain codes"): Xoshiro256** seeded with
// SHA-256(seqNum ‖ checksum), a degree drawn by Vose's alias method over 1/k, then a shuffle.
// Must match the reference implementation bit for bit; DOM-free.
import { sha256 } from '@noble/hashes/sha2.js';
import { uint32Bytes } from './crc32.ts';

const MASK64 = (1n << 64n) - 1n;
const TWO_POW_64 = 2 ** 64;

function rotl(x: bigint, k: bigint): bigint {
  return ((x << k) | (x >> (64n - k))) & MASK64;
}

/** xoshiro256** (Blackman & Vigna), state read big-endian from a 32-byte digest. */
export class Xoshiro256 {
  readonly #s: [bigint, bigint, bigint, bigint] = [0n, 0n, 0n, 0n];

  constructor(digest: Uint8Array) {
    for (let i = 0; i < 4; i++) {
      let v = 0n;
      for (let n = 0; n < 8; n++) v = (v << 8n) | BigInt(digest[i * 8 + n]!);
      this.#s[i] = v;
    }
  }

  next(): bigint {
    const s = this.#s;
    const result = (rotl((s[1] * 5n) & MASK64, 7n) * 9n) & MASK64;
    const t = (s[1] << 17n) & MASK64;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return result;
  }

  /** Uniform in [0, 1): the 64-bit output over 2^64, as the reference's `double(next()) / (max + 1)`. */
  nextDouble(): number {
    return Number(this.next()) / TWO_POW_64;
  }

  /** Uniform integer in [low, high]. */
  nextInt(low: number, high: number): number {
    return Math.floor(this.nextDouble() * (high - low + 1)) + low;
  }
}

/** Draws a degree in [1, seqLength] with probability proportional to 1/degree (Vose's alias method). */
export function chooseDegree(seqLength: number, rng: Xoshiro256): number {
  const n = seqLength;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += 1 / (i + 1);
  const scaled: number[] = [];
  for (let i = 0; i < n; i++) scaled.push(((1 / (i + 1)) * n) / sum);
  const prob = new Array<number>(n).fill(0);
  const alias = new Array<number>(n).fill(0);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = n - 1; i >= 0; i--) (scaled[i]! < 1 ? small : large).push(i);
  while (small.length > 0 && large.length > 0) {
    const less = small.pop()!;
    const more = large.pop()!;
    prob[less] = scaled[less]!;
    alias[less] = more;
    scaled[more] = scaled[more]! + scaled[less]! - 1;
    (scaled[more]! < 1 ? small : large).push(more);
  }
  while (large.length > 0) prob[large.pop()!] = 1;
  while (small.length > 0) prob[small.pop()!] = 1;
  const i = Math.floor(rng.nextDouble() * n);
  const r2 = rng.nextDouble();
  return (r2 < prob[i]! ? i : alias[i]!) + 1;
}

/** The fragment indexes (0-based) mixed into part `seqNum` (1-based) of a `seqLength`-fragment message. */
export function chooseFragments(seqNum: number, seqLength: number, checksum: number): number[] {
  if (seqNum <= seqLength) return [seqNum - 1];
  const seed = new Uint8Array(8);
  seed.set(uint32Bytes(seqNum), 0);
  seed.set(uint32Bytes(checksum), 4);
  const rng = new Xoshiro256(sha256(seed));
  const degree = chooseDegree(seqLength, rng);
  const remaining = Array.from({ length: seqLength }, (_, i) => i);
  const shuffled: number[] = [];
  while (remaining.length > 0) shuffled.push(remaining.splice(rng.nextInt(0, remaining.length - 1), 1)[0]!);
  return shuffled.slice(0, degree);
}
