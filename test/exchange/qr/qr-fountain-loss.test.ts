// A 20 KB bundle as an animated fountain, 30% of frames lost at random (seeded): it still completes
// from pixels, and we report frames needed against the minimum possible (the fragment count).
import { assert } from 'chai';
import { utf8 } from '../../../src/pki/index.ts';
import { encodeQrPayload, QrReceiver } from '../../../src/exchange/qr/index.ts';
import { artefacts, detector, renderToPixels, seededRandom } from './support.ts';

async function bundleOf20KB(): Promise<Uint8Array> {
  const pem = utf8.decode((await artefacts()).find((a) => a.kind === 'pem-bundle')!.bytes);
  let text = '';
  while (text.length + pem.length <= 20_000) text += pem;
  return utf8.encode(text.padEnd(20_000, '\n'));
}

describe('QR fountain with 30% frame loss', () => {
  it('completes a 20 KB bundle from pixels and reports frames needed vs the minimum', async () => {
    const bytes = await bundleOf20KB();
    assert.equal(bytes.length, 20_000);
    const enc = encodeQrPayload({ kind: 'pem-bundle', bytes });
    assert.isFalse(enc.single);
    const d = await detector();
    const drop = seededRandom(0x5eed);
    const rx = new QrReceiver();
    let shown = 0;
    let read = 0;
    let result: Uint8Array | undefined;
    for (let seq = 1; seq <= enc.fragmentCount * 4 && result === undefined; seq++) {
      shown++;
      if (drop() < 0.3) continue; // this frame was missed by the camera
      const [text] = await d.detect(renderToPixels(enc.frameText(seq), 2));
      assert.isString(text, `frame ${seq} decodes from pixels`);
      read++;
      const r = rx.receive(text!);
      if (r.status === 'complete') result = r.payload.bytes;
    }
    assert.deepEqual(result, bytes);
    const ratio = read / enc.fragmentCount;
    // Reported, not a timing target: how close the fountain got to the information minimum.
    console.log(`20 KB fountain, 30% loss: ${read} frames read (${shown} shown) for a minimum of ${enc.fragmentCount} — ${ratio.toFixed(2)}× the minimum`);
    assert.equal(rx.progress().framesMinimum, enc.fragmentCount);
    assert.isAtLeast(read, enc.fragmentCount);
    assert.isBelow(ratio, 2, 'a fountain should not need twice the minimum');
  });
});
