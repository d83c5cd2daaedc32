// Every artefact the app exports, through the whole QR path a user takes: the app's own export →
// <ct-qr-display> paints each frame on its canvas → the canvas pixels become PNG "photos" →
// <ct-qr-scanner> inside <ct-receive-panel> decodes them (zxing-wasm) → the ct-receive event → the
// import path the receiving view runs (Import & inspect, or the trust-bundle import check). The bytes
// that arrive are the exported bytes, byte for byte, and the import reads the same certificates.
import { assert } from 'chai';
import { deleteDB } from 'idb';
import '../../../src/ui/qr/ct-qr-display.ts';
import '../../../src/ui/components/receive-panel.ts';
import type { CtQrDisplay } from '../../../src/ui/qr/ct-qr-display.ts';
import type { CtReceivePanel, ReceivedInput } from '../../../src/ui/components/receive-panel.ts';
import type { QrPayloadKind } from '../../../src/exchange/qr/index.ts';
import { openStore, type Db } from '../../../src/store/db.ts';
import { saveIdentity } from '../../../src/store/index.ts';
import { composeBundle, createIdentity, DAY_MS, describeEnvironment, formatFingerprint, parsePem, readStoreFile, sha256, utf8, writeStoreFile, type TrustBundle } from '../../../src/pki/index.ts';
import { identityExports } from '../../../src/ui/controllers/identity-export.ts';
import { inspectInput } from '../../../src/ui/controllers/inspect.ts';
import { exportArtefacts, signArtefact } from '../../../src/ui/federation/bundle-export.ts';
import { checkImport, sortInputs } from '../../../src/ui/federation/bundle-import-check.ts';
import { artefacts, TEST_WASM_URL } from '../../exchange/qr/support.ts';
import { readSharedText } from '../../support/fixtures.ts';
import { makeCa, makeLeaf } from '../../pki/federation/make-certs.ts';
import { waitFor } from '../support/dom.ts';
import { bundleShareItem, storeFileShareItem, storeFileText } from '../../../src/ui/hierarchy/hierarchy-share.ts';
import { addService, makeCustody, makeEnvironment } from '../../support/hierarchy-fixture.ts';

const NOW = Date.now();
const bytesOf = (d: string | Uint8Array): Uint8Array => (typeof d === 'string' ? utf8.encode(d) : d);

