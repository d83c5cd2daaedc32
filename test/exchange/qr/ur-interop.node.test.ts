// Our BC-UR codec against the reference JavaScript implementation (@ngraveio/bc-ur, Node only):
// the same frames both ways, so other UR wallets and tools read what we show and vice versa.
import { describe, it } from 'node:test';
import { assert } from 'chai';
import { UR, UREncoder, URDecoder } from '@ngraveio/bc-ur';
import { FountainEncoder } from '../../../src/exchange/qr/ur/fountain-encoder.ts';
import { FountainDecoder } from '../../../src/exchange/qr/ur/fountain-decoder.ts';
import { chooseFragments } from '../../../src/exchange/qr/ur/fountain-mixing.ts';
import { encodeCbor } from '../../../src/exchange/qr/ur/cbor.ts';
import { encodePartUr, encodeSingleUr, parseUr } from '../../../src/exchange/qr/ur/ur.ts';

/** Deterministic bytes (a small LCG) so the vectors are the same on every run. */
function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const cases = [
  { name: 'one fragment', size: 60, maxFragment: 100 },
  { name: 'a few fragments', size: 500, maxFragment: 100 },
  { name: 'uneven last fragment', size: 1001, maxFragment: 160 },
  { name: 'many fragments', size: 20_000, maxFragment: 160 },
];

describe('BC-UR interop with @ngraveio/bc-ur', () => {
  for (const c of cases) {
    it(`encoder frames are identical: ${c.name}`, () => {
      const payload = seededBytes(c.size, c.size);
      const ref = new UREncoder(UR.fromBuffer(Buffer.from(payload)), c.maxFragment, 0, 10);
      const ours = new FountainEncoder(encodeCbor(payload), c.maxFragment, 10);
      const frames = Math.max(3 * ours.seqLength, 12);
      for (let seq = 1; seq <= frames; seq++) {
        const want = ref.nextPart().toUpperCase();
        const got = ours.seqLength === 1 ? encodeSingleUr('bytes', encodeCbor(payload)) : encodePartUr('bytes', ours.part(seq));
        assert.equal(got, want, `frame ${seq}`);
      }
    });

    it(`our decoder completes from reference frames (mixed only after the first): ${c.name}`, () => {
      const payload = seededBytes(c.size, c.size + 7);
      const ref = new UREncoder(UR.fromBuffer(Buffer.from(payload)), c.maxFragment, 0, 10);
      const dec = new FountainDecoder();
      let expectedCbor: Uint8Array | undefined;
      for (let n = 0; n < 10_000 && dec.result === undefined && expectedCbor === undefined; n++) {
        const text = ref.nextPart();
        const parsed = parseUr(text);
        if (parsed.kind === 'single') expectedCbor = parsed.cbor;
        else if (n === 0 || parsed.part.seqNum > parsed.part.seqLength) dec.receive(parsed.part); // skip pure fragments 2..n
      }
      assert.deepEqual(dec.result ?? expectedCbor, new Uint8Array(encodeCbor(payload)));
    });

    it(`the reference decoder completes from our frames: ${c.name}`, () => {
      const payload = seededBytes(c.size, c.size + 13);
      const ours = new FountainEncoder(encodeCbor(payload), c.maxFragment, 10);
      const dec = new URDecoder();
      for (let seq = 1; seq < 10_000 && !dec.isComplete(); seq += 2) {
        dec.receivePart(ours.seqLength === 1 ? encodeSingleUr('bytes', encodeCbor(payload)) : encodePartUr('bytes', ours.part(seq)));
      }
      assert.isTrue(dec.isSuccess());
      assert.deepEqual(new Uint8Array(dec.resultUR().decodeCBOR()), payload);
    });
  }

  it('any single frame, generated on its own (joining mid-stream), matches the reference', () => {
    for (let seq = 1; seq < 60; seq++) {
      const ref = new UREncoder(UR.fromBuffer(Buffer.from(seededBytes(700, 1))), 100, seq - 1, 10);
      const ourEnc = new FountainEncoder(encodeCbor(seededBytes(700, 1)), 100, 10);
      assert.equal(encodePartUr('bytes', ourEnc.part(seq)), ref.nextPart().toUpperCase());
      assert.isAtLeast(chooseFragments(seq, ourEnc.seqLength, ourEnc.checksum).length, 1);
    }
  });

  it('under 30% seeded loss our decoder needs about as many frames as the reference decoder', () => {
    let refTotal = 0;
    let ourTotal = 0;
    const message = encodeCbor(seededBytes(8_000, 99));
    const enc = new FountainEncoder(message, 160, 10);
    for (let run = 0; run < 12; run++) {
      let x = run + 1;
      const lost = (): boolean => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) % 10 < 3;
      const frames: string[] = [];
      for (let seq = 1; frames.length < 4 * enc.seqLength; seq++) if (!lost()) frames.push(encodePartUr('bytes', enc.part(seq)));
      const ref = new URDecoder();
      let refNeeded = 0;
      while (!ref.isComplete()) ref.receivePart(frames[refNeeded++]!);
      const ours = new FountainDecoder();
      let ourNeeded = 0;
      while (ours.result === undefined) {
        const p = parseUr(frames[ourNeeded++]!);
        if (p.kind === 'part') ours.receive(p.part);
      }
      assert.deepEqual(ours.result, message);
      refTotal += refNeeded;
      ourTotal += ourNeeded;
    }
    // Peeling order differs in detail, so single runs may differ by a frame or two either way.
    assert.isAtMost(ourTotal, Math.ceil(refTotal * 1.02), `ours ${ourTotal} vs reference ${refTotal} frames`);
    console.log(`30% loss, 12 runs: our decoder ${ourTotal} frames, reference ${refTotal}`);
  });
});
