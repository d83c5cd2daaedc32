// The revocation view in real Chromium with a fresh IndexedDB and the real core: the controller's
// page, reminders and refusals without a DOM; then the view by keyboard (dialog opens on Enter, Escape
// returns focus), revoking with a reason, a field error tied to its field, issuing a CRL, and axe.
import { assert } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/app.ts';
import type { CtApp } from '../../../src/ui/app.ts';
import { createIdentity, fingerprintOf, introduce, issueCrl, toPem, DAY_MS } from '../../../src/pki/index.ts';
import { openStore, saveIdentity, recordIssued, listPartnerCrls, type Db, type IdentityRecord } from '../../../src/store/index.ts';
import {
  MultipleCrlsError,
  importCrlInput,
  loadRevocationPage,
  publishCrl,
  readNextUpdateDays,
  reminderFor,
  revokeRow,
} from '../../../src/ui/revocation/revocation-controller.ts';
import { axeViolations, byText, deepActiveElement, find, findAll, waitFor } from '../support/dom.ts';

const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = '/src/ui/global.css';
document.head.append(link);
document.documentElement.lang = 'en';

const at = Date.now();
let n = 0;

async function seeded(): Promise<{ db: Db; dbName: string; ours: IdentityRecord }> {
  const dbName = `ct-revocation-ui-${Date.now()}-${n++}`;
  const db = await openStore({ name: dbName });
  const ours = await saveIdentity(db, { label: 'Ours / Ops', created: await createIdentity({ name: { org: 'Ours', unit: 'Ops' }, san: { hosts: ['ours.example'] }, atMs: at }), atMs: at });
  const peer = await createIdentity({ name: { org: 'Peer', unit: 'Ops' }, san: { hosts: ['peer.example'] }, atMs: at });
  const ca = { certDer: ours.caCertDer, key: (await db.get('keys', ours.caKeyId))!.key };
  const intro = await introduce({ peerDer: peer.idCertDer, ca, atMs: at, confirmedFingerprint: (await fingerprintOf(peer.idCertDer)).grouped });
  await recordIssued(db, { identityId: ours.id, kind: 'introduction', certDer: intro.signedCertDer, atMs: at, summary: 'Introduced Peer' });
  return { db, dbName, ours };
}

async function drop(dbName: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(dbName);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
}

describe('revocation controller', () => {
  it('lists the identity certificate and what the register holds; revocation and CRLs move the reminder', async () => {
    const { db, dbName, ours } = await seeded();
    try {
      let page = await loadRevocationPage(db, { atMs: at });
      assert.equal(page.identity?.id, ours.id);
      assert.deepEqual(page.issued.map((r) => [r.kindWord, r.subject]), [['Identity certificate', 'OU=Ops,O=Ours'], ['Introduction', 'OU=Ops,O=Peer']]);
      assert.equal(page.reminder?.level, 'info');
      const intro = page.issued[1]!;
      await revokeRow(db, { identityId: ours.id, row: intro, reason: 'privilegeWithdrawn', atMs: at + 1000 });
      page = await loadRevocationPage(db, { atMs: at + 1000 });
      assert.equal(page.issued[1]!.revoked?.reason, 'privilegeWithdrawn');
      assert.isTrue(page.issued[1]!.unpublished);
      assert.equal(page.reminder?.level, 'warn');
      assert.match(page.reminder!.sentence, /^1 revocation is not published yet/);
      assert.deepEqual(page.audit.map((a) => a.op), ['crl.revoke']);
      await publishCrl(db, { identityId: ours.id, nextUpdateDays: 4, atMs: at + 2000 });
      page = await loadRevocationPage(db, { atMs: at + 2000 });
      assert.equal(page.crl?.number, '1');
      assert.isFalse(page.issued[1]!.unpublished);
      assert.equal(page.reminder?.level, 'ok');
      assert.equal((await loadRevocationPage(db, { atMs: at + 3 * DAY_MS })).reminder?.level, 'warn', 'past half its life: due');
      const stale = await loadRevocationPage(db, { atMs: at + 5 * DAY_MS });
      assert.equal(stale.reminder?.level, 'bad');
      assert.match(stale.reminder!.sentence, /went out of date/);
      assert.deepEqual(stale.audit.map((a) => a.op), ['crl.issue', 'crl.revoke']);
    } finally {
      db.close();
      await drop(dbName);
    }
  });

  it('refuses several CRLs in one import, and a CRL of no partner, storing nothing', async () => {
    const { db, dbName, ours } = await seeded();
    try {
      const other = await createIdentity({ name: { org: 'Other', unit: 'Ops' }, san: { hosts: ['o.example'] }, atMs: at });
      const crl = await issueCrl({ issuerCertDer: other.caCertDer, issuerKey: other.caKeys.privateKey, crlNumber: 1n, thisUpdateMs: at, nextUpdateMs: at + DAY_MS, entries: [] });
      try {
        await importCrlInput(db, { data: toPem('X509 CRL', crl) + toPem('X509 CRL', crl), atMs: at });
        assert.fail('imported two CRLs at once');
      } catch (e) {
        assert.instanceOf(e, MultipleCrlsError);
      }
      try {
        await importCrlInput(db, { data: crl, atMs: at });
        assert.fail('imported a CRL of a CA we do not hold');
      } catch (e) {
        assert.equal((e as { code?: string }).code, 'CRL_WRONG_ISSUER');
      }
      assert.deepEqual(await listPartnerCrls(db), []);
      void ours;
    } finally {
      db.close();
      await drop(dbName);
    }
  });

  it('reads the next-update field and words the reminder', () => {
    for (const [text, want] of [['7', 7], [' 366 ', 366], ['0', 'err'], ['367', 'err'], ['1.5', 'err'], ['', 'err'], ['seven', 'err']] as const) {
      const got = readNextUpdateDays(text);
      assert.equal(typeof got === 'number' ? got : 'err', want, text);
    }
    const crl = { der: new Uint8Array(), pem: '', number: '3', thisUpdateMs: 0, nextUpdateMs: 10 * DAY_MS, revokedCount: 0, fileStem: 'x' };
    assert.equal(reminderFor({ unpublished: 0, revokedCount: 0, atMs: 0, state: 'none' }).level, 'info');
    assert.equal(reminderFor({ crl, unpublished: 0, revokedCount: 0, atMs: DAY_MS, state: 'fresh' }).level, 'ok');
    assert.match(reminderFor({ crl, unpublished: 0, revokedCount: 0, atMs: 7 * DAY_MS, state: 'due' }).sentence, /expires on .* in 3 days/);
    assert.match(reminderFor({ crl, unpublished: 2, revokedCount: 2, atMs: DAY_MS, state: 'fresh' }).sentence, /^2 revocations are not in CRL number 3 yet/);
    assert.equal(reminderFor({ crl, unpublished: 0, revokedCount: 0, atMs: 11 * DAY_MS, state: 'stale' }).level, 'bad');
  });
});

