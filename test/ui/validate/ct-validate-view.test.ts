// ct-validate-view in real Chromium with the real core: paste a chain, check, read the verdict from the
// status region; keyboard submit; a rejection shows its reason code; axe finds no violations.
import { assert } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/validate/ct-validate-view.ts';
import type { CtValidateView } from '../../../src/ui/validate/ct-validate-view.ts';
import { ValidateController } from '../../../src/ui/validate/validate-controller.ts';
import { issueCrl, parseCertificate, toPem } from '../../../src/pki/index.ts';
import { DAY, T, makeChain } from '../../pki/validate/chain-kit.ts';

type Chain = Awaited<ReturnType<typeof makeChain>>;

async function mount(): Promise<CtValidateView> {
  const el = document.createElement('ct-validate-view');
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function fill(el: CtValidateView, id: string, value: string): void {
  const input = el.shadowRoot!.getElementById(id) as HTMLTextAreaElement | HTMLInputElement | HTMLSelectElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

async function verdict(el: CtValidateView): Promise<HTMLElement> {
  const status = el.shadowRoot!.querySelector('[role="status"]') as HTMLElement;
  for (let i = 0; i < 200 && !status.querySelector('.verdict'); i++) {
    await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
  }
  return status;
}

const utc = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

describe('ct-validate-view', () => {
  let chain: Chain;
  before(async () => {
    chain = await makeChain({ leaf: { cn: 'UI Leaf', san: [{ type: 'dns', value: 'ui.example.com' }] } });
  });
  afterEach(() => document.querySelectorAll('ct-validate-view').forEach((e) => e.remove()));

  it('has labelled controls and an empty status region at first', async () => {
    const el = await mount();
    const root = el.shadowRoot!;
    for (const id of ['leaf-text', 'intermediates-text', 'roots-text', 'purpose', 'nameType', 'nameValue', 'time', 'leaf-file']) {
      assert.isNotNull(root.querySelector(`label[for="${id}"]`), `label for ${id}`);
    }
    assert.equal(root.querySelector('[role="status"]')!.textContent!.trim(), '');
  });

  it('shows the chain as a vertical list with icon and word per certificate when accepted', async () => {
    const el = await mount();
    fill(el, 'leaf-text', toPem('CERTIFICATE', chain.leaf.der));
    fill(el, 'intermediates-text', toPem('CERTIFICATE', chain.inter.der));
    fill(el, 'roots-text', toPem('CERTIFICATE', chain.root.der));
    fill(el, 'nameType', 'dns');
    fill(el, 'nameValue', 'ui.example.com');
    fill(el, 'time', utc(T));
    (el.shadowRoot!.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    const status = await verdict(el);
    assert.include(status.textContent!, 'Accepted');
    const items = [...status.querySelectorAll('ol.chain li')];
    assert.lengthOf(items, 3);
    assert.deepEqual(items.map((li) => li.querySelector('.role')!.textContent), ['Peer', 'Intermediate', 'Trusted root']);
    assert.include(items[0]!.textContent!, 'CN=UI Leaf');
    assert.match(items[2]!.querySelector('.fp')!.textContent!, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  });

  it('submits from the keyboard and shows the reason sentence and code when rejected', async () => {
    const el = await mount();
    fill(el, 'leaf-text', toPem('CERTIFICATE', chain.leaf.der));
    fill(el, 'roots-text', toPem('CERTIFICATE', chain.root.der));
    fill(el, 'time', utc(T));
    (el.shadowRoot!.getElementById('nameValue') as HTMLInputElement).focus();
    await sendKeys({ press: 'Enter' });
    const status = await verdict(el);
    assert.include(status.textContent!, 'Rejected');
    assert.include(status.textContent!, 'No chain leads from this certificate to a trusted root.');
    assert.include(status.textContent!, 'PATH_NO_ISSUER');
  });

  it('ties an unreadable field to the verdict', async () => {
    const el = await mount();
    fill(el, 'leaf-text', 'not a certificate at all');
    fill(el, 'roots-text', toPem('CERTIFICATE', chain.root.der));
    (el.shadowRoot!.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    const status = await verdict(el);
    assert.include(status.textContent!, 'could not be read');
    const leaf = el.shadowRoot!.getElementById('leaf-text')!;
    assert.equal(leaf.getAttribute('aria-invalid'), 'true');
    assert.include(leaf.getAttribute('aria-describedby')!, 'verdict');
  });

  it('with CRLs: shows each certificate as not revoked, or the revocation date, reason and CRL when rejected', async () => {
    const crl = (issuer: typeof chain.root, revoke?: typeof chain.leaf, n = 1n): Promise<Uint8Array> =>
      issueCrl({
        issuerCertDer: issuer.der, issuerKey: issuer.keys.privateKey, crlNumber: n, thisUpdateMs: T - DAY, nextUpdateMs: T + 7 * DAY,
        entries: revoke ? [{ serial: parseCertificate(revoke.der).serial, revokedAtMs: T - DAY / 2, reason: 'keyCompromise' }] : [],
      });
    const el = await mount();
    fill(el, 'leaf-text', toPem('CERTIFICATE', chain.leaf.der));
    fill(el, 'intermediates-text', toPem('CERTIFICATE', chain.inter.der));
    fill(el, 'roots-text', toPem('CERTIFICATE', chain.root.der));
    fill(el, 'time', utc(T));
    fill(el, 'crls-text', toPem('X509 CRL', await crl(chain.inter, undefined, 5n)) + toPem('X509 CRL', await crl(chain.root)));
    fill(el, 'revocation', 'required');
    (el.shadowRoot!.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    let status = await verdict(el);
    assert.include(status.textContent!, 'Accepted');
    const words = [...status.querySelectorAll('ol.chain li')].map((li) => li.querySelector('.revocation')?.textContent?.trim() ?? '');
    assert.match(words[0]!, /^✓ Not revoked \(CRL number 5, current until /);
    assert.match(words[1]!, /^✓ Not revoked \(CRL number 1/);
    assert.equal(words[2], '', 'the trust anchor is not checked');

    fill(el, 'crls-text', toPem('X509 CRL', await crl(chain.inter, chain.leaf, 6n)));
    fill(el, 'revocation', 'if-present');
    (el.shadowRoot!.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    status = await verdict(el);
    for (let i = 0; i < 200 && !status.textContent!.includes('Rejected'); i++) await new Promise((r) => setTimeout(r, 10));
    assert.include(status.textContent!, 'A certificate in the chain has been revoked.');
    assert.include(status.querySelector('.revoked')!.textContent!, `CN=UI Leaf was revoked on ${new Date(T - DAY / 2).toISOString().slice(0, 16).replace('T', ' ')} UTC. Reason: key compromised. Source: CRL number 6 of CN=Inter CA.`);
    assert.include(status.textContent!, 'PATH_REVOKED');

    fill(el, 'crls-text', '-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n');
    (el.shadowRoot!.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    for (let i = 0; i < 200 && !status.textContent!.includes('revocation lists could not be read'); i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(el.shadowRoot!.getElementById('crls-text')!.getAttribute('aria-invalid'), 'true');
  });

  it('passes an axe check with a verdict shown', async () => {
    await import('axe-core');
    const axe = (globalThis as unknown as { axe: { run: (n: Node) => Promise<{ violations: Array<{ id: string }> }> } }).axe;
    const el = await mount();
    fill(el, 'leaf-text', toPem('CERTIFICATE', chain.leaf.der));
    fill(el, 'intermediates-text', toPem('CERTIFICATE', chain.inter.der));
    fill(el, 'roots-text', toPem('CERTIFICATE', chain.root.der));
    fill(el, 'time', utc(T));
    (el.shadowRoot!.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await verdict(el);
    const result = await axe.run(el);
    assert.deepEqual(result.violations.map((v) => v.id), []);
  });
});

describe('ValidateController without a DOM', () => {
  it('goes pending → rejected for missing roots, and tells the host to update', async () => {
    let updates = 0;
    const c = new ValidateController({ requestUpdate: () => updates++ });
    const s = await c.validate({ leaf: { kind: 'text', text: 'x' }, intermediates: { kind: 'text', text: '' }, roots: { kind: 'text', text: '' } });
    assert.equal(s.status, 'rejected');
    assert.isAtLeast(updates, 2);
  });
});
