// Introduction views in real Chromium with the real core: fingerprint confirmation gates signing,
// add-intro shows what will be trusted or why not, cross-cert limits in words, the trust graph.
import { assert } from 'chai';
import '../../../src/ui/intro/introduce-flow.ts';
import '../../../src/ui/intro/add-intro-flow.ts';
import '../../../src/ui/intro/cross-certify-form.ts';
import '../../../src/ui/intro/trust-graph.ts';
import '../../../src/ui/intro/introductions-list.ts';
import { buildTrustGraph, createIdentity, fingerprintOf, readPeerInput, parseIntroJson } from '../../../src/pki/index.ts';
import { alphaKey, fixtureCertDer, fixtureText } from '../../support/certified-fixtures.ts';

async function until(cond: () => boolean, what: string): Promise<void> {
  const start = performance.now();
  while (!cond()) {
    if (performance.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

function mount<K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  document.body.append(el);
  return el;
}

const q = <T extends Element>(root: Element, sel: string): T => {
  const el = root.shadowRoot!.querySelector<T>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};

describe('<ct-introduce-flow>', () => {
  it('signs only after the out-of-band fingerprint is confirmed, then offers intro.json', async () => {
    const el = mount('ct-introduce-flow');
    const ours = await createIdentity({ name: { org: 'Ours', unit: 'UI' }, san: { hosts: ['ours.example'] }, atMs: Date.now(), validityDays: 30 });
    el.ca = { certDer: ours.caCertDer, key: ours.caKeys.privateKey };
    await el.updateComplete;
    const b64 = await fixtureText('exchanges/beta.ident.b64');
    const ta = q<HTMLTextAreaElement>(el, '#peer');
    ta.value = b64;
    ta.dispatchEvent(new Event('change'));
    await until(() => !!el.shadowRoot!.querySelector('.fp'), 'summary');
    const fp = await fingerprintOf(readPeerInput(b64).der);
    assert.include(q(el, 'dd.fp').textContent!, fp.grouped);
    const sign = (): HTMLButtonElement => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Sign'))!;
    assert.isTrue(sign().disabled, 'no signing before confirmation');
    const typed = q<HTMLInputElement>(el, '#typed');
    typed.value = '00'.repeat(32);
    typed.dispatchEvent(new Event('input'));
    await el.updateComplete;
    assert.isTrue(sign().disabled, 'wrong fingerprint');
    assert.include(q(el, '#fp-state').textContent!, 'Not confirmed');
    typed.value = fp.colon;
    typed.dispatchEvent(new Event('input'));
    await el.updateComplete;
    assert.isFalse(sign().disabled);
    let got: unknown;
    el.addEventListener('ct-introduced', (e) => (got = (e as CustomEvent).detail));
    sign().click();
    await until(() => got !== undefined, 'signing');
    await el.updateComplete;
    const json = q(el, 'pre').textContent!;
    assert.isTrue(parseIntroJson(json).signedCertDer.length > 100);
    assert.equal(q<HTMLAnchorElement>(el, 'a[download]').getAttribute('download'), 'intro.json');
    assert.include(q(el, '[role=status]').textContent!, 'shortened'); // our CA lives 30 days, the default is 365
    el.remove();
  });

  it('says a CA certificate cannot be introduced', async () => {
    const el = mount('ct-introduce-flow');
    el.ca = { certDer: await fixtureCertDer('orgs/alpha/CA.crt'), key: await alphaKey('CA.key') };
    await el.updateComplete;
    const ta = q<HTMLTextAreaElement>(el, '#peer');
    ta.value = await fixtureText('orgs/beta/CA.crt');
    ta.dispatchEvent(new Event('change'));
    await until(() => q(el, '[role=status]').textContent!.includes('CA certificate'), 'refusal');
    assert.isNull(el.shadowRoot!.querySelector('#typed'));
    el.remove();
  });
});

describe('<ct-add-intro-flow>', () => {
  it('shows what will be trusted, or the refusal codes', async () => {
    const el = mount('ct-add-intro-flow');
    el.ourIdentities = [{ idCertDer: await fixtureCertDer('orgs/alpha/id.crt') }];
    await el.updateComplete;
    const ta = q<HTMLTextAreaElement>(el, '#json');
    // The fixtures are dated; this run judges them at today's date, so only check the shape.
    ta.value = await fixtureText('exchanges/intro.alpha-signs-beta.json');
    ta.dispatchEvent(new Event('change'));
    await until(() => q(el, '[role=status]').textContent!.includes('INTRO_NOT_OUR_KEY'), 'refusal for someone else');
    ta.value = '{"signed_cert": 1}';
    ta.dispatchEvent(new Event('change'));
    await until(() => q(el, '[role=status]').textContent!.includes('INTRO_BAD_JSON'), 'malformed');
    el.remove();
  });

  it('offers to install a valid introduction for our key', async () => {
    const a = await createIdentity({ name: { commonName: 'A' }, san: { hosts: ['a.example'] }, atMs: Date.now() });
    const b = await createIdentity({ name: { commonName: 'B' }, san: { hosts: ['b.example'] }, atMs: Date.now() });
    const intro = mount('ct-introduce-flow');
    intro.remove();
    const { introduce } = await import('../../../src/pki/index.ts');
    const r = await introduce({ peerDer: b.idCertDer, ca: { certDer: a.caCertDer, key: a.caKeys.privateKey }, atMs: Date.now(), services: [{ alias: 'a-api', url: 'https://a.example:8443' }] });
    const el = mount('ct-add-intro-flow');
    el.ourIdentities = [{ idCertDer: b.idCertDer }];
    await el.updateComplete;
    const ta = q<HTMLTextAreaElement>(el, '#json');
    ta.value = r.introJson;
    ta.dispatchEvent(new Event('change'));
    await until(() => q(el, '[role=status]').textContent!.includes('will trust'), 'plan');
    assert.include(q(el, '[role=status]').textContent!, 'a-api');
    let detail: { plan: { idPath: string } } | undefined;
    el.addEventListener('ct-intro-install', (e) => (detail = (e as CustomEvent).detail));
    q<HTMLButtonElement>(el, 'button').click();
    assert.equal(detail?.plan.idPath, 'id/P=Signing Certificate,CN=A.crt');
    el.remove();
  });
});

describe('<ct-cross-certify-form> and <ct-trust-graph>', () => {
  it('describes the limits in words as they are typed', async () => {
    const a = await createIdentity({ name: { commonName: 'A' }, san: { hosts: ['a.example'] }, atMs: Date.now(), caPathLength: 1 });
    const el = mount('ct-cross-certify-form');
    el.ca = { certDer: a.caCertDer, key: a.caKeys.privateKey };
    await el.updateComplete;
    assert.include(q(el, '.limits').textContent!, 'NOT limited');
    const permit = q<HTMLTextAreaElement>(el, '#permit');
    permit.value = 'dns:partner.example\nspiffe:prod.partner.example';
    permit.dispatchEvent(new Event('input'));
    await el.updateComplete;
    assert.include(q(el, '.limits').textContent!, 'partner.example and anything under it');
    permit.value = 'bogus';
    permit.dispatchEvent(new Event('input'));
    await el.updateComplete;
    assert.include(q(el, '.limits').textContent!, 'XCERT_LIMIT_INVALID');
    el.remove();
  });

  it('draws identities, introducers and services; Enter on a node shows its certificate', async () => {
    const intro = parseIntroJson(await fixtureText('exchanges/intro.beta-signs-alpha.services.json'));
    const graph = await buildTrustGraph({
      identities: [{ ref: 'alpha', idCertDer: await fixtureCertDer('orgs/alpha/id.crt') }],
      introductions: [{ signedCertDer: intro.signedCertDer, caCertDer: intro.caCertDer, services: intro.services ?? [] }],
      atMs: Date.now(),
    });
    const el = mount('ct-trust-graph');
    el.graph = graph;
    await el.updateComplete;
    const nodes = [...el.shadowRoot!.querySelectorAll('[role=button]')];
    assert.deepEqual(nodes.map((n) => n.getAttribute('aria-label')!.replace(/ \(expired\)$/, '')), ['our identity: Alpha Labs, Inc. / Research', 'introduced us: Beta Person', 'service: beta-api']);
    nodes[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await el.updateComplete;
    assert.include(q(el, '[role=status]').textContent!, 'P=Signing Certificate,CN=Beta Person');
    assert.equal(el.shadowRoot!.querySelectorAll('line').length, 2);
    el.remove();
  });
});

describe('<ct-introductions-list>', () => {
  it('lists introductions with services and removes one only after confirmation', async () => {
    const el = mount('ct-introductions-list');
    el.now = 10;
    el.introductions = [
      { idPath: 'id/P=Signing Certificate,CN=Beta Person.crt', introducer: 'P=Signing Certificate,CN=Beta Person', signedCertDer: new Uint8Array(), caCertDer: new Uint8Array(), peerCaId: 'p', services: [{ alias: 'beta-api', url: 'https://127.0.0.1:8472' }], notAfterMs: 5, installedMs: 1 },
    ];
    await el.updateComplete;
    assert.include(q(el, 'tbody').textContent!, 'beta-api');
    assert.include(q(el, 'tbody').textContent!, 'expired');
    let removed: string | undefined;
    el.addEventListener('ct-intro-remove', (e) => (removed = (e as CustomEvent<{ idPath: string }>).detail.idPath));
    q<HTMLButtonElement>(el, 'button[aria-label^="Remove introduction"]').click();
    await el.updateComplete;
    assert.isUndefined(removed);
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Confirm removal')!.click();
    assert.equal(removed, 'id/P=Signing Certificate,CN=Beta Person.crt');
    el.remove();
  });
});
