// The app shell and views in real Chromium with a fresh IndexedDB: roles, names, keyboard, axe.
import { assert } from 'chai';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/ui/app.ts';
import type { CtApp } from '../../src/ui/app.ts';
import { ROUTES, ROUTE_GROUPS } from '../../src/ui/routes.ts';
import { navGroups } from '../../src/ui/nav-groups.ts';
import { openStore, listIdentities, listKeyEscrows, getKeyEscrow } from '../../src/store/index.ts';
import { busyRegistry, type Hold } from '../../src/ui/update/busy-registry.ts';
import { recoverEscrowedKey } from '../../src/pki/index.ts';
import { axeViolations, byText, deepActiveElement, fill, find, findAll, waitFor } from './support/dom.ts';

// Global styles as in index.html, so colour contrast is judged with the real tokens.
const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = '/src/ui/global.css';
document.head.append(link);

document.documentElement.lang = 'en'; // as index.html
// Something focusable before the app, so Tab order is tested from the top of the page.
const before = document.createElement('button');
before.textContent = 'before the app';
document.body.prepend(before);

let n = 0;
let app: CtApp;
let dbName: string;

async function mount(hash: string): Promise<CtApp> {
  dbName = `ct-ui-test-${Date.now()}-${n++}`;
  location.hash = hash;
  app = document.createElement('ct-app');
  app.setAttribute('db-name', dbName);
  document.body.append(app);
  await app.updateComplete;
  return app;
}

async function go(hash: string): Promise<void> {
  location.hash = hash;
  await new Promise((r) => setTimeout(r, 0));
}

afterEach(async () => {
  app?.remove();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(dbName);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
  location.hash = '';
});

async function createThroughForm(): Promise<void> {
  await go('#/new');
  const org = await waitFor(() => find<HTMLInputElement>('input[name=org]'), 'organisation field');
  fill(org, 'Alpha Labs, Inc.');
  fill(find<HTMLInputElement>('input[name=unit]')!, 'Research');
  fill(find<HTMLTextAreaElement>('textarea[name=hosts]')!, 'localhost\n127.0.0.1');
  byText<HTMLButtonElement>('button', 'Create identity')!.click();
  await waitFor(() => location.hash.startsWith('#/identity/'), 'navigation to the new identity');
  await waitFor(() => byText('h1', 'Alpha Labs, Inc. / Research'), 'identity heading');
}

