// <ct-qr-scanner> in Chromium: screenshots (PNG files) and a pasted image complete a transfer and
// emit ct-qr-payload; a URL code and frames of another payload are refused with their message.
import { assert } from 'chai';
import '../../../src/ui/qr/ct-qr-scanner.ts';
import { encodeQrPayload, paintQr, qrMatrix, qrPixelSize } from '../../../src/exchange/qr/index.ts';
import { QR_MESSAGES } from '../../../src/ui/qr/qr-messages.ts';
import type { QrPayloadDetail } from '../../../src/ui/qr/events.ts';
import { artefacts, TEST_WASM_URL } from '../../exchange/qr/support.ts';

async function png(text: string): Promise<File> {
  const m = qrMatrix(text);
  const c = new OffscreenCanvas(qrPixelSize(m, 4), qrPixelSize(m, 4));
  paintQr(c.getContext('2d')!, m, { moduleSize: 4 });
  return new File([await c.convertToBlob({ type: 'image/png' })], 'frame.png', { type: 'image/png' });
}

function mount() {
  const el = document.createElement('ct-qr-scanner');
  el.wasmUrl = TEST_WASM_URL;
  document.body.append(el);
  const events: QrPayloadDetail[] = [];
  el.addEventListener('ct-qr-payload', (e) => events.push(e.detail));
  return { el, events };
}

const status = (el: HTMLElement): string => el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim();

describe('<ct-qr-scanner>', () => {
  afterEach(() => document.body.replaceChildren());

  it('completes an animated transfer from screenshots and emits { kind, bytes, text }', async () => {
    const a = (await artefacts()).find((x) => x.kind === 'intro')!;
    const enc = encodeQrPayload(a);
    const { el, events } = mount();
    const files = await Promise.all(Array.from({ length: enc.fragmentCount + 4 }, (_, i) => png(enc.frameText(i + 1))));
    await el.scanFiles(files.slice(0, 2));
    await el.updateComplete;
    assert.match(el.shadowRoot!.querySelector('[data-progress]')!.textContent!, /2 frame\(s\) received/);
    await el.scanFiles(files.slice(2));
    await el.updateComplete;
    assert.lengthOf(events, 1);
    assert.equal(events[0]!.kind, 'intro');
    assert.deepEqual(events[0]!.bytes, a.bytes);
    assert.equal(events[0]!.text, new TextDecoder().decode(a.bytes));
    assert.match(status(el), /Received intro/);
  });

  it('reads a pasted image', async () => {
    const a = (await artefacts()).find((x) => x.kind === 'csr')!;
    const { el, events } = mount();
    const dt = new DataTransfer();
    dt.items.add(await png(encodeQrPayload(a).frameText(1)));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
    for (let i = 0; i < 100 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.lengthOf(events, 1);
    assert.equal(events[0]!.kind, 'csr');
    assert.deepEqual(events[0]!.bytes, a.bytes);
  });

  it('refuses a URL code, an image without a code, and another payload mid-stream, emitting nothing', async () => {
    const all = await artefacts();
    const { el, events } = mount();
    await el.scanFiles([await png('https://example.com/')]);
    await el.updateComplete;
    assert.equal(status(el), QR_MESSAGES.QR_NOT_UR);
    const blank = new OffscreenCanvas(50, 50);
    blank.getContext('2d')!.fillRect(0, 0, 10, 10);
    await el.scanFiles([new File([await blank.convertToBlob()], 'blank.png', { type: 'image/png' })]);
    await el.updateComplete;
    assert.equal(status(el), QR_MESSAGES.QR_NO_CODE_FOUND);
    await el.scanFiles([await png(encodeQrPayload(all.find((x) => x.kind === 'pem-bundle')!).frameText(1))]);
    await el.scanFiles([await png(encodeQrPayload(all.find((x) => x.kind === 'intro')!).frameText(1))]);
    await el.updateComplete;
    assert.equal(status(el), QR_MESSAGES.QR_MIXED_STREAM);
    el.finish();
    await el.updateComplete;
    assert.match(status(el), /not complete/);
    assert.lengthOf(events, 0);
  });
});
