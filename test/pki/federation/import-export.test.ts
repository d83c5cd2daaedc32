import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import {
  MAX_BUNDLE_INPUT_BYTES,
  allChanges,
  applyImport,
  assessBundle,
  composeBundle,
  diffBundle,
  exportPemBundle,
  exportSpiffeBundles,
  exportStepJson,
  fromBase64,
  parseBundleInput,
  signDetached,
  signJws,
  toBase64Url,
  toPem,
  utf8,
  type BundleImportOptions,
  type TrustBundle,
} from '../../../src/pki/index.ts';
import { AT, makeCa, makeLeaf, prov, type TestCa } from './make-certs.ts';
import { expectCode as refusedWith } from '../../support/expect-code.ts';

const fps = (list: ReadonlyArray<{ fingerprint: string }>): string[] => list.map((r) => r.fingerprint).sort();

describe('bundle exports and imports', () => {
  let cas: TestCa[];
  let bundle: TrustBundle;
  let signer: { key: CryptoKey; certDer: Uint8Array };
  let other: { key: CryptoKey; certDer: Uint8Array };
  before(async () => {
    cas = [await makeCa('Ed Root', { keyType: 'ed25519' }), await makeCa('P256 Root', { keyType: 'p256' }), await makeCa('P384 Root', { keyType: 'p384' })];
    bundle = (await composeBundle({ name: 'b', trustDomain: 'example.org', atMs: AT, candidates: cas.map((c) => ({ certDer: c.der, provenance: [prov('t')] })) })).bundle;
    const leaf = await makeLeaf(cas[0]!, 'Signer');
    signer = { key: leaf.keys.privateKey, certDer: leaf.der };
    other = { key: cas[1]!.keys.privateKey, certDer: cas[1]!.der };
  });

  const opts: BundleImportOptions = { atMs: AT };

  it('PEM is one certificate after another, exactly as step ca federation writes it', () => {
    const pem = exportPemBundle(bundle.entries);
    assert.equal(pem, cas.map((c) => toPem('CERTIFICATE', c.der)).join(''));
    assert.notInclude(pem, '\n\n');
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n/);
  });

  it('step-ca JSON is {"crts": [PEM, …]}', () => {
    const doc = JSON.parse(exportStepJson(bundle.entries)) as { crts: string[] };
    assert.deepEqual(Object.keys(doc), ['crts']);
    assert.deepEqual(doc.crts, cas.map((c) => toPem('CERTIFICATE', c.der)));
  });

  it('SPIFFE document: x509-svid keys whose x5c decode to the roots, with JWK members per key type', () => {
    const [doc, ...more] = exportSpiffeBundles(bundle, bundle.entries);
    assert.lengthOf(more, 0);
    const json = JSON.parse(doc!.json) as { keys: Array<Record<string, unknown>>; spiffe_sequence: number; spiffe_refresh_hint: number };
    assert.equal(json.spiffe_sequence, 1);
    assert.equal(json.spiffe_refresh_hint, bundle.refreshHintS);
    assert.deepEqual(json.keys.map((k) => fromBase64((k['x5c'] as string[])[0]!, { alphabet: 'std', padding: 'required' })), cas.map((c) => c.der));
    assert.deepEqual(json.keys.map((k) => [k['use'], k['kty'], k['crv']]), [
      ['x509-svid', 'OKP', 'Ed25519'],
      ['x509-svid', 'EC', 'P-256'],
      ['x509-svid', 'EC', 'P-384'],
    ]);
    assert.equal((json.keys[1]!['x'] as string).length, 43); // 32 bytes, base64url without padding
    assert.equal((json.keys[2]!['y'] as string).length, 64);
  });

  it('splits SPIFFE documents per trust domain', async () => {
    const two = (await composeBundle({ name: 'b', trustDomain: 'a.example', atMs: AT, candidates: [
      { certDer: cas[0]!.der, provenance: [prov('t')] },
      { certDer: cas[1]!.der, provenance: [prov('t')], trustDomain: 'b.example' },
    ] })).bundle;
    assert.deepEqual(exportSpiffeBundles(two, two.entries).map((d) => d.trustDomain), ['a.example', 'b.example']);
  });

  it('every export format imports back to the same set of roots', async () => {
    const spiffe = exportSpiffeBundles(bundle, bundle.entries)[0]!.json;
    const pem = exportPemBundle(bundle.entries);
    const cases: Array<[string, string | Uint8Array, BundleImportOptions]> = [
      ['pem', pem, opts],
      ['pem', utf8.encode(pem.replaceAll('\n', '\r\n')), opts],
      ['step-json', exportStepJson(bundle.entries), opts],
      ['spiffe', spiffe, opts],
      ['jws', await signJws(signer, utf8.encode(spiffe)), opts],
      ['jws', await signJws(signer, utf8.encode(spiffe), 'json'), opts],
      ['pem', pem, { ...opts, detachedSignature: await signDetached(signer, utf8.encode(pem)), trustedSigners: [cas[0]!.der] }],
    ];
    for (const [format, input, o] of cases) {
      const got = await parseBundleInput(input, o);
      assert.equal(got.format, format);
      assert.deepEqual(fps(got.roots), fps(bundle.entries), format);
    }
    const der = await parseBundleInput(cas[1]!.der, opts);
    assert.equal(der.format, 'der');
  });

  it('reports who signed and whether we trust them', async () => {
    const spiffe = utf8.encode(exportSpiffeBundles(bundle, bundle.entries)[0]!.json);
    const jws = await signJws(signer, spiffe);
    const unchecked = await parseBundleInput(jws, opts);
    assert.equal(unchecked.signature?.kind, 'jws');
    assert.isFalse(unchecked.signature?.trusted);
    assert.equal(unchecked.signature?.signer.displayName, 'Signer');
    const checked = await parseBundleInput(jws, { ...opts, trustedSigners: [cas[0]!.der], requireSignature: true });
    assert.isTrue(checked.signature?.trusted);
    assert.equal(checked.spiffe?.sequence, 1);
    for (const s of [signer, other]) {
      const ok = await parseBundleInput(await signJws(s, spiffe), opts);
      assert.include(['EdDSA', 'ES256'], ok.signature?.alg);
    }
  });

  describe('refusals', () => {
    const tamper = (s: string): string => s.replace('"spiffe_sequence": 1', '"spiffe_sequence": 9');
    const cases: ReadonlyArray<{ name: string; run: () => Promise<unknown>; want: string }> = [
      { name: 'a leaf in a bundle', want: 'BUNDLE_LEAF_CERTIFICATE', run: async () => parseBundleInput(toPem('CERTIFICATE', cas[0]!.der) + toPem('CERTIFICATE', signer.certDer), opts) },
      { name: 'truncated PEM', want: 'BUNDLE_TRUNCATED', run: async () => {
        const pem = exportPemBundle(bundle.entries);
        return parseBundleInput(pem.slice(0, pem.length - 40), opts);
      } },
      { name: 'a PEM block cut short inside', want: 'BUNDLE_BAD_CERTIFICATE', run: async () => {
        const lines = toPem('CERTIFICATE', cas[1]!.der).split('\n');
        return parseBundleInput([...lines.slice(0, 3), ...lines.slice(-2)].join('\n'), opts);
      } },
      { name: 'duplicate keys with different names', want: 'BUNDLE_DUPLICATE_KEY', run: async () => {
        const twin = await makeCa('Another Name', { keys: cas[1]!.keys });
        return parseBundleInput(toPem('CERTIFICATE', cas[1]!.der) + toPem('CERTIFICATE', twin.der), opts);
      } },
      { name: 'a detached signature over other bytes', want: 'BUNDLE_SIGNATURE_INVALID', run: async () => {
        const pem = exportPemBundle(bundle.entries);
        return parseBundleInput(pem + '\n', { ...opts, detachedSignature: await signDetached(signer, utf8.encode(pem)) });
      } },
      { name: 'a JWS whose payload changed', want: 'BUNDLE_SIGNATURE_INVALID', run: async () => {
        const spiffe = exportSpiffeBundles(bundle, bundle.entries)[0]!.json;
        const [h, , s] = (await signJws(signer, utf8.encode(spiffe))).trim().split('.');
        return parseBundleInput(`${h}.${toBase64Url(utf8.encode(tamper(spiffe)), { pad: false })}.${s}`, opts);
      } },
      { name: 'a JWS with alg none', want: 'BUNDLE_UNSUPPORTED_ALGORITHM', run: async () => {
        const h = toBase64Url(utf8.encode(JSON.stringify({ alg: 'none' })), { pad: false });
        return parseBundleInput(`${h}.${toBase64Url(utf8.encode('{"keys":[]}'), { pad: false })}.AAAA`, opts);
      } },
      { name: 'a signer we do not trust', want: 'BUNDLE_SIGNER_UNTRUSTED', run: async () => {
        const pem = exportPemBundle(bundle.entries);
        return parseBundleInput(pem, { ...opts, detachedSignature: await signDetached(other, utf8.encode(pem)), trustedSigners: [cas[2]!.der] });
      } },
      { name: 'an unsigned bundle where a signature is required', want: 'BUNDLE_SIGNATURE_REQUIRED', run: async () => parseBundleInput(exportPemBundle(bundle.entries), { ...opts, requireSignature: true }) },
      { name: 'a 10 MB file (text)', want: 'BUNDLE_TOO_LARGE', run: async () => parseBundleInput('-'.repeat(MAX_BUNDLE_INPUT_BYTES + 1), opts) },
      { name: 'a 10 MB file (bytes)', want: 'BUNDLE_TOO_LARGE', run: async () => parseBundleInput(new Uint8Array(MAX_BUNDLE_INPUT_BYTES + 1), opts) },
      { name: 'an empty file', want: 'BUNDLE_EMPTY', run: async () => parseBundleInput(' \n', opts) },
      { name: 'a bundle without certificates', want: 'BUNDLE_EMPTY', run: async () => parseBundleInput('{"crts": []}', opts) },
      { name: 'text that is no bundle', want: 'BUNDLE_UNRECOGNISED', run: async () => parseBundleInput('hello world', opts) },
      { name: 'broken JSON', want: 'BUNDLE_BAD_JSON', run: async () => parseBundleInput('{"crts": [', opts) },
      { name: 'step JSON with a non-string', want: 'BUNDLE_BAD_SHAPE', run: async () => parseBundleInput('{"crts": [1]}', opts) },
      { name: 'a private key in the PEM', want: 'BUNDLE_BAD_PEM', run: async () => parseBundleInput(toPem('PRIVATE KEY', new Uint8Array([48, 0])), opts) },
      { name: 'stray text between blocks', want: 'BUNDLE_BAD_PEM', run: async () => parseBundleInput(`${toPem('CERTIFICATE', cas[0]!.der)}subject=CN=x\n${toPem('CERTIFICATE', cas[1]!.der)}`, opts) },
      { name: 'a SPIFFE key without use', want: 'BUNDLE_SPIFFE_BAD_KEY', run: async () => parseBundleInput(exportSpiffeBundles(bundle, bundle.entries)[0]!.json.replaceAll('"use": "x509-svid",', ''), opts) },
      { name: 'a SPIFFE key whose JWK is another key', want: 'BUNDLE_SPIFFE_KEY_MISMATCH', run: async () => {
        const doc = JSON.parse(exportSpiffeBundles(bundle, bundle.entries)[0]!.json) as { keys: Array<Record<string, unknown>> };
        doc.keys[1]!['x'] = doc.keys[2]!['x'];
        return parseBundleInput(JSON.stringify(doc), opts);
      } },
      { name: 'a SPIFFE key with two x5c certificates', want: 'BUNDLE_SPIFFE_BAD_KEY', run: async () => {
        const doc = JSON.parse(exportSpiffeBundles(bundle, bundle.entries)[0]!.json) as { keys: Array<{ x5c: string[] }> };
        doc.keys[0]!.x5c.push(doc.keys[0]!.x5c[0]!);
        return parseBundleInput(JSON.stringify(doc), opts);
      } },
      { name: 'a SPIFFE x5c in base64url', want: 'BUNDLE_SPIFFE_BAD_KEY', run: async () => {
        const doc = JSON.parse(exportSpiffeBundles(bundle, bundle.entries)[0]!.json) as { keys: Array<{ x5c: string[] }> };
        doc.keys[0]!.x5c[0] = toBase64Url(cas[0]!.der, { pad: false });
        return parseBundleInput(JSON.stringify(doc), opts);
      } },
      { name: 'a SPIFFE sequence rollback', want: 'BUNDLE_SEQUENCE_ROLLBACK', run: async () => {
        const held = { ...bundle, sequences: { 'example.org': 5 } };
        return diffBundle(held, await parseBundleInput(exportSpiffeBundles(bundle, bundle.entries)[0]!.json, opts), { trustDomain: 'example.org' });
      } },
      { name: 'a SPIFFE sequence reused for other roots', want: 'BUNDLE_SEQUENCE_REUSED', run: async () => {
        const held = { ...bundle, entries: bundle.entries.slice(1) };
        return diffBundle(held, await parseBundleInput(exportSpiffeBundles(bundle, bundle.entries)[0]!.json, opts), { trustDomain: 'example.org' });
      } },
      { name: 'a SPIFFE bundle without its trust domain', want: 'BUNDLE_TRUST_DOMAIN_REQUIRED', run: async () =>
        diffBundle(bundle, await parseBundleInput(exportSpiffeBundles(bundle, bundle.entries)[0]!.json, opts)) },
      { name: 'a signer issued by a trusted leaf', want: 'BUNDLE_SIGNER_UNTRUSTED', run: async () => {
        const underLeaf = { key: cas[1]!.keys.privateKey, certDer: cas[1]!.der };
        const pem = exportPemBundle(bundle.entries);
        return parseBundleInput(pem, { ...opts, detachedSignature: await signDetached(underLeaf, utf8.encode(pem)), trustedSigners: [signer.certDer] });
      } },
      { name: 'only a signature file', want: 'BUNDLE_UNRECOGNISED', run: async () => parseBundleInput(await signDetached(signer, utf8.encode('x')), opts) },
    ];
    for (const c of cases) it(`refuses ${c.name} with ${c.want}`, () => refusedWith(c.run(), c.want));
  });

  it("follows a partner's SPIFFE sequence per trust domain and refuses going back", async () => {
    const partner = (await composeBundle({ name: 'p', trustDomain: 'partner.example', atMs: AT, candidates: [{ certDer: cas[2]!.der, provenance: [prov('p')] }] })).bundle;
    const doc3 = exportSpiffeBundles({ ...partner, sequences: { 'partner.example': 3 } }, partner.entries)[0]!.json;
    const first = await parseBundleInput(doc3, opts);
    const d1 = diffBundle(bundle, first, { trustDomain: 'partner.example' });
    assert.lengthOf(d1.added, 1);
    assert.lengthOf(d1.removed, 0, 'our own trust domain is out of scope');
    const after = applyImport(bundle, d1, { accept: allChanges(d1), source: { detail: 'partner', fingerprintConfirmed: false }, atMs: AT });
    assert.equal(after.sequences['partner.example'], 3);
    assert.equal(after.entries.at(-1)!.trustDomain, 'partner.example');
    assert.deepEqual(diffBundle(after, first, { trustDomain: 'partner.example' }).unchanged.length, 1, 'the same document again is fine');
    const doc2 = exportSpiffeBundles({ ...partner, sequences: { 'partner.example': 2 } }, partner.entries)[0]!.json;
    await refusedWith(async () => diffBundle(after, await parseBundleInput(doc2, opts), { trustDomain: 'partner.example' }), 'BUNDLE_SEQUENCE_ROLLBACK');
  });

  it('diffs against the held bundle and applies only accepted entries', async () => {
    const renewedP256 = await makeCa('P256 Root', { keys: cas[1]!.keys, days: 700 });
    const newcomer = await makeCa('New Root');
    const incoming = await parseBundleInput([cas[0]!, renewedP256, newcomer].map((c) => toPem('CERTIFICATE', c.der)).join(''), opts);
    const before = JSON.stringify(bundle.sequences);
    const diff = diffBundle(bundle, incoming);
    assert.deepEqual(diff.added.map((r) => r.displayName), ['New Root']);
    assert.deepEqual(diff.changed.map((c) => [c.held.displayName, c.how]), [['P256 Root', 'renewed']]);
    assert.deepEqual(diff.removed.map((e) => e.displayName), ['P384 Root']);
    assert.deepEqual(diff.unchanged.map((e) => e.displayName), ['Ed Root']);
    const onlyNew = applyImport(bundle, diff, { accept: new Set([diff.added[0]!.fingerprint]), source: { detail: 'partner.pem', fingerprintConfirmed: false }, atMs: AT });
    assert.deepEqual(onlyNew.entries.map((e) => e.displayName), ['Ed Root', 'P256 Root', 'P384 Root', 'New Root']);
    assert.equal(onlyNew.sequences['example.org'], 2);
    const all = applyImport(bundle, diff, { accept: allChanges(diff), source: { detail: 'partner.pem', fingerprintConfirmed: false }, atMs: AT });
    assert.deepEqual(fps(assessBundle(all, { atMs: AT }).included), fps(incoming.roots));
    assert.deepEqual(all.entries.find((e) => e.displayName === 'P256 Root')!.provenance.map((p) => p.detail), ['t', 'partner.pem']);
    assert.equal(JSON.stringify(bundle.sequences), before, 'the held bundle is untouched');
    assert.lengthOf(bundle.entries, 3);
  });
});
