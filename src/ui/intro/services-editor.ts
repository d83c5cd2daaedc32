// <ct-services-editor>: rows of alias → https URL carried in intro.json, each field with its own error
// (tied by aria-describedby). certified clients find a service by its alias: https://ALIAS/…
import { LitElement, html, css, nothing } from 'lit';
import { aliasProblem, serviceUrlProblem, type ServiceEntry } from '../../pki/index.ts';
import { sharedStyles } from '../shared-styles.ts';

/**
 * @fires ct-services-change - detail: { services, valid } whenever a row changes.
 */
export class CtServicesEditor extends LitElement {
  static override properties = { services: { attribute: false } };
  declare services: ReadonlyArray<ServiceEntry>;

  static override styles = [
    sharedStyles,
    css`
      fieldset { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); padding: 0.5rem 1rem 0.25rem; margin: 0 0 0.5rem; }
      legend { font-weight: 700; padding: 0 0.4rem; }
      .row { display: grid; grid-template-columns: minmax(8rem, 14rem) minmax(12rem, 1fr) auto; gap: 0.5rem 0.75rem; align-items: start; margin: 0 0 0.75rem; }
      .row .field { margin: 0; }
      .row button { margin-top: 1.75rem; }
      @media (max-width: 40rem) { .row { grid-template-columns: 1fr; } .row button { margin-top: 0; } }
    `,
  ];

  constructor() {
    super();
    this.services = [];
  }

  private patch(i: number, change: Partial<ServiceEntry>): void {
    this.set(this.services.map((s, k) => (k === i ? { ...s, ...change } : s)));
  }

  private set(next: ReadonlyArray<ServiceEntry>): void {
    this.services = next;
    const valid = next.every((s) => !aliasProblem(s.alias) && !serviceUrlProblem(s.url)) && new Set(next.map((s) => s.alias)).size === next.length;
    this.dispatchEvent(new CustomEvent('ct-services-change', { detail: { services: next, valid }, bubbles: true, composed: true }));
  }

  private async add(): Promise<void> {
    this.set([...this.services, { alias: '', url: 'https://' }]);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#alias-${this.services.length - 1}`)?.focus();
  }

  override render() {
    const aliases = this.services.map((s) => s.alias);
    return html`<fieldset>
      <legend>Your services they may reach <span class="muted">(optional)</span></legend>
      <p class="hint">Each is an alias and the https address where one of your services runs; their certified client then trusts your CA for that address.</p>
      ${this.services.map((s, i) => {
        const a = s.alias ? aliasProblem(s.alias)?.message ?? (aliases.indexOf(s.alias) !== i ? 'this alias is already used above' : null) : null;
        const u = s.url && s.url !== 'https://' ? serviceUrlProblem(s.url)?.message ?? null : null;
        return html`<div class="row">
          <div class="field">
            <label for="alias-${i}">Alias</label>
            <input id="alias-${i}" .value=${s.alias} placeholder="api" autocomplete="off" spellcheck="false" aria-invalid=${a ? 'true' : 'false'}
              aria-describedby=${a ? `alias-err-${i}` : nothing} @input=${(e: Event) => this.patch(i, { alias: (e.target as HTMLInputElement).value })} />
            ${a ? html`<p class="error" id="alias-err-${i}">${a}</p>` : nothing}
          </div>
          <div class="field">
            <label for="url-${i}">Address</label>
            <input id="url-${i}" type="url" .value=${s.url} autocomplete="off" spellcheck="false" aria-invalid=${u ? 'true' : 'false'}
              aria-describedby=${u ? `url-err-${i}` : nothing} @input=${(e: Event) => this.patch(i, { url: (e.target as HTMLInputElement).value })} />
            ${u ? html`<p class="error" id="url-err-${i}">${u}</p>` : nothing}
          </div>
          <button type="button" @click=${() => this.set(this.services.filter((_, k) => k !== i))} aria-label=${`Remove service ${s.alias || i + 1}`}>Remove</button>
        </div>`;
      })}
      <div class="actions"><button type="button" @click=${() => void this.add()}>Add a service</button></div>
    </fieldset>`;
  }
}
customElements.define('ct-services-editor', CtServicesEditor);
declare global {
  interface HTMLElementTagNameMap { 'ct-services-editor': CtServicesEditor; }
}