describe('ct-revocation-view', () => {
  let app: CtApp | undefined;
  let dbName = '';
  afterEach(async () => {
    app?.remove();
    app = undefined;
    location.hash = '';
    await drop(dbName);
  });

  async function mount(): Promise<Db> {
    const s = await seeded();
    dbName = s.dbName;
    location.hash = '#/revocation';
    app = document.createElement('ct-app');
    app.setAttribute('db-name', dbName);
    document.body.append(app);
    await waitFor(() => byText('h2', 'What this CA signed'), 'revocation view');
    return s.db;
  }

  it('opens the confirmation by keyboard, Escape returns focus; revoking with a reason updates the row and announces it', async () => {
    const db = await mount();
    const revokeIntro = await waitFor(() => find<HTMLButtonElement>('button[aria-label="Revoke the introduction of OU=Ops,O=Peer"]'), 'revoke button');
    revokeIntro.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await waitFor(() => find<HTMLDialogElement>('dialog#revoke[open]'), 'open dialog');
    assert.equal(deepActiveElement()?.textContent?.trim(), 'Keep it');
    assert.ok(byText('dd', 'OU=Ops,O=Peer', dialog), 'the subject is shown');
    assert.match(find('ct-fingerprint', dialog)!.shadowRoot!.querySelector('code')!.textContent!.replace(/\s+/g, ' ').trim(), /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog.open, 'dialog closed');
    await waitFor(() => deepActiveElement() === revokeIntro, 'focus back on the Revoke button');

    revokeIntro.click();
    await waitFor(() => find('dialog#revoke[open]'), 'dialog open again');
    const reason = find<HTMLSelectElement>('select#reason')!;
    reason.value = 'keyCompromise';
    reason.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await waitFor(() => byText('p', 'The holder’s private key was lost or exposed.'), 'reason hint');
    byText<HTMLButtonElement>('button', 'Revoke', find('dialog#revoke')!)!.click();
    await waitFor(() => byText('[role=status]', /Revoked OU=Ops,O=Peer \(key compromised\)/), 'announcement');
    const row = await waitFor(() => findAll('tr').find((r) => /O=Peer/.test(r.textContent ?? '') && /Revoked/.test(r.textContent ?? '')), 'revoked row');
    assert.match(row.textContent ?? '', /key compromised · not in a CRL yet/);
    await waitFor(() => deepActiveElement()?.id === 'issue-btn', 'focus moves to issuing the CRL');
    void db;
  });

  it('ties a bad next-update value to its field, then issues the CRL and offers its downloads', async () => {
    await mount();
    const days = find<HTMLInputElement>('input#days')!;
    days.value = '0';
    find<HTMLButtonElement>('#issue-btn')!.click();
    await waitFor(() => days.getAttribute('aria-invalid') === 'true', 'invalid field');
    assert.include(days.getAttribute('aria-describedby') ?? '', 'days-error');
    assert.equal(find('#days-error')?.textContent?.trim(), 'Enter a whole number of days, from 1 to 366.');
    days.value = '7';
    find<HTMLButtonElement>('#issue-btn')!.click();
    await waitFor(() => find('[data-testid=crl-number]')?.textContent === '1', 'CRL number 1');
    assert.ok(byText('button', 'Download .crl (DER)'));
    assert.ok(byText('button', 'Copy PEM'));
    assert.match(find('[data-testid=crl-reminder]')!.textContent ?? '', /CRL number 1 is current until/);
    assert.deepEqual(await axeViolations(), []);
  });

  it('shows a refused import with its sentence and keeps the list as it was; no axe violations', async () => {
    await mount();
    const text = find<HTMLTextAreaElement>('textarea#crl-text')!;
    text.value = '-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n';
    text.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    byText<HTMLButtonElement>('button', 'Import CRL')!.click();
    const alert = await waitFor(() => find('#import-error'), 'import error');
    assert.match(alert.textContent ?? '', /Nothing was imported\. This revocation list \(CRL\) is damaged or incomplete\./);
    assert.equal(text.getAttribute('aria-invalid'), 'true');
    assert.ok(byText('p', 'No partner CRLs held yet.'));
    assert.deepEqual(await axeViolations(), []);
  });
});
