import { assert } from 'chai';
import fc from 'fast-check';
import { before, describe, it } from '../harness.ts';
import { readSharedText } from '../support/fixtures.ts';
import { parseInput, parsePem, toPem, toBase64, toBase64Url, fromBase64, isPkiError, bytesEqual } from '../../src/pki/index.ts';

let idDer: Uint8Array = new Uint8Array();
before(async () => {
  idDer = parsePem(await readSharedText('fixtures/certified/orgs/alpha/id.crt'))[0]!.der;
});

/** Runs `fn` and lets only our own errors through: anything else is a parser bug. */
function onlyPkiErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isPkiError(e)) throw new Error(`parser threw a non-PkiError: ${String(e)}`);
  }
}

describe('round trips (fast-check)', () => {
  it('PEM ↔ DER for any bytes and label', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.constantFrom('CERTIFICATE', 'X509 CRL', 'CERTIFICATE REQUEST'), (bytes, label) => {
        const [block, ...rest] = parsePem(toPem(label, bytes));
        return rest.length === 0 && block!.label === label && bytesEqual(block!.der, bytes);
      }),
    );
  });

  it('base64url with and without padding, and standard base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const url = toBase64Url(bytes, { pad: false });
        return (
          !/[+/=]/.test(url) &&
          bytesEqual(fromBase64(url, { alphabet: 'url', padding: 'forbidden' }), bytes) &&
          bytesEqual(fromBase64(toBase64Url(bytes, { pad: true }), { alphabet: 'url', padding: 'required' }), bytes) &&
          bytesEqual(fromBase64(toBase64(bytes), { alphabet: 'std', padding: 'required' }), bytes)
        );
      }),
    );
  });

  it('a certificate reads back identically from PEM, DER, base64 and base64url', () => {
    for (const input of [toPem('CERTIFICATE', idDer), idDer, toBase64(idDer), toBase64Url(idDer, { pad: true }), toBase64Url(idDer, { pad: false })]) {
      const [item] = parseInput(input);
      assert.isTrue(item?.kind === 'certificate' && bytesEqual(item.der, idDer));
    }
  });
});

describe('parser fuzz: only PkiError may escape', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => onlyPkiErrors(() => parseInput(b))), { numRuns: 500 });
  });

  it('random text, including PEM-, JSON- and base64-looking text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: fc.constantFrom(...'ABCabc019+/-_=\n '), maxLength: 300 }),
      fc.string({ maxLength: 200 }).map((s) => `-----BEGIN CERTIFICATE-----\n${s}\n-----END CERTIFICATE-----\n`),
      fc.json().map((j) => j),
      fc.dictionary(fc.constantFrom('signed_cert', 'ca_cert', 'services'), fc.jsonValue()).map((o) => JSON.stringify(o)),
    );
    fc.assert(fc.property(text, (t) => onlyPkiErrors(() => parseInput(t))), { numRuns: 500 });
  });

  it('a real certificate with one byte changed, cut, or extended', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'extend'), (pos, value, how) => {
        const i = pos % idDer.length;
        let mutated: Uint8Array;
        if (how === 'flip') {
          mutated = idDer.slice();
          mutated[i] = value;
        } else if (how === 'cut') mutated = idDer.slice(0, i);
        else mutated = new Uint8Array([...idDer, value]);
        onlyPkiErrors(() => parseInput(mutated));
        onlyPkiErrors(() => parseInput(toPem('CERTIFICATE', mutated)));
        onlyPkiErrors(() => parseInput(toBase64Url(mutated, { pad: true })));
      }),
      { numRuns: 600 },
    );
  });
});