describe('ct-app shell', () => {
  beforeEach(async () => { await setViewport({ width: 1100, height: 800 }); });

  it('renders the navigation from ROUTES grouped by task, and marks the current page (a detail view marks its list)', async () => {
    await mount('#/identities');
    const links = await waitFor(() => {
      const l = findAll('nav[aria-label=Main] a');
      return l.length ? l : undefined;
    }, 'navigation');
    const grouped = navGroups(ROUTES).flatMap((g) => g.routes);
    assert.deepEqual(links.map((a) => a.getAttribute('href')), grouped.map((r) => `#/${r.path}`));
    assert.sameMembers(grouped.map((r) => r.path), ROUTES.filter((r) => r.inNav).map((r) => r.path), 'every view is listed once');
    const groups = findAll('nav[aria-label=Main] [role=group]').map((g) => find(`#${g.getAttribute('aria-labelledby')}`, g)?.textContent?.trim());
    assert.includeMembers(ROUTE_GROUPS.map((g) => g.label), groups as string[]);
    assert.include(groups, 'Partners & introductions');
    assert.equal(links.find((a) => a.getAttribute('aria-current') === 'page')?.textContent?.trim(), 'Identities');
    await go('#/identity/some-id');
    await waitFor(() => links.find((a) => a.getAttribute('aria-current') === 'page')?.getAttribute('href') === '#/identities', 'detail view marks its list');
    assert.ok(find('[role=status]'), 'a live region exists');
  });

  it('on a narrow window the navigation sits behind a Menu button: Enter opens it, Escape closes it and focus returns', async () => {
    await setViewport({ width: 420, height: 800 });
    await mount('#/identities');
    const toggle = await waitFor(() => byText<HTMLButtonElement>('button', 'Menu'), 'menu button');
    const nav = find<HTMLElement>('nav[aria-label=Main]')!;
    assert.equal(getComputedStyle(nav).display, 'none', 'closed: not shown and not in the Tab order');
    assert.equal(toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(toggle.getAttribute('aria-controls'), nav.id);
    await waitFor(() => byText('h2', 'No identities yet'), 'view ready');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => toggle.getAttribute('aria-expanded') === 'true', 'menu open');
    assert.notEqual(getComputedStyle(nav).display, 'none');
    await waitFor(() => deepActiveElement()?.closest('nav') === nav, 'focus moves into the menu');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => toggle.getAttribute('aria-expanded') === 'false', 'menu closed');
    assert.equal(deepActiveElement(), toggle);
    toggle.click();
    await waitFor(() => toggle.getAttribute('aria-expanded') === 'true', 'menu open again');
    (findAll("nav[aria-label=Main] a") as HTMLAnchorElement[]).find((a) => a.getAttribute('href') === '#/backup')!.click();
    await waitFor(() => toggle.getAttribute('aria-expanded') === 'false', 'following a link closes the menu');
    await waitFor(() => byText('h1', 'Backup & restore'), 'backup view');
    assert.deepEqual(await axeViolations(), []);
  });

  it('when another tab restores a backup: refreshes the view, or, while a form holds input, offers to', async () => {
    const otherTab = new BroadcastChannel('crosstrust-store'); // stands in for the other tab's store-lock broadcast
    try {
      await mount('#/new');
      const org = await waitFor(() => find<HTMLInputElement>('input[name=org]'), 'organisation field');
      fill(org, 'Unsaved Org');
      otherTab.postMessage({ type: 'restored', atMs: Date.now(), from: 'another-tab' });
      const show = await waitFor(() => byText<HTMLButtonElement>('button', 'Show restored data'), 'offer to refresh');
      assert.equal(find<HTMLInputElement>('input[name=org]')?.value, 'Unsaved Org', 'unsaved input is not thrown away unasked');
      show.click();
      await waitFor(() => find<HTMLInputElement>('input[name=org]') && find<HTMLInputElement>('input[name=org]') !== org, 'view mounted afresh');
      assert.equal(find<HTMLInputElement>('input[name=org]')!.value, '');
      assert.isTrue(busyRegistry.idle, 'the old form released its hold');
      await go('#/identities');
      await waitFor(() => byText('h2', 'No identities yet'), 'list');
      const list = find('ct-identities-view');
      otherTab.postMessage({ type: 'restored', atMs: Date.now(), from: 'another-tab' });
      await waitFor(() => find('ct-identities-view') && find('ct-identities-view') !== list, 'idle: the view is refreshed at once');
      await waitFor(() => byText('[role=status]', /Data was restored from a backup in another tab/), 'and says so');
    } finally {
      otherTab.close();
    }
  });

  it('shows an empty state that invites creating an identity, without axe violations', async () => {
    await mount('#/identities');
    await waitFor(() => byText('h2', 'No identities yet'), 'empty state');
    assert.equal(byText('a', 'Create your first identity')?.getAttribute('href'), '#/new');
    assert.deepEqual(await axeViolations(), []);
  });

  it('says so for an unknown page', async () => {
    await mount('#/nowhere');
    await waitFor(() => byText('h1', 'Page not found'), 'not found page');
  });

  it('is keyboard navigable: Tab reaches the skip link and navigation, Enter follows a link and focus moves to the view', async () => {
    await mount('#/identities');
    await waitFor(() => byText('h2', 'No identities yet'), 'empty state');
    before.focus();
    await sendKeys({ press: 'Tab' });
    assert.equal(deepActiveElement()?.textContent?.trim(), 'Skip to content');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      seen.push(deepActiveElement()?.textContent?.trim() ?? '');
    }
    const firstLinks = navGroups(ROUTES).flatMap((g) => g.routes).slice(0, 3);
    assert.deepEqual(seen, ['crosstrust', ...firstLinks.map((r) => r.label)]);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => location.hash === `#/${firstLinks[2]!.path}`, 'hash change');
    await waitFor(() => deepActiveElement()?.tagName === 'MAIN', 'focus on main');
  });
});

