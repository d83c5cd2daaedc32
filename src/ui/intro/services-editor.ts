// <ct-services-editor>: rows of alias → https URL with validation messages tied to their fields.
import { LitElement, html, css } from 'lit';
import { aliasProblem, serviceUrlProblem, type ServiceEntry } from '../../pki/index.ts';

/**
 * @fires ct-services-change - detail: { services, valid } whenever a row changes.
 */
export class CtServicesEditor extends LitElement {
  static override properties = { services: { attribute: false } };
  declare services: ReadonlyArray<ServiceEntry>;

  static override styles = css`
    :host { display: block; }
    .row { display: flex; gap: 0.5rem; align-items: start; margin-block: 0.25rem; flex-wrap: wrap; }
    .err { color: var(--ct-danger); font-size: 0.85rem; display: block; }
    input { font: inherit; }
  `;

  constructor() {
    super();
    this.services = [];
  }

  private update_(i: number, patch: Partial<ServiceEntry>): void {
    const next = this.services.map((s, k) => (k === i ? { ...s, ...patch } : s));
    this.set(next);
  }

  private set(next: ReadonlyArray<ServiceEntry>): void {
    this.services = next;
    const valid = next.every((s) => !aliasProblem(s.alias) && !serviceUrlProblem(s.url)) && new Set(next.map((s) => s.alias)).size === next.length;
    this.dispatchEvent(new CustomEvent('ct-services-change', { detail: { services: next, valid }, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <fieldset>
        <legend>Services (alias → https URL)</legend>
        ${this.services.map((s, i) => {
          const a = s.alias ? aliasProblem(s.alias) : null;
          const u = s.url ? serviceUrlProblem(s.url) : null;
          return html`<div class="row">
            <label>Alias <input .value=${s.alias} aria-invalid=${a ? 'true' : 'false'} aria-describedby="alias-err-${i}" @input=${(e: Event) => this.update_(i, { alias: (e.target as HTMLInputElement).value })} /></label>
            <span class="err" id="alias-err-${i}">${a?.message ?? ''}</span>
            <label>URL <input type="url" .value=${s.url} aria-invalid=${u ? 'true' : 'false'} aria-describedby="url-err-${i}" @input=${(e: Event) => this.update_(i, { url: (e.target as HTMLInputElement).value })} /></label>
            <span class="err" id="url-err-${i}">${u?.message ?? ''}</span>
            <button type="button" @click=${() => this.set(this.services.filter((_, k) => k !== i))}>Remove ${s.alias || 'service'}</button>
          </div>`;
        })}
        <button type="button" @click=${() => this.set([...this.services, { alias: '', url: 'https://' }])}>Add service</button>
      </fieldset>
    `;
  }
}
customElements.define('ct-services-editor', CtServicesEditor);
declare global {
  interface HTMLElementTagNameMap { 'ct-services-editor': CtServicesEditor; }
}
