// The backup view in real Chromium with real IndexedDB: download a backup, then (with data present)
// refuse a wrong passphrase and a damaged file with nothing changed, show what restoring adds and
// keeps before confirming, merge; recover escrowed keys with the recovery key; axe on every state.
import { assert } from 'chai';
import type { AxeResults, RunOptions } from 'axe-core';
import '../../src/ui/backup/ct-backup-view.ts';
import type { CtBackupView } from '../../src/ui/backup/ct-backup-view.ts';
import { BACKUP_MESSAGES } from '../../src/ui/backup/backup-messages.ts';
import { busyRegistry } from '../../src/ui/update/busy-registry.ts';
import { openStore, type Db } from '../../src/store/db.ts';
import { saveIdentity } from '../../src/store/identities.ts';
import { createEscrowedIdentity, createIdentity, newRecoveryKey, recoveryKeyFile } from '../../src/pki/index.ts';

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

async function dump(): Promise<unknown[]> {
  return Promise.all((['identities', 'audit', 'settings', 'documents', 'keys'] as const).map((n) => db.getAll(n)));
}

function submit(el: CtBackupView, sectionHeading: string): void {
  q<HTMLButtonElement>(el, `#${sectionHeading} ~ form button[type=submit]`).click();
}

async function axeClean(el: CtBackupView): Promise<void> {
  const result = await axeRun(el);
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
}