describe('create identity view', () => {
  it('ties each field error to its field and focuses the first one', async () => {
    await mount('#/new');
    const submit = await waitFor(() => byText<HTMLButtonElement>('button', 'Create identity'), 'submit button');
    fill(find<HTMLInputElement>('input[name=country]')!, 'Germany');
    submit.click();
    const org = await waitFor(() => {
      const el = find<HTMLInputElement>('input[name=org]');
      return el?.getAttribute('aria-invalid') === 'true' ? el : undefined;
    }, 'invalid organisation field');
    for (const [name, text] of [
      ['org', 'Enter the organisation’s name.'],
      ['country', 'Use a two-letter country code, such as DE or US.'],
      ['hosts', /at least one host/],
    ] as const) {
      const field = find(`[name=${name}]`)!;
      const ids = (field.getAttribute('aria-describedby') ?? '').split(' ');
      const err = ids.map((id) => find(`#${id}`)).find((e) => e?.classList.contains('error'));
      assert.ok(err, `${name} has an error tied by aria-describedby`);
      if (typeof text === 'string') assert.equal(err.textContent?.trim(), text);
      else assert.match(err.textContent ?? '', text);
    }
    assert.equal(deepActiveElement(), org);
    assert.deepEqual(await axeViolations(), []);
  });

  it('creates an identity, stores it, and shows its fingerprint and export', async () => {
    await mount('#/new');
    await createThroughForm();
    const fp = await waitFor(() => find('[data-testid=fingerprint]'), 'fingerprint');
    const code = find('code', fp.shadowRoot!)!;
    assert.match(code.textContent!.replace(/\s+/g, ' ').trim(), /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const b64 = find<HTMLTextAreaElement>('[data-testid=ident-b64]')!;
    assert.match(b64.value, /^[A-Za-z0-9_-]+=*$/);
    const db = await openStore({ name: dbName });
    const [record] = await listIdentities(db);
    db.close();
    assert.ok(record);
    // What to do with it, for this identity: its id is in each link; certified's profile cannot cross-certify.
    const id = encodeURIComponent(record!.id);
    const view = find('ct-identity-view')!.shadowRoot!;
    assert.equal(byText('a', 'Introduce a partner', view)?.getAttribute('href'), `#/introduce/${id}`);
    assert.equal(byText('a', 'Revocation', view)?.getAttribute('href'), `#/revocation/${id}`);
    assert.isUndefined(byText('a', 'Cross-certify a partner CA', view), 'no link for a CA that allows no CA below it');
    assert.include(view.textContent!, 'its CA was made with certified’s profile');
    assert.include(find('[data-testid=key-custody]')!.textContent!, 'Only in this browser.');
    assert.exists(find('[data-testid=key-custody] [data-state=browser-only]'));
    assert.deepEqual(await axeViolations(), []);
  });

  it('holds updates while it has input and while signing, releases after; asks for persistent storage once keys exist and says the answer', async () => {
    const seen: Hold[] = [];
    const stop = busyRegistry.subscribe((holds) => seen.push(...holds));
    const realPersist = navigator.storage.persist.bind(navigator.storage);
    let asked = 0;
    navigator.storage.persist = () => { asked++; return realPersist(); }; // counts the call, the browser answers
    const announced: string[] = [];
    try {
      await mount('#/new');
      const org = await waitFor(() => find<HTMLInputElement>('input[name=org]'), 'organisation field');
      assert.isTrue(busyRegistry.idle, 'an untouched form holds nothing');
      fill(org, 'Alpha Labs, Inc.');
      assert.deepEqual(busyRegistry.holds.map((h) => h.kind), ['dirty'], 'typing marks the form dirty');
      fill(find<HTMLInputElement>('input[name=unit]')!, 'Research');
      fill(find<HTMLTextAreaElement>('textarea[name=hosts]')!, 'localhost');
      const status = find<HTMLElement>('.toasts .status')!;
      const watcher = new MutationObserver(() => { if (status.textContent) announced.push(status.textContent); });
      watcher.observe(status, { childList: true, characterData: true, subtree: true });
      const wasPersisted = await navigator.storage.persisted();
      byText<HTMLButtonElement>('button', 'Create identity')!.click();
      await waitFor(() => location.hash.startsWith('#/identity/'), 'navigation to the new identity');
      await waitFor(() => announced.some((a) => a.startsWith('Identity “Alpha Labs, Inc. / Research” created.')), 'announcement');
      watcher.disconnect();
      assert.ok(seen.some((h) => h.kind === 'busy' && /creating an identity/.test(h.label)), 'signing held the update as busy');
      assert.isTrue(busyRegistry.idle, 'released after creation');
      assert.equal(asked, wasPersisted ? 0 : 1, 'asks for persistence once, when not yet persistent');
      const last = announced.find((a) => a.includes('created.'))!;
      if (!wasPersisted) {
        const now = await navigator.storage.persisted();
        assert.include(last, now ? 'The browser agreed to keep crosstrust’s data' : 'The browser did not promise to keep this site’s data');
      }
    } finally {
      stop();
      navigator.storage.persist = realPersist;
    }
  });

  it('backup at birth: a recovery key made in the form must be saved first; both keys are escrowed to it and recoverable', async () => {
    await mount('#/new');
    const org = await waitFor(() => find<HTMLInputElement>('input[name=org]'), 'organisation field');
    fill(org, 'Beta');
    fill(find<HTMLInputElement>('input[name=unit]')!, 'Ops');
    fill(find<HTMLTextAreaElement>('textarea[name=hosts]')!, 'beta.example');
    find<HTMLInputElement>('input[name=recovery][value=escrow]')!.click();
    const recipient = await waitFor(() => find<HTMLInputElement>('input[name=recipient]'), 'recipient field');
    fill(recipient, 'age1notarecipient');
    byText<HTMLButtonElement>('button', 'Create identity')!.click();
    await waitFor(() => recipient.getAttribute('aria-invalid') === 'true', 'recipient refused');
    assert.match(find(`#${recipient.getAttribute('aria-describedby')!.split(' ')[1]}`)?.textContent ?? '', /not an age recipient/);
    assert.equal(deepActiveElement(), recipient);

    byText<HTMLButtonElement>('button', 'Make a new recovery key')!.click();
    const secret = await waitFor(() => find<HTMLTextAreaElement>('#recovery-secret'), 'secret shown');
    assert.match(secret.value, /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    await waitFor(() => /^age1[0-9a-z]{58}$/.test(find<HTMLInputElement>('input[name=recipient]')!.value), 'recipient filled in');
    byText<HTMLButtonElement>('button', 'Create identity')!.click();
    const saved = await waitFor(() => {
      const el = find<HTMLInputElement>('#recoverySaved');
      return el?.getAttribute('aria-invalid') === 'true' ? el : undefined;
    }, 'must confirm the key was saved');
    assert.equal(deepActiveElement(), saved);
    assert.deepEqual(await axeViolations(), []);
    saved.click();
    byText<HTMLButtonElement>('button', 'Create identity')!.click();
    await waitFor(() => location.hash.startsWith('#/identity/'), 'created');
    const db = await openStore({ name: dbName });
    const [identity] = await listIdentities(db);
    const escrows = await listKeyEscrows(db);
    assert.deepEqual(escrows.map((e) => [e.keyId, e.held, e.identityLabel]).sort(), [[identity!.caKeyId, true, 'Beta / Ops'], [identity!.idKeyId, true, 'Beta / Ops']].sort());
    const key = await recoverEscrowedKey((await getKeyEscrow(db, identity!.idKeyId))!, secret.value);
    assert.isFalse(key.extractable);
    // The identity page says the keys can come back, and to which recovery key.
    const custody = await waitFor(() => find('[data-testid=key-custody] [data-state=recoverable]')?.closest('section'), 'recoverable');
    assert.include(custody.textContent!, escrows[0]!.recipient);
    assert.isNull(custody.querySelector('[data-state=missing]'));
    assert.deepEqual(await axeViolations(), []);
    // A browser that lost the key (site data cleared, backup restored) is told it cannot sign until recovered.
    await db.delete('keys', identity!.idKeyId);
    db.close();
    await go('#/identities');
    await go(`#/identity/${encodeURIComponent(identity!.id)}`);
    const missing = await waitFor(() => find('[data-testid=key-custody] [data-state=missing]'), 'missing key');
    assert.include(missing.textContent!, 'It cannot sign until its keys are recovered');
    assert.exists(find('[data-testid=key-custody] [data-state=recoverable]'), 'still recoverable');
  });

  it('deletes only after confirmation in a modal dialog; Escape cancels and focus returns', async () => {
    await mount('#/new');
    await createThroughForm();
    const del = byText<HTMLButtonElement>('button', 'Delete…')!;
    del.focus();
    del.click();
    const dialog = await waitFor(() => find<HTMLDialogElement>('dialog[open]'), 'open dialog');
    assert.match(dialog.textContent ?? '', /cannot be recovered/);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog.open, 'dialog closed');
    assert.equal(deepActiveElement(), del);
    del.click();
    byText<HTMLButtonElement>('button', 'Delete identity', dialog)!.click();
    await waitFor(() => location.hash === '#/identities', 'back to the list');
    await waitFor(() => byText('h2', 'No identities yet'), 'empty state after delete');
  });
});

describe('import & inspect view', () => {
  it('shows what pasted text holds, or the sentence for its error code, without storing anything', async () => {
    await mount('#/inspect');
    const area = await waitFor(() => find<HTMLTextAreaElement>('textarea#paste'), 'paste area');
    const res = await fetch('/__shared/fixtures/certified/exchanges/alpha.ident.b64');
    fill(area, await res.text());
    byText<HTMLButtonElement>('button', 'Inspect')!.click();
    await waitFor(() => byText('p', /found 1 item/), 'result');
    assert.ok(byText('h3', 'Alpha Labs, Inc. / Research'));
    assert.ok(byText('p', /read as URL-safe base64/));
    fill(area, '-----BEGIN CERTIFICATE-----\nMIIB\n');
    byText<HTMLButtonElement>('button', 'Inspect')!.click();
    await waitFor(() => byText('p', /The data ends too early/), 'refusal sentence');
    assert.ok(byText('p', /^INPUT_TRUNCATED/));
    const db = await openStore({ name: dbName });
    assert.lengthOf(await listIdentities(db), 0);
    db.close();
    assert.deepEqual(await axeViolations(), []);
  });
});

describe('storage view', () => {
  it('shows exactly the persistence state the browser reports, and usage; links to the next step', async () => {
    await mount('#/storage');
    const p = await waitFor(() => find('[data-testid=persist]'), 'persistence');
    const want = (await navigator.storage.persisted()) ? 'Persistent' : 'Not persistent';
    assert.equal(p.textContent?.replace(/[✓⚠]/g, '').trim(), want);
    assert.match(find('[data-testid=usage]')?.textContent ?? '', /^\d+(\.\d)? (bytes|KB|MB|GB)$/);
    assert.equal(byText('a', 'Make a backup')?.getAttribute('href'), '#/backup');
    assert.deepEqual(await axeViolations(), []);
  });
});
