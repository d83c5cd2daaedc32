// The issue-4 components in real Chromium with the real core: input by file, drop or paste; the
// fingerprint gate before signing; what add-intro would trust or why not; limits in words; confirmed
// removal; the trust graph by keyboard; the signer picker. Each one passes an axe check.
import { assert } from 'chai';
import '../../../src/ui/intro/introduce-flow.ts';
import '../../../src/ui/intro/add-intro-flow.ts';
import '../../../src/ui/intro/cross-certify-form.ts';
import '../../../src/ui/intro/trust-graph.ts';
import '../../../src/ui/intro/introductions-list.ts';
import '../../../src/ui/intro/signer-picker.ts';
import type { IntroduceSignDetail } from '../../../src/ui/intro/introduce-flow.ts';
import type { IntroInstallDetail } from '../../../src/ui/intro/add-intro-flow.ts';
import type { CrossCertifyDetail } from '../../../src/ui/intro/cross-certify-form.ts';
import type { Signer } from '../../../src/ui/intro/signers.ts';
import type { IntroductionRow } from '../../../src/ui/intro/introductions-controller.ts';
import { buildTrustGraph, createIdentity, fingerprintOf, getIdentOutput, introduce, parseIntroJson, toPem, type CreatedIdentity } from '../../../src/pki/index.ts';
import { axeViolations, byText, fill, find, findAll, waitFor } from '../support/dom.ts';
import { fixtureCertDer, fixtureText } from '../../support/certified-fixtures.ts';

// Global styles as in index.html, so colour contrast is judged with the real tokens.
const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = '/src/ui/global.css';
document.head.append(link);
document.documentElement.lang = 'en';
document.title = 'crosstrust introduction components';

function mount<K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] {
  const main = document.createElement('main');
  const el = document.createElement(tag);
  main.append(el);
  document.body.append(main);
  return el;
}
const unmount = (el: Element): void => el.closest('main')!.remove();

const button = (root: Element, text: string | RegExp): HTMLButtonElement => {
  const b = byText<HTMLButtonElement>('button', text, root.shadowRoot!);
  if (!b) throw new Error(`no button ${String(text)}`);
  return b;
};

function paste(root: Element, text: string): void {
  const ta = find<HTMLTextAreaElement>('textarea#paste', root.shadowRoot!)!;
  fill(ta, text);
  const form = ta.closest('form')!;
  form.requestSubmit();
}

