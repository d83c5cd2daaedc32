// axe-core finds no violations in the QR display (single and animated) and the scanner.
import { assert } from 'chai';
import axe from 'axe-core';
import '../../../src/ui/qr/ct-qr-display.ts';
import '../../../src/ui/qr/ct-qr-scanner.ts';
import { artefacts, TEST_WASM_URL } from '../../exchange/qr/support.ts';

/** Components live inside the app's <main> landmark, as in the app shell. */
function inMain(el: HTMLElement): void {
  const main = document.createElement('main');
  main.append(el);
  document.body.append(main);
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('QR components accessibility (axe)', () => {
  afterEach(() => document.body.replaceChildren());

  for (const kind of ['crl', 'pem-bundle'] as const) {
    it(`<ct-qr-display> with a ${kind}`, async () => {
      const a = (await artefacts()).find((x) => x.kind === kind)!;
      const el = document.createElement('ct-qr-display');
      el.kind = a.kind;
      el.bytes = a.bytes;
      el.playing = false;
      inMain(el);
      await el.updateComplete;
      assert.deepEqual(await violations(), []);
    });
  }

  it('<ct-qr-scanner>', async () => {
    const el = document.createElement('ct-qr-scanner');
    el.wasmUrl = TEST_WASM_URL;
    inMain(el);
    await el.updateComplete;
    assert.deepEqual(await violations(), []);
  });
});
