// One identity: who it is, its fingerprint, what to do with it (introduce, cross-certify, revoke), exports
// (certified get-ident .b64, PEM), whether its private keys can be recovered, rename, delete, audit log.
import { LitElement, html, css, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { storeContext, clockContext, announcerContext } from '../contexts.ts';
import { loadIdentityDetail, type KeyCustody } from '../controllers/identity-detail.ts';
import { identityExports, type IdentityExports } from '../controllers/identity-export.ts';
import type { ShareItem } from '../components/share-panel.ts';
import { renameIdentity, deleteIdentity } from '../../store/index.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import { STATUS_WORDS, formatDate } from '../format.ts';
import '../components/fingerprint.ts';
import '../components/cert-details.ts';
import '../components/share-panel.ts';
import '../audit/ct-audit-table.ts';
import { auditRows } from '../audit/audit-log.ts';

/** The identity's exports as share items: each can be downloaded, copied and shown as a QR code. */
function shareItems(ex: IdentityExports): ShareItem[] {
  return [
    { label: 'Identity base64', filename: ex.b64Name, mime: 'text/plain', data: ex.b64, copyText: ex.b64.trim(), qrKind: 'identity',
      downloadLabel: 'Download .b64', copyLabel: 'Copy base64', qrLabel: 'Show identity as QR code', hint: 'For certified introduce, or crosstrust’s Introduce page.' },
    { label: 'Identity PEM', filename: ex.pemName, mime: 'application/x-pem-file', data: ex.pem, qrKind: 'pem-bundle',
      downloadLabel: 'Download .pem', copyLabel: 'Copy PEM', qrLabel: 'Show identity PEM as QR code', hint: 'The same certificate for tools that read PEM.' },
    { label: 'CA certificate', filename: ex.caPemName, mime: 'application/x-pem-file', data: ex.caPem, qrKind: 'pem-bundle',
      downloadLabel: 'Download CA certificate', copyLabel: 'Copy CA certificate', qrLabel: 'Show CA certificate as QR code', hint: 'Your organisation’s root, for a partner’s trust bundle.' },
  ];
}

const KEY_NAMES = (e: KeyCustody['escrowed']): string => (e.ca ? 'the CA key' : 'the identity key');

/** Where the identity's private keys can come back from, in words (icon and word, never colour alone). */
function renderKeyCustody(k: KeyCustody) {
  const to = k.recipients.length
    ? html` to the recovery key ${k.recipients.map((r, i) => html`${i ? ', ' : ''}<code class="recipient">${r}</code>`)}`
    : nothing;
  const state =
    k.state === 'recoverable'
      ? html`<p class="ok" data-state="recoverable"><span aria-hidden="true">✓</span> <strong>Recoverable.</strong></p>
          <p>Both private keys (CA and identity) were escrowed when it was made, encrypted${to}. If this browser’s data is lost, restore a backup and the recovery key brings them back on the <a href="#/backup">Backup</a> page.</p>`
      : k.state === 'partial'
        ? html`<p class="warn" data-state="partial"><span aria-hidden="true">⚠</span> <strong>Partly recoverable.</strong></p>
            <p>Only ${KEY_NAMES(k.escrowed)} was escrowed${to}; the other key exists only in this browser.</p>`
        : html`<p class="warn" data-state="browser-only"><span aria-hidden="true">⚠</span> <strong>Only in this browser.</strong></p>
            <p>Its private keys were not escrowed when it was made, so no copy exists anywhere else and no backup can hold them. Clearing site data, a new browser profile or a lost device destroys them for good; partners would then need a new introduction. Ask the browser to keep this site’s data on the <a href="#/storage">Storage</a> page.</p>`;
  return html`${state}
    ${k.held
      ? nothing
      : html`<p class="bad" data-state="missing"><span aria-hidden="true">✕</span> <strong>Not in this browser now.</strong> ${k.state === 'browser-only'
          ? 'It cannot sign: its keys are gone.'
          : html`It cannot sign until its keys are recovered: open <a href="#/backup">Backup</a> and use the recovery key.`}</p>`}`;
}

export class CtIdentityView extends LitElement {
  static override properties = { param: { type: String }, renaming: { state: true }, actionError: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      .b64 { width: 100%; max-width: none; min-height: 7.5rem; resize: vertical; font-size: 0.85rem; word-break: break-all; }
      .rename { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
      .rename .field { margin: 0; flex: 1 1 16rem; }
      dialog { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-surface); color: var(--ct-text); max-width: 30rem; padding: 1.25rem 1.5rem; }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      dialog h2, .card > h2 { margin-top: 0; }
      details > summary { cursor: pointer; font-weight: 600; padding: 0.25rem 0; }
      .danger-zone { border-color: var(--ct-danger); }
      ul.acts { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6rem; }
      ul.acts li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.3rem 0.9rem; }
      ul.acts .button { min-width: 15rem; text-align: center; }
      ul.acts .hint { margin: 0; flex: 1 1 16rem; }
      code.recipient { overflow-wrap: anywhere; font-size: 0.85rem; }
      [data-state] { margin-bottom: 0.25rem; }
    `,
  ];
  declare param: string;
  declare renaming: boolean;
  declare actionError: string;
  private readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });
  private readonly detail = new Task(this, {
    task: async ([db, id]) => {
      if (!db) return undefined;
      return loadIdentityDetail(db, id, this.now());
    },
    args: () => [this.store.value, this.param] as const,
  });

  constructor() {
    super();
    this.param = '';
    this.renaming = false;
    this.actionError = '';
  }

  private now(): number {
    return (this.clock.value ?? Date.now)();
  }

  private say(message: string): void {
    this.announcer.value?.announce(message);
  }

  private async rename(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const db = this.store.value;
    const label = String(new FormData(e.target as HTMLFormElement).get('label') ?? '');
    if (!db) return;
    try {
      const rec = await renameIdentity(db, this.param, label, this.now());
      this.actionError = '';
      this.renaming = false;
      this.say(`Renamed to “${rec.label}”.`);
      void this.detail.run();
    } catch (err) {
      this.actionError = messageFor(err);
    }
  }

  private dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private async confirmDelete(): Promise<void> {
    const db = this.store.value;
    this.dialog()?.close();
    if (!db) return;
    try {
      await deleteIdentity(db, this.param, this.now());
      this.say('Identity and its private keys deleted.');
      location.hash = '#/identities';
    } catch (err) {
      this.actionError = messageFor(err);
    }
  }

  override render() {
    return this.detail.render({
      pending: () => html`<p class="muted" role="status">Loading identity…</p>`,
      error: (e) => html`<h1>Identity not available</h1><p class="error" role="alert">${messageFor(e)}</p><p><a href="#/identities">Back to identities</a></p>`,
      complete: (d) => {
        if (!d) return html`<p class="muted">Opening storage…</p>`;
        const ex = identityExports(d.record);
        const st = STATUS_WORDS[d.id.status];
        return html`
          <p><a href="#/identities">← Identities</a></p>
          <h1>${d.record.label}</h1>
          <p class="lede">${d.id.subject} · ${d.id.key.type} · <span class=${st.cls}><span aria-hidden="true">${st.icon}</span> ${st.word}</span> until ${formatDate(d.id.notAfterMs)}</p>

          <section class="card" aria-labelledby="fp-h">
            <h2 id="fp-h">Fingerprint</h2>
            <p class="hint">Read this aloud to a peer, or compare it with what they see, to be sure they received your identity unchanged.</p>
            <ct-fingerprint .value=${d.id.fingerprintSha256.grouped} label="identity fingerprint" data-testid="fingerprint"></ct-fingerprint>
          </section>

          <section class="card" aria-labelledby="act-h">
            <h2 id="act-h">Work with this identity</h2>
            <ul class="acts">
              <li><a class="button" href="#/introduce/${encodeURIComponent(d.record.id)}">Introduce a partner</a>
                <p class="hint">Your CA re-signs a partner’s identity after you compare its fingerprint; you send them intro.json.</p></li>
              <li>${d.canCrossCertify
                ? html`<a class="button" href="#/cross-certify/${encodeURIComponent(d.record.id)}">Cross-certify a partner CA</a>
                    <p class="hint">Trust a partner’s whole CA, only within the limits you set.</p>`
                : html`<span class="muted">Cross-certify a partner CA</span>
                    <p class="hint">Not with this identity: its CA was made with certified’s profile, which allows no CA below it.</p>`}</li>
              <li><a class="button" href="#/revocation/${encodeURIComponent(d.record.id)}">Revocation</a>
                <p class="hint">Revoke what this CA signed and publish its revocation list (CRL).</p></li>
            </ul>
          </section>

          <section class="card" aria-labelledby="export-h">
            <h2 id="export-h">Share your identity</h2>
            <p class="hint">This is what <code>certified get-ident</code> prints. Peers pass it to <code>certified introduce</code>. It holds no private key.</p>
            <label for="b64">Identity (certified base64)</label>
            <textarea id="b64" class="b64" readonly data-testid="ident-b64">${ex.b64.trim()}</textarea>
            <ct-share-panel .items=${shareItems(ex)}></ct-share-panel>
          </section>

          <section class="card" aria-labelledby="keys-h" data-testid="key-custody">
            <h2 id="keys-h">Private keys</h2>
            ${renderKeyCustody(d.keys)}
          </section>

          <section class="card" aria-labelledby="cert-h">
            <h2 id="cert-h">Certificates</h2>
            <details open><summary>Identity certificate</summary><ct-cert-details .summary=${d.id}></ct-cert-details></details>
            <details><summary>Signing certificate authority</summary><ct-cert-details .summary=${d.ca}></ct-cert-details></details>
          </section>

          <section class="card" aria-labelledby="audit-h">
            <h2 id="audit-h">Audit log</h2>
            <p class="hint">What this identity’s keys signed and what changed, newest first. <a href=${`#/audit/identity:${encodeURIComponent(d.record.id)}`}>Open in the whole audit log</a> to filter or download it.</p>
            <ct-audit-table .rows=${auditRows(d.audit, [d.record])} caption=${`Audit entries of ${d.record.label}`}></ct-audit-table>
          </section>

          <section class="card danger-zone" aria-labelledby="manage-h">
            <h2 id="manage-h">Manage</h2>
            ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
            ${this.renaming
              ? html`<form class="rename" @submit=${(e: SubmitEvent) => void this.rename(e)}>
                  <div class="field"><label for="label">New label</label><input id="label" name="label" .value=${d.record.label} required /></div>
                  <button class="primary" type="submit">Save</button>
                  <button type="button" @click=${() => (this.renaming = false)}>Cancel</button>
                </form>`
              : html`<div class="actions">
                  <button type="button" @click=${async () => { this.renaming = true; await this.updateComplete; this.renderRoot.querySelector<HTMLInputElement>('#label')?.select(); }}>Rename</button>
                  <button type="button" class="danger" @click=${() => this.dialog()?.showModal()}>Delete…</button>
                </div>`}
          </section>

          <dialog aria-labelledby="del-h" aria-describedby="del-d">
            <h2 id="del-h">Delete “${d.record.label}”?</h2>
            <p id="del-d">${d.keys.state === 'browser-only'
              ? 'Its private keys are destroyed and cannot be recovered.'
              : 'Its private keys are deleted from this browser; only the escrowed copies, encrypted to your recovery key, remain.'} Peers who trust this identity will need a new introduction.</p>
            <form method="dialog" class="actions">
              <button value="cancel" autofocus>Keep it</button>
              <button type="button" class="danger solid" @click=${() => void this.confirmDelete()}>Delete identity</button>
            </form>
          </dialog>
        `;
      },
    });
  }
}
customElements.define('ct-identity-view', CtIdentityView);
declare global {
  interface HTMLElementTagNameMap { 'ct-identity-view': CtIdentityView; }
}
