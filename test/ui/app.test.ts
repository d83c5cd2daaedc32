// The app shell and views in real Chromium with a fresh IndexedDB: roles, names, keyboard, axe.
import { assert } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/app.ts';
import type { CtApp } from '../../src/ui/app.ts';
import { ROUTES } from '../../src/ui/routes.ts';
import { openStore, listIdentities } from '../../src/store/index.ts';
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
  it('renders the navigation from ROUTES and marks the current page', async () => {
    await mount('#/identities');
    const links = await waitFor(() => {
      const l = findAll('nav[aria-label=Main] a');
      return l.length ? l : undefined;
    }, 'navigation');
    assert.deepEqual(links.map((a) => a.textContent?.trim()), ROUTES.filter((r) => r.inNav).map((r) => r.label));
    assert.deepEqual(links.map((a) => a.getAttribute('href')), ROUTES.filter((r) => r.inNav).map((r) => `#/${r.path}`));
    assert.equal(links.find((a) => a.getAttribute('aria-current') === 'page')?.textContent?.trim(), 'Identities');
    assert.ok(find('[role=status]'), 'a live region exists');
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
    assert.deepEqual(seen, ['crosstrust', 'Identities', 'New identity', 'Import & inspect']);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => location.hash === '#/inspect', 'hash change');
    await waitFor(() => deepActiveElement()?.tagName === 'MAIN', 'focus on main');
    await waitFor(() => byText('h1', 'Import & inspect'), 'inspect view');
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
    assert.lengthOf(await listIdentities(db), 1);
    db.close();
    assert.deepEqual(await axeViolations(), []);
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
  it('shows persistence and usage', async () => {
    await mount('#/storage');
    const p = await waitFor(() => find('[data-testid=persist]'), 'persistence');
    assert.match(p.textContent ?? '', /Persistent|Not persistent|Unknown/);
    assert.deepEqual(await axeViolations(), []);
  });
});
