// <ct-qr-scanner>: reads crosstrust QR transfers from a camera, an image file, a pasted image or a
// dropped screenshot, shows progress, and emits `ct-qr-payload` with the finished payload.
import { LitElement, html, nothing } from 'lit';
import type { QrPayload } from '../../exchange/qr/index.ts';
import { QrScanController } from './qr-scan-controller.ts';
import { scannerStyles } from './ct-qr-scanner.styles.ts';
import type { QrPayloadDetail } from './events.ts';

const images = (files: FileList | null | undefined): File[] => [...(files ?? [])].filter((f) => f.type.startsWith('image/'));

/**
 * @fires ct-qr-payload – `{ kind, bytes, text? }` when a transfer is complete and checked.
 * @prop wasmUrl – where to load zxing_reader.wasm from (default: the copy bundled with the app).
 */
export class CtQrScanner extends LitElement {
  static override styles = scannerStyles;
  static override properties = {
    wasmUrl: { type: String, attribute: 'wasm-url' },
    over: { state: true },
  };

  declare wasmUrl: string | undefined;
  declare over: boolean;
  readonly #scan = new QrScanController(this);

  constructor() {
    super();
    this.wasmUrl = undefined;
    this.over = false;
    this.addEventListener('paste', (e) => {
      const files = images(e.clipboardData?.files);
      if (files.length === 0) return;
      e.preventDefault();
      void this.#scan.scanImages(files);
    });
  }

  videoElement(): HTMLVideoElement | null {
    return this.renderRoot.querySelector('video');
  }

  payloadReceived(payload: QrPayload): void {
    const detail: QrPayloadDetail = payload.text === undefined
      ? { kind: payload.kind, bytes: payload.bytes.slice() }
      : { kind: payload.kind, bytes: payload.bytes.slice(), text: payload.text };
    this.dispatchEvent(new CustomEvent('ct-qr-payload', { detail, bubbles: true, composed: true }));
  }

  /** Reads QR codes from image files (photos, screenshots), in order. */
  scanFiles(files: Iterable<Blob>): Promise<void> {
    return this.#scan.scanImages(files);
  }

  /** Declares the stream finished; an incomplete one is reported (QR_INCOMPLETE). */
  finish(): void {
    this.#scan.finish();
  }

  #onDrop(e: DragEvent): void {
    e.preventDefault();
    this.over = false;
    void this.#scan.scanImages(images(e.dataTransfer?.files));
  }

  #progressText(): string {
    const p = this.#scan.progress!;
    const eta = this.#scan.estimatedSecondsRemaining();
    const rest = p.percent >= 100 ? '' : ` · about ${p.estimatedFramesRemaining} more frame(s)${eta === undefined ? '' : `, about ${eta} s`}`;
    return `${p.framesUseful} frame(s) received · ${p.percent}% decoded${rest}`;
  }

  override render() {
    const s = this.#scan;
    return html`
      <div
        class="drop ${this.over ? 'over' : ''}"
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.over = true; }}
        @dragleave=${() => (this.over = false)}
        @drop=${this.#onDrop}
      >
        <div class="controls">
          <button type="button" aria-pressed=${s.cameraOn ? 'true' : 'false'} @click=${() => (s.cameraOn ? s.stop() : void s.start())}>
            ${s.cameraOn ? 'Stop camera' : 'Scan with camera'}
          </button>
          ${s.cameras.length > 1
            ? html`<label>Camera
                <select @change=${(e: Event) => s.selectCamera((e.target as HTMLSelectElement).value)}>
                  ${s.cameras.map((c) => html`<option value=${c.deviceId} ?selected=${c.deviceId === s.cameraId}>${c.label}</option>`)}
                </select></label>`
            : nothing}
          ${s.torch !== undefined
            ? html`<button type="button" aria-pressed=${s.torch ? 'true' : 'false'} @click=${() => void s.toggleTorch()}>Torch</button>`
            : nothing}
          <label>Image or screenshot
            <input type="file" accept="image/*" multiple
              @change=${(e: Event) => { const i = e.target as HTMLInputElement; void s.scanImages(images(i.files)); i.value = ''; }} />
          </label>
          ${s.progress ? html`<button type="button" @click=${() => s.reset()}>Start over</button>` : nothing}
          ${s.progress && !s.received ? html`<button type="button" @click=${() => s.finish()}>Done scanning</button>` : nothing}
        </div>
        <p class="hint">You can also paste an image (Ctrl+V) or drop screenshots here.</p>
        <video ?hidden=${!s.cameraOn} muted playsinline aria-label="Camera preview"></video>
      </div>
      ${s.progress && !s.received
        ? html`<p>
            <progress max="100" .value=${s.progress.percent} aria-label="Transfer progress"></progress><br />
            <span data-progress>${this.#progressText()}</span>
          </p>`
        : nothing}
      <p role="status">
        ${s.received
          ? html`<span class="done">Received ${s.received.kind} (${s.received.bytes.length} bytes).</span>`
          : s.problem
            ? html`<span class="problem" data-code=${s.problem.code}>${s.problem.text}</span>`
            : nothing}
      </p>
    `;
  }
}

customElements.define('ct-qr-scanner', CtQrScanner);
declare global {
  interface HTMLElementTagNameMap {
    'ct-qr-scanner': CtQrScanner;
  }
}
