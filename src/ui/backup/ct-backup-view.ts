// Backup & restore view: encrypted backup download; restore in two steps (check the file and show
// exactly what it adds and keeps, then confirm; nothing here is deleted); recovery of keys escrowed at
// birth with the recovery key; storage persistence.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { Db } from '../../store/index.ts';
import type { RestorePlan } from '../../pki/index.ts';
import { BackupController } from './backup-controller.ts';
import { backupViewStyles } from './ct-backup-view.styles.ts';
import { saveFile } from './save-file.ts';
import { busyRegistry } from '../update/busy-registry.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDateTime } from '../format.ts';

const MIN_PASSPHRASE = 10;

/** Document kinds in words (plural), for "restoring adds …". */
const KIND_WORDS: Readonly<Record<string, string>> = {
  introduction: 'introductions', 'peer-ca': 'partner CAs', 'cross-cert': 'cross-certificates', bundle: 'trust bundles',
  crl: 'revocation lists', 'key-escrow': 'escrowed keys', issued: 'records of issued certificates', environment: 'PKI environments',
};
const PURPOSE_WORDS: Readonly<Record<string, string>> = { 'identity-ca': 'CA key', identity: 'identity key' };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * `db` (optional, set before connecting): database handle; default is the app's store.
 * `workFactor` (optional): scrypt log2 N for new backups (tests only).
 * @fires ct-backup-saved - detail `{ name, bytes }` when a backup was made (it is also downloaded).
 */
export class CtBackupView extends LitElement {
  static override styles = [sharedStyles, backupViewStyles];
  static override properties = {
    db: { attribute: false },
    workFactor: { attribute: false },
    param: { type: String },
    _fieldError: { state: true },
  };

  declare db: Db | undefined;
  declare workFactor: number | undefined;
  declare param: string;
  declare _fieldError: string;
  #controller: BackupController | undefined;
  #releaseDirty: (() => void) | undefined;

  constructor() {
    super();
    this.db = undefined;
    this.workFactor = undefined;
    this.param = '';
    this._fieldError = '';
  }

