// <ct-federation-view>: the #/federation route. Holds one bundle from the store: compose (add
// roots with their source, keep flagged ones), and import partners' bundles with a per-entry diff.
import { LitElement, html, css, nothing } from 'lit';
import { openStore, type Db } from '../../store/db.ts';
import { listBundles, saveBundle } from '../../store/bundles.ts';
import {
  BUNDLE_SOURCE_KINDS,
  candidatesOf,
  composeBundle,
  parseBundleInput,
  setEntryKeep,
  type BundleSourceKind,
  type TrustBundle,
} from '../../pki/index.ts';
import { bundleMessage } from './bundle-messages.ts';
import './bundle-entries.ts';
import './bundle-import.ts';

export class CtFederationView extends LitElement {
  static override properties = {
    bundle: { state: true },
    status: { state: true },
    kind: { state: true },
  };
  declare bundle: TrustBundle | undefined;
  declare status: string;
  declare kind: BundleSourceKind;
  private db: Db | undefined;

  static override styles = css`
    :host { display: block; }
    section { margin-block: 1rem; padding: 1rem; background: var(--ct-surface); border: 1px solid var(--ct-border); border-radius: var(--ct-radius); }
    label { display: block; margin-block: 0.3rem; }
    :focus-visible { outline: 2px solid var(--ct-focus); outline-offset: 2px; }
  `;

  constructor() {
    super();
    this.bundle = undefined;
    this.status = '';
    this.kind = 'import';
  }

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    try {
      this.db = await openStore();
      this.bundle = (await listBundles(this.db))[0];
    } catch (e) {
      this.status = bundleMessage(e);
    }
  }

  private async save(next: TrustBundle, op: string, summary: string): Promise<void> {
    if (!this.db) return;
    try {
      await saveBundle(this.db, next, { ...(this.bundle && this.bundle.name === next.name ? { expectedUpdatedMs: this.bundle.updatedMs } : {}), op, summary });
      this.bundle = next;
      this.status = `Saved: ${summary}.`;
    } catch (e) {
      this.status = `Not saved: ${bundleMessage(e)}`;
    }
  }

  private async create(ev: SubmitEvent): Promise<void> {
    ev.preventDefault();
    const form = new FormData(ev.target as HTMLFormElement);
    try {
      const { bundle } = await composeBundle({ name: String(form.get('name') ?? ''), trustDomain: String(form.get('td') ?? ''), candidates: [], atMs: Date.now() });
      await this.save(bundle, 'bundle.create', `created bundle ${bundle.name}`);
    } catch (e) {
      this.status = bundleMessage(e);
    }
  }

  private async addFile(ev: Event): Promise<void> {
    const input = ev.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file || !this.bundle) return;
    const atMs = Date.now();
    try {
      // The file is read like any import (CA certificates only); compose then flags expired or expiring ones.
      const bytes = new Uint8Array(await file.arrayBuffer());
      const read = await parseBundleInput(bytes, { atMs });
      const added = read.roots.map((r) => ({ certDer: r.der, provenance: [{ kind: this.kind, detail: file.name, addedMs: atMs, fingerprintConfirmed: false }] }));
      const { bundle } = await composeBundle({ name: this.bundle.name, trustDomain: this.bundle.trustDomain, previous: this.bundle, candidates: [...candidatesOf(this.bundle), ...added], atMs });
      await this.save(bundle, 'bundle.compose', `added ${added.length} roots from ${file.name}`);
    } catch (e) {
      this.status = bundleMessage(e);
    }
    input.value = '';
  }

  override render() {
    const b = this.bundle;
    return html`
      <h2>Trust bundle${b ? html`: ${b.name}` : nothing}</h2>
      <p role="status" aria-live="polite">${this.status}</p>
      ${b
        ? html`
            <section aria-label="Compose">
              <label>Source of the roots you add
                <select @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as BundleSourceKind)}>
                  ${BUNDLE_SOURCE_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${k}</option>`)}
                </select>
              </label>
              <label>Add CA certificates from a file <input type="file" @change=${(e: Event) => void this.addFile(e)} /></label>
              <ct-bundle-entries .bundle=${b} .atMs=${Date.now()}
                @ct-bundle-keep=${(e: CustomEvent<{ fingerprint: string; keep: boolean }>) =>
                  void this.save(setEntryKeep(b, e.detail.fingerprint, e.detail.keep, Date.now()), 'bundle.keep', `${e.detail.keep ? 'kept' : 'dropped'} a flagged root`)}></ct-bundle-entries>
            </section>
            <section aria-label="Import">
              <h3>Import a partner's bundle</h3>
              <ct-bundle-import .held=${b} .atMs=${Date.now()}
                @ct-bundle-accepted=${(e: CustomEvent<{ bundle: TrustBundle; accepted: number }>) =>
                  void this.save(e.detail.bundle, 'bundle.import', `accepted ${e.detail.accepted} changes`)}></ct-bundle-import>
            </section>
          `
        : html`<form @submit=${(e: SubmitEvent) => void this.create(e)}>
            <label>Bundle name <input name="name" required /></label>
            <label>SPIFFE trust domain <input name="td" required placeholder="example.org" /></label>
            <button type="submit">Create bundle</button>
          </form>`}
    `;
  }
}
customElements.define('ct-federation-view', CtFederationView);
declare global {
  interface HTMLElementTagNameMap {
    'ct-federation-view': CtFederationView;
  }
}
