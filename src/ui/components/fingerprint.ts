// A SHA-256 fingerprint in grouped monospace people can read aloud, with a copy button.
import { LitElement, html, css } from 'lit';
import { ContextConsumer } from '@lit/context';
import { announcerContext } from '../contexts.ts';
import { copyText } from '../../exchange/index.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';

/** A grouped fingerprint's groups as spans (for grid layouts), spaces kept so it copies and reads as one string. */
export const fingerprintGroups = (grouped: string) => grouped.split(' ').map((g, i) => html`${i ? ' ' : ''}<span>${g}</span>`);

/**
 * @attr value - the fingerprint, grouped (e.g. "3A7F 09C2 …")
 * @attr label - what it is the fingerprint of, for the copy button's name
 */
export class CtFingerprint extends LitElement {
  static override properties = { value: { type: String }, label: { type: String } };
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
      code { font-family: var(--ct-mono); font-size: 1.05rem; letter-spacing: 0.04em; word-spacing: 0.2em; display: grid; grid-template-columns: repeat(8, auto); gap: 0.1rem 0.7rem; justify-content: start; }
      @media (max-width: 40rem) { code { grid-template-columns: repeat(4, auto); } }
    `,
  ];
  declare value: string;
  declare label: string;
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });

  constructor() {
    super();
    this.value = '';
    this.label = 'fingerprint';
  }

  private async copy(): Promise<void> {
    try {
      await copyText(this.value);
      this.announcer.value?.announce('Fingerprint copied.');
    } catch (e) {
      this.announcer.value?.announce(messageFor(e));
    }
  }

  override render() {
    return html`<div class="row">
      <code aria-label=${`SHA-256 fingerprint: ${this.value}`}>${fingerprintGroups(this.value)}</code>
      <button type="button" @click=${() => void this.copy()} aria-label=${`Copy ${this.label}`}>Copy</button>
    </div>`;
  }
}
customElements.define('ct-fingerprint', CtFingerprint);
declare global {
  interface HTMLElementTagNameMap { 'ct-fingerprint': CtFingerprint; }
}