function chooseFile(root: Element, name: string, bytes: Uint8Array | string): void {
  const input = find<HTMLInputElement>('input[type=file]', root.shadowRoot!)!;
  const dt = new DataTransfer();
  dt.items.add(new File([typeof bytes === 'string' ? bytes : bytes.slice()], name));
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

let ours: CreatedIdentity;
let peer: CreatedIdentity;
before(async () => {
  ours = await createIdentity({ name: { org: 'Ours', unit: 'UI' }, san: { hosts: ['ours.example'] }, atMs: Date.now(), validityDays: 30, caPathLength: 1 });
  peer = await createIdentity({ name: { org: 'Peer', unit: 'UI' }, san: { hosts: ['peer.example'] }, atMs: Date.now() });
});

describe('<ct-introduce-flow>', () => {
  it('signs only after the out-of-band fingerprint matches, then shows intro.json to download or copy', async () => {
    const el = mount('ct-introduce-flow');
    el.signerReady = true;
    await el.updateComplete;
    chooseFile(el, 'Peer.ident.b64', getIdentOutput(peer.idCertDer));
    const fp = await fingerprintOf(peer.idCertDer);
    await waitFor(() => find('#typed', el.shadowRoot!), 'fingerprint field');
    assert.include(el.shadowRoot!.textContent!, 'Peer.ident.b64: an identity certificate');
    assert.include(el.shadowRoot!.textContent!, 'DNS: peer.example');
    const shown = find('ct-fingerprint', el.shadowRoot!) as HTMLElement & { value: string };
    assert.equal(shown.value, fp.grouped);
    const sign = () => button(el, /Sign introduction/);
    assert.isTrue(sign().disabled, 'no signing before confirmation');
    const typed = find<HTMLInputElement>('#typed', el.shadowRoot!)!;
    fill(typed, fp.grouped.slice(0, 20));
    await el.updateComplete;
    assert.isTrue(sign().disabled);
    assert.equal(typed.getAttribute('aria-invalid'), 'true');
    fill(typed, fp.colon.toLowerCase());
    await el.updateComplete;
    assert.isFalse(sign().disabled);
    assert.include(find('#typed-state', el.shadowRoot!)!.textContent!, 'The fingerprints match');
    // A half-typed service blocks signing until it is complete.
    button(el, 'Add a service').click();
    await el.updateComplete;
    await waitFor(() => find('ct-services-editor', el.shadowRoot!)?.shadowRoot?.querySelector('#alias-0'), 'service row');
    await el.updateComplete;
    assert.isTrue(sign().disabled);
    const editor = find('ct-services-editor', el.shadowRoot!)!;
    fill(editor.shadowRoot!.querySelector<HTMLInputElement>('#alias-0')!, 'ours-api');
    fill(editor.shadowRoot!.querySelector<HTMLInputElement>('#url-0')!, 'https://ours.example:8443');
    await el.updateComplete;
    assert.isFalse(sign().disabled);
    let detail: IntroduceSignDetail | undefined;
    el.addEventListener('ct-introduce-sign', (e) => (detail = (e as CustomEvent<IntroduceSignDetail>).detail));
    sign().click();
    assert.deepEqual([detail?.validityDays, detail?.services, detail?.confirmedFingerprint], [365, [{ alias: 'ours-api', url: 'https://ours.example:8443' }], fp.colon.toLowerCase()]);
    // The host signs and hands back the result.
    const introduction = await introduce({ peerDer: detail!.peerDer, ca: { certDer: ours.caCertDer, key: ours.caKeys.privateKey }, atMs: Date.now(), validityDays: 365, services: detail!.services });
    el.result = { introduction, fileName: 'intro.json', issued: undefined as never };
    await el.updateComplete;
    const out = find<HTMLTextAreaElement>('#intro-json', el.shadowRoot!)!;
    assert.deepEqual(parseIntroJson(out.value).services, [{ alias: 'ours-api', url: 'https://ours.example:8443' }]);
    assert.ok(button(el, 'Download intro.json'));
    assert.ok(button(el, 'Copy intro.json'));
    assert.include(el.shadowRoot!.textContent!, 'You asked for 365 days; the validity was shortened'); // our CA lives 30 days
    assert.deepEqual(await axeViolations(), []);
    unmount(el);
  });

  it('says a CA certificate cannot be introduced and offers cross-certification; bad input gets its sentence', async () => {
    const el = mount('ct-introduce-flow');
    el.signerReady = true;
    await el.updateComplete;
    paste(el, toPem('CERTIFICATE', peer.caCertDer));
    await waitFor(() => el.shadowRoot!.textContent!.includes('This is a CA certificate'), 'CA refusal');
    assert.isNull(el.shadowRoot!.querySelector('#typed'));
    assert.equal(byText('a', 'cross-certify it', el.shadowRoot!)?.getAttribute('href'), '#/cross-certify');
    paste(el, 'not base64 at all!');
    await waitFor(() => find('[role=alert]', el.shadowRoot!)?.textContent?.includes('Not an identity we can introduce'), 'refusal');
    assert.deepEqual(await axeViolations(), []);
    unmount(el);
  });
});

describe('<ct-add-intro-flow>', () => {
  it('shows what will be trusted for which identity, fires install, and needs a tick to replace', async () => {
    const r = await introduce({ peerDer: peer.idCertDer, ca: { certDer: ours.caCertDer, key: ours.caKeys.privateKey }, atMs: Date.now(), services: [{ alias: 'ours-api', url: 'https://ours.example:8443' }] });
    const el = mount('ct-add-intro-flow');
    el.ourIdentities = [{ ref: 'p', label: 'Peer main', idCertDer: peer.idCertDer }];
    await el.updateComplete;
    chooseFile(el, 'intro.json', r.introJson);
    const plan = await waitFor(() => find('[data-testid=plan]', el.shadowRoot!), 'plan');
    assert.include(plan.textContent!, 'Ours / UI');
    assert.include(plan.textContent!, 'Peer main');
    assert.include(plan.textContent!, 'ours-api');
    assert.equal((find('ct-fingerprint', plan) as HTMLElement & { value: string }).value, (await fingerprintOf(ours.caCertDer)).grouped);
    assert.deepEqual(await axeViolations(), []);
    let detail: IntroInstallDetail | undefined;
    el.addEventListener('ct-intro-install', (e) => (detail = (e as CustomEvent<IntroInstallDetail>).detail));
    button(el, 'Install introduction').click();
    assert.deepEqual([detail?.plan.idPath, detail?.overwrite, detail?.introducerDisplay], ['id/P=Signing Certificate,OU=UI,O=Ours.crt', false, 'Ours / UI']);
    // Now installed: the same file is refused until "replace" is ticked.
    el.existingPaths = new Set([detail!.plan.idPath]);
    await el.recheck();
    await el.updateComplete;
    const refusal = find('[data-testid=refusal]', el.shadowRoot!)!;
    assert.include(refusal.textContent!, 'INTRO_EXISTS');
    const tick = find<HTMLInputElement>('input[type=checkbox]', refusal)!;
    tick.click();
    await waitFor(() => find('[data-testid=plan]', el.shadowRoot!), 'plan after confirming');
    assert.include(find('[data-testid=plan]', el.shadowRoot!)!.textContent!, 'Replaces');
    unmount(el);
  });

  it('refuses someone else’s introduction and malformed JSON with sentences and codes', async () => {
    const el = mount('ct-add-intro-flow');
    el.ourIdentities = [{ ref: 'a', label: 'Alpha', idCertDer: await fixtureCertDer('orgs/alpha/id.crt') }];
    await el.updateComplete;
    paste(el, await fixtureText('exchanges/intro.alpha-signs-beta.json'));
    await waitFor(() => find('[data-testid=refusal]', el.shadowRoot!)?.textContent?.includes('INTRO_NOT_OUR_KEY'), 'refusal for someone else');
    assert.include(find('[data-testid=refusal]', el.shadowRoot!)!.textContent!, 'for someone else’s key');
    paste(el, '{"signed_cert": 1}');
    await waitFor(() => find('[data-testid=refusal]', el.shadowRoot!)?.textContent?.includes('INTRO_BAD_JSON'), 'malformed');
    assert.isUndefined(byText('button', 'Install introduction', el.shadowRoot!));
    assert.deepEqual(await axeViolations(), []);
    unmount(el);
  });
});

describe('<ct-cross-certify-form>', () => {
  it('says in words what the partner can make us trust as limits are typed, and issues only after the fingerprint is confirmed', async () => {
    const el = mount('ct-cross-certify-form');
    el.signerReady = true;
    el.signerPathLength = 1;
    await el.updateComplete;
    const words = () => find('[data-testid=limit-words]', el.shadowRoot!)!.textContent!;
    assert.include(words(), 'Names are NOT limited');
    fill(find<HTMLTextAreaElement>('#permitted', el.shadowRoot!)!, 'dns:partner.example\nspiffe:prod.partner.example');
    await el.updateComplete;
    assert.include(words(), 'DNS names partner.example and anything under it');
    fill(find<HTMLTextAreaElement>('#permitted', el.shadowRoot!)!, 'bogus');
    await el.updateComplete;
    const permitted = find<HTMLTextAreaElement>('#permitted', el.shadowRoot!)!;
    assert.equal(permitted.getAttribute('aria-invalid'), 'true');
    assert.include(find(`#${permitted.getAttribute('aria-describedby')!.split(' ').pop()}`, el.shadowRoot!)!.textContent!, '“bogus” is not a name limit');
    fill(permitted, 'dns:partner.example');
    fill(find<HTMLTextAreaElement>('#policies', el.shadowRoot!)!, '1.3.6.1.4.1.99999.1');
    fill(find<HTMLInputElement>('#requireExplicitPolicy', el.shadowRoot!)!, '0');
    fill(find<HTMLInputElement>('#pathLength', el.shadowRoot!)!, '1');
    await el.updateComplete;
    assert.include(words(), 'trusted under certificate policy 1.3.6.1.4.1.99999.1 only');
    assert.include(el.shadowRoot!.textContent!, 'this cross-certificate needs 2', 'our CA has no room for a sub-CA below the partner');
    fill(find<HTMLInputElement>('#pathLength', el.shadowRoot!)!, '0');
    chooseFile(el, 'partner.pem', toPem('CERTIFICATE', peer.caCertDer));
    await waitFor(() => find('#confirmed', el.shadowRoot!), 'partner read');
    const issue = () => button(el, /Issue cross-certificate/);
    assert.isTrue(issue().disabled, 'not before the fingerprint is confirmed');
    find<HTMLInputElement>('#confirmed', el.shadowRoot!)!.click();
    await el.updateComplete;
    assert.isFalse(issue().disabled);
    let detail: CrossCertifyDetail | undefined;
    el.addEventListener('ct-cross-certify', (e) => (detail = (e as CustomEvent<CrossCertifyDetail>).detail));
    issue().click();
    assert.deepEqual(detail?.limits, {
      pathLength: 0, validityDays: 365, permitted: [{ type: 'dns', value: 'partner.example' }], extendedKeyUsages: ['serverAuth', 'clientAuth'],
      policies: ['1.3.6.1.4.1.99999.1'], policyConstraints: { requireExplicitPolicy: 0 },
    });
    assert.deepEqual(await axeViolations(), []);
    unmount(el);
  });

  it('tells a certified-profile CA that it cannot cross-certify', async () => {
    const el = mount('ct-cross-certify-form');
    el.signerReady = true;
    el.signerPathLength = 0;
    await el.updateComplete;
    assert.include(el.shadowRoot!.textContent!, 'cannot cross-certify');
    unmount(el);
  });
});

describe('<ct-trust-graph>', () => {
  it('draws identities, introducers and services; Enter on a node shows its certificate; the graph in words', async () => {
    const intro = parseIntroJson(await fixtureText('exchanges/intro.beta-signs-alpha.services.json'));
    const graph = await buildTrustGraph({
      identities: [{ ref: 'alpha', idCertDer: await fixtureCertDer('orgs/alpha/id.crt') }],
      introductions: [{ signedCertDer: intro.signedCertDer, caCertDer: intro.caCertDer, services: intro.services ?? [] }],
      atMs: Date.now(),
    });
    const el = mount('ct-trust-graph');
    el.graph = graph;
    await el.updateComplete;
    const nodes = findAll('[role=button]', el.shadowRoot!);
    assert.deepEqual(nodes.map((x) => x.getAttribute('aria-label')!.replace(/ \(expired\)$/, '')), ['service: beta-api', 'introduced us: Beta Person', 'our identity: Alpha Labs, Inc. / Research']);
    nodes[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await el.updateComplete;
    assert.include(find('[data-testid=node-details]', el.shadowRoot!)!.textContent!, 'P=Signing Certificate,CN=Beta Person');
    assert.equal(nodes[1]!.getAttribute('aria-pressed'), 'true');
    assert.equal(el.shadowRoot!.querySelectorAll('path.edge').length - 6, 2, 'two edges besides the six legend samples');
    assert.include(find('details.words', el.shadowRoot!)!.textContent!, 'Beta Person introduced Alpha Labs, Inc. / Research');
    assert.deepEqual(await axeViolations(), []);
    unmount(el);
  });
});

describe('<ct-introductions-list>', () => {
  const row: IntroductionRow = {
    doc: { idPath: 'id/P=Signing Certificate,CN=Beta Person.crt', introducer: 'P=Signing Certificate,CN=Beta Person', signedCertDer: new Uint8Array(), caCertDer: new Uint8Array(), peerCaId: 'p', services: [{ alias: 'beta-api', url: 'https://127.0.0.1:8472' }], notAfterMs: 5, installedMs: 1 },
    introducerDisplay: 'Beta Person',
    caFingerprint: '0000 1111',
    forIdentity: 'Alpha',
    status: 'expired',
  };

  it('lists introductions and removes one only after confirming in a dialog that says what it undoes', async () => {
    const el = mount('ct-introductions-list');
    el.rows = [row];
    await el.updateComplete;
    assert.include(find('tbody', el.shadowRoot!)!.textContent!, 'beta-api');
    assert.include(find('tbody', el.shadowRoot!)!.textContent!, 'Expired');
    let removed: string | undefined;
    el.addEventListener('ct-intro-remove', (e) => (removed = (e as CustomEvent<{ idPath: string }>).detail.idPath));
    find<HTMLButtonElement>('button[aria-label="Remove the introduction from Beta Person"]', el.shadowRoot!)!.click();
    const dialog = await waitFor(() => find<HTMLDialogElement>('dialog[open]', el.shadowRoot!), 'dialog');
    assert.include(dialog.textContent!, 'You stop trusting their CA for beta-api');
    assert.deepEqual(await axeViolations(), []);
    button(el, 'Keep it').click();
    await waitFor(() => !dialog.open, 'dialog closed');
    assert.isUndefined(removed);
    find<HTMLButtonElement>('button[aria-label="Remove the introduction from Beta Person"]', el.shadowRoot!)!.click();
    await waitFor(() => find<HTMLDialogElement>('dialog[open]', el.shadowRoot!), 'dialog again');
    button(el, 'Remove introduction').click();
    assert.equal(removed, row.doc.idPath);
    unmount(el);
  });

  it('says how to add one when there are none', async () => {
    const el = mount('ct-introductions-list');
    await el.updateComplete;
    assert.equal(byText('a', 'Add introduction', el.shadowRoot!)?.getAttribute('href'), '#/add-intro');
    unmount(el);
  });
});

describe('<ct-signer-picker>', () => {
  const signer = (id: string, label: string): Signer => ({ id, label, subject: `O=${label}`, caFingerprint: 'AAAA BBBB', caNotAfterMs: Date.now() + 1e9, status: 'valid', caPathLength: 0, idCertDer: new Uint8Array() });

  it('links to creating an identity when there is none, shows one as a fact, several as a labelled select', async () => {
    const el = mount('ct-signer-picker');
    await el.updateComplete;
    assert.equal(byText('a', 'Create an identity', el.shadowRoot!)?.getAttribute('href'), '#/new');
    el.signers = [signer('a', 'Alpha')];
    await el.updateComplete;
    assert.include(el.shadowRoot!.textContent!, 'Signed by Alpha');
    assert.isNull(el.shadowRoot!.querySelector('select'));
    el.signers = [signer('a', 'Alpha'), signer('b', 'Beta')];
    el.unusable = (s) => (s.id === 'b' ? 'Beta cannot do this.' : undefined);
    await el.updateComplete;
    let picked: string | undefined;
    el.addEventListener('ct-signer-change', (e) => (picked = (e as CustomEvent<{ id: string }>).detail.id));
    const select = find<HTMLSelectElement>('select', el.shadowRoot!)!;
    assert.equal(find('label[for=signer]', el.shadowRoot!)?.textContent, 'Signed by');
    select.value = 'b';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    assert.equal(picked, 'b');
    assert.include(el.shadowRoot!.textContent!, 'Beta cannot do this.');
    assert.deepEqual(await axeViolations(), []);
    unmount(el);
  });
});
