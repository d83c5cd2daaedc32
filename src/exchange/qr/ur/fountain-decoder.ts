// Fountain decoder (BCR-2020-012): collects parts in any order, peels XOR mixes against known
// fragments, and checks the CRC-32 of the joined message. Parts of another message are refused
// with QR_MIXED_STREAM, never merged. DOM-free.
import { PkiError } from '../../../pki/index.ts';
import { crc32 } from './crc32.ts';
import { chooseFragments } from './fountain-mixing.ts';
import type { FountainPart } from './fountain-encoder.ts';

interface Pending {
  indexes: number[];
  data: Uint8Array;
}

export interface FountainProgress {
  /** Fragments the message is split into (the minimum number of parts that can complete it). */
  readonly fragmentCount: number;
  /** Fragments recovered so far. */
  readonly fragmentsKnown: number;
  /** Mixed parts held back until they can be peeled. */
  readonly mixedPending: number;
  /** Parts accepted (not counting duplicates). */
  readonly partsAccepted: number;
}

function isSubset(small: ReadonlyArray<number>, big: ReadonlyArray<number>): boolean {
  return small.every((x) => big.includes(x));
}

function xorInto(target: Uint8Array, source: Uint8Array): void {
  for (let k = 0; k < target.length; k++) target[k] = target[k]! ^ source[k]!;
}

export class FountainDecoder {
  #first: Omit<FountainPart, 'fragment' | 'seqNum'> & { fragmentLength: number } | undefined;
  readonly #simple = new Map<number, Uint8Array>();
  #mixed = new Map<string, Pending>();
  readonly #seen = new Set<number>();
  #result: Uint8Array | undefined;
  #accepted = 0;

  /** Identifies the message this decoder is collecting (checksum and length), once a part arrived. */
  get messageId(): string | undefined {
    return this.#first ? `${this.#first.checksum.toString(16)}:${this.#first.messageLength}` : undefined;
  }

  get result(): Uint8Array | undefined {
    return this.#result?.slice();
  }

  progress(): FountainProgress {
    return {
      fragmentCount: this.#first?.seqLength ?? 0,
      fragmentsKnown: this.#result ? (this.#first?.seqLength ?? 0) : this.#simple.size,
      mixedPending: this.#mixed.size,
      partsAccepted: this.#accepted,
    };
  }

  /**
   * Takes one part. Returns false for a duplicate (or when already complete), true when accepted.
   * Throws PkiError QR_MIXED_STREAM (part of another message), QR_BAD_PART (inconsistent fields),
   * QR_CHECKSUM_MISMATCH (joined message fails its CRC-32).
   */
  receive(part: FountainPart): boolean {
    const f = this.#first;
    if (f === undefined) {
      const expected = Math.ceil(part.messageLength / part.fragment.length);
      if (part.seqLength < 1 || part.fragment.length === 0 || expected !== part.seqLength || part.seqNum < 1) {
        throw new PkiError('QR_BAD_PART', 'fountain part fields are inconsistent (length, count, sequence number)');
      }
      this.#first = { seqLength: part.seqLength, messageLength: part.messageLength, checksum: part.checksum, fragmentLength: part.fragment.length };
    } else if (
      f.seqLength !== part.seqLength ||
      f.messageLength !== part.messageLength ||
      f.checksum !== part.checksum ||
      f.fragmentLength !== part.fragment.length
    ) {
      throw new PkiError('QR_MIXED_STREAM', 'this frame belongs to a different payload than the frames already received', {
        details: { expectedChecksum: f.checksum, gotChecksum: part.checksum },
      });
    } else if (part.seqNum < 1) {
      throw new PkiError('QR_BAD_PART', 'fountain part sequence number is 0');
    }
    if (this.#result || this.#seen.has(part.seqNum)) return false;
    this.#seen.add(part.seqNum);
    this.#accepted++;
    const indexes = [...new Set(chooseFragments(part.seqNum, part.seqLength, part.checksum))].sort((a, b) => a - b);
    this.#process({ indexes, data: part.fragment.slice() });
    return true;
  }

  #process(first: Pending): void {
    const queue: Pending[] = [first];
    while (queue.length > 0 && !this.#result) {
      const p = queue.shift()!;
      // Peel every fragment we already know out of this part.
      for (const i of [...p.indexes]) {
        const known = this.#simple.get(i);
        if (known && p.indexes.length > 0) {
          xorInto(p.data, known);
          p.indexes = p.indexes.filter((x) => x !== i);
        }
      }
      if (p.indexes.length > 1) {
        if (this.#mixed.has(p.indexes.join(','))) continue;
        // Peel held-back mixes that are a subset of this one…
        for (const m of this.#mixed.values()) {
          if (m.indexes.length < p.indexes.length && isSubset(m.indexes, p.indexes)) {
            xorInto(p.data, m.data);
            p.indexes = p.indexes.filter((x) => !m.indexes.includes(x));
          }
        }
        if (p.indexes.length === 1) {
          queue.push(p);
          continue;
        }
        // …and peel this one out of held-back mixes that contain it.
        const still = new Map<string, Pending>();
        for (const m of this.#mixed.values()) {
          if (p.indexes.length < m.indexes.length && isSubset(p.indexes, m.indexes)) {
            xorInto(m.data, p.data);
            m.indexes = m.indexes.filter((x) => !p.indexes.includes(x));
          }
          if (m.indexes.length === 1) queue.push(m);
          else still.set(m.indexes.join(','), m);
        }
        still.set(p.indexes.join(','), p);
        this.#mixed = still;
        continue;
      }
      if (p.indexes.length === 0) continue;
      const index = p.indexes[0]!;
      this.#simple.set(index, p.data);
      if (this.#simple.size === this.#first!.seqLength) {
        this.#finish();
        return;
      }
      // A new fragment may peel held-back mixes down to single fragments.
      const still = new Map<string, Pending>();
      for (const m of this.#mixed.values()) {
        if (m.indexes.includes(index)) {
          xorInto(m.data, p.data);
          m.indexes = m.indexes.filter((x) => x !== index);
        }
        if (m.indexes.length === 1) queue.push(m);
        else if (m.indexes.length > 1) still.set(m.indexes.join(','), m);
      }
      this.#mixed = still;
    }
  }

  #finish(): void {
    const f = this.#first!;
    const joined = new Uint8Array(f.seqLength * f.fragmentLength);
    for (let i = 0; i < f.seqLength; i++) joined.set(this.#simple.get(i)!, i * f.fragmentLength);
    const message = joined.slice(0, f.messageLength);
    if (crc32(message) !== f.checksum) {
      throw new PkiError('QR_CHECKSUM_MISMATCH', 'the reassembled payload fails its CRC-32: a frame was corrupt');
    }
    this.#result = message;
  }
}