  override connectedCallback(): void {
    this.#controller ??= new BackupController(this, {
      ...(this.db ? { db: this.db } : {}),
      ...(this.workFactor !== undefined ? { workFactor: this.workFactor } : {}),
    });
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#clean();
  }

  #dirty(): void {
    this.#releaseDirty ??= busyRegistry.hold('dirty', 'backup form');
  }

  #clean(): void {
    this.#releaseDirty?.();
    this.#releaseDirty = undefined;
  }

  #input(id: string): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!;
  }

  async #backup(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const pass = this.#input('backup-pass').value;
    if (pass.length < MIN_PASSPHRASE) { this._fieldError = `Use at least ${MIN_PASSPHRASE} characters (4–5 random words are better).`; return; }
    if (pass !== this.#input('backup-pass2').value) { this._fieldError = 'The two passphrases differ.'; return; }
    this._fieldError = '';
    const file = await this.#controller!.makeBackup(pass);
    if (!file) return;
    form.reset();
    this.#clean();
    saveFile(file.name, file.bytes, 'application/octet-stream');
    this.dispatchEvent(new CustomEvent('ct-backup-saved', { detail: file, bubbles: true, composed: true }));
  }

  async #check(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const chosen = this.#input('restore-file').files?.[0];
    if (!chosen) return;
    const ok = await this.#controller!.check(new Uint8Array(await chosen.arrayBuffer()), chosen.name, this.#input('restore-pass').value);
    if (ok) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#plan-h')?.focus();
    }
  }

  async #confirm(): Promise<void> {
    const ok = await this.#controller!.confirmRestore();
    if (ok) {
      this.renderRoot.querySelector<HTMLFormElement>('#restore-form')?.reset();
      this.#clean();
    }
  }

  async #recover(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const file = this.#input('recovery-file').files?.[0];
    const text = file ? await file.text() : (this.renderRoot.querySelector<HTMLTextAreaElement>('#recovery-text')?.value ?? '');
    const ok = await this.#controller!.recover(text);
    if (ok) {
      form.reset();
      this.#clean();
    }
  }

  #renderPlan(plan: RestorePlan, fileName: string): TemplateResult {
    const s = plan.stores;
    const kinds = Object.entries(plan.documentKinds).map(([k, n]) => `${n} ${KIND_WORDS[k] ?? k}`).join(', ');
    const recoverable = plan.recoverableKeyIds.length;
    const lost = plan.missingKeys.length - recoverable;
    const busy = this.#controller!.running !== undefined;
    return html`<div class="plan" role="region" aria-labelledby="plan-h">
      <h3 id="plan-h" tabindex="-1">What restoring “${fileName}” will do</h3>
      <p class="muted">Backup made ${formatDateTime(plan.backupCreatedMs)} by crosstrust ${plan.backupAppVersion}.</p>
      ${plan.changes === 0
        ? html`<p><span aria-hidden="true">✓</span> Everything in this backup is already in this browser. There is nothing to restore.</p>`
        : html`<h4>Adds</h4>
          <ul>
            ${s.identities.add ? html`<li>${plural(s.identities.add, 'identity', 'identities')}: ${plan.identities.add.map((i) => i.label).join(', ')}</li>` : nothing}
            ${s.documents.add + s.documents.update ? html`<li>${plural(s.documents.add + s.documents.update, 'document', 'documents')} (${kinds})${s.documents.update ? html`; ${s.documents.update} of them replace an older copy here` : nothing}</li>` : nothing}
            ${s.settings.add ? html`<li>${plural(s.settings.add, 'setting', 'settings')}</li>` : nothing}
            ${s.audit.add ? html`<li>${plural(s.audit.add, 'audit log entry', 'audit log entries')}</li>` : nothing}
          </ul>`}
      <h4>Keeps as it is here</h4>
      <ul>
        ${plan.identities.onlyHere.length ? html`<li>${plural(plan.identities.onlyHere.length, 'identity', 'identities')} not in the backup, with ${plan.identities.onlyHere.length === 1 ? 'its' : 'their'} keys: ${plan.identities.onlyHere.map((i) => i.label).join(', ')}</li>` : nothing}
        ${plan.identities.keptHere.length ? html`<li>${plural(plan.identities.keptHere.length, 'identity', 'identities')} changed here since the backup (this browser’s version stays): ${plan.identities.keptHere.map((i) => i.label).join(', ')}</li>` : nothing}
        ${s.documents.keptHere ? html`<li>${plural(s.documents.keptHere, 'document', 'documents')} changed here more recently than in the backup</li>` : nothing}
        ${s.settings.keptHere ? html`<li>${plural(s.settings.keptHere, 'setting', 'settings')} set differently here</li>` : nothing}
        <li>Everything else here. <strong>Nothing is deleted or replaced by older data.</strong></li>
      </ul>
      ${plan.missingKeys.length
        ? html`<h4>Private keys</h4>
          <p class="warn"><span aria-hidden="true">⚠</span> ${plural(plan.missingKeys.length, 'private key', 'private keys')} of the backed-up identities ${plan.missingKeys.length === 1 ? 'is' : 'are'} not in this browser.
            ${recoverable ? html`${recoverable} ${recoverable === 1 ? 'was' : 'were'} escrowed at birth: after restoring, recover ${recoverable === 1 ? 'it' : 'them'} below with your recovery key.` : nothing}
            ${lost > 0 ? html`${lost} cannot come back (never exportable): ${lost === 1 ? 'its identity' : 'those identities'} can be viewed and shared, but not used to sign.` : nothing}</p>`
        : nothing}
      <div class="actions">
        ${plan.changes > 0
          ? html`<button class="primary" type="button" ?disabled=${busy} @click=${() => void this.#confirm()}>${this.#controller!.running === 'restore' ? 'Restoring…' : `Restore: add ${plural(plan.changes, 'record', 'records')}`}</button>`
          : nothing}
        <button type="button" ?disabled=${busy} @click=${() => this.#controller!.cancelRestore()}>${plan.changes > 0 ? 'Cancel' : 'Close'}</button>
      </div>
    </div>`;
  }

  #renderRecovery(): TemplateResult {
    const c = this.#controller!;
    const summary = c.summary;
    if (!summary) return html`<p class="muted">Checking…</p>`;
    if (summary.escrows.length === 0) {
      return html`<p>No identity in this browser was made with recoverable keys. To make one, choose
        “Also keep an encrypted copy for recovery” when you <a href="#/new">create an identity</a>.</p>`;
    }
    if (summary.missingEscrowed.length === 0) {
      return html`<p><span class="ok" aria-hidden="true">✓</span> All ${plural(summary.escrows.length, 'recoverable key is', 'recoverable keys are')} in this browser. Nothing to recover.</p>`;
    }
    return html`<p>${plural(summary.missingEscrowed.length, 'escrowed key is', 'escrowed keys are')} missing from this browser:</p>
      <ul>${summary.missingEscrowed.map((e) => html`<li>${PURPOSE_WORDS[e.purpose] ?? e.purpose} of ${e.identityLabel ?? 'an identity that is not here'}</li>`)}</ul>
      <form @submit=${(ev: SubmitEvent) => void this.#recover(ev)} @input=${() => this.#dirty()}>
        <div class="field">
          <label for="recovery-text">Recovery key</label>
          <textarea id="recovery-text" rows="2" spellcheck="false" autocomplete="off" aria-describedby="recovery-hint" placeholder="AGE-SECRET-KEY-1…"></textarea>
          <p class="hint" id="recovery-hint">Paste the line that starts with AGE-SECRET-KEY-1, or choose the recovery key file you saved. It is used once and not stored.</p>
        </div>
        <div class="field">
          <label for="recovery-file">Or the recovery key file</label>
          <input id="recovery-file" type="file" accept=".txt,text/plain" />
        </div>
        <button class="primary" type="submit" ?disabled=${c.running !== undefined}>${c.running === 'recover' ? 'Recovering…' : 'Recover keys'}</button>
      </form>`;
  }

  override render() {
    const c = this.#controller!;
    const p = c.persistence;
    const summary = c.summary;
    const mb = (n: number | undefined) => (n === undefined ? '?' : `${(n / 1e6).toFixed(1)} MB`);
    return html`
      <h1>Backup &amp; restore</h1>
      <p class="lede">Everything crosstrust knows lives only in this browser. A backup is one encrypted file that you keep somewhere else.</p>
      <div role="status" aria-live="polite" class="live">
        ${c.status ? html`<p class="note">${c.status}</p>` : nothing}
        ${c.error ? html`<p class="error"><span aria-hidden="true">⚠</span> ${c.error}</p>` : nothing}
      </div>

      <section class="card" aria-labelledby="backup-h">
        <h2 id="backup-h">Make an encrypted backup</h2>
        <p>The backup holds every identity and certificate, introductions, trust bundles and other documents, settings,
          the audit log, and the encrypted copies of recoverable keys. It is encrypted with
          age (age-encryption.org) under your passphrase; the <code>age -d</code> command opens it too.</p>
        ${summary && summary.notRecoverable.length
          ? html`<p class="warn"><span aria-hidden="true">⚠</span> Not in the backup: the private keys of
              ${summary.notRecoverable.map((i) => `“${i.label}”`).join(', ')}. They were made non-extractable and never leave this browser;
              after a loss their certificates come back but cannot sign. Only keys made recoverable (“backup at birth”) come back.</p>`
          : nothing}
        <form @submit=${(e: SubmitEvent) => void this.#backup(e)} @input=${() => this.#dirty()}>
          <div class="field">
            <label for="backup-pass">Passphrase</label>
            <input id="backup-pass" type="password" autocomplete="new-password" required
              aria-describedby=${this._fieldError ? 'backup-pass-hint backup-pass-error' : 'backup-pass-hint'} aria-invalid=${this._fieldError ? 'true' : 'false'} />
            <p class="hint" id="backup-pass-hint">At least ${MIN_PASSPHRASE} characters. Without it the backup cannot be opened by anyone, including you.</p>
          </div>
          <div class="field">
            <label for="backup-pass2">Repeat passphrase</label>
            <input id="backup-pass2" type="password" autocomplete="new-password" required />
            ${this._fieldError ? html`<p id="backup-pass-error" class="error">${this._fieldError}</p>` : nothing}
          </div>
          <button class="primary" type="submit" ?disabled=${c.running !== undefined}>${c.running === 'backup' ? 'Encrypting…' : 'Download encrypted backup'}</button>
        </form>
      </section>

      <section class="card" aria-labelledby="restore-h">
        <h2 id="restore-h">Restore from a backup</h2>
        <p>Restoring adds what the backup has and this browser lacks. It never deletes anything here, and never replaces
          something with an older copy. You see exactly what it will add before anything changes.</p>
        <form id="restore-form" @submit=${(e: SubmitEvent) => void this.#check(e)} @input=${() => this.#dirty()}>
          <div class="field">
            <label for="restore-file">Backup file (.age)</label>
            <input id="restore-file" type="file" accept=".age,application/octet-stream" required />
          </div>
          <div class="field">
            <label for="restore-pass">Passphrase</label>
            <input id="restore-pass" type="password" autocomplete="current-password" required />
          </div>
          <button type="submit" ?disabled=${c.running !== undefined}>${c.running === 'check' ? 'Opening…' : 'Check backup'}</button>
        </form>
        ${c.pending ? this.#renderPlan(c.pending.plan, c.pending.fileName) : nothing}
      </section>

      <section class="card" aria-labelledby="recover-h">
        <h2 id="recover-h">Recover escrowed keys</h2>
        ${this.#renderRecovery()}
      </section>

      <section class="card" aria-labelledby="storage-h">
        <h2 id="storage-h">Storage in this browser</h2>
        ${!p ? html`<p class="muted">Checking…</p>`
          : !p.supported ? html`<p class="warn"><span aria-hidden="true">⚠</span> This browser does not report storage persistence here.</p>`
          : html`<p>${p.persisted ? html`<span class="ok" aria-hidden="true">✓</span> Persistent: the browser keeps this data under storage pressure.`
              : html`<span class="warn" aria-hidden="true">⚠</span> Not persistent: the browser may delete this data when space runs low. Keep backups.`}
              <span class="muted">Using ${mb(p.usageBytes)} of ${mb(p.quotaBytes)}.</span></p>
            ${p.persisted ? nothing : html`<button type="button" @click=${() => void c.requestPersistence()}>Ask to keep this data</button>`}`}
      </section>
    `;
  }
}
customElements.define('ct-backup-view', CtBackupView);
declare global {
  interface HTMLElementTagNameMap { 'ct-backup-view': CtBackupView; }
  interface HTMLElementEventMap { 'ct-backup-saved': CustomEvent<{ name: string; bytes: Uint8Array }> }
}
