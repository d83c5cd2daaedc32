import { assert } from 'chai';
import 'axe-core';
import '../../../src/ui/federation/bundle-import.ts';
import '../../../src/ui/federation/bundle-entries.ts';
import { composeBundle, toPem, DAY_MS, type TrustBundle } from '../../../src/pki/index.ts';
import { AT, makeCa, makeLeaf, prov } from '../../pki/federation/make-certs.ts';

interface AxeResult {
  readonly violations: ReadonlyArray<{ readonly id: string; readonly help: string }>;
}
/** axe-core's UMD build puts `axe` on window when loaded as a script module. */
async function axeViolations(el: Element): Promise<string[]> {
  const axe = (globalThis as unknown as { axe: { run: (ctx: Element) => Promise<AxeResult> } }).axe;
  const r = await axe.run(el);
  return r.violations.map((v) => `${v.id}: ${v.help}`);
}

async function until<T>(fn: () => T | undefined | null, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('federation views', () => {
  let held: TrustBundle;
  let newRoot: Uint8Array;
  before(async () => {
    const a = await makeCa('View Root A');
    const old = await makeCa('Old Root', { fromMs: AT - 400 * DAY_MS });
    const leaf = await makeLeaf(a, 'A Leaf');
    newRoot = (await makeCa('View Root B')).der;
    held = (
      await composeBundle({
        name: 'v',
        trustDomain: 'example.org',
        atMs: AT,
        candidates: [
          { certDer: a.der, provenance: [{ ...prov('a', 'own-root'), confirmedBy: 'Ann', fingerprintConfirmed: true }] },
          { certDer: old.der, provenance: [prov('old')] },
          { certDer: leaf.der, provenance: [prov('leaf')] },
        ],
      })
    ).bundle;
  });

  it('<ct-bundle-entries> shows flags in words, earliest expiry and grouped fingerprints; keep fires an event', async () => {
    const el = document.createElement('ct-bundle-entries');
    el.bundle = held;
    el.atMs = AT;
    document.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot!;
    const text = root.textContent ?? '';
    assert.include(text, '1 of 3 roots exported');
    assert.include(text, 'earliest expiry');
    assert.include(text, 'expired');
    assert.include(text, 'not a CA');
    assert.include(text, 'confirmed by Ann');
    assert.match(root.querySelector('.fp')!.textContent!, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const boxes = [...root.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    assert.lengthOf(boxes, 2, 'one keep checkbox per flagged root');
    assert.include(boxes[0]!.closest('label')!.textContent, 'keep anyway');
    const got = new Promise<CustomEvent>((r) => el.addEventListener('ct-bundle-keep', (e) => r(e), { once: true }));
    boxes[0]!.click();
    assert.isTrue((await got).detail.keep);
    assert.deepEqual(await axeViolations(el), []);
    el.remove();
  });

  it('<ct-bundle-import> shows the diff and accepts only the checked entries', async () => {
    const el = document.createElement('ct-bundle-import');
    el.held = held;
    el.atMs = AT;
    document.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot!;
    assert.equal(root.querySelector('label[for=bundle-text]')!.textContent, 'Paste a bundle (PEM, step-ca JSON, SPIFFE JSON or JWS)');
    root.querySelector<HTMLTextAreaElement>('#bundle-text')!.value = toPem('CERTIFICATE', held.entries[0]!.der) + toPem('CERTIFICATE', newRoot);
    root.querySelector<HTMLButtonElement>('button')!.click();
    const list = await until(() => root.querySelector('ul[aria-label=Changes]'), 'the diff');
    const items = [...list.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    assert.lengthOf(items, 3);
    assert.match(items[0]!, /^New: P=Signing Certificate,CN=View Root B/);
    assert.match(items.slice(1).join('|'), /Remove .*Old Root/);
    assert.include(root.querySelector('[role=status]')!.textContent, '2 roots read (pem)');
    const accept = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Accept selected')!;
    assert.isTrue(accept.disabled, 'nothing accepted by default');
    list.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    await el.updateComplete;
    const got = new Promise<CustomEvent<{ bundle: TrustBundle; accepted: number }>>((r) => el.addEventListener('ct-bundle-accepted', (e) => r(e), { once: true }));
    accept.click();
    const ev = await got;
    assert.equal(ev.detail.accepted, 1);
    assert.lengthOf(ev.detail.bundle.entries, 4, 'the new root added, nothing removed');
    assert.deepEqual(await axeViolations(el), []);
    el.remove();
  });

  it('<ct-bundle-import> shows a refusal with its code and sentence', async () => {
    const el = document.createElement('ct-bundle-import');
    el.held = held;
    el.atMs = AT;
    document.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot!;
    root.querySelector<HTMLTextAreaElement>('#bundle-text')!.value = toPem('CERTIFICATE', held.entries[0]!.der).slice(0, 200);
    root.querySelector<HTMLButtonElement>('button')!.click();
    const err = await until(() => root.querySelector('.error'), 'the error');
    assert.include(err.textContent, 'BUNDLE_TRUNCATED');
    assert.include(err.textContent, 'cut off');
    el.remove();
  });
});
