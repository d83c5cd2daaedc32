// Revocation (route `revocation`): withdraw what our CA signed (after a confirmation showing subject,
// serial and fingerprint), issue and hand out our CRL (DER, PEM, copy, QR) before it goes stale, import
// partners' CRLs, and read the revocation audit trail. The work is in revocation-controller.ts.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { storeContext, clockContext, announcerContext } from '../contexts.ts';
import { sharedStyles } from '../shared-styles.ts';
import { messageFor } from '../messages.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { copyText, download, readFile } from '../../exchange/index.ts';
import { CRL_REASON_LABELS, type CrlReason } from '../../pki/index.ts';
import { revocationViewStyles } from './ct-revocation-view.styles.ts';
import {
  DEFAULT_NEXT_UPDATE_DAYS,
  MultipleCrlsError,
  REVOKE_REASONS,
  auditWords,
  importCrlInput,
  loadRevocationPage,
  publishCrl,
  readNextUpdateDays,
  revokeRow,
  type IssuedRow,
  type RevocationPage,
} from './revocation-controller.ts';
import '../components/fingerprint.ts';

const NOTICE_ICON = { ok: '✓', warn: '⚠', bad: '✕', info: 'ℹ' } as const;

/** The revocation view. `param`: the identity to open (else the first). Outcomes are announced. */
export class CtRevocationView extends LitElement {
  static override properties = {
    param: { type: String },
    selected: { state: true },
    confirming: { state: true },
    reason: { state: true },
    busy: { state: true },
    actionError: { state: true },
    daysError: { state: true },
    importError: { state: true },
    importText: { state: true },
    importFile: { state: true },
    showQr: { state: true },
    refresh: { state: true },
  };
  static override styles = [sharedStyles, revocationViewStyles];

