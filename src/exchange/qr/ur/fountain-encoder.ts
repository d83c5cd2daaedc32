// Fountain encoder (BCR-2020-012): splits a message into equal fragments and emits an endless
// sequence of parts — the first seqLength are the plain fragments, later ones XOR mixes. DOM-free.
import { crc32 } from './crc32.ts';
import { encodeCbor } from './cbor.ts';
import { chooseFragments } from './fountain-mixing.ts';

/** One fountain part as carried in a multi-part UR: [seqNum, seqLen, messageLen, checksum, data]. */
export interface FountainPart {
  readonly seqNum: number;
  readonly seqLength: number;
  readonly messageLength: number;
  readonly checksum: number;
  readonly fragment: Uint8Array;
}

/** The fragment length the reference picks: the fewest fragments whose length is ≤ maxFragmentLength. */
export function nominalFragmentLength(messageLength: number, minFragmentLength: number, maxFragmentLength: number): number {
  const maxCount = Math.ceil(messageLength / minFragmentLength);
  let length = 0;
  for (let count = 1; count <= maxCount; count++) {
    length = Math.ceil(messageLength / count);
    if (length <= maxFragmentLength) break;
  }
  return length;
}

export function encodeFountainPart(part: FountainPart): Uint8Array {
  return encodeCbor([part.seqNum, part.seqLength, part.messageLength, part.checksum, part.fragment]);
}

export class FountainEncoder {
  readonly fragments: ReadonlyArray<Uint8Array>;
  readonly messageLength: number;
  readonly checksum: number;
  readonly fragmentLength: number;

  constructor(message: Uint8Array, maxFragmentLength: number, minFragmentLength = 10) {
    if (message.length === 0) throw new RangeError('empty message');
    this.messageLength = message.length;
    this.checksum = crc32(message);
    this.fragmentLength = nominalFragmentLength(message.length, minFragmentLength, maxFragmentLength);
    const fragments: Uint8Array[] = [];
    for (let o = 0; o < message.length; o += this.fragmentLength) {
      const f = new Uint8Array(this.fragmentLength); // zero padding at the end
      f.set(message.subarray(o, o + this.fragmentLength));
      fragments.push(f);
    }
    this.fragments = fragments;
  }

  get seqLength(): number {
    return this.fragments.length;
  }

  /** Part `seqNum` (1-based, any value up to 2^32-1): deterministic, so frames can be regenerated. */
  part(seqNum: number): FountainPart {
    const mixed = new Uint8Array(this.fragmentLength);
    for (const i of chooseFragments(seqNum, this.seqLength, this.checksum)) {
      const f = this.fragments[i]!;
      for (let k = 0; k < mixed.length; k++) mixed[k]! ^= f[k]!;
    }
    return { seqNum, seqLength: this.seqLength, messageLength: this.messageLength, checksum: this.checksum, fragment: mixed };
  }
}
