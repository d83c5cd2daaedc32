// <ct-source-input>: one input taken three ways — drop a file (or dragged text), choose a file, or
// paste text — handed on as bytes or text with where it came from. Reads only; decides nothing.
import { LitElement, html, css, nothing } from 'lit';
import { readFile, textFrom } from '../../exchange/index.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import { introStyles } from './intro.styles.ts';

export interface SourceDetail {
  /** "Pasted text", "Dropped text" or the file name. */
  readonly source: string;
  readonly input: string | Uint8Array;
}

/**
 * @fires ct-source - detail: SourceDetail, when a file is chosen or dropped, or pasted text is submitted.
 */
export class CtSourceInput extends LitElement {
  static override properties = {
    what: { type: String },
    accept: { type: String },
    hint: { type: String },
    paste: { type: Boolean },
    dragging: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles, introStyles, css`:host { display: block; }`];
  /** What is asked for, e.g. "their identity"; used in labels. */
  declare what: string;
  declare accept: string;
  declare hint: string;
  /** Offer a paste box as well (zip archives are files only). */
  declare paste: boolean;
  declare dragging: boolean;
  declare error: string;

  constructor() {
    super();
    this.what = 'the file';
    this.accept = '';
    this.hint = '';
    this.paste = true;
    this.dragging = false;
    this.error = '';
  }

  private emit(detail: SourceDetail): void {
    this.error = '';
    this.dispatchEvent(new CustomEvent<SourceDetail>('ct-source', { detail, bubbles: true, composed: true }));
  }

  private async fromFile(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      const f = await readFile(file);
      this.emit({ source: f.name, input: f.bytes });
    } catch (e) {
      this.error = messageFor(e);
    }
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging = false;
    const file = e.dataTransfer?.files[0];
    if (file) void this.fromFile(file);
    else if (this.paste) {
      const text = textFrom(e.dataTransfer);
      if (text.trim()) this.emit({ source: 'Dropped text', input: text });
    }
  }

  private onPaste(e: SubmitEvent): void {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('text') ?? '');
    if (text.trim() === '') {
      this.error = `Paste ${this.what} first.`;
      return;
    }
    this.emit({ source: 'Pasted text', input: text });
  }

  override render() {
    return html`
      <div class="drop ${this.dragging ? 'over' : ''}" data-testid="drop-zone"
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragging = true; }}
        @dragleave=${() => (this.dragging = false)}
        @drop=${(e: DragEvent) => this.onDrop(e)}>
        <p><strong>Drop ${this.what} here</strong>${this.hint ? html` <span class="muted">(${this.hint})</span>` : nothing}</p>
        <label for="file">Choose ${this.what}</label>
        <input id="file" type="file" accept=${this.accept || nothing}
          @change=${(e: Event) => { const i = e.target as HTMLInputElement; void this.fromFile(i.files?.[0]).then(() => (i.value = '')); }} />
      </div>
      ${this.paste
        ? html`<form @submit=${(e: SubmitEvent) => this.onPaste(e)}>
            <p class="or">or</p>
            <label for="text">Paste ${this.what}</label>
            <textarea id="text" name="text" spellcheck="false" autocomplete="off"></textarea>
            <div class="actions"><button type="submit">Read pasted text</button></div>
          </form>`
        : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}
customElements.define('ct-source-input', CtSourceInput);
declare global {
  interface HTMLElementTagNameMap { 'ct-source-input': CtSourceInput; }
}
