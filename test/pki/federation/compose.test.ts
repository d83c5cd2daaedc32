import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import { DAY_MS, assessBundle, composeBundle, parseBundleDocument, serializeBundle, type TrustBundle } from '../../../src/pki/index.ts';
import { AT, makeCa, makeLeaf, prov, type TestCa } from './make-certs.ts';

describe('composeBundle', () => {
  let a: TestCa;
  let b: TestCa;
  before(async () => {
    a = await makeCa('Alpha Root');
    b = await makeCa('Beta Root', { keyType: 'ed25519' });
  });

  it('merges the same certificate twice into one entry with both provenances', async () => {
    const { bundle, assessment } = await composeBundle({
      name: 'partners',
      trustDomain: 'example.org',
      atMs: AT,
      candidates: [
        { certDer: a.der, provenance: [prov('own CA', 'own-root')] },
        { certDer: b.der, provenance: [prov('beta intro', 'introduction')] },
        { certDer: a.der, provenance: [{ ...prov('alpha.pem'), confirmedBy: 'Ann', fingerprintConfirmed: true }] },
      ],
    });
    assert.equal(bundle.entries.length, 2);
    const ea = bundle.entries.find((e) => e.displayName === 'Alpha Root')!;
    assert.deepEqual(ea.provenance.map((p) => p.kind), ['own-root', 'import']);
    assert.equal(ea.provenance[1]!.confirmedBy, 'Ann');
    assert.equal(assessment.included.length, 2);
    assert.equal(assessment.earliestExpiryMs, Math.min(...bundle.entries.map((e) => e.notAfterMs)));
  });

  it('merges a re-issued root (same subject and key), keeping the later one', async () => {
    const renewed = await makeCa('Alpha Root', { keys: a.keys, days: 730 });
    const { bundle } = await composeBundle({
      name: 'x',
      trustDomain: 'example.org',
      atMs: AT,
      candidates: [
        { certDer: a.der, provenance: [prov('old')] },
        { certDer: renewed.der, provenance: [prov('new')] },
      ],
    });
    assert.equal(bundle.entries.length, 1);
    const e = bundle.entries[0]!;
    assert.isTrue(e.notAfterMs > AT + 700 * DAY_MS);
    assert.equal(e.mergedFingerprints.length, 1);
    assert.deepEqual(e.provenance.map((p) => p.detail), ['old', 'new']);
  });

  const flagCases: ReadonlyArray<{ name: string; make: () => Promise<Uint8Array[]>; want: string[]; window?: number }> = [
    { name: 'a leaf', make: async () => [(await makeLeaf(a, 'leaf')).der], want: ['not-ca'] },
    { name: 'an expired root', make: async () => [(await makeCa('Old', { fromMs: AT - 400 * DAY_MS })).der], want: ['expired'] },
    { name: 'a root expiring within the window', make: async () => [(await makeCa('Soon', { fromMs: AT - 350 * DAY_MS })).der], want: ['expiring'] },
    { name: 'a root outside a shorter window', make: async () => [(await makeCa('Soon', { fromMs: AT - 350 * DAY_MS })).der], want: [], window: 7 * DAY_MS },
    { name: 'a root not yet valid', make: async () => [(await makeCa('Future', { fromMs: AT + DAY_MS })).der], want: ['not-yet-valid'] },
    {
      name: 'one key under two names',
      make: async () => {
        const k = await makeCa('Name One');
        return [k.der, (await makeCa('Name Two', { keys: k.keys })).der];
      },
      want: ['duplicate-key'],
    },
  ];
  for (const c of flagCases) {
    it(`flags and excludes ${c.name}, unless kept on purpose`, async () => {
      const ders = await c.make();
      const req = { name: 'f', trustDomain: 'example.org', atMs: AT, ...(c.window ? { expiringWithinMs: c.window } : {}) };
      const { assessment } = await composeBundle({ ...req, candidates: ders.map((d) => ({ certDer: d, provenance: [prov('t')] })) });
      for (const e of assessment.entries) {
        assert.deepEqual([...e.flags], c.want);
        assert.equal(e.included, c.want.length === 0);
      }
      const kept = await composeBundle({ ...req, candidates: ders.map((d) => ({ certDer: d, provenance: [prov('t')], keep: true })) });
      assert.isTrue(kept.assessment.entries.every((e) => e.included));
    });
  }

  it('bumps spiffe_sequence only for trust domains whose roots changed', async () => {
    const first = (await composeBundle({ name: 's', trustDomain: 'example.org', atMs: AT, candidates: [{ certDer: a.der, provenance: [prov('a')] }] })).bundle;
    assert.deepEqual(first.sequences, { 'example.org': 1 });
    const same = (await composeBundle({ name: 's', trustDomain: 'example.org', atMs: AT, previous: first, candidates: [{ certDer: a.der, provenance: [prov('a')] }] })).bundle;
    assert.deepEqual(same.sequences, { 'example.org': 1 });
    const more = (
      await composeBundle({
        name: 's',
        trustDomain: 'example.org',
        atMs: AT,
        previous: same,
        candidates: [
          { certDer: a.der, provenance: [prov('a')] },
          { certDer: b.der, provenance: [prov('b')], trustDomain: 'beta.example' },
        ],
      })
    ).bundle;
    assert.deepEqual(more.sequences, { 'example.org': 1, 'beta.example': 1 });
    const less = (await composeBundle({ name: 's', trustDomain: 'example.org', atMs: AT, previous: more, candidates: [{ certDer: b.der, provenance: [prov('b')], trustDomain: 'beta.example' }] })).bundle;
    assert.deepEqual(less.sequences, { 'example.org': 2, 'beta.example': 1 });
  });

  it('refuses a bad name or trust domain with its code', async () => {
    for (const [req, code] of [
      [{ name: ' ', trustDomain: 'example.org' }, 'BUNDLE_NAME_INVALID'],
      [{ name: 'ok', trustDomain: 'spiffe://Example.org' }, 'BUNDLE_TRUST_DOMAIN_INVALID'],
    ] as const) {
      try {
        await composeBundle({ ...req, atMs: AT, candidates: [] });
        assert.fail('accepted');
      } catch (e) {
        assert.equal((e as { code?: string }).code, code);
      }
    }
  });

  it('round-trips through the bundle document, re-deriving facts from the DER', async () => {
    const intro = { signerName: 'P=Signing Certificate,CN=Beta Root', services: [{ alias: 'beta-api', url: 'https://127.0.0.1:8472' }], signedCertDer: a.der };
    const { bundle } = await composeBundle({
      name: 'doc',
      trustDomain: 'example.org',
      atMs: AT,
      candidates: [
        { certDer: a.der, provenance: [prov('mine', 'own-root')], keep: true },
        { certDer: b.der, provenance: [{ ...prov('beta', 'introduction'), introduction: intro }], trustDomain: 'beta.example' },
      ],
    });
    const back: TrustBundle = await parseBundleDocument(serializeBundle(bundle));
    assert.equal(serializeBundle(back), serializeBundle(bundle));
    assert.deepEqual(assessBundle(back, { atMs: AT }).included.map((e) => e.fingerprint), assessBundle(bundle, { atMs: AT }).included.map((e) => e.fingerprint));
  });
});
