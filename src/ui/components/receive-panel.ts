// <ct-receive-panel>: how an artefact comes into the app — paste text, choose files, drop files or
// text, or scan a QR code (camera, photo, screenshot) with <ct-qr-scanner>. Reusable: any view that
// imports something drops it in and handles one event; it decides nothing about the content.
//
//   import '../components/receive-panel.ts';
//   html`<ct-receive-panel label="Bundle to import" paste-label="Or paste a bundle" accept=".pem,.json,.zip"
//          @ct-receive=${(e: ReceiveEvent) => this.read(e.detail.inputs)}></ct-receive-panel>`
//
// @attr label        – what to bring (heading of the drop zone)
// @attr hint         – the formats read, shown under the heading
// @attr accept       – file picker filter (e.g. ".pem,.crt,.json")
// @attr paste-label  – label of the paste box (default "Or paste text"); submit-label – its button
// @attr file-label   – label of the file picker (default "Choose a file or drop it here")
// @attr no-paste     – no paste box (for binary artefacts such as zip archives)
// @prop multiple     – several files at once (default true)
// @prop busy         – the host is working: submit disabled, aria-busy set
// @prop maxBytes     – file size cap (default the exchange layer's 1 MiB; bundles use 10 MB)
// @prop qrKinds      – QR payload kinds this place imports (default: any); others are refused here
// @fires ct-receive  – detail `{ inputs: ReceivedInput[] }`; each input has `name`, `via`
//                      ('paste' | 'file' | 'drop' | 'qr'), `data` (text for paste/drop text, the
//                      exact bytes for files and QR payloads) and, for QR, `qrKind`.
// The camera starts only when the user presses "Scan with camera"; the decoder (zxing wasm, our
// own origin, precached) loads only when scanning starts.
import { LitElement, html, css, nothing } from 'lit';
import { readFile, textFrom, MAX_FILE_BYTES } from '../../exchange/index.ts';
import type { QrPayloadKind } from '../../exchange/qr/index.ts';
import type { QrPayloadEvent } from '../qr/events.ts';
import { QR_KIND_WORDS } from '../qr/qr-messages.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';

export type ReceiveVia = 'paste' | 'file' | 'drop' | 'qr';

export interface ReceivedInput {
  /** File name, "Pasted text", "Dropped text" or "QR code (<kind>)". */
  readonly name: string;
  readonly via: ReceiveVia;
  readonly data: string | Uint8Array;
  readonly qrKind?: QrPayloadKind;
}

export type ReceiveEvent = CustomEvent<{ inputs: ReadonlyArray<ReceivedInput> }>;

