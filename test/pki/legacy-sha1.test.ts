import { assert } from 'chai';
import { describe, it } from '../harness.ts';
import { sha1 } from '../../src/pki/legacy-sha1.ts';
import { toHex, utf8, copyBytes } from '../../src/pki/index.ts';

// FIPS 180-2 Appendix A test vectors, plus lengths around the padding boundary checked against WebCrypto.
describe('legacy SHA-1 (identifiers only)', () => {
  const vectors = [
    { name: 'abc (FIPS 180-2 A.1)', input: 'abc', want: 'a9993e364706816aba3e25717850c26c9cd0d89d' },
    { name: 'two-block message (A.2)', input: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', want: '84983e441c3bd26ebaae4aa1f95129e5e54670f1' },
    { name: 'empty', input: '', want: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  ];
  for (const v of vectors) it(v.name, () => assert.equal(toHex(sha1(utf8.encode(v.input))), v.want));
  it('agrees with WebCrypto for lengths 0..130', async () => {
    for (let n = 0; n <= 130; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      const want = toHex(new Uint8Array(await crypto.subtle.digest('SHA-1', copyBytes(data))));
      assert.equal(toHex(sha1(data)), want, `length ${n}`);
    }
  });
});
