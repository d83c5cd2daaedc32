// <ct-share-panel> and <ct-receive-panel> in real Chromium: the QR dialog shows a code that decodes
// (from its canvas pixels) to the item's exact bytes, Escape closes it and focus returns; the
// receive panel hands paste, files and scanned QR payloads on in one event shape, refuses oversized
// files and QR kinds it does not import without emitting anything; no axe violations.
import { assert } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/components/share-panel.ts';
import '../../../src/ui/components/receive-panel.ts';
import type { CtSharePanel, ShareItem } from '../../../src/ui/components/share-panel.ts';
import type { CtReceivePanel, ReceivedInput } from '../../../src/ui/components/receive-panel.ts';
import { encodeQrPayload, paintQr, qrMatrix, qrPixelSize } from '../../../src/exchange/qr/index.ts';
import { utf8 } from '../../../src/pki/index.ts';
import { artefacts, detector, TEST_WASM_URL } from '../../exchange/qr/support.ts';
import { axeViolations, deepActiveElement, waitFor } from '../support/dom.ts';
import { mountWithContexts } from '../support/context-root.ts';

async function png(text: string): Promise<File> {
  const m = qrMatrix(text);
  const c = new OffscreenCanvas(qrPixelSize(m, 4), qrPixelSize(m, 4));
  paintQr(c.getContext('2d')!, m, { moduleSize: 4 });
  return new File([await c.convertToBlob({ type: 'image/png' })], 'frame.png', { type: 'image/png' });
}

const button = (root: ParentNode, name: string): HTMLButtonElement => {
  const b = [...root.querySelectorAll('button')].find((x) => x.textContent?.trim() === name);
  assert.exists(b, `button ${name}`);
  return b!;
};

before(() => {
  // axe judges the whole test page: give it what the app's index.html has.
  document.documentElement.lang = 'en';
  document.title = 'share and receive panels';
});

describe('<ct-share-panel>', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows an item as a QR code in a dialog whose pixels decode to the exact bytes; Escape returns focus', async () => {
    const pem = (await artefacts()).find((a) => a.kind === 'pem-bundle')!;
    const items: ShareItem[] = [
      { label: 'PEM bundle', filename: 'x.pem', mime: 'application/x-pem-file', data: utf8.decode(pem.bytes), qrKind: 'pem-bundle' },
      { label: 'Binary', filename: 'x.bin', mime: 'application/octet-stream', data: new Uint8Array([1, 2, 3]) },
    ];
    const panel = document.createElement('ct-share-panel') as CtSharePanel;
    panel.items = items;
    const { root } = await mountWithContexts(panel);
    const sr = panel.shadowRoot!;
    assert.isUndefined([...sr.querySelectorAll('button')].find((b) => b.textContent === 'Copy Binary'), 'binary items have no Copy');
    assert.isUndefined([...sr.querySelectorAll('button')].find((b) => b.textContent === 'Show Binary as QR code'), 'no QR without a kind');
    const opener = button(sr, 'Show PEM bundle as QR code');
    opener.focus();
    opener.click();
    const display = await waitFor(() => sr.querySelector('dialog[open] ct-qr-display'), 'the QR dialog');
    await (display as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const canvas = display.shadowRoot!.querySelector('canvas')!;
    const enc = (display as unknown as { encoding: { fragmentCount: number; single: boolean } }).encoding;
    assert.isFalse(enc.single, 'a three-root PEM bundle animates');
    // Read the frames off the canvas while stepping, as a camera would.
    const d = await detector();
    const { QrReceiver } = await import('../../../src/exchange/qr/index.ts');
    const rx = new QrReceiver();
    let got: Uint8Array | undefined;
    for (let i = 0; i < enc.fragmentCount + 20 && !got; i++) {
      const texts = await d.detect(await createImageBitmap(canvas));
      const r = rx.receive(texts[0]!);
      if (r.status === 'complete') got = r.payload.bytes;
      (display as unknown as { step(n: number): void }).step(1);
      await (display as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    }
    assert.deepEqual(got, pem.bytes);
    assert.deepEqual(await axeViolations(), []);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !sr.querySelector('dialog[open]'), 'the dialog to close');
    assert.equal(deepActiveElement(), opener, 'focus returns to the button that opened it');
    assert.deepEqual(root.said, []);
  });
});