/** Shows `bytes` in the real display, photographs every frame it paints, scans the photos in a real receive panel. */
async function throughQr(kind: QrPayloadKind, bytes: Uint8Array): Promise<{ input: ReceivedInput; frames: number }> {
  const display = document.createElement('ct-qr-display') as CtQrDisplay;
  display.kind = kind;
  display.bytes = bytes;
  document.body.append(display);
  await display.updateComplete;
  display.playing = false;
  const enc = display.encoding!;
  const panel = document.createElement('ct-receive-panel') as CtReceivePanel;
  document.body.append(panel);
  await panel.updateComplete;
  [...panel.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Scan a QR code'))!.click();
  const scanner = await waitFor(() => panel.shadowRoot!.querySelector('ct-qr-scanner'), 'the scanner');
  scanner.wasmUrl = TEST_WASM_URL;
  const got: ReceivedInput[] = [];
  panel.addEventListener('ct-receive', (e) => got.push(...e.detail.inputs));
  let frames = 0;
  for (let i = 0; i < enc.fragmentCount + 30 && got.length === 0; i++) {
    const canvas = display.shadowRoot!.querySelector('canvas')!;
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
    await scanner.scanFiles([new File([blob], `frame-${i + 1}.png`, { type: 'image/png' })]);
    frames++;
    display.step(1);
    await display.updateComplete;
  }
  display.remove();
  panel.remove();
  assert.lengthOf(got, 1, `${kind}: the transfer completed`);
  return { input: got[0]!, frames };
}

describe('QR: every exported artefact → display pixels → scanner → the app’s import path, byte for byte', () => {
  let db: Db;
  const dbName = `ct-qr-path-${Math.random().toString(36).slice(2)}`;
  let identityId: string;
  let bundle: TrustBundle;
  let ourCa: Uint8Array;

  before(async () => {
    db = await openStore({ name: dbName });
    const created = await createIdentity({ name: { org: 'Alpha Labs', unit: 'Research' }, san: { hosts: ['alpha.example'] }, keyType: 'p256', atMs: NOW });
    identityId = (await saveIdentity(db, { label: 'Alpha Research', created, atMs: NOW })).id;
    ourCa = created.caCertDer;
    const partner = await makeCa('Beta Root', { fromMs: NOW - DAY_MS });
    const gamma = await makeCa('Gamma Root', { fromMs: NOW - DAY_MS });
    const signed = await makeLeaf(gamma, 'Alpha Person');
    bundle = (
      await composeBundle({
        name: 'partners', trustDomain: 'alpha.example', atMs: NOW, candidates: [
          { certDer: ourCa, provenance: [{ kind: 'own-root', detail: 'us', addedMs: NOW, fingerprintConfirmed: true }] },
          { certDer: partner.der, provenance: [{ kind: 'import', detail: 'beta', addedMs: NOW, fingerprintConfirmed: true }] },
          { certDer: gamma.der, provenance: [{ kind: 'introduction', detail: 'gamma', addedMs: NOW, fingerprintConfirmed: true,
            introduction: { signerName: 'P=Signing Certificate,CN=Gamma Root', services: [{ alias: 'gamma-api', url: 'https://gamma.example' }], signedCertDer: signed.der } }] },
        ],
      })
    ).bundle;
  });
  after(async () => {
    db.close();
    await deleteDB(dbName);
  });

  it('identity exports and single certificates, CSRs, CRLs and intro.json reach Import & inspect unchanged', async () => {
    const record = { label: 'Alpha Research', caCertDer: ourCa, idCertDer: parsePem((await readSharedText('fixtures/certified/orgs/alpha/id.crt')))[0]!.der } as Parameters<typeof identityExports>[0];
    const ex = identityExports(record);
    const fixtures = await artefacts();
    const cases: Array<{ kind: QrPayloadKind; bytes: Uint8Array; wantDer: Uint8Array[] | 'introduction' | 'csr' | 'crl' }> = [
      { kind: 'identity', bytes: utf8.encode(ex.b64), wantDer: [record.idCertDer] },
      { kind: 'pem-bundle', bytes: utf8.encode(ex.pem), wantDer: [record.idCertDer] },
      { kind: 'pem-bundle', bytes: utf8.encode(ex.caPem), wantDer: [ourCa] },
      ...(['intro', 'csr', 'certificate', 'cross-certificate', 'crl'] as const).map((k) => {
        const a = fixtures.find((f) => f.kind === k)!;
        return { kind: k, bytes: a.bytes, wantDer: k === 'intro' ? ('introduction' as const) : k === 'csr' ? ('csr' as const) : k === 'crl' ? ('crl' as const) : [a.bytes] };
      }),
    ];
    const seen: string[] = [];
    for (const c of cases) {
      const { input, frames } = await throughQr(c.kind, c.bytes);
      assert.deepEqual(bytesOf(input.data), c.bytes, `${c.kind}: byte for byte`);
      const r = await inspectInput(input.name, input.data, NOW);
      assert.isTrue(r.ok, `${c.kind}: the import path reads it`);
      if (!r.ok) continue;
      if (Array.isArray(c.wantDer)) {
        const want = await Promise.all(c.wantDer.map(async (d) => formatFingerprint(await sha256(d)).grouped));
        assert.deepEqual(r.items.map((i) => (i.kind === 'certificate' ? i.cert.fingerprintSha256.grouped : i.kind)), want, `${c.kind}: the same certificate`);
      } else assert.equal(r.items[0]!.kind, c.wantDer);
      seen.push(`${c.kind}:${frames}`);
    }
    assert.lengthOf(seen, 8);
  });

  it('every trust-bundle export (and its signatures) reaches the bundle import unchanged and reads the same roots', async () => {
    const included = bundle.entries.map((e) => e.fingerprint).sort();
    const { bundle: held } = await composeBundle({ name: 'empty', trustDomain: 'other.example', candidates: [], atMs: NOW });
    const req = { trustedSigners: [ourCa], requireSignature: false, trustDomain: 'alpha.example', atMs: NOW };
    const kinds = new Set<string>();
    for (const format of ['pem', 'step-json', 'spiffe', 'certified'] as const) {
      const [file] = exportArtefacts(bundle, format, NOW);
      const { input } = await throughQr(file!.qrKind!, bytesOf(file!.data));
      assert.deepEqual(bytesOf(input.data), bytesOf(file!.data), `${format}: byte for byte`);
      kinds.add(input.qrKind!);
      const c = (await checkImport(held, sortInputs({}, [input]), req))!;
      const want = format === 'certified' ? bundle.entries.filter((e) => e.displayName === 'Gamma Root').map((e) => e.fingerprint) : included;
      assert.deepEqual(c.imported.roots.map((r) => r.fingerprint).sort(), want, `${format}: the same roots`);
      if (format === 'certified') assert.deepEqual(c.imported.introductions?.[want[0]!]?.services, [{ alias: 'gamma-api', url: 'https://gamma.example' }]);

      // Signed: the signature travels as its own QR transfer and is checked against our CA.
      const sig = await signArtefact(db, identityId, file!, { jws: format === 'spiffe', atMs: NOW });
      const { input: sigInput } = await throughQr(sig.qrKind!, bytesOf(sig.data));
      assert.deepEqual(bytesOf(sigInput.data), bytesOf(sig.data), `${sig.qrKind}: byte for byte`);
      kinds.add(sigInput.qrKind!);
      const slots = format === 'spiffe' ? sortInputs({}, [sigInput]) : sortInputs(sortInputs({}, [input]), [sigInput]);
      const signed = (await checkImport(held, slots, { ...req, requireSignature: true }))!;
      assert.isTrue(signed.imported.signature?.trusted, `${format}: signature verified and trusted`);
      assert.equal(signed.imported.signature?.kind, format === 'spiffe' ? 'jws' : 'detached');
    }
    assert.deepEqual([...kinds].sort(), ['bundle-signature', 'certified-files', 'jws', 'pem-bundle', 'spiffe', 'step-json']);
  });

  it('the scoped-PKI store file and its bundles, as the Scoped PKI view shares them, reach its import unchanged', async () => {
    const state = (await addService(await makeEnvironment(await makeCustody()), 'eu', 'shop')).state;
    const file = { text: writeStoreFile(state.doc), name: 'prod.pki.yaml' };
    const item = storeFileShareItem(file);
    const { input } = await throughQr(item.qrKind!, bytesOf(item.data));
    assert.equal(input.qrKind, 'pki-store');
    assert.deepEqual(bytesOf(input.data), bytesOf(item.data), 'byte for byte');
    assert.deepEqual(readStoreFile(storeFileText(input)), state.doc, 'the store-file reader reads the same environment');
    const eu = (await describeEnvironment(state.doc, new Set(state.keys.keys()), NOW)).scopes.find((x) => x.scope === 'eu')!;
    const bundle = bundleShareItem('prod', 'eu', eu.servers);
    const { input: b } = await throughQr(bundle.qrKind!, bytesOf(bundle.data));
    assert.deepEqual(bytesOf(b.data), bytesOf(bundle.data));
    assert.deepEqual(parsePem(utf8.decode(bytesOf(b.data))).map((x) => x.der), parsePem(eu.servers.pem).map((x) => x.der));
  });
});
