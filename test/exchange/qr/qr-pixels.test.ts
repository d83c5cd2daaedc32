// Every artefact kind: encode → paint on a canvas → decode FROM THE PIXELS (zxing-wasm) → receiver
// → the same bytes and kind. Frames are read one by one, as a camera would.
import { assert } from 'chai';
import { encodeQrPayload, QrReceiver } from '../../../src/exchange/qr/index.ts';
import { artefacts, detector, renderToPixels } from './support.ts';

describe('QR from pixels: every artefact kind round-trips byte for byte', () => {
  it('decodes each kind from rendered frames', async () => {
    const d = await detector();
    assert.equal(d.engine, 'zxing-wasm');
    const kinds = new Set<string>();
    for (const a of await artefacts()) {
      const enc = encodeQrPayload(a);
      const rx = new QrReceiver();
      let done: Uint8Array | undefined;
      for (let seq = 1; seq <= enc.fragmentCount + 20 && done === undefined; seq++) {
        const texts = await d.detect(renderToPixels(enc.frameText(seq)));
        assert.lengthOf(texts, 1, `${a.kind}: frame ${seq} found in the pixels`);
        const r = rx.receive(texts[0]!);
        if (r.status === 'complete') {
          assert.equal(r.payload.kind, a.kind);
          done = r.payload.bytes;
        }
      }
      assert.deepEqual(done, a.bytes, `${a.kind} bytes identical`);
      kinds.add(`${a.kind}:${enc.single ? 'single' : `${enc.fragmentCount} frames`}`);
    }
    assert.equal(kinds.size, 13, [...kinds].join(', '));
    // Both forms are covered: small artefacts as one code, the others animated.
    assert.isTrue([...kinds].some((k) => k.endsWith(':single')));
    assert.isTrue([...kinds].some((k) => k.endsWith('frames')));
  });
});
