// <ct-qr-scanner>: reads crosstrust QR transfers from a camera, an image file, a pasted image or a
// dropped screenshot, shows progress, and emits `ct-qr-payload` with the finished payload.
import { LitElement, html, nothing } from 'lit';
import {
  createQrDetector, hasTorch, listCameras, openCamera, QrReceiver, setTorch, stopCamera,
  type CameraInfo, type QrDetector, type QrPayload, type QrProgress,
} from '../../exchange/qr/index.ts';
import { PkiError } from '../../pki/index.ts';
import { qrMessage } from './qr-messages.ts';
import { scannerStyles } from './ct-qr-scanner.styles.ts';
import type { QrPayloadDetail } from './events.ts';

/**
 * @fires ct-qr-payload – `{ kind, bytes, text? }` when a transfer is complete and checked.
 * @prop wasmUrl – where to load zxing_reader.wasm from (default: the copy bundled with the app).
 */
export class CtQrScanner extends LitElement {
  static override styles = scannerStyles;
  static override properties = {
    wasmUrl: { type: String, attribute: 'wasm-url' },
    cameraOn: { state: true },
    cameras: { state: true },
    cameraId: { state: true },
    torch: { state: true },
    progress: { state: true },
    problem: { state: true },
    received: { state: true },
    over: { state: true },
  };

  declare wasmUrl: string | undefined;
  declare cameraOn: boolean;
  declare cameras: CameraInfo[];
  declare cameraId: string;
  declare torch: boolean | undefined;
  declare progress: QrProgress | undefined;
  declare problem: { code: string; text: string } | undefined;
  declare received: QrPayload | undefined;
  declare over: boolean;
  #receiver = new QrReceiver();
  #stream: MediaStream | undefined;
  #startedAtMs = 0;
  #loopToken = 0;

  constructor() {
    super();
    this.wasmUrl = undefined;
    this.cameraOn = false;
    this.cameras = [];
    this.cameraId = '';
    this.torch = undefined;
    this.progress = undefined;
    this.problem = undefined;
    this.received = undefined;
    this.over = false;
    this.addEventListener('paste', (e) => void this.#onPaste(e));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  #detector(): Promise<QrDetector> {
    return createQrDetector(this.wasmUrl === undefined ? {} : { wasmUrl: this.wasmUrl });
  }

  /** Feeds one decoded text; returns true when the transfer completed. */
  #take(text: string): boolean {
    if (this.received) return true;
    try {
      const r = this.#receiver.receive(text);
      if (this.#startedAtMs === 0) this.#startedAtMs = performance.now();
      this.progress = r.progress;
      if (r.status === 'complete') {
        this.#complete(r.payload);
        return true;
      }
      if (r.status === 'progress') this.problem = undefined;
    } catch (e) {
      if (!(e instanceof PkiError)) throw e;
      this.problem = qrMessage(e);
    }
    return false;
  }

  #complete(payload: QrPayload): void {
    this.received = payload;
    this.problem = undefined;
    this.stop();
    const detail: QrPayloadDetail = payload.text === undefined
      ? { kind: payload.kind, bytes: payload.bytes.slice() }
      : { kind: payload.kind, bytes: payload.bytes.slice(), text: payload.text };
    this.dispatchEvent(new CustomEvent('ct-qr-payload', { detail, bubbles: true, composed: true }));
  }

  /** Reads QR codes from image files (photos, screenshots), in order. */
  async scanFiles(files: Iterable<Blob>): Promise<void> {
    let detector: QrDetector;
    try {
      detector = await this.#detector();
    } catch (e) {
      this.problem = qrMessage(e);
      return;
    }
    for (const file of files) {
      if (this.received) return;
      let texts: string[] = [];
      try {
        const bitmap = await createImageBitmap(file);
        texts = await detector.detect(bitmap);
        bitmap.close();
      } catch {
        texts = [];
      }
      if (texts.length === 0) this.problem = qrMessage(new PkiError('QR_NO_CODE_FOUND', 'no QR code in image'));
      for (const t of texts) if (this.#take(t)) return;
    }
  }

  async #onPaste(e: ClipboardEvent): Promise<void> {
    const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
    if (files.length === 0) return;
    e.preventDefault();
    await this.scanFiles(files);
  }

  #onDrop(e: DragEvent): void {
    e.preventDefault();
    this.over = false;
    const files = [...(e.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith('image/'));
    void this.scanFiles(files);
  }