export class CtReceivePanel extends LitElement {
  static override properties = {
    label: { type: String },
    hint: { type: String },
    accept: { type: String },
    pasteLabel: { type: String, attribute: 'paste-label' },
    submitLabel: { type: String, attribute: 'submit-label' },
    fileLabel: { type: String, attribute: 'file-label' },
    noPaste: { type: Boolean, attribute: 'no-paste' },
    multiple: { type: Boolean },
    busy: { type: Boolean },
    maxBytes: { type: Number, attribute: 'max-bytes' },
    qrKinds: { attribute: false },
    dragging: { state: true },
    scanning: { state: true },
    problem: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .drop { border: 2px dashed var(--ct-border); border-radius: var(--ct-radius); padding: 1rem 1.25rem; background: var(--ct-bg); }
      .drop.over { border-color: var(--ct-accent); background: color-mix(in srgb, var(--ct-accent) 8%, var(--ct-bg)); }
      .drop h3 { margin: 0 0 0.25rem; }
      .ways { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: end; margin: 0.75rem 0 0; }
      .ways .field { margin: 0; }
      input[type='file'] { font: inherit; max-width: 100%; }
      textarea { width: 100%; max-width: none; min-height: 6.5rem; }
      .paste { margin-top: 1rem; }
      .error:empty { margin: 0; }
      .scanner { margin-top: 0.75rem; padding-top: 0.75rem; border-top: 1px solid var(--ct-border); }
    `,
  ];
  declare label: string;
  declare hint: string;
  declare accept: string;
  declare pasteLabel: string;
  declare submitLabel: string;
  declare fileLabel: string;
  declare noPaste: boolean;
  declare multiple: boolean;
  declare busy: boolean;
  declare maxBytes: number;
  declare qrKinds: ReadonlyArray<QrPayloadKind> | undefined;
  declare dragging: boolean;
  declare scanning: boolean;
  declare problem: string;

  constructor() {
    super();
    this.label = 'Bring a file';
    this.hint = '';
    this.accept = '';
    this.pasteLabel = 'Or paste text';
    this.submitLabel = 'Read pasted text';
    this.fileLabel = '';
    this.noPaste = false;
    this.multiple = true;
    this.busy = false;
    this.maxBytes = MAX_FILE_BYTES;
    this.qrKinds = undefined;
    this.dragging = false;
    this.scanning = false;
    this.problem = '';
  }

  private emit(inputs: ReadonlyArray<ReceivedInput>): void {
    if (inputs.length === 0) return;
    this.problem = '';
    this.dispatchEvent(new CustomEvent('ct-receive', { detail: { inputs }, bubbles: true, composed: true }));
  }

  private async fromFiles(files: ReadonlyArray<File>, via: 'file' | 'drop'): Promise<void> {
    const inputs: ReceivedInput[] = [];
    for (const f of files) {
      try {
        inputs.push({ name: f.name, via, data: (await readFile(f, this.maxBytes)).bytes });
      } catch (e) {
        this.problem = `${f.name}: ${messageFor(e)}`;
        return; // all or nothing: a refused file means none is passed on
      }
    }
    this.emit(inputs);
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging = false;
    const files = e.dataTransfer ? [...e.dataTransfer.files] : [];
    if (files.length) void this.fromFiles(this.multiple ? files : files.slice(0, 1), 'drop');
    else if (!this.noPaste) {
      const text = textFrom(e.dataTransfer);
      if (text) this.emit([{ name: 'Dropped text', via: 'drop', data: text }]);
    }
  }

  private onPaste(e: SubmitEvent): void {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('paste') ?? '');
    if (text.trim() === '') {
      this.problem = 'Paste something first.';
      return;
    }
    this.emit([{ name: 'Pasted text', via: 'paste', data: text }]);
  }

  private onQr(e: QrPayloadEvent): void {
    e.stopPropagation(); // hosts listen for ct-receive only
    const { kind, bytes } = e.detail;
    if (this.qrKinds && !this.qrKinds.includes(kind)) {
      this.problem = `That QR code holds something else (${QR_KIND_WORDS[kind]}); it is not imported here.`;
      return;
    }
    this.emit([{ name: `QR code (${kind})`, via: 'qr', data: bytes, qrKind: kind }]);
  }

  private async toggleScanner(): Promise<void> {
    if (!this.scanning) await import('../qr/ct-qr-scanner.ts');
    this.scanning = !this.scanning;
  }

  /** Moves focus to the file picker (hosts call this when the user must bring something first). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLInputElement>('#file')?.focus(options);
  }

  /** Clears the paste box (hosts call this after a successful import). */
  clear(): void {
    const t = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea');
    if (t) t.value = '';
    this.problem = '';
  }

  override render() {
    return html`
      <div class="drop ${this.dragging ? 'over' : ''}" data-testid="drop-zone" aria-busy=${this.busy ? 'true' : 'false'}
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragging = true; }}
        @dragleave=${() => (this.dragging = false)}
        @drop=${(e: DragEvent) => this.onDrop(e)}>
        <h3>${this.label}</h3>
        ${this.hint ? html`<p class="hint">${this.hint}</p>` : nothing}
        <div class="ways">
          <div class="field">
            <label for="file">${this.fileLabel || `Choose ${this.multiple ? 'files' : 'a file'} or drop ${this.multiple ? 'them' : 'it'} here`}</label>
            <input id="file" type="file" ?multiple=${this.multiple} accept=${this.accept || nothing}
              @change=${(e: Event) => { const i = e.target as HTMLInputElement; void this.fromFiles([...(i.files ?? [])], 'file').then(() => (i.value = '')); }} />
          </div>
          <button type="button" aria-expanded=${this.scanning ? 'true' : 'false'} aria-controls="scanner" @click=${() => void this.toggleScanner()}>
            ${this.scanning ? 'Hide QR scanner' : 'Scan a QR code'}
          </button>
        </div>
        <div id="scanner" class="scanner" ?hidden=${!this.scanning}>
          ${this.scanning ? html`<ct-qr-scanner @ct-qr-payload=${(e: QrPayloadEvent) => this.onQr(e)}></ct-qr-scanner>` : nothing}
        </div>
      </div>
      ${this.noPaste
        ? nothing
        : html`<form class="paste" @submit=${(e: SubmitEvent) => this.onPaste(e)}>
            <label for="paste">${this.pasteLabel}</label>
            <textarea id="paste" name="paste" spellcheck="false"></textarea>
            <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${this.submitLabel}</button></div>
          </form>`}
      <p class="error" role="alert">${this.problem}</p>
    `;
  }
}
customElements.define('ct-receive-panel', CtReceivePanel);
declare global {
  interface HTMLElementTagNameMap {
    'ct-receive-panel': CtReceivePanel;
  }
  interface HTMLElementEventMap {
    'ct-receive': ReceiveEvent;
  }
}
