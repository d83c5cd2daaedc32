// <ct-qr-display>: shows an artefact as one QR code or an animated fountain, with pause/play,
// frame steps, speed, frame size, save as PNG, and a text/file alternative beside it.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { toPem } from '../../pki/index.ts';
import {
  DEFAULT_FRAME_RATE, DEFAULT_FRAME_SIZE, encodeQrPayload, FRAME_RATES, FRAME_SIZES, isTextKind, paintQr, qrMatrix,
  pemLabelForKind, qrPixelSize, type QrEncoding, type QrFrameSize, type QrPayloadKind,
} from '../../exchange/qr/index.ts';
import { displayStyles } from './ct-qr-display.styles.ts';
import { QR_KIND_WORDS, qrMessage } from './qr-messages.ts';

/** Backing pixels per side: enough for crisp scaling on high-density screens. */
const TARGET_PIXELS = 720;

/**
 * @prop kind, bytes – the artefact to show.
 * @prop filename – name for the file alternative and the PNG.
 * Keyboard on the code: Space/Enter play or pause, ← → step one frame.
 */
export class CtQrDisplay extends LitElement {
  static override styles = displayStyles;
  static override properties = {
    kind: { type: String },
    bytes: { attribute: false },
    filename: { type: String },
    frameSize: { type: String, attribute: 'frame-size' },
    fps: { type: Number },
    playing: { type: Boolean, reflect: true },
    seq: { state: true },
    error: { state: true },
  };

  declare kind: QrPayloadKind | undefined;
  declare bytes: Uint8Array | undefined;
  declare filename: string;
  declare frameSize: QrFrameSize;
  declare fps: number;
  declare playing: boolean;
  declare seq: number;
  declare error: string | undefined;
  #encoding: QrEncoding | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #fileUrl: string | undefined;
  #autoplayDecided = false;

  constructor() {
    super();
    this.kind = undefined;
    this.bytes = undefined;
    this.filename = 'crosstrust-export';
    this.frameSize = DEFAULT_FRAME_SIZE;
    this.fps = DEFAULT_FRAME_RATE;
    this.playing = false;
    this.seq = 1;
    this.error = undefined;
  }

  /** The encoding being shown (frames, fragment count). */
  get encoding(): QrEncoding | undefined {
    return this.#encoding;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#syncTimer(); // moved in the DOM: resume playing
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
    if (this.#fileUrl) URL.revokeObjectURL(this.#fileUrl);
    this.#fileUrl = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kind') || changed.has('bytes') || changed.has('frameSize')) this.#encode();
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('playing') || changed.has('fps') || changed.has('kind') || changed.has('bytes') || changed.has('frameSize')) this.#syncTimer();
    this.#paint();
  }

  #encode(): void {
    this.#encoding = undefined;
    this.error = undefined;
    this.seq = 1;
    if (this.#fileUrl) URL.revokeObjectURL(this.#fileUrl);
    this.#fileUrl = undefined;
    if (!this.kind || !this.bytes) return;
    try {
      this.#encoding = encodeQrPayload({ kind: this.kind, bytes: this.bytes }, { frameSize: this.frameSize });
      this.#fileUrl = URL.createObjectURL(new Blob([this.bytes.slice()], { type: 'application/octet-stream' }));
    } catch (e) {
      this.error = qrMessage(e).text;
      return;
    }
    // Animations start on their own unless the user asked for reduced motion (then: press play).
    if (!this.#autoplayDecided) {
      this.#autoplayDecided = true;
      this.playing = !this.#encoding.single && !matchMedia('(prefers-reduced-motion: reduce)').matches;
    }
  }

  #syncTimer(): void {
    this.#stopTimer();
    if (this.playing && this.#encoding && !this.#encoding.single) {
      this.#timer = setInterval(() => (this.seq += 1), Math.round(1000 / Math.max(1, this.fps)));
    }
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #paint(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas || !this.#encoding) return;
    const matrix = qrMatrix(this.#encoding.frameText(this.seq));
    const cells = qrPixelSize(matrix, 1);
    const moduleSize = Math.max(2, Math.ceil(TARGET_PIXELS / cells));
    const side = qrPixelSize(matrix, moduleSize);
    if (canvas.width !== side) canvas.width = canvas.height = side;
    const ctx = canvas.getContext('2d');
    if (ctx) paintQr(ctx, matrix, { moduleSize });
  }

