// Shared helpers for QR browser tests: artefacts of every kind, pixel rendering, a seeded RNG.
import { zipSync } from 'fflate';
import { parsePem, signDetached, signJws, utf8 } from '../../../src/pki/index.ts';
import { makeCa, makeLeaf } from '../../pki/federation/make-certs.ts';
import { createQrDetector, paintQr, qrMatrix, qrPixelSize, type QrDetector, type QrPayloadKind } from '../../../src/exchange/qr/index.ts';
import { readSharedBytes, readSharedText } from '../../support/fixtures.ts';
import { writeStoreFile } from '../../../src/pki/index.ts';
import { makeCustody, makeEnvironment } from '../../support/hierarchy-fixture.ts';

/** The wasm as web-test-runner serves it (the app gets it from Vite's `?url` asset). */
export const TEST_WASM_URL = '/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm';

export function detector(): Promise<QrDetector> {
  return createQrDetector({ wasmUrl: TEST_WASM_URL, preferNative: false });
}

async function localBytes(name: string): Promise<Uint8Array> {
  const res = await fetch(new URL(`./fixtures/${name}`, import.meta.url));
  if (!res.ok) throw new Error(`fixture ${name}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

const certDer = async (path: string): Promise<Uint8Array> => parsePem(await readSharedText(`fixtures/certified/${path}`))[0]!.der;

let signerPromise: Promise<{ key: CryptoKey; certDer: Uint8Array }> | undefined;
/** An identity that signs bundles (a P-256 leaf under a test CA), made once. */
function signer(): Promise<{ key: CryptoKey; certDer: Uint8Array }> {
  signerPromise ??= makeCa('QR Test Root').then(async (ca) => {
    const leaf = await makeLeaf(ca, 'QR Test Signer');
    return { key: leaf.keys.privateKey, certDer: leaf.der };
  });
  return signerPromise;
}

let storePromise: Promise<string> | undefined;
/** A scoped-PKI store file (root, three intermediates, age-escrowed keys), made once. */
function storeFile(): Promise<string> {
  storePromise ??= makeCustody().then(makeEnvironment).then((s) => writeStoreFile(s.doc));
  return storePromise;
}

/** One real artefact of every kind. */
export async function artefacts(): Promise<Array<{ kind: QrPayloadKind; bytes: Uint8Array }>> {
  const ca = await certDer('orgs/alpha/CA.crt');
  const pem = (await Promise.all(['alpha', 'beta', 'gamma'].map((o) => readSharedText(`fixtures/certified/orgs/${o}/CA.crt`)))).join('');
  const spiffe = JSON.stringify({
    spiffe_sequence: 1,
    keys: [{ use: 'x509-svid', kty: 'EC', crv: 'P-256', x5c: [btoa(String.fromCharCode(...ca))] }],
  });
  return [
    { kind: 'identity', bytes: (await readSharedBytes('fixtures/certified/exchanges/alpha.ident.b64')).slice() },
    { kind: 'intro', bytes: await readSharedBytes('fixtures/certified/exchanges/intro.gamma-signs-alpha.json') },
    { kind: 'csr', bytes: await localBytes('request.csr.der') },
    { kind: 'certificate', bytes: ca },
    { kind: 'cross-certificate', bytes: await certDer('orgs/alpha/id/P=Signing Certificate,CN=Beta Person.crt') },
    { kind: 'pem-bundle', bytes: utf8.encode(pem) },
    { kind: 'spiffe', bytes: utf8.encode(spiffe) },
    { kind: 'crl', bytes: await localBytes('revoked.crl.der') },
    { kind: 'step-json', bytes: utf8.encode(JSON.stringify({ crts: parsePem(pem).map((b) => `-----BEGIN CERTIFICATE-----\n${btoa(String.fromCharCode(...b.der))}\n-----END CERTIFICATE-----\n`) }) + '\n') },
    { kind: 'jws', bytes: utf8.encode(await signJws(await signer(), utf8.encode(spiffe))) },
    { kind: 'bundle-signature', bytes: utf8.encode(await signDetached(await signer(), utf8.encode(pem))) },
    { kind: 'certified-files', bytes: zipSync({ 'certified/known_servers/beta-api.yaml': utf8.encode(await readSharedText('fixtures/certified/orgs/alpha/known_servers/beta-api.yaml')) }) },
    { kind: 'pki-store', bytes: utf8.encode(await storeFile()) },
  ];
}

/** Renders `text` as a QR code to a canvas and returns the pixels (what a screenshot would hold). */
export function renderToPixels(text: string, moduleSize = 3): ImageData {
  const m = qrMatrix(text);
  const side = qrPixelSize(m, moduleSize);
  const canvas = new OffscreenCanvas(side, side);
  const ctx = canvas.getContext('2d')!;
  paintQr(ctx, m, { moduleSize });
  return ctx.getImageData(0, 0, side, side);
}

/** mulberry32: a small seeded PRNG so "random" frame loss is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
