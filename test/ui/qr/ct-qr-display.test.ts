// <ct-qr-display> in Chromium: the code on its canvas decodes from pixels, the controls step and
// play by keyboard, reduced motion means no auto-advance, and the text/file alternative is there.
import { assert } from 'chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/qr/ct-qr-display.ts';
import { QrReceiver } from '../../../src/exchange/qr/index.ts';
import { artefacts, detector } from '../../exchange/qr/support.ts';
import type { CtQrDisplay } from '../../../src/ui/qr/ct-qr-display.ts';

async function mount(kind: string): Promise<{ el: CtQrDisplay; bytes: Uint8Array }> {
  const a = (await artefacts()).find((x) => x.kind === kind)!;
  const el = document.createElement('ct-qr-display');
  el.kind = a.kind;
  el.bytes = a.bytes;
  document.body.append(el);
  await el.updateComplete;
  return { el, bytes: a.bytes };
}

const canvasOf = (el: CtQrDisplay): HTMLCanvasElement => el.shadowRoot!.querySelector('canvas')!;
const button = (el: CtQrDisplay, name: RegExp): HTMLButtonElement =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''))!;

describe('<ct-qr-display>', () => {
  afterEach(async () => {
    document.body.replaceChildren();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('shows a single code whose canvas pixels decode to the artefact, with a file alternative', async () => {
    const { el, bytes } = await mount('crl');
    const [text] = await (await detector()).detect(canvasOf(el));
    const r = new QrReceiver().receive(text!);
    assert.equal(r.status, 'complete');
    assert.deepEqual(r.status === 'complete' ? r.payload.bytes : undefined, bytes);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[download]')!;
    assert.match(link.textContent ?? '', /Download file/);
    assert.isTrue(link.href.startsWith('blob:'));
    assert.isUndefined(button(el, /^\s*(Play|Pause)/));
    assert.match(el.shadowRoot!.querySelector('textarea')!.value, /^-----BEGIN X509 CRL-----\n/);
    assert.equal(canvasOf(el).getAttribute('role'), 'img');
  });

  it('with reduced motion an animation waits for Play; keyboard steps and plays', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el } = await mount('pem-bundle');
    assert.isFalse(el.playing);
    const d = await detector();
    const first = (await d.detect(canvasOf(el)))[0];
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await d.detect(canvasOf(el)))[0], first, 'no auto-advance');
    canvasOf(el).focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    assert.equal(el.seq, 2);
    const second = (await d.detect(canvasOf(el)))[0];
    assert.notEqual(second, first);
    assert.match(second!, /^UR:BYTES\/2-/);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    assert.isTrue(el.playing);
    assert.equal(button(el, /Pause/).getAttribute('aria-pressed'), 'true');
    button(el, /Pause/).click();
    await el.updateComplete;
    assert.isFalse(el.playing);
  });

  it('auto-plays without reduced motion and changes frame size on request', async () => {
    const { el } = await mount('pem-bundle');
    assert.isTrue(el.playing);
    const before = el.encoding!.fragmentCount;
    const select = [...el.shadowRoot!.querySelectorAll('select')].find((s) => s.closest('label')?.textContent?.includes('Frame size'))!;
    select.value = 'large';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    assert.isBelow(el.encoding!.fragmentCount, before);
    for (const control of el.shadowRoot!.querySelectorAll('select, button, textarea')) {
      const labelled = control.closest('label') || control.textContent?.trim() || control.id;
      assert.ok(labelled, `${control.tagName} has a name`);
    }
  });
});
