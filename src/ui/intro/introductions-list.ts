// <ct-introductions-list>: installed introductions with their services and validity; removing one
// takes a second, explicit confirmation.
import { LitElement, html, css, nothing } from 'lit';
import type { IntroductionDoc } from '../../store/introductions.ts';

/**
 * @fires ct-intro-remove - detail: { idPath } after the user confirms removal.
 */
export class CtIntroductionsList extends LitElement {
  static override properties = { introductions: { attribute: false }, now: { type: Number }, confirming: { state: true } };
  declare introductions: ReadonlyArray<IntroductionDoc>;
  declare now: number;
  declare confirming: string | undefined;

  static override styles = css`
    :host { display: block; color: var(--ct-text); }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: start; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--ct-border); vertical-align: top; }
    .expired { color: var(--ct-danger); } .ok { color: var(--ct-ok); }
    code { overflow-wrap: anywhere; }
  `;

  constructor() {
    super();
    this.introductions = [];
    this.now = Date.now();
    this.confirming = undefined;
  }

  override render() {
    if (this.introductions.length === 0) return html`<p>No introductions installed.</p>`;
    return html`<table>
      <caption>Installed introductions</caption>
      <thead><tr><th scope="col">Introduced by</th><th scope="col">Valid until</th><th scope="col">Services</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${this.introductions.map((i) => {
        const expired = this.now > i.notAfterMs;
        return html`<tr>
          <td><code>${i.introducer}</code></td>
          <td class=${expired ? 'expired' : 'ok'}>${expired ? '✗ expired ' : '✓ '}${new Date(i.notAfterMs).toISOString().slice(0, 10)}</td>
          <td>${i.services.length ? html`<ul>${i.services.map((s) => html`<li><strong>${s.alias}</strong> ${s.url}</li>`)}</ul>` : '—'}</td>
          <td>${this.confirming === i.idPath
            ? html`<button type="button" @click=${() => { this.confirming = undefined; this.dispatchEvent(new CustomEvent('ct-intro-remove', { detail: { idPath: i.idPath }, bubbles: true, composed: true })); }}>Confirm removal</button>
                   <button type="button" @click=${() => (this.confirming = undefined)}>Keep</button>`
            : html`<button type="button" aria-label=${`Remove introduction from ${i.introducer}`} @click=${() => (this.confirming = i.idPath)}>Remove</button>`}</td>
        </tr>`;
      })}</tbody>
    </table>${nothing}`;
  }
}
customElements.define('ct-introductions-list', CtIntroductionsList);
declare global {
  interface HTMLElementTagNameMap { 'ct-introductions-list': CtIntroductionsList; }
}
