// The hierarchy view: create an environment, see its validation report and bundles, run rotation
// steps one at a time (each one store transaction), and copy the store file for CI.
import { LitElement, html, css, nothing } from 'lit';
import { HierarchyController, type HierarchyAction } from './hierarchy-controller.ts';
import { scopesOf, type Topology } from '../../pki/index.ts';

export class CtHierarchyView extends LitElement {
  static override styles = css`
    :host { display: block; color: var(--ct-text); font-family: var(--ct-sans); }
    form, section { background: var(--ct-surface); border: 1px solid var(--ct-border); border-radius: var(--ct-radius); padding: 1rem; margin-block: 1rem; }
    label { display: block; margin-block: 0.4rem; }
    input[type='text'], select, textarea { font: inherit; width: 100%; max-width: 40rem; box-sizing: border-box; }
    pre, textarea { font-family: var(--ct-mono); font-size: 0.85rem; white-space: pre-wrap; }
    button { font: inherit; margin: 0.2rem; }
    :focus-visible { outline: 2px solid var(--ct-focus); outline-offset: 2px; }
    .error { color: var(--ct-danger); }
  `;

  private readonly ctl = new HierarchyController(this);
  declare showStoreFile: boolean;
  static override properties = { showStoreFile: { state: true } };

  constructor() {
    super();
    this.showStoreFile = false;
  }

  private onCreate(e: SubmitEvent): void {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const v = (k: string): string => String(f.get(k) ?? '');
    void this.ctl.create({
      name: v('name'), trustDomain: v('domain'), topology: v('topology') as Topology, regions: v('regions'),
      rootRecipient: v('rootRecipient'), ciRecipient: v('ciRecipient'), escrowRoot: f.get('escrow') === 'on',
    });
  }

  private act(a: HierarchyAction): void {
    void this.ctl.run(a);
  }

  override render() {
    const s = this.ctl.selected;
    const op = s?.doc.operation;
    return html`
      <h2>Scoped PKI</h2>
      <p role="status" aria-live="polite" class=${this.ctl.errorCode ? 'error' : ''}>${this.ctl.errorCode ? `⚠ ${this.ctl.errorCode}: ` : ''}${this.ctl.message}</p>
      <form @submit=${this.onCreate} aria-label="New environment">
        <label>Environment name <input type="text" name="name" required value="prod" /></label>
        <label>Base domain (SPIFFE trust domain) <input type="text" name="domain" required /></label>
        <label>Topology
          <select name="topology"><option value="two-tier">two-tier (root + intermediate per scope)</option><option value="root-only">root-only</option></select>
        </label>
        <label>Regions (comma separated) <input type="text" name="regions" /></label>
        <label>Offline root recipient (age1…) <input type="text" name="rootRecipient" required /></label>
        <label>CI recipient (age1…) <input type="text" name="ciRecipient" required /></label>
        <label><input type="checkbox" name="escrow" /> Recoverable root: escrow it at birth to the offline root recipient</label>
        <button type="submit" ?disabled=${this.ctl.busy}>Create environment</button>
      </form>
      ${s
        ? html`<section aria-label="Environment ${s.doc.environment.name}">
            <h3>${s.doc.environment.name}</h3>
            <div role="group" aria-label="Rotation">
              ${op
                ? html`<p>In progress: ${op.kind}, next step ${op.step}</p>
                    ${op.step === 'finalize'
                      ? html`<button @click=${() => this.act({ kind: 'finalize' })} ?disabled=${this.ctl.busy}>Finalize root rotation</button>`
                      : html`<button @click=${() => this.act({ kind: 'next-step' })} ?disabled=${this.ctl.busy}>Run next step</button>
                          <button @click=${() => this.act({ kind: 'abort' })} ?disabled=${this.ctl.busy}>Roll back</button>`}`
                : html`<button @click=${() => this.act({ kind: 'rotate-root' })} ?disabled=${this.ctl.busy}>Start root rotation</button>
                    ${s.doc.environment.topology === 'two-tier'
                      ? scopesOf(s.doc.environment).map(
                          (scope) => html`<button @click=${() => this.act({ kind: 'rotate-intermediate', scope })} ?disabled=${this.ctl.busy}>Rotate ${scope} intermediate</button>
                            <button @click=${() => this.act({ kind: 'recover-intermediate', scope })} ?disabled=${this.ctl.busy}>Recover ${scope} intermediate</button>`,
                        )
                      : nothing}
                    <button @click=${() => this.act({ kind: 'prune' })} ?disabled=${this.ctl.busy}>Drop retired intermediates</button>`}
            </div>
            <h4>Report</h4>
            <pre aria-label="Validation report">${this.ctl.report}</pre>
            <button @click=${() => (this.showStoreFile = !this.showStoreFile)} aria-expanded=${String(this.showStoreFile)}>Store file for CI</button>
            ${this.showStoreFile ? html`<label>Store file (YAML) <textarea readonly rows="16">${this.ctl.storeFile()}</textarea></label>` : nothing}
          </section>`
        : nothing}
    `;
  }
}

customElements.define('ct-hierarchy-view', CtHierarchyView);
declare global {
  interface HTMLElementTagNameMap {
    'ct-hierarchy-view': CtHierarchyView;
  }
}
