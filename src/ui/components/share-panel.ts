// <ct-share-panel>: how an artefact leaves the app — download it, copy it, or show it as a QR code
// (one code or an animated fountain, in a modal dialog, for air-gapped machines). Reusable: any
// view that exports something drops it in.
//
//   import '../components/share-panel.ts';
//   html`<ct-share-panel .items=${[
//     { label: 'Identity (certified base64)', filename: 'acme.ident.b64', mime: 'text/plain', data: b64,
//       qrKind: 'identity', downloadLabel: 'Download .b64', copyLabel: 'Copy base64' },
//     { label: 'CA certificate', filename: 'acme.CA.pem', mime: 'application/x-pem-file', data: caPem },
//   ]}></ct-share-panel>`
//
// ShareItem: `data` is the exact file (string = UTF-8 text, Uint8Array = bytes); the download, the copy
// and the QR code all carry exactly these bytes. `copyText` overrides what Copy puts on the clipboard
// (default: `data` when it is text; binary items have no Copy). `qrKind` (src/exchange/qr) enables
// "Show as QR code"; omit it for items that should not travel by QR. Button names default to
// "Download <label>", "Copy <label>", "Show <label> as QR code" so several items never share a name.
//
// Announces "<label> copied." through announcerContext (else in its own role=status line).
// @fires ct-share — detail `{ item, action: 'download' | 'copy' | 'qr' }` after each action.
import { LitElement, html, css, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { announcerContext } from '../contexts.ts';
import { copyText, download } from '../../exchange/index.ts';
import type { QrPayloadKind } from '../../exchange/qr/index.ts';
import { utf8 } from '../../pki/index.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';

export interface ShareItem {
  /** What it is, e.g. "PEM bundle". Used in button names and the dialog heading. */
  readonly label: string;
  readonly filename: string;
  readonly mime: string;
  /** The exact file: text (written as UTF-8) or bytes. */
  readonly data: string | Uint8Array;
  /** Text for Copy when it differs from `data` (e.g. without a trailing newline). */
  readonly copyText?: string;
  /** QR payload kind; without it the item has no QR button. */
  readonly qrKind?: QrPayloadKind;
  readonly downloadLabel?: string;
  readonly copyLabel?: string;
  readonly qrLabel?: string;
  /** One line under the label (what it is for, who reads it). */
  readonly hint?: string;
}

export type ShareAction = 'download' | 'copy' | 'qr';

const sizeText = (n: number): string => (n < 1024 ? `${n} bytes` : `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} KB`);

export class CtSharePanel extends LitElement {
  static override properties = {
    items: { attribute: false },
    qrItem: { state: true },
    note: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      ul { list-style: none; margin: 0; padding: 0; }
      li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 1rem; padding: 0.7rem 0; border-top: 1px solid var(--ct-border); }
      li:first-child { border-top: 0; padding-top: 0.25rem; }
      .what { flex: 1 1 16rem; min-width: 0; }
      .what strong { display: block; }
      .what p { margin: 0; }
      .file { color: var(--ct-muted); font-size: 0.85rem; font-family: var(--ct-mono); overflow-wrap: anywhere; }
      .actions { margin: 0; flex: 0 1 auto; }
      dialog { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-surface); color: var(--ct-text);
        width: min(60rem, calc(100vw - 2rem)); max-height: calc(100vh - 2rem); padding: 1rem 1.25rem; box-sizing: border-box; }
      dialog::backdrop { background: rgb(0 0 0 / 0.55); }
      dialog h2 { margin-top: 0; }
      .dialog-head { display: flex; justify-content: space-between; align-items: start; gap: 1rem; }
    `,
  ];
  declare items: ReadonlyArray<ShareItem>;
  declare qrItem: ShareItem | undefined;
  declare note: string;
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });
  #opener: HTMLElement | null = null;

  constructor() {
    super();
    this.items = [];
    this.qrItem = undefined;
    this.note = '';
  }

  private say(message: string): void {
    if (this.announcer.value) this.announcer.value.announce(message);
    else this.note = message;
  }

  private fire(item: ShareItem, action: ShareAction): void {
    this.dispatchEvent(new CustomEvent('ct-share', { detail: { item, action }, bubbles: true, composed: true }));
  }

  private textOf(item: ShareItem): string | undefined {
    return item.copyText ?? (typeof item.data === 'string' ? item.data : undefined);
  }

  private save(item: ShareItem): void {
    download(item.data, item.filename, item.mime);
    this.fire(item, 'download');
  }

  private async copy(item: ShareItem): Promise<void> {
    const text = this.textOf(item);
    if (text === undefined) return;
    try {
      await copyText(text);
      this.say(`${item.label} copied.`);
      this.fire(item, 'copy');
    } catch (e) {
      this.say(messageFor(e));
    }
  }

  private async showQr(item: ShareItem, opener: HTMLElement): Promise<void> {
    this.#opener = opener;
    await import('../qr/ct-qr-display.ts');
    this.qrItem = item;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.fire(item, 'qr');
  }

  private closed(): void {
    // The display stops its animation timer when it leaves the DOM.
    this.qrItem = undefined;
    this.#opener?.focus();
    this.#opener = null;
  }

  override render() {
    const q = this.qrItem;
    return html`
      <ul>
        ${this.items.map((item, i) => {
          const size = typeof item.data === 'string' ? utf8.encode(item.data).length : item.data.length;
          const text = this.textOf(item);
          return html`<li>
            <div class="what">
              <strong>${item.label}</strong>
              <p class="file">${item.filename} · ${sizeText(size)}</p>
              ${item.hint ? html`<p class="hint">${item.hint}</p>` : nothing}
            </div>
            <div class="actions">
              <button type="button" class=${i === 0 ? 'primary' : ''} @click=${() => this.save(item)}>${item.downloadLabel ?? `Download ${item.label}`}</button>
              ${text !== undefined ? html`<button type="button" @click=${() => void this.copy(item)}>${item.copyLabel ?? `Copy ${item.label}`}</button>` : nothing}
              ${item.qrKind
                ? html`<button type="button" aria-haspopup="dialog" @click=${(e: Event) => void this.showQr(item, e.currentTarget as HTMLElement)}>${item.qrLabel ?? `Show ${item.label} as QR code`}</button>`
                : nothing}
            </div>
          </li>`;
        })}
      </ul>
      ${this.announcer.value ? nothing : html`<p class="visually-hidden" role="status">${this.note}</p>`}
      <dialog aria-labelledby="qr-h" @close=${() => this.closed()}>
        ${q
          ? html`<div class="dialog-head">
                <h2 id="qr-h">${q.label} as QR code</h2>
                <form method="dialog"><button value="close">Close</button></form>
              </div>
              <p class="hint">Scan it with crosstrust on the other machine: <em>Scan a QR code</em> where it imports. Animated codes finish from any frames, in any order.</p>
              <ct-qr-display kind=${q.qrKind!} .bytes=${typeof q.data === 'string' ? utf8.encode(q.data) : q.data} filename=${q.filename}></ct-qr-display>`
          : nothing}
      </dialog>
    `;
  }
}
customElements.define('ct-share-panel', CtSharePanel);
declare global {
  interface HTMLElementTagNameMap {
    'ct-share-panel': CtSharePanel;
  }
  interface HTMLElementEventMap {
    'ct-share': CustomEvent<{ item: ShareItem; action: ShareAction }>;
  }
}
