// Parser fuzz: whatever the input, parseBundleInput either reads roots or throws one of our BUNDLE_ codes.
import { assert } from 'chai';
import fc from 'fast-check';
import { describe, it, before } from '../../harness.ts';
import { composeBundle, exportPemBundle, exportSpiffeBundles, exportStepJson, isPkiError, parseBundleInput, utf8, type TrustBundle } from '../../../src/pki/index.ts';
import { AT, makeCa, prov } from './make-certs.ts';

async function onlyOurErrors(input: string | Uint8Array): Promise<void> {
  try {
    await parseBundleInput(input, { atMs: AT });
  } catch (e) {
    assert.isTrue(isPkiError(e) && e.code.startsWith('BUNDLE_'), `unexpected ${String(e)}`);
  }
}

describe('bundle import fuzz', () => {
  let bundle: TrustBundle;
  let samples: string[];
  before(async () => {
    const ca = await makeCa('Fuzz Root', { keyType: 'ed25519' });
    bundle = (await composeBundle({ name: 'f', trustDomain: 'example.org', atMs: AT, candidates: [{ certDer: ca.der, provenance: [prov('f')] }] })).bundle;
    samples = [exportPemBundle(bundle.entries), exportStepJson(bundle.entries), exportSpiffeBundles(bundle, bundle.entries)[0]!.json];
  });

  it('mutated exports only ever throw BUNDLE_ codes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.nat(), fc.string({ maxLength: 4 }), fc.nat(3), async (which, pos, insert, cut) => {
        const s = samples[which]!;
        const at = pos % (s.length + 1);
        const mutated = s.slice(0, at) + insert + s.slice(at + cut);
        await onlyOurErrors(mutated);
        await onlyOurErrors(utf8.encode(mutated));
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes and text only ever throw BUNDLE_ codes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (b) => onlyOurErrors(b)), { numRuns: 200 });
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 64 }), async (s) => onlyOurErrors(s)), { numRuns: 200 });
    await fc.assert(fc.asyncProperty(fc.json(), async (s) => onlyOurErrors(s)), { numRuns: 200 });
  });
});
