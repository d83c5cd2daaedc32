// The documented size choices hold: the largest single code is QR version 16 at level M, one byte
// more animates, and each frame size stays within its documented version (docs/qr.md).
import { describe, it } from 'node:test';
import { assert } from 'chai';
import { encodeQrPayload, FRAME_SIZES, qrMatrix, SINGLE_QR_MAX_BYTES, type QrFrameSize } from '../../../src/exchange/qr/index.ts';

/** A DER SEQUENCE of exactly `total` bytes (passes the CRL shape check). */
function derOf(total: number): Uint8Array {
  const der = new Uint8Array(total);
  if (total - 4 < 0x10000) der.set([0x30, 0x82, (total - 4) >> 8, (total - 4) & 0xff]);
  else der.set([0x30, 0x83, (total - 5) >> 16, ((total - 5) >> 8) & 0xff, (total - 5) & 0xff]);
  return der;
}

describe('QR size choices', () => {
  it('the largest single code is at most version 16 (81×81) at level M', () => {
    const enc = encodeQrPayload({ kind: 'crl', bytes: derOf(SINGLE_QR_MAX_BYTES - 4) });
    assert.isTrue(enc.single);
    assert.isAtMost(qrMatrix(enc.frameText(1)).version, 16);
  });

  it('one byte over the limit animates', () => {
    const enc = encodeQrPayload({ kind: 'crl', bytes: derOf(SINGLE_QR_MAX_BYTES - 3) });
    assert.isFalse(enc.single);
    assert.equal(enc.fragmentCount, 2);
  });

  const versions: Record<QrFrameSize, number> = { small: 9, medium: 12, large: 17 };
  for (const size of Object.keys(FRAME_SIZES) as QrFrameSize[]) {
    it(`${size} frames of a 200 KB payload stay within version ${versions[size]}`, () => {
      const enc = encodeQrPayload({ kind: 'crl', bytes: derOf(200_000) }, { frameSize: size });
      for (const seq of [1, enc.fragmentCount, enc.fragmentCount + 1, 99_999]) {
        assert.isAtMost(qrMatrix(enc.frameText(seq)).version, versions[size], `frame ${seq}`);
      }
    });
  }
});
