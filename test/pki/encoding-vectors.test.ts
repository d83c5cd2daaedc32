// Known-answer tests for the byte encoders the exports and the certificate builder lean on:
// base64/base64url (RFC 4648 §10 vectors, and any bytes against the platform's btoa), hex, and
// certificate times (RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050).
import { assert } from 'chai';
import fc from 'fast-check';
import { describe, it } from '../harness.ts';
import { encodeTime, isPkiError, toBase64, toBase64Url, toHex, utf8 } from '../../src/pki/index.ts';

const ascii = (b: Uint8Array): string => String.fromCharCode(...b);

describe('base64 and hex encoders', () => {
  const rfc4648 = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ] as const;
  for (const [input, want] of rfc4648) {
    it(`RFC 4648 §10: BASE64("${input}") = "${want}"`, () => {
      assert.equal(toBase64(utf8.encode(input)), want);
      assert.equal(toBase64Url(utf8.encode(input), { pad: true }), want);
      assert.equal(toBase64Url(utf8.encode(input), { pad: false }), want.replace(/=+$/, ''));
    });
  }

  it('uses - and _ in base64url where base64 has + and /', () => {
    const b = new Uint8Array([0xfb, 0xff, 0xbf]);
    assert.equal(toBase64(b), '+/+/');
    assert.equal(toBase64Url(b, { pad: false }), '-_-_');
  });

  it('agrees with btoa for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => {
        const want = btoa(String.fromCharCode(...b));
        return toBase64(b) === want && toBase64Url(b, { pad: false }) === want.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      }),
      { numRuns: 300 },
    );
  });

  it('writes lower-case hex, two digits per byte', () => {
    assert.equal(toHex(new Uint8Array([0, 1, 0x0f, 0x10, 0xab, 0xff])), '00010f10abff');
    assert.equal(toHex(new Uint8Array()), '');
  });
});

describe('certificate times (RFC 5280 §4.1.2.5)', () => {
  const cases = [
    { name: 'UTCTime in 1950', ms: Date.UTC(1950, 0, 1, 0, 0, 0), tag: 0x17, text: '500101000000Z' },
    { name: 'UTCTime, last second of 2049', ms: Date.UTC(2049, 11, 31, 23, 59, 59, 999), tag: 0x17, text: '491231235959Z' },
    { name: 'GeneralizedTime from 2050', ms: Date.UTC(2050, 0, 1, 0, 0, 0), tag: 0x18, text: '20500101000000Z' },
    { name: 'GeneralizedTime in 9999', ms: Date.UTC(9999, 11, 31, 23, 59, 59), tag: 0x18, text: '99991231235959Z' },
    { name: 'leap day, fractions dropped', ms: Date.UTC(2028, 1, 29, 7, 8, 9, 500), tag: 0x17, text: '280229070809Z' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const der = encodeTime(c.ms);
      assert.equal(der[0], c.tag);
      assert.equal(der[1], c.text.length);
      assert.equal(ascii(der.subarray(2)), c.text);
    });
  }

  it('refuses years it cannot encode', () => {
    for (const ms of [Date.UTC(1949, 11, 31, 23, 59, 59), Date.UTC(10000, 0, 1), Number.NaN]) {
      try {
        encodeTime(ms);
        assert.fail(`encoded ${ms}`);
      } catch (e) {
        assert.isTrue(isPkiError(e, 'VALIDITY_INVALID'), String(e));
      }
    }
  });
});
