// <ct-add-intro-flow>: take an intro.json (paste or file), show exactly what would be trusted or why
// it is refused, and ask the host to install the checked plan (the host writes it in one transaction).
import { LitElement, html, css, nothing } from 'lit';
import { checkIntroduction, type IntroCheck, type OurIdentity } from '../../pki/index.ts';

/**
 * @fires ct-intro-install - detail: { plan, overwrite } when the user confirms.
 */
export class CtAddIntroFlow extends LitElement {
  static override properties = {
    ourIdentities: { attribute: false },
    existingPaths: { attribute: false },
    check: { state: true },
    overwrite: { state: true },
  };
  declare ourIdentities: ReadonlyArray<OurIdentity>;
  declare existingPaths: ReadonlySet<string>;
  declare check: IntroCheck | undefined;
  declare overwrite: boolean;

  static override styles = css`
    :host { display: block; color: var(--ct-text); }
    textarea { width: 100%; min-height: 6rem; font-family: var(--ct-mono, monospace); }
    .bad { color: var(--ct-danger); } .ok { color: var(--ct-ok); }
  `;

  constructor() {
    super();
    this.ourIdentities = [];
    this.existingPaths = new Set();
    this.check = undefined;
    this.overwrite = false;
  }

  private text = '';

  private async run(): Promise<void> {
    this.check = await checkIntroduction({ json: this.text, ourIdentities: this.ourIdentities, atMs: Date.now(), existingPaths: this.existingPaths, overwrite: this.overwrite });
  }

  private async load(e: Event): Promise<void> {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    this.text = f.size > 256 * 1024 ? ' '.repeat(256 * 1024 + 1) : await f.text();
    await this.run();
  }

  override render() {
    const c = this.check;
    const replace = c && !c.ok && c.problems.every((p) => p.code === 'INTRO_EXISTS' || p.code === 'INTRO_SERVICE_EXISTS');
    return html`
      <label for="json">Paste intro.json</label>
      <textarea id="json" @change=${(e: Event) => { this.text = (e.target as HTMLTextAreaElement).value; void this.run(); }}></textarea>
      <label>or choose the file <input type="file" accept=".json,application/json" @change=${(e: Event) => this.load(e)} /></label>
      <div role="status">
        ${c === undefined ? nothing : c.ok
          ? html`<p class="ok">✓ Checked. Installing this will trust:</p>
              <ul>
                <li>${c.plan.introducer} as the CA for its services, with our identity re-signed by it (valid until ${new Date(c.plan.notAfterMs).toISOString().slice(0, 10)})</li>
                ${c.plan.services.map((s) => html`<li>service <strong>${s.alias}</strong> at ${s.url}</li>`)}
                ${c.plan.replaces.length ? html`<li>and replace: ${c.plan.replaces.join(', ')}</li>` : nothing}
              </ul>
              <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('ct-intro-install', { detail: { plan: c.plan, overwrite: this.overwrite }, bubbles: true, composed: true }))}>Install introduction</button>`
          : html`<p class="bad">✗ Refused:</p><ul>${c.problems.map((p) => html`<li><code>${p.code}</code> ${p.message}</li>`)}</ul>
              ${replace ? html`<label><input type="checkbox" .checked=${this.overwrite} @change=${(e: Event) => { this.overwrite = (e.target as HTMLInputElement).checked; void this.run(); }} /> Replace the installed introduction</label>` : nothing}`}
      </div>
    `;
  }
}
customElements.define('ct-add-intro-flow', CtAddIntroFlow);
declare global {
  interface HTMLElementTagNameMap { 'ct-add-intro-flow': CtAddIntroFlow; }
}
