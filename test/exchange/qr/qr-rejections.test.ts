// Bad input is refused with a stable code and nothing is imported: a URL or random text, frames of
// another payload mid-stream (never merged), a corrupt frame, a truncated stream, wrong kinds.
import { assert } from 'chai';
import { isPkiError, utf8, type PkiErrorCode } from '../../../src/pki/index.ts';
import { encodeQrPayload, openEnvelope, QrReceiver, wrapEnvelope } from '../../../src/exchange/qr/index.ts';
import { encodeCbor } from '../../../src/exchange/qr/ur/cbor.ts';
import { encodeSingleUr } from '../../../src/exchange/qr/ur/ur.ts';
import { artefacts, detector, renderToPixels } from './support.ts';

function codeOf(fn: () => unknown): PkiErrorCode | 'NO_THROW' | 'NOT_PKI' {
  try {
    fn();
    return 'NO_THROW';
  } catch (e) {
    return isPkiError(e) ? e.code : 'NOT_PKI';
  }
}

/** Flips one bytewords letter to another valid byteword letter pair so only the CRC can catch it. */
function corrupt(frame: string): string {
  const i = frame.lastIndexOf('/') + 11;
  const pair = frame.slice(i, i + 2);
  const other = pair === 'AE' ? 'AD' : 'AE'; // 'able' and 'acid' minimal forms
  return frame.slice(0, i) + other + frame.slice(i + 2);
}