  declare param: string;
  declare selected: string | undefined;
  declare confirming: IssuedRow | undefined;
  declare reason: CrlReason;
  declare busy: '' | 'issue' | 'revoke' | 'import';
  declare actionError: string;
  declare daysError: string;
  declare importError: { sentence: string; detail: string } | undefined;
  declare importText: string;
  declare importFile: { name: string; bytes: Uint8Array } | undefined;
  declare showQr: boolean;
  declare refresh: number;
  private opener: HTMLElement | null = null;
  private readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });
  private readonly page = new Task(this, {
    task: async ([db, id]) => (db ? loadRevocationPage(db, { ...(id ? { identityId: id } : {}), atMs: this.now() }) : undefined),
    args: () => [this.store.value, this.selected ?? this.param, this.refresh] as const,
  });

  constructor() {
    super();
    this.param = '';
    this.selected = undefined;
    this.confirming = undefined;
    this.reason = 'unspecified';
    this.busy = '';
    this.actionError = '';
    this.daysError = '';
    this.importError = undefined;
    this.importText = '';
    this.importFile = undefined;
    this.showQr = false;
    this.refresh = 0;
  }

  private now(): number {
    return (this.clock.value ?? Date.now)();
  }

  private say(message: string): void {
    this.announcer.value?.announce(message);
  }

  private reload(): void {
    this.refresh++;
  }

  private async copy(text: string, what: string): Promise<void> {
    try {
      await copyText(text);
      this.say(`${what} copied.`);
    } catch (e) {
      this.say(messageFor(e));
    }
  }

  // ---- revoking ----

  private async askRevoke(row: IssuedRow, e: Event): Promise<void> {
    this.opener = e.currentTarget as HTMLElement;
    this.confirming = row;
    this.reason = 'unspecified';
    this.actionError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog#revoke')?.showModal();
  }

  private closeDialog(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog#revoke')?.close();
  }

  private onDialogClose(): void {
    this.confirming = undefined;
    this.opener?.focus();
    this.opener = null;
  }

  private async confirmRevoke(identityId: string): Promise<void> {
    const db = this.store.value;
    const row = this.confirming;
    if (!db || !row || this.busy) return;
    this.busy = 'revoke';
    try {
      await revokeRow(db, { identityId, row, reason: this.reason, atMs: this.now() }); // holds busyRegistry
      this.opener = this.renderRoot.querySelector<HTMLElement>('#issue-btn');
      this.closeDialog();
      this.say(`Revoked ${row.subject} (${CRL_REASON_LABELS[this.reason]}). Issue a new CRL to publish it.`);
      this.reload();
    } catch (err) {
      this.actionError = messageFor(err);
    } finally {
      this.busy = '';
    }
  }

  // ---- our CRL ----

  private async issue(identityId: string, e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const db = this.store.value;
    if (!db || this.busy) return;
    const field = new FormData(e.target as HTMLFormElement).get('days');
    const days = readNextUpdateDays(String(field ?? ''));
    if (typeof days === 'string') {
      this.daysError = days;
      return;
    }
    this.daysError = '';
    this.actionError = '';
    this.busy = 'issue';
    try {
      const r = await publishCrl(db, { identityId, nextUpdateDays: days, atMs: this.now() }); // holds busyRegistry while signing
      this.say(`CRL number ${r.number} issued, listing ${r.revokedCount} revoked certificate${r.revokedCount === 1 ? '' : 's'}. Send it to your partners.`);
      this.reload();
    } catch (err) {
      this.actionError = messageFor(err);
    } finally {
      this.busy = '';
    }
  }

  private async openQr(): Promise<void> {
    if (this.showQr) {
      this.showQr = false;
      return;
    }
    await import('../qr/ct-qr-display.ts');
    this.showQr = true;
  }

  // ---- partners' CRLs ----

  private async onImportFile(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    this.importError = undefined;
    if (!file) {
      this.importFile = undefined;
      return;
    }
    try {
      const f = await readFile(file, 16 * 1024 * 1024);
      this.importFile = { name: f.name, bytes: f.bytes };
    } catch (err) {
      this.importFile = undefined;
      this.importError = { sentence: messageFor(err), detail: '' };
    }
  }

  private clearImportFile(): void {
    this.importFile = undefined;
    this.importError = undefined;
    const picker = this.renderRoot.querySelector<HTMLInputElement>('#crl-file');
    if (picker) {
      picker.value = '';
      picker.focus();
    }
  }

  private async importCrl(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const db = this.store.value;
    if (!db || this.busy) return;
    const data = this.importFile?.bytes ?? this.importText;
    if (typeof data === 'string' && data.trim() === '') {
      this.importError = { sentence: 'Paste a partner’s CRL or choose its file first.', detail: '' };
      return;
    }
    this.busy = 'import';
    this.importError = undefined;
    try {
      const r = await importCrlInput(db, { data, atMs: this.now() });
      this.importText = '';
      this.importFile = undefined;
      const picker = this.renderRoot.querySelector<HTMLInputElement>('#crl-file');
      if (picker) picker.value = '';
      this.say(r.sentence);
      this.reload();
    } catch (err) {
      this.importError =
        err instanceof MultipleCrlsError
          ? { sentence: `This holds ${err.count} CRLs. Import them one at a time, so each is checked on its own.`, detail: '' }
          : { sentence: `Nothing was imported. ${messageFor(err)}`, detail: err instanceof Error ? err.message : '' };
    } finally {
      this.busy = '';
    }
  }

  // ---- rendering ----

  private renderStatus(row: IssuedRow): TemplateResult {
    if (row.revoked) {
      return html`<span class="state bad"><span aria-hidden="true">✕</span> Revoked
        <span class="sub">${formatDate(row.revoked.revokedAtMs)}, ${CRL_REASON_LABELS[row.revoked.reason]}${row.unpublished ? ' · not in a CRL yet' : ''}</span></span>`;
    }
    if (row.expired) return html`<span class="state muted"><span aria-hidden="true">◷</span> Expired</span>`;
    return html`<span class="state ok"><span aria-hidden="true">✓</span> Active</span>`;
  }

  private renderIssued(p: RevocationPage): TemplateResult {
    if (p.issued.length === 0) {
      return html`<p class="empty">Nothing signed by this CA yet. Introductions and cross-certificates it signs appear here, ready to revoke.</p>`;
    }
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Certificates signed by ${p.identity?.label}</caption>
      <thead><tr><th scope="col">Subject</th><th scope="col">Kind</th><th scope="col">Serial</th><th scope="col">Valid until</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
      <tbody>
        ${p.issued.map(
          (row) => html`<tr data-sha256=${row.sha256}>
            <td class="subject">${row.subject || '(empty subject)'}</td>
            <td>${row.kindWord}</td>
            <td class="mono">${row.serialHex}</td>
            <td>${formatDate(row.notAfterMs)}</td>
            <td>${this.renderStatus(row)}</td>
            <td>${row.revoked
              ? nothing
              : html`<button type="button" class="danger" aria-label=${`Revoke the ${row.kindWord.toLowerCase()} of ${row.subject}`} @click=${(e: Event) => void this.askRevoke(row, e)}>Revoke…</button>`}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private renderCrl(p: RevocationPage, identityId: string): TemplateResult {
    const c = p.crl;
    const r = p.reminder;
    return html`<section class="card" aria-labelledby="crl-h" aria-busy=${this.busy === 'issue' ? 'true' : 'false'}>
      <h2 id="crl-h">Your revocation list (CRL)</h2>
      ${r ? html`<div class="notice ${r.level}" data-testid="crl-reminder"><span class="icon" aria-hidden="true">${NOTICE_ICON[r.level]}</span><p>${r.sentence}</p></div>` : nothing}
      ${c
        ? html`<dl class="facts">
            <dt>CRL number</dt><dd data-testid="crl-number">${c.number}</dd>
            <dt>Issued</dt><dd>${formatDateTime(c.thisUpdateMs)}</dd>
            <dt>Next update</dt><dd>${formatDateTime(c.nextUpdateMs)}</dd>
            <dt>Revoked certificates</dt><dd>${c.revokedCount}</dd>
          </dl>
          <div class="actions">
            <button type="button" @click=${() => download(c.der, `${c.fileStem}.crl`, 'application/pkix-crl')}>Download .crl (DER)</button>
            <button type="button" @click=${() => download(c.pem, `${c.fileStem}.crl.pem`, 'application/x-pem-file')}>Download .pem</button>
            <button type="button" @click=${() => void this.copy(c.pem, 'CRL PEM')}>Copy PEM</button>
            <button type="button" aria-expanded=${this.showQr ? 'true' : 'false'} @click=${() => void this.openQr()}>${this.showQr ? 'Hide QR code' : 'Show as QR code'}</button>
          </div>
          ${this.showQr ? html`<div class="qr"><ct-qr-display kind="crl" .bytes=${c.der} filename=${`${c.fileStem}.crl`}></ct-qr-display></div>` : nothing}`
        : nothing}
      <form class="issue" @submit=${(e: SubmitEvent) => void this.issue(identityId, e)} novalidate>
        <div class="field">
          <label for="days">Next update in (days)</label>
          <input id="days" name="days" type="number" min="1" max="366" inputmode="numeric" value=${DEFAULT_NEXT_UPDATE_DAYS}
            aria-describedby="days-hint${this.daysError ? ' days-error' : ''}" aria-invalid=${this.daysError ? 'true' : 'false'} />
        </div>
        <button type="submit" id="issue-btn" class="primary" ?disabled=${this.busy !== ''}>${this.busy === 'issue' ? 'Signing…' : c ? 'Issue a new CRL' : 'Issue CRL'}</button>
      </form>
      <p class="hint" id="days-hint">Partners treat the CRL as current until then; issue the next one before it runs out. Signed here with your CA’s key.</p>
      ${this.daysError ? html`<p class="error" id="days-error" role="alert">${this.daysError}</p>` : nothing}
      ${this.busy === 'issue' ? html`<p class="muted" role="status">Signing the CRL…</p>` : nothing}
      ${this.actionError && !this.confirming ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
    </section>`;
  }

  private renderPartners(p: RevocationPage): TemplateResult {
    const err = this.importError;
    return html`<section class="card" aria-labelledby="peer-h" aria-busy=${this.busy === 'import' ? 'true' : 'false'}>
      <h2 id="peer-h">Partners’ revocation lists</h2>
      <p class="hint">A CRL is accepted only from a partner CA you hold (through an introduction, a cross-certificate or a trust bundle), with a valid signature, and newer than the one you have. Anything else changes nothing.</p>
      <form @submit=${(e: SubmitEvent) => void this.importCrl(e)} novalidate>
        <div class="field">
          <label for="crl-text">Paste a CRL (PEM or base64)</label>
          <textarea id="crl-text" class="crl" spellcheck="false" ?disabled=${this.importFile !== undefined}
            aria-describedby=${err ? 'import-error' : nothing} aria-invalid=${err ? 'true' : 'false'}
            .value=${this.importText} @input=${(e: Event) => (this.importText = (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>
        <div class="field">
          <label for="crl-file">…or choose a .crl or .pem file</label>
          <input id="crl-file" type="file" accept=".crl,.pem,.der,application/pkix-crl" @change=${(e: Event) => void this.onImportFile(e)} />
          ${this.importFile
            ? html`<p class="hint file">Using ${this.importFile.name} (${this.importFile.bytes.length} bytes)
                <button type="button" @click=${() => this.clearImportFile()}>Remove file</button></p>`
            : nothing}
        </div>
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy !== ''}>${this.busy === 'import' ? 'Checking…' : 'Import CRL'}</button></div>
        ${err ? html`<div id="import-error" role="alert"><p class="error">${err.sentence}</p>${err.detail ? html`<p class="hint">${err.detail}</p>` : nothing}</div>` : nothing}
      </form>
      ${p.partners.length === 0
        ? html`<p class="empty">No partner CRLs held yet.</p>`
        : html`<div class="table-wrap"><table>
            <caption class="visually-hidden">Partner CRLs held</caption>
            <thead><tr><th scope="col">Partner CA</th><th scope="col">CRL number</th><th scope="col">Issued</th><th scope="col">Next update</th><th scope="col">Revoked</th><th scope="col">Status</th></tr></thead>
            <tbody>${p.partners.map(
              (x) => html`<tr>
                <td class="subject">${x.doc.issuer}</td>
                <td>${x.doc.crlNumber ?? '—'}</td>
                <td>${formatDateTime(x.doc.thisUpdateMs)}</td>
                <td>${x.doc.nextUpdateMs !== undefined ? formatDateTime(x.doc.nextUpdateMs) : '—'}</td>
                <td>${x.doc.revokedCount}</td>
                <td>${x.stale
                  ? html`<span class="state warn"><span aria-hidden="true">⚠</span> Out of date<span class="sub">Ask the partner for a new one</span></span>`
                  : html`<span class="state ok"><span aria-hidden="true">✓</span> Current</span>`}</td>
              </tr>`,
            )}</tbody>
          </table></div>`}
    </section>`;
  }

  private renderAudit(p: RevocationPage): TemplateResult {
    return html`<section class="card" aria-labelledby="audit-h">
      <h2 id="audit-h">Revocation audit log</h2>
      ${p.audit.length === 0
        ? html`<p class="empty">No revocations, CRLs or imports yet.</p>`
        : html`<div class="table-wrap"><table>
            <caption class="visually-hidden">Revocation audit log</caption>
            <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">CRL number</th><th scope="col">Reason</th></tr></thead>
            <tbody>${p.audit.map((a) => {
              const w = auditWords(a);
              return html`<tr><td>${formatDateTime(a.timeMs)}</td><td>${w.what}</td><td>${w.crlNumber || '—'}</td><td>${w.reason || '—'}</td></tr>`;
            })}</tbody>
          </table></div>`}
    </section>`;
  }

  private renderDialog(identityId: string): TemplateResult {
    const row = this.confirming;
    const reasonHint = REVOKE_REASONS.find((r) => r.value === this.reason)?.hint ?? '';
    return html`<dialog id="revoke" aria-labelledby="rev-h" aria-describedby="rev-d" @close=${() => this.onDialogClose()}>
      ${row
        ? html`<h2 id="rev-h">Revoke this ${row.kindWord.toLowerCase()}?</h2>
          <p id="rev-d">Revoking cannot be undone. Partners stop accepting it once they have your next CRL.</p>
          <dl class="facts">
            <dt>Subject</dt><dd>${row.subject || '(empty subject)'}</dd>
            <dt>Serial</dt><dd class="serial">${row.serialHex}</dd>
            <dt>Valid until</dt><dd>${formatDate(row.notAfterMs)}</dd>
          </dl>
          <p class="muted">SHA-256 fingerprint of the certificate</p>
          <ct-fingerprint .value=${row.fingerprint} label="fingerprint of the certificate to revoke"></ct-fingerprint>
          <div class="field">
            <label for="reason">Reason</label>
            <select id="reason" aria-describedby="reason-hint" .value=${this.reason} @change=${(e: Event) => (this.reason = (e.target as HTMLSelectElement).value as CrlReason)}>
              ${REVOKE_REASONS.map((r) => html`<option value=${r.value} ?selected=${r.value === this.reason}>${r.label}</option>`)}
            </select>
            <p class="hint reason-hint" id="reason-hint">${reasonHint}</p>
          </div>
          ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
          <div class="actions">
            <button type="button" autofocus @click=${() => this.closeDialog()}>Keep it</button>
            <button type="button" class="danger solid" ?disabled=${this.busy !== ''} @click=${() => void this.confirmRevoke(identityId)}>${this.busy === 'revoke' ? 'Revoking…' : 'Revoke'}</button>
          </div>`
        : nothing}
    </dialog>`;
  }

  override render(): TemplateResult {
    return html`
      <h1>Revocation</h1>
      <p class="lede">Withdraw a certificate your CA signed, such as an introduction or a cross-certificate, and publish that as a CRL file your partners import. Their validators, and yours, then refuse it.</p>
      ${this.renderPage()}
    `;
  }

  private renderPage(): TemplateResult {
    // Keep showing the last page while a reload runs, so the dialog and focus are not torn down.
    if (this.page.status === TaskStatus.ERROR) return html`<p class="error" role="alert">${messageFor(this.page.error)}</p>`;
    const p = this.page.value;
    if (!p) return html`<p class="muted" role="status">${this.store.value ? 'Loading revocations…' : 'Opening storage…'}</p>`;
    if (!p.identity) {
      return html`<div class="card"><h2>No certificate authority yet</h2><p>Revocation lists belong to your identities’ CAs. <a href="#/new">Create an identity</a> first.</p></div>
        ${this.renderPartners(p)}${this.renderAudit(p)}`;
    }
    const id = p.identity.id;
    return html`
      ${p.identities.length > 1
        ? html`<div class="picker"><div class="field">
            <label for="ca">Certificate authority</label>
            <select id="ca" @change=${(e: Event) => { this.selected = (e.target as HTMLSelectElement).value; this.showQr = false; this.actionError = ''; }}>
              ${p.identities.map((i) => html`<option value=${i.id} ?selected=${i.id === id}>${i.label}</option>`)}
            </select>
          </div></div>`
        : html`<p>Certificate authority of <strong>${p.identity.label}</strong></p>`}
      ${this.renderCrl(p, id)}
      <section class="card" aria-labelledby="issued-h">
        <h2 id="issued-h">What this CA signed</h2>
        <p class="hint">Your identity certificate, and the introductions and cross-certificates this CA signs in this browser. Leaves of the Scoped PKI are not revoked here: they live 90 days and rely on expiry.</p>
        ${this.renderIssued(p)}
      </section>
      ${this.renderPartners(p)}
      ${this.renderAudit(p)}
      ${this.renderDialog(id)}
    `;
  }
}

customElements.define('ct-revocation-view', CtRevocationView);
declare global {
  interface HTMLElementTagNameMap {
    'ct-revocation-view': CtRevocationView;
  }
}