  /** Starts the camera (the chosen one, else a rear camera) and scans until complete or stopped. */
  async start(): Promise<void> {
    this.stop();
    this.problem = undefined;
    let detector: QrDetector;
    try {
      detector = await this.#detector();
      this.#stream = await openCamera(this.cameraId || undefined);
    } catch (e) {
      this.problem = qrMessage(e);
      return;
    }
    this.cameraOn = true;
    this.torch = hasTorch(this.#stream) ? false : undefined;
    this.cameras = await listCameras();
    this.cameraId = this.#stream.getVideoTracks()[0]?.getSettings().deviceId ?? this.cameraId;
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video')!;
    video.srcObject = this.#stream;
    await video.play().catch(() => undefined);
    const token = ++this.#loopToken;
    while (token === this.#loopToken && !this.received) {
      await new Promise<void>((r) => ('requestVideoFrameCallback' in video ? video.requestVideoFrameCallback(() => r()) : setTimeout(r, 50)));
      if (token !== this.#loopToken || video.readyState < 2) continue;
      const texts = await detector.detect(video).catch(() => [] as string[]);
      for (const t of texts) if (token === this.#loopToken && this.#take(t)) break;
    }
  }

  /** Stops the camera; what was received so far is kept. */
  stop(): void {
    this.#loopToken++;
    stopCamera(this.#stream);
    this.#stream = undefined;
    this.cameraOn = false;
    this.torch = undefined;
  }

  /** Forgets the partial transfer (e.g. after scanning the wrong animation). */
  reset(): void {
    this.#receiver.reset();
    this.#startedAtMs = 0;
    this.progress = undefined;
    this.problem = undefined;
    this.received = undefined;
  }

  /** The transfer so far must be complete; shows QR_INCOMPLETE (how far it got) otherwise. */
  finish(): void {
    try {
      this.#receiver.finish();
    } catch (e) {
      this.problem = { code: qrMessage(e).code, text: `${qrMessage(e).text} ${e instanceof Error ? e.message : ''}` };
    }
  }

  #remaining(p: QrProgress): string {
    if (p.percent >= 100) return '';
    const seconds = (performance.now() - this.#startedAtMs) / 1000;
    const rate = seconds > 1 && p.framesUseful > 1 ? p.framesUseful / seconds : 0;
    const eta = rate > 0 ? `, about ${Math.ceil(p.estimatedFramesRemaining / rate)} s` : '';
    return ` · about ${p.estimatedFramesRemaining} more frame(s)${eta}`;
  }

  override render() {
    const p = this.progress;
    return html`
      <div
        class="drop ${this.over ? 'over' : ''}"
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.over = true; }}
        @dragleave=${() => (this.over = false)}
        @drop=${this.#onDrop}
      >
        <div class="controls">
          <button type="button" aria-pressed=${this.cameraOn ? 'true' : 'false'} @click=${() => (this.cameraOn ? this.stop() : void this.start())}>
            ${this.cameraOn ? 'Stop camera' : 'Scan with camera'}
          </button>
          ${this.cameras.length > 1
            ? html`<label>Camera
                <select @change=${(e: Event) => { this.cameraId = (e.target as HTMLSelectElement).value; void this.start(); }}>
                  ${this.cameras.map((c) => html`<option value=${c.deviceId} ?selected=${c.deviceId === this.cameraId}>${c.label}</option>`)}
                </select></label>`
            : nothing}
          ${this.torch !== undefined
            ? html`<button type="button" aria-pressed=${this.torch ? 'true' : 'false'}
                @click=${() => { const on = !this.torch; this.torch = on; if (this.#stream) void setTorch(this.#stream, on); }}>Torch</button>`
            : nothing}
          <label>Image or screenshot
            <input type="file" accept="image/*" multiple
              @change=${(e: Event) => { const i = e.target as HTMLInputElement; void this.scanFiles([...(i.files ?? [])]); i.value = ''; }} />
          </label>
          ${p ? html`<button type="button" @click=${() => this.reset()}>Start over</button>` : nothing}
        </div>
        <p class="hint">You can also paste an image (Ctrl+V) or drop screenshots here.</p>
        <video ?hidden=${!this.cameraOn} muted playsinline aria-label="Camera preview"></video>
      </div>
      ${p && !this.received
        ? html`<p>
            <progress max="100" .value=${p.percent} aria-label="Transfer progress"></progress><br />
            <span data-progress>${p.framesReceived} frame(s) received · ${p.percent}% decoded${this.#remaining(p)}</span>
          </p>`
        : nothing}
      <p role="status">
        ${this.received
          ? html`<span class="done">Received ${this.received.kind} (${this.received.bytes.length} bytes).</span>`
          : this.problem
            ? html`<span class="problem" data-code=${this.problem.code}>${this.problem.text}</span>`
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
