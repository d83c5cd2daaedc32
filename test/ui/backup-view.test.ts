// The backup view in real Chromium with a fresh IndexedDB: download → wipe → restore through the form,
// wrong passphrase announced with nothing changed, every code has a sentence, no axe violations.
import { assert } from 'chai';
import type { AxeResults, RunOptions } from 'axe-core';
import '../../src/ui/backup/ct-backup-view.ts';
import type { CtBackupView } from '../../src/ui/backup/ct-backup-view.ts';
import { BACKUP_MESSAGES } from '../../src/ui/backup/backup-messages.ts';
import { busyRegistry } from '../../src/ui/update/busy-registry.ts';
import { openStore, type Db } from '../../src/store/db.ts';

/** axe-core is UMD: load its script once, then use window.axe. */
async function axeRun(el: Element): Promise<AxeResults> {
  const w = window as unknown as { axe?: { run(el: Element, o?: RunOptions): Promise<AxeResults> } };
  if (!w.axe) {
    await new Promise<void>((ok, fail) => {
      const s = document.createElement('script');
      s.src = '/node_modules/axe-core/axe.min.js';
      s.onload = () => ok();
      s.onerror = () => fail(new Error('axe-core did not load'));
      document.head.append(s);
    });
  }
  return w.axe!.run(el);
}

const name = `ct-backup-view-${Date.now()}`;
let db: Db;

async function mount(): Promise<CtBackupView> {
  const el = document.createElement('ct-backup-view');
  el.db = db;
  el.workFactor = 10;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function q<T extends Element>(el: CtBackupView, selector: string): T {
  const found = el.shadowRoot!.querySelector<T>(selector);
  assert.isNotNull(found, selector);
  return found!;
}

function type(el: CtBackupView, id: string, value: string): void {
  const input = q<HTMLInputElement>(el, `#${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function statusText(el: CtBackupView, want: RegExp): Promise<string> {
  for (let i = 0; i < 600; i++) {
    await el.updateComplete;
    const text = q<HTMLElement>(el, '[role=status]').textContent ?? '';
    if (want.test(text)) return text;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  throw new Error(`status never matched ${want}: ${q<HTMLElement>(el, '[role=status]').textContent}`);
}

function chooseFile(el: CtBackupView, bytes: Uint8Array): void {
  const dt = new DataTransfer();
  dt.items.add(new File([bytes.slice()], 'backup.age'));
  q<HTMLInputElement>(el, '#restore-file').files = dt.files;
}

describe('ct-backup-view', () => {
  before(async () => {
    db = await openStore({ name });
    await db.put('identities', { id: 'id-1', label: 'Acme', keyType: 'ed25519', caCertDer: new Uint8Array([0x30, 0]), idCertDer: new Uint8Array([0x30, 0]), caKeyId: 'k1', idKeyId: 'k2', createdMs: 1 });
    await db.put('settings', { name: 'theme', value: 'dark' });
  });
  after(() => { db.close(); indexedDB.deleteDatabase(name); });

  it('downloads a backup, restores it after a wipe, and refuses a wrong passphrase with nothing changed', async () => {
    const el = await mount();
    try {
      // Mismatched passphrases: field error tied to the field, no backup.
      type(el, 'backup-pass', 'twelve chars!');
      type(el, 'backup-pass2', 'something else');
      assert.isFalse(busyRegistry.idle, 'a form with input holds updates');
      q<HTMLButtonElement>(el, '#backup-h ~ form button[type=submit]').click();
      await el.updateComplete;
      assert.equal(q<HTMLInputElement>(el, '#backup-pass').getAttribute('aria-describedby'), 'backup-pass-error');
      assert.match(q<HTMLElement>(el, '#backup-pass-error').textContent ?? '', /differ/);

      type(el, 'backup-pass2', 'twelve chars!');
      const saved = new Promise<Uint8Array>((ok) => el.addEventListener('ct-backup-saved', (e) => ok(e.detail.bytes), { once: true }));
      q<HTMLButtonElement>(el, '#backup-h ~ form button[type=submit]').click();
      const bytes = await saved;
      await statusText(el, /Backup ready/);
      assert.isTrue(busyRegistry.idle, 'hold released after the backup');

      await db.clear('identities');
      await db.clear('settings');

      chooseFile(el, bytes);
      type(el, 'restore-pass', 'not the passphrase');
      q<HTMLInputElement>(el, '#restore-confirm').checked = true;
      q<HTMLButtonElement>(el, '#restore-h ~ form button[type=submit]').click();
      await statusText(el, /Wrong passphrase\. Nothing was changed\./);
      assert.equal(await db.count('identities'), 0);

      type(el, 'restore-pass', 'twelve chars!');
      q<HTMLButtonElement>(el, '#restore-h ~ form button[type=submit]').click();
      await statusText(el, /Restored 1 identities/);
      assert.equal((await db.get('identities', 'id-1'))?.label, 'Acme');
      assert.equal((await db.get('settings', 'theme'))?.value, 'dark');
    } finally {
      el.remove();
    }
  });

  it('has a sentence for every backup and store code', () => {
    for (const sentence of Object.values(BACKUP_MESSAGES)) assert.isAbove(sentence.length, 5);
    assert.includeMembers(Object.keys(BACKUP_MESSAGES), ['BACKUP_WRONG_PASSPHRASE', 'BACKUP_CORRUPTED', 'BACKUP_BAD_FORMAT', 'STORE_TRANSACTION_FAILED']);
  });

  it('has no axe violations', async () => {
    const el = await mount();
    try {
      await statusText(el, /.*/);
      const result = await axeRun(el);
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    } finally {
      el.remove();
    }
  });
});