describe('ct-backup-view', () => {
  before(async () => {
    db = await openStore({ name });
  });
  beforeEach(async () => {
    for (const s of ['identities', 'audit', 'settings', 'documents', 'keys'] as const) await db.clear(s);
    await db.put('identities', { id: 'id-1', label: 'Acme', keyType: 'ed25519', caCertDer: new Uint8Array([0x30, 0]), idCertDer: new Uint8Array([0x30, 0]), caKeyId: 'k1', idKeyId: 'k2', createdMs: 1 });
    await db.put('settings', { name: 'theme', value: 'dark' });
  });
  after(() => { db.close(); indexedDB.deleteDatabase(name); });

  it('backs up; with data present refuses a wrong passphrase and a damaged file unchanged; shows the plan; restores by merging', async () => {
    const el = await mount();
    try {
      // Mismatched passphrases: field error tied to the field, no backup.
      type(el, 'backup-pass', 'twelve chars!');
      type(el, 'backup-pass2', 'something else');
      assert.isFalse(busyRegistry.idle, 'a form with input holds updates');
      submit(el, 'backup-h');
      await el.updateComplete;
      assert.include(q<HTMLInputElement>(el, '#backup-pass').getAttribute('aria-describedby'), 'backup-pass-error');
      assert.match(q<HTMLElement>(el, '#backup-pass-error').textContent ?? '', /differ/);

      type(el, 'backup-pass2', 'twelve chars!');
      const saved = new Promise<Uint8Array>((ok) => el.addEventListener('ct-backup-saved', (e) => ok(e.detail.bytes), { once: true }));
      submit(el, 'backup-h');
      const bytes = await saved;
      await statusText(el, /Backup ready\. The private keys of 1 identity are not in it/);
      assert.isTrue(busyRegistry.idle, 'hold released after the backup');

      // After the backup: Acme's record is lost, an identity is made, a setting changes.
      const later = await createIdentity({ name: { org: 'Later', unit: 'Ops' }, san: { hosts: ['later.example'] }, atMs: Date.UTC(2026, 0, 1) });
      const made = await saveIdentity(db, { label: 'Made later', created: later, atMs: 5 });
      await db.delete('identities', 'id-1');
      await db.put('settings', { name: 'theme', value: 'light' });
      const before = await dump();

      const damaged = bytes.slice();
      damaged[damaged.length - 5]! ^= 0x01;
      for (const [file, pass, want] of [
        [bytes, 'not the passphrase', /Wrong passphrase\. Nothing was changed\./],
        [damaged, 'twelve chars!', /damaged .*Nothing was changed\./],
        [new TextEncoder().encode('hello, not a backup'), 'twelve chars!', /not an encrypted crosstrust backup/],
      ] as const) {
        chooseFile(el, file);
        type(el, 'restore-pass', pass);
        submit(el, 'restore-h');
        await statusText(el, want);
        assert.deepEqual(await dump(), before, `nothing changed after: ${want}`);
      }

      chooseFile(el, bytes);
      type(el, 'restore-pass', 'twelve chars!');
      submit(el, 'restore-h');
      await statusText(el, /Review what restoring it will add/);
      assert.deepEqual(await dump(), before, 'checking a backup changes nothing');
      const plan = q<HTMLElement>(el, '.plan').textContent!.replace(/\s+/g, ' ');
      assert.include(plan, '1 identity: Acme');
      assert.include(plan, '1 identity not in the backup, with its keys: Made later');
      assert.include(plan, '1 setting set differently here');
      assert.include(plan, 'Nothing is deleted or replaced by older data.');
      assert.include(plan, '2 private keys of the backed-up identities are not in this browser.');
      await axeClean(el);

      const confirm = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.plan button')].find((b) => /^Restore: add 1 record$/.test(b.textContent!.trim()));
      assert.ok(confirm, 'the confirm button says what it writes');
      confirm!.click();
      await statusText(el, /Restored: added 1 identity, 0 documents, 0 settings and 0 audit entries\. Nothing was deleted\./);
      assert.equal((await db.get('identities', 'id-1'))?.label, 'Acme');
      assert.equal((await db.get('identities', made.id))?.label, 'Made later', 'the identity made after the backup is kept');
      assert.ok(await db.get('keys', made.idKeyId), 'with its key');
      assert.equal((await db.get('settings', 'theme'))?.value, 'light', 'a later setting is not reverted');
      assert.isNull(el.shadowRoot!.querySelector('.plan'));
      assert.isTrue(busyRegistry.idle);
    } finally {
      el.remove();
    }
  });

  it('recovers keys escrowed at birth with the recovery key file; a wrong or malformed key changes nothing', async () => {
    const recovery = await newRecoveryKey();
    const { created, escrows } = await createEscrowedIdentity({ name: { org: 'Alpha', unit: 'Ops' }, san: { hosts: ['alpha.example'] }, atMs: Date.UTC(2026, 0, 1) }, recovery.recipient);
    const record = await saveIdentity(db, { label: 'Alpha', created, escrows, atMs: 5 });
    await db.clear('keys'); // as after clearing site data and restoring a backup
    const el = await mount();
    try {
      const text = () => q<HTMLElement>(el, '#recover-h').parentElement!.textContent!.replace(/\s+/g, ' ');
      for (let i = 0; i < 100 && !text().includes('missing'); i++) await new Promise((ok) => setTimeout(ok, 20));
      assert.include(text(), '2 escrowed keys are missing from this browser');
      assert.include(text(), 'CA key of Alpha');
      await axeClean(el);

      const area = q<HTMLTextAreaElement>(el, '#recovery-text');
      area.value = 'AGE-SECRET-KEY-1NOTAKEY';
      submit(el, 'recover-h');
      await statusText(el, /That is not a recovery key/);
      area.value = (await newRecoveryKey()).identity;
      submit(el, 'recover-h');
      await statusText(el, /No key was recovered\. 2 keys need a different recovery key\./);
      assert.equal(await db.count('keys'), 0);

      area.value = '';
      const dt = new DataTransfer();
      dt.items.add(new File([recoveryKeyFile(recovery, 1)], 'crosstrust-recovery-key.txt', { type: 'text/plain' }));
      q<HTMLInputElement>(el, '#recovery-file').files = dt.files;
      submit(el, 'recover-h');
      await statusText(el, /Recovered 2 private keys; they are non-extractable in this browser again\./);
      const keys = await db.getAll('keys');
      assert.deepEqual(keys.map((k) => k.id).sort(), [record.caKeyId, record.idKeyId].sort());
      assert.isTrue(keys.every((k) => k.key.extractable === false));
      await el.updateComplete;
      assert.include(text(), 'All 2 recoverable keys are in this browser.');
    } finally {
      el.remove();
    }
  });

  it('has a sentence for every backup and store code', () => {
    for (const sentence of Object.values(BACKUP_MESSAGES)) assert.isAbove(sentence.length, 5);
    assert.includeMembers(Object.keys(BACKUP_MESSAGES), ['BACKUP_WRONG_PASSPHRASE', 'BACKUP_CORRUPTED', 'BACKUP_BAD_FORMAT', 'STORE_TRANSACTION_FAILED', 'BACKUP_ESCROW_BAD_IDENTITY']);
  });

  it('has no axe violations', async () => {
    const el = await mount();
    try {
      await statusText(el, /.*/);
      await axeClean(el);
    } finally {
      el.remove();
    }
  });
});