  /** Moves by `delta` frames (frames never run out; numbers stay ≥ 1). */
  step(delta: number): void {
    this.playing = false;
    this.seq = Math.max(1, this.seq + delta);
  }

  #onKey(e: KeyboardEvent): void {
    if (this.#encoding?.single) return;
    if (e.key === ' ' || e.key === 'Enter') this.playing = !this.playing;
    else if (e.key === 'ArrowRight') this.step(1);
    else if (e.key === 'ArrowLeft') this.step(-1);
    else return;
    e.preventDefault();
  }

  /** Saves the current frame as a PNG at 8 pixels per module. */
  async savePng(): Promise<void> {
    if (!this.#encoding) return;
    const matrix = qrMatrix(this.#encoding.frameText(this.seq));
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = qrPixelSize(matrix, 8);
    paintQr(canvas.getContext('2d')!, matrix, { moduleSize: 8 });
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = this.#encoding.single ? `${this.filename}.qr.png` : `${this.filename}.qr-frame-${this.seq}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  /** The same artefact as text (PEM for DER kinds), or undefined for binary files such as zips. */
  #altText(): string | undefined {
    if (!this.kind || !this.bytes) return '';
    const label = pemLabelForKind(this.kind);
    if (label !== undefined) return toPem(label, this.bytes);
    return isTextKind(this.kind) ? new TextDecoder().decode(this.bytes) : undefined;
  }

  override render() {
    if (this.error) return html`<p class="error" role="status">${this.error}</p>`;
    const enc = this.#encoding;
    if (!enc) return nothing;
    const animated = !enc.single;
    const alt = this.#altText();
    const caption = animated
      ? `Animated code: frame ${this.seq}; any ${enc.fragmentCount} or a few more frames complete the transfer.`
      : 'Single code: scan it once.';
    return html`
      <div class="layout">
        <figure>
          <canvas
            role="img"
            tabindex="0"
            aria-label=${animated ? `QR code, frame ${this.seq} of an animated transfer (${this.kind})` : `QR code (${this.kind})`}
            aria-describedby="caption"
            @keydown=${this.#onKey}
          ></canvas>
          <figcaption id="caption">${caption}</figcaption>
          <div class="controls">
            ${animated
              ? html`
                  <button type="button" aria-pressed=${this.playing ? 'true' : 'false'} @click=${() => (this.playing = !this.playing)}>
                    ${this.playing ? 'Pause' : 'Play'}
                  </button>
                  <button type="button" @click=${() => this.step(-1)} ?disabled=${this.seq <= 1}>Previous frame</button>
                  <button type="button" @click=${() => this.step(1)}>Next frame</button>
                  <label>Speed
                    <select @change=${(e: Event) => (this.fps = Number((e.target as HTMLSelectElement).value))}>
                      ${FRAME_RATES.map((r) => html`<option value=${r} ?selected=${r === this.fps}>${r} frames/s</option>`)}
                    </select>
                  </label>
                  <label>Frame size
                    <select @change=${(e: Event) => (this.frameSize = (e.target as HTMLSelectElement).value as QrFrameSize)}>
                      ${(Object.keys(FRAME_SIZES) as QrFrameSize[]).map(
                        (s) => html`<option value=${s} ?selected=${s === this.frameSize}>${s} (${FRAME_SIZES[s]} bytes)</option>`,
                      )}
                    </select>
                  </label>`
              : nothing}
            <button type="button" @click=${() => void this.savePng()}>${animated ? 'Save this frame as PNG' : 'Save as PNG'}</button>
          </div>
        </figure>
        <section class="alt" aria-label="Text and file alternative">
          <p>No camera? Take the same ${this.kind ? QR_KIND_WORDS[this.kind] : 'artefact'} as a file or text:</p>
          <p><a class="button" href=${this.#fileUrl ?? '#'} download=${this.filename}>Download file (${this.bytes?.length ?? 0} bytes)</a></p>
          ${alt === undefined
            ? nothing
            : html`<label for="alt-text">${this.kind && isTextKind(this.kind) ? 'Text' : 'PEM'}</label>
                <textarea id="alt-text" readonly .value=${alt}></textarea>`}
        </section>
      </div>
      <p role="status" class="visually-hidden">
        ${animated ? (this.playing ? 'Playing' : `Paused at frame ${this.seq}`) : ''}
      </p>
    `;
  }
}

customElements.define('ct-qr-display', CtQrDisplay);
declare global {
  interface HTMLElementTagNameMap {
    'ct-qr-display': CtQrDisplay;
  }
}
