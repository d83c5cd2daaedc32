// <ct-bundle-share>: export a bundle (PEM, step-ca JSON, SPIFFE, certified files) through the share
// panel (download, copy, QR), and sign it with one of our identities (detached signature, or JWS
// for SPIFFE). Signing holds busyRegistry and is audited (bundle-export.ts).
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { storeContext, clockContext, announcerContext } from '../contexts.ts';
import { listIdentities } from '../../store/index.ts';
import type { TrustBundle } from '../../pki/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { explain } from './explain.ts';
import { federationStyles } from './federation-styles.ts';
import { EXPORT_FORMATS, exportArtefacts, signArtefact, type ExportArtefact, type ExportFormat } from './bundle-export.ts';
import type { ShareItem } from '../components/share-panel.ts';
import '../components/share-panel.ts';

/** @prop bundle – the bundle to export. */
export class CtBundleShare extends LitElement {
  static override properties = {
    bundle: { attribute: false },
    format: { state: true },
    signerId: { state: true },
    jws: { state: true },
    signatures: { state: true },
    problem: { state: true },
    signing: { state: true },
  };
  static override styles = [sharedStyles, federationStyles];
  declare bundle: TrustBundle | undefined;
  declare format: ExportFormat;
  declare signerId: string;
  declare jws: boolean;
  declare signatures: ReadonlyArray<ShareItem>;
  declare problem: string;
  declare signing: boolean;
  private readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });
  private readonly identities = new Task(this, {
    task: async ([db]) => (db ? listIdentities(db) : []),
    args: () => [this.store.value] as const,
  });

  constructor() {
    super();
    this.bundle = undefined;
    this.format = 'pem';
    this.signerId = '';
    this.jws = true;
    this.signatures = [];
    this.problem = '';
    this.signing = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A signature belongs to exactly the bytes it signed: any change drops it.
    if (changed.has('bundle') || changed.has('format') || changed.has('jws')) this.signatures = [];
    // Computed once per bundle and format: the share panel (and an open QR code) keep the same bytes.
    if (changed.has('bundle') || changed.has('format')) this.#result = this.artefacts();
  }

  #result: { items: ExportArtefact[] } | { error: string } = { items: [] };

  private now(): number {
    return (this.clock.value ?? Date.now)();
  }

  private artefacts(): { items: ExportArtefact[] } | { error: string } {
    if (!this.bundle) return { items: [] };
    try {
      return { items: exportArtefacts(this.bundle, this.format, this.now()) };
    } catch (e) {
      return { error: explain(e) };
    }
  }

  private async sign(items: ReadonlyArray<ExportArtefact>): Promise<void> {
    const db = this.store.value;
    if (!db || !this.signerId) return;
    this.signing = true;
    this.problem = '';
    try {
      const out: ShareItem[] = [];
      for (const a of items) out.push(await signArtefact(db, this.signerId, a, { jws: this.jws, atMs: this.now() }));
      this.signatures = out;
      this.announcer.value?.announce(`Signed ${out.length === 1 ? 'the export' : `${out.length} files`}. Send ${this.jws && this.format === 'spiffe' ? 'the .jws file' : 'the signature with the file'}.`);
    } catch (e) {
      this.problem = `Not signed: ${explain(e)}`;
    } finally {
      this.signing = false;
    }
  }

  override render() {
    const result = this.#result;
    const ids = this.identities.value ?? [];
    return html`
      <fieldset>
        <legend>Format</legend>
        <div class="choices">
          ${EXPORT_FORMATS.map((f) => html`<label><input type="radio" name="format" value=${f.id} .checked=${f.id === this.format}
              @change=${() => (this.format = f.id)} aria-describedby=${`fmt-${f.id}`} /> ${f.label}</label>
            <p class="hint" id=${`fmt-${f.id}`}>${f.hint}</p>`)}
        </div>
      </fieldset>
      ${'error' in result
        ? html`<p class="warn" role="status"><span aria-hidden="true">⚠</span> ${result.error}</p>`
        : html`<ct-share-panel .items=${[...result.items, ...this.signatures]}></ct-share-panel>
            <h3>Sign it</h3>
            <p class="hint">A signature lets your partner check that the bundle comes from you and was not changed on the way. They need to trust your CA.</p>
            ${ids.length === 0
              ? html`<p class="muted">Create an identity to sign bundles.</p>`
              : html`<div class="row">
                  <div class="field">
                    <label for="signer">Sign as</label>
                    <select id="signer" @change=${(e: Event) => (this.signerId = (e.target as HTMLSelectElement).value)}>
                      <option value="" ?selected=${this.signerId === ''}>Choose an identity…</option>
                      ${ids.map((i) => html`<option value=${i.id} ?selected=${i.id === this.signerId}>${i.label}</option>`)}
                    </select>
                  </div>
                  ${this.format === 'spiffe'
                    ? html`<label class="check"><input type="checkbox" .checked=${this.jws} @change=${(e: Event) => (this.jws = (e.target as HTMLInputElement).checked)} />
                        As JWS (the SPIFFE document inside a signed envelope); otherwise a detached signature file</label>`
                    : nothing}
                  <button type="button" ?disabled=${!this.signerId || this.signing} aria-busy=${this.signing ? 'true' : 'false'} @click=${() => void this.sign(result.items)}>
                    ${this.signing ? 'Signing…' : 'Sign export'}
                  </button>
                </div>`}
            ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}`}
    `;
  }
}
customElements.define('ct-bundle-share', CtBundleShare);
declare global {
  interface HTMLElementTagNameMap {
    'ct-bundle-share': CtBundleShare;
  }
}