describe('QR rejections', () => {
  const texts = [
    { name: 'a URL', input: 'https://example.com/pki?cert=1', want: 'QR_NOT_UR' },
    { name: 'random text', input: 'Hello from a random QR code on a poster', want: 'QR_NOT_UR' },
    { name: 'a UR of another type', input: 'ur:crypto-seed/oeadgdstaslplabghydrpfmkbggufgludprfgmaosomjt', want: 'QR_UNSUPPORTED_UR_TYPE' },
    { name: 'a UR with non-byteword letters', input: 'UR:BYTES/QQQQQQQQQQQQ', want: 'QR_BAD_BYTEWORDS' },
    { name: 'a UR with a bad sequence', input: 'UR:BYTES/0-3/AEAEAEAEAEAEAE', want: 'QR_BAD_UR' },
    { name: 'a bytes UR that is not ours', input: encodeSingleUr('bytes', encodeCbor(utf8.encode('just some bytes'))), want: 'QR_NOT_CROSSTRUST' },
    {
      name: 'our envelope with a kind from the future',
      input: encodeSingleUr('bytes', encodeCbor(Uint8Array.of(0x43, 0x54, 1, 99, 1, 2, 3))),
      want: 'QR_UNKNOWN_KIND',
    },
    {
      name: 'a certificate that is not DER',
      input: encodeSingleUr('bytes', encodeCbor(wrapUnchecked('certificate', utf8.encode('not a certificate')))),
      want: 'QR_KIND_MISMATCH',
    },
  ] as const;
  for (const c of texts) {
    it(`refuses ${c.name} (${c.want}) and imports nothing`, () => {
      const rx = new QrReceiver();
      assert.equal(codeOf(() => rx.receive(c.input)), c.want);
      assert.isFalse(rx.isComplete);
      assert.equal(codeOf(() => rx.finish()), 'QR_INCOMPLETE');
    });
  }

  it('reads a URL QR from pixels and refuses it with QR_NOT_UR', async () => {
    const [text] = await (await detector()).detect(renderToPixels('https://example.com/'));
    assert.equal(text, 'https://example.com/');
    assert.equal(codeOf(() => new QrReceiver().receive(text!)), 'QR_NOT_UR');
  });

  it('refuses frames of another payload mid-stream, never merges, and finishes the first payload', async () => {
    const all = await artefacts();
    const a = all.find((x) => x.kind === 'pem-bundle')!;
    const b = all.find((x) => x.kind === 'intro')!;
    const encA = encodeQrPayload(a);
    const encB = encodeQrPayload(b);
    const rx = new QrReceiver();
    rx.receive(encA.frameText(1));
    rx.receive(encA.frameText(2));
    for (let seq = 1; seq <= 3; seq++) assert.equal(codeOf(() => rx.receive(encB.frameText(seq))), 'QR_MIXED_STREAM');
    const small = all.find((x) => x.kind === 'crl')!;
    assert.equal(codeOf(() => rx.receive(encodeQrPayload(small).frameText(1))), 'QR_MIXED_STREAM');
    let got: Uint8Array | undefined;
    for (let seq = 3; got === undefined && seq < 200; seq++) {
      const r = rx.receive(encA.frameText(seq));
      if (r.status === 'complete') got = r.payload.bytes;
    }
    assert.deepEqual(got, a.bytes);
    assert.equal(codeOf(() => rx.receive(encB.frameText(4))), 'QR_MIXED_STREAM');
  });

  it('refuses a corrupt frame (checksum) and still completes from good frames', async () => {
    const a = (await artefacts()).find((x) => x.kind === 'intro')!;
    const enc = encodeQrPayload(a);
    const rx = new QrReceiver();
    const bad = corrupt(enc.frameText(1));
    assert.notEqual(bad, enc.frameText(1));
    assert.equal(codeOf(() => rx.receive(bad)), 'QR_CHECKSUM_MISMATCH');
    assert.equal(rx.progress().framesReceived, 0);
    let done = false;
    for (let seq = 1; !done && seq < 100; seq++) done = rx.receive(enc.frameText(seq)).status === 'complete';
    assert.deepEqual(rx.finish().bytes, a.bytes);
  });

  it('reports a truncated stream with QR_INCOMPLETE and how far it got', async () => {
    const a = (await artefacts()).find((x) => x.kind === 'pem-bundle')!;
    const enc = encodeQrPayload(a);
    const rx = new QrReceiver();
    for (let seq = 1; seq < enc.fragmentCount; seq++) rx.receive(enc.frameText(seq));
    try {
      rx.finish();
      assert.fail('finish() should throw');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'QR_INCOMPLETE'));
      assert.equal((e as { details?: { framesMinimum?: number } }).details?.framesMinimum, enc.fragmentCount);
    }
    assert.isBelow(rx.progress().percent, 100);
    assert.isAbove(rx.progress().percent, 0);
  });

  it('refuses to encode bytes that do not match their kind', () => {
    assert.equal(codeOf(() => encodeQrPayload({ kind: 'intro', bytes: utf8.encode('[1,2]') })), 'QR_KIND_MISMATCH');
    assert.equal(codeOf(() => encodeQrPayload({ kind: 'crl', bytes: Uint8Array.of(0x30, 0x05) })), 'QR_KIND_MISMATCH');
    assert.equal(codeOf(() => openEnvelope(Uint8Array.of(0x43, 0x54, 2, 1, 0))), 'QR_NOT_CROSSTRUST');
    // The trust-bundle kinds check their shape too.
    assert.equal(codeOf(() => encodeQrPayload({ kind: 'step-json', bytes: utf8.encode('{"keys":[]}') })), 'QR_KIND_MISMATCH');
    assert.equal(codeOf(() => encodeQrPayload({ kind: 'spiffe', bytes: utf8.encode('{"crts":[]}') })), 'QR_KIND_MISMATCH');
    assert.equal(codeOf(() => encodeQrPayload({ kind: 'jws', bytes: utf8.encode('not.a jws') })), 'QR_KIND_MISMATCH');
    assert.equal(codeOf(() => encodeQrPayload({ kind: 'bundle-signature', bytes: utf8.encode('{"type":"other"}') })), 'QR_KIND_MISMATCH');
    assert.equal(codeOf(() => encodeQrPayload({ kind: 'certified-files', bytes: utf8.encode('PK not a zip at all, just text') })), 'QR_KIND_MISMATCH');
    // A store file is YAML with its top-level keys; other YAML (a known_servers file) is not.
    assert.equal(codeOf(() => encodeQrPayload({ kind: 'pki-store', bytes: utf8.encode('server: "https://beta.example"\nversion: 1\n') })), 'QR_KIND_MISMATCH');
    assert.equal(codeOf(() => encodeQrPayload({ kind: 'pki-store', bytes: Uint8Array.of(0xff, 0xfe) })), 'QR_KIND_MISMATCH');
  });
});

/** Our envelope around bytes, skipping the encoder's kind check (to forge a bad payload). */
function wrapUnchecked(kind: 'certificate', bytes: Uint8Array): Uint8Array {
  return wrapEnvelope(kind, bytes);
}
