// Parser fuzz: hostile text and bytes may only ever produce our own PkiErrors (never a TypeError,
// RangeError or a hang) from the intro.json, peer identity, CSR and YAML readers.
import { assert } from 'chai';
import fc from 'fast-check';
import { describe, it } from '../../harness.ts';
import { fixtureText } from '../../support/certified-fixtures.ts';
import { isPkiError, parseIntroJson, readPeerInput, parseCsr, readKnownServerYaml, checkIntroduction, parsePeerDer, fromCertifiedB64 } from './intro-imports.ts';

function onlyOurErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!isPkiError(e)) throw e;
  }
}

describe('intro parsers under fuzz', () => {
  it('readPeerInput, parseCsr and parseIntroJson throw only PkiErrors on mutated inputs', async () => {
    const der = fromCertifiedB64((await fixtureText('exchanges/gamma.ident.b64')).trim());
    const intro = await fixtureText('exchanges/intro.gamma-signs-alpha.services.json');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: der.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: der.length }), (i, b, cut) => {
        const m = der.slice(0, cut);
        if (i < m.length) m[i] = b;
        onlyOurErrors(() => parsePeerDer(m));
        onlyOurErrors(() => parseCsr(m));
        onlyOurErrors(() => readPeerInput(m));
      }),
      { numRuns: 400, seed: 44 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: intro.length }), fc.string({ maxLength: 5 }), (i, s) => {
        onlyOurErrors(() => parseIntroJson(intro.slice(0, i) + s + intro.slice(i + s.length)));
      }),
      { numRuns: 400, seed: 45 },
    );
    fc.assert(fc.property(fc.string(), (s) => onlyOurErrors(() => readPeerInput(s))), { numRuns: 300, seed: 46 });
  });

  it('readKnownServerYaml throws only LAYOUT_BAD_YAML on arbitrary text', async () => {
    const yaml = await fixtureText('orgs/alpha/known_servers/gamma-api.yaml');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: yaml.length }), fc.string({ maxLength: 4 }), (i, s) => {
        try {
          readKnownServerYaml(yaml.slice(0, i) + s + yaml.slice(i));
        } catch (e) {
          assert.isTrue(isPkiError(e, 'LAYOUT_BAD_YAML'), String(e));
        }
      }),
      { numRuns: 400, seed: 47 },
    );
  });

  it('checkIntroduction answers with problems, never throws, on JSON-shaped junk', async () => {
    const samples = fc.sample(fc.jsonValue(), { numRuns: 150, seed: 48 });
    for (const v of samples) {
      const r = await checkIntroduction({ json: v, ourIdentities: [], atMs: 0 });
      assert.isFalse(r.ok);
    }
  });
});