describe('<ct-receive-panel>', () => {
  afterEach(() => document.body.replaceChildren());

  async function mount(props: Partial<CtReceivePanel> = {}) {
    const el = document.createElement('ct-receive-panel') as CtReceivePanel;
    Object.assign(el, props);
    await mountWithContexts(el);
    const got: ReadonlyArray<ReceivedInput>[] = [];
    el.addEventListener('ct-receive', (e) => got.push(e.detail.inputs));
    return { el, got, sr: el.shadowRoot! };
  }

  it('paste and files arrive in one event shape; an oversized file is refused and nothing is emitted', async () => {
    const { el, got, sr } = await mount({ maxBytes: 10 });
    sr.querySelector<HTMLTextAreaElement>('#paste')!.value = 'hello';
    button(sr, 'Read pasted text').click();
    assert.deepEqual(got[0], [{ name: 'Pasted text', via: 'paste', data: 'hello' }]);
    const input = sr.querySelector<HTMLInputElement>('#file')!;
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([0x30, 1, 2])], 'a.der'));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    await waitFor(() => got.length === 2, 'the file');
    assert.deepEqual(got[1], [{ name: 'a.der', via: 'file', data: new Uint8Array([0x30, 1, 2]) }]);
    const big = new DataTransfer();
    big.items.add(new File([new Uint8Array(11)], 'big.pem'));
    big.items.add(new File([new Uint8Array(1)], 'small.pem'));
    input.files = big.files;
    input.dispatchEvent(new Event('change'));
    await waitFor(() => sr.querySelector('[role=alert]')!.textContent!.includes('big.pem'), 'the refusal');
    await el.updateComplete;
    assert.lengthOf(got, 2, 'all or nothing: no event when one file is refused');
    assert.deepEqual(await axeViolations(), []);
  });

  it('names its file picker as asked; without a paste box it offers none and ignores dropped text', async () => {
    const { el, got, sr } = await mount({ fileLabel: 'Choose the folder’s .zip', noPaste: true, multiple: false });
    assert.equal(sr.querySelector('label[for=file]')!.textContent, 'Choose the folder’s .zip');
    assert.isNull(sr.querySelector('textarea'), 'no paste box');
    const dt = new DataTransfer();
    dt.setData('text/plain', 'some text');
    sr.querySelector('[data-testid=drop-zone]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await el.updateComplete;
    assert.lengthOf(got, 0, 'dropped text is not an input here');
    el.focus();
    assert.equal(deepActiveElement(), sr.querySelector('#file'), 'focus() moves to the file picker');
    assert.deepEqual(await axeViolations(), []);
  });

  it('scans only after the user asks; a scanned transfer arrives as the exact bytes; other kinds are refused', async () => {
    const all = await artefacts();
    const { el, got, sr } = await mount({ qrKinds: ['csr', 'intro'] });
    assert.isNull(sr.querySelector('ct-qr-scanner'), 'no scanner (and no camera, no wasm) before the user asks');
    const toggle = button(sr, 'Scan a QR code');
    toggle.click();
    const scanner = await waitFor(() => sr.querySelector('ct-qr-scanner'), 'the scanner');
    scanner.wasmUrl = TEST_WASM_URL;
    await el.updateComplete;
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    const intro = all.find((a) => a.kind === 'intro')!;
    const enc = encodeQrPayload(intro);
    await scanner.scanFiles(await Promise.all(Array.from({ length: enc.fragmentCount + 4 }, (_, i) => png(enc.frameText(i + 1)))));
    await waitFor(() => got.length === 1, 'the payload');
    assert.deepEqual(got[0], [{ name: 'QR code (intro)', via: 'qr', data: intro.bytes, qrKind: 'intro' }]);
    const crl = all.find((a) => a.kind === 'crl')!;
    scanner.shadowRoot!.querySelector<HTMLButtonElement>('button:not([aria-pressed])') // "Start over"
      ?.click();
    await scanner.scanFiles([await png(encodeQrPayload(crl).frameText(1))]);
    await waitFor(() => sr.querySelector('[role=alert]')!.textContent!.includes('not imported here'), 'the kind refusal');
    assert.lengthOf(got, 1);
    button(sr, 'Hide QR scanner').click();
    await el.updateComplete;
    assert.isNull(sr.querySelector('ct-qr-scanner'), 'hiding removes the scanner (and stops any camera)');
  });
});
