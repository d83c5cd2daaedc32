// <ct-signer-picker>: which of our identities signs (or whose trust state is meant). One identity is
// shown as a fact; several as a labelled select; none as a link to create one.
import { LitElement, html, css, nothing } from 'lit';
import { sharedStyles } from '../shared-styles.ts';
import { STATUS_WORDS, formatDate } from '../format.ts';
import type { Signer } from './signers.ts';

/**
 * @fires ct-signer-change - detail: { id } when the user picks another identity.
 */
export class CtSignerPicker extends LitElement {
  static override properties = {
    signers: { attribute: false },
    selected: { type: String },
    label: { type: String },
    why: { type: String },
    unusable: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { margin: 0 0 1rem; }
      .picker { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; }
      select { max-width: 28rem; width: auto; }
      .fp { font-family: var(--ct-mono); font-size: 0.82rem; color: var(--ct-muted); overflow-wrap: anywhere; }
      .none { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
    `,
  ];
  declare signers: ReadonlyArray<Signer>;
  declare selected: string | undefined;
  /** e.g. "Signed by", "Export for". */
  declare label: string;
  /** Why an identity is needed, for the empty state. */
  declare why: string;
  /** Returns a reason when a signer cannot be used here (it is shown, but not chosen). */
  declare unusable: ((s: Signer) => string | undefined) | undefined;

  constructor() {
    super();
    this.signers = [];
    this.selected = undefined;
    this.label = 'Signed by';
    this.why = 'Introductions are signed by your identity’s CA.';
    this.unusable = undefined;
  }

  private pick(id: string): void {
    this.selected = id;
    this.dispatchEvent(new CustomEvent('ct-signer-change', { detail: { id }, bubbles: true, composed: true }));
  }

  override render() {
    if (this.signers.length === 0) {
      return html`<div class="card none" data-testid="no-identity"><span>You have no identity in this browser yet. ${this.why}</span>
        <a class="button primary" href="#/new">Create an identity</a></div>`;
    }
    const s = this.signers.find((x) => x.id === this.selected) ?? this.signers[0]!;
    const st = STATUS_WORDS[s.status];
    const why = this.unusable?.(s);
    return html`<div class="card">
      <div class="picker">
        ${this.signers.length === 1
          ? html`<span><span class="muted">${this.label}</span> <strong>${s.label}</strong></span>`
          : html`<label for="signer">${this.label}</label>
              <select id="signer" @change=${(e: Event) => this.pick((e.target as HTMLSelectElement).value)}>
                ${this.signers.map((x) => html`<option value=${x.id} ?selected=${x.id === s.id}>${x.label}</option>`)}
              </select>`}
        <span class=${st.cls}><span aria-hidden="true">${st.icon}</span> CA ${st.word.toLowerCase()} until ${formatDate(s.caNotAfterMs)}</span>
      </div>
      <p class="fp">CA SHA-256 ${s.caFingerprint}</p>
      ${why ? html`<p class="warn" role="note">${why}</p>` : nothing}
    </div>`;
  }
}
customElements.define('ct-signer-picker', CtSignerPicker);
declare global {
  interface HTMLElementTagNameMap { 'ct-signer-picker': CtSignerPicker; }
}
