// Backup & restore view: encrypted backup download, restore from file, storage persistence status.
import { LitElement, html, nothing } from 'lit';
import type { Db } from '../../store/db.ts';
import { BackupController } from './backup-controller.ts';
import { backupViewStyles } from './ct-backup-view.styles.ts';
import { saveFile } from './save-file.ts';
import { busyRegistry } from '../update/busy-registry.ts';

const MIN_PASSPHRASE = 10;

/**
 * `db` (optional, set before connecting): database handle; default is the app's store.
 * `workFactor` (optional): scrypt log2 N for new backups (tests only).
 * @fires ct-backup-saved - detail `{ name, bytes }` when a backup was made (it is also downloaded).
 */
export class CtBackupView extends LitElement {
  static override styles = backupViewStyles;
  static override properties = {
    db: { attribute: false },
    workFactor: { attribute: false },
    _fieldError: { state: true },
  };

  declare db: Db | undefined;
  declare workFactor: number | undefined;
  declare _fieldError: string;
  #controller: BackupController | undefined;
  #releaseDirty: (() => void) | undefined;

  constructor() {
    super();
    this.db = undefined;
    this.workFactor = undefined;
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

  async #restore(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const chosen = this.#input('restore-file').files?.[0];
    if (!chosen) return;
    const ok = await this.#controller!.restore(new Uint8Array(await chosen.arrayBuffer()), this.#input('restore-pass').value);
    if (ok) {
      form.reset();
      this.#clean();
    }
  }

  override render() {
    const c = this.#controller!;
    const p = c.persistence;
    const mb = (n: number | undefined) => (n === undefined ? '?' : `${(n / 1e6).toFixed(1)} MB`);
    return html`
      <h1>Backup &amp; restore</h1>
      <div role="status" aria-live="polite">
        ${c.status ? html`<p>${c.status}</p>` : nothing}
        ${c.error ? html`<p class="error">⚠ ${c.error}</p>` : nothing}
      </div>

      <section aria-labelledby="storage-h">
        <h2 id="storage-h">Storage in this browser</h2>
        ${!p ? html`<p class="muted">Checking…</p>`
          : !p.supported ? html`<p class="warn">⚠ This browser does not report storage persistence here.</p>`
          : html`<p>${p.persisted ? '✔ Persistent: the browser keeps this data under storage pressure.'
              : '⚠ Not persistent: the browser may delete this data when space runs low. Keep backups.'}
              <span class="muted">Using ${mb(p.usageBytes)} of ${mb(p.quotaBytes)}.</span></p>
            ${p.persisted ? nothing : html`<button class="secondary" @click=${() => void c.requestPersistence()}>Ask to keep this data</button>`}`}
      </section>

      <section aria-labelledby="backup-h">
        <h2 id="backup-h">Make an encrypted backup</h2>
        <p>The backup holds certificates, identities, settings, the audit log and escrowed keys, encrypted
          with age (age-encryption.org) under your passphrase.</p>
        <p class="warn">⚠ Private keys created as non-extractable cannot be backed up: they never leave this
          browser. Only keys escrowed at creation ("backup at birth") can be recovered from a backup.</p>
        <form @submit=${(e: SubmitEvent) => void this.#backup(e)} @input=${() => this.#dirty()}>
          <label for="backup-pass">Passphrase</label>
          <input id="backup-pass" type="password" autocomplete="new-password" required
            aria-describedby=${this._fieldError ? 'backup-pass-error' : nothing} aria-invalid=${this._fieldError ? 'true' : 'false'} />
          <label for="backup-pass2">Repeat passphrase</label>
          <input id="backup-pass2" type="password" autocomplete="new-password" required />
          ${this._fieldError ? html`<p id="backup-pass-error" class="field-error">${this._fieldError}</p>` : nothing}
          <button type="submit" ?disabled=${c.running !== undefined}>${c.running === 'backup' ? 'Encrypting…' : 'Download encrypted backup'}</button>
        </form>
        ${c.lastOmitted.length ? html`<p class="warn">Not in this backup (non-extractable):
          ${c.lastOmitted.map((k) => `${k.purpose} (${k.keyType})`).join(', ')}.</p>` : nothing}
      </section>

      <section aria-labelledby="restore-h">
        <h2 id="restore-h">Restore from a backup</h2>
        <p class="warn">⚠ Restoring replaces the certificates, identities, settings, audit log and documents in
          this browser. Keys held in this browser are kept. A wrong passphrase or damaged file changes nothing.</p>
        <form @submit=${(e: SubmitEvent) => void this.#restore(e)} @input=${() => this.#dirty()}>
          <label for="restore-file">Backup file (.age)</label>
          <input id="restore-file" type="file" accept=".age,application/octet-stream" required />
          <label for="restore-pass">Passphrase</label>
          <input id="restore-pass" type="password" autocomplete="current-password" required />
          <div class="check">
            <input id="restore-confirm" type="checkbox" required />
            <label for="restore-confirm">Replace the data in this browser</label>
          </div>
          <button type="submit" ?disabled=${c.running !== undefined}>${c.running === 'restore' ? 'Restoring…' : 'Restore'}</button>
        </form>
      </section>
    `;
  }
}
customElements.define('ct-backup-view', CtBackupView);
declare global {
  interface HTMLElementTagNameMap { 'ct-backup-view': CtBackupView; }
  interface HTMLElementEventMap { 'ct-backup-saved': CustomEvent<{ name: string; bytes: Uint8Array }> }
}
