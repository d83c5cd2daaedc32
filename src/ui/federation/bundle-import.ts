// <ct-bundle-import>: read a bundle (paste or file), show the diff against the held bundle with
// fingerprints, let the user accept changes one by one. Emits the new bundle; storing is the host's job.
import { LitElement, html, css, nothing } from 'lit';
import { Task } from '@lit/task';
import { applyImport, diffBundle, parseBundleInput, type BundleDiff, type ImportedBundle, type TrustBundle } from '../../pki/index.ts';
import { bundleMessage } from './bundle-messages.ts';
import { groupedFingerprint } from './fingerprint-text.ts';

/**
 * @fires ct-bundle-accepted - detail `{ bundle, accepted }` with the held bundle plus the accepted changes.
 */
export class CtBundleImport extends LitElement {
  static override properties = {
    held: { attribute: false },
    atMs: { type: Number },
    source: { state: true },
    trustDomain: { state: true },
    selected: { state: true },
    outcome: { state: true },
  };
  declare held: TrustBundle | undefined;
  declare atMs: number;
  declare source: string | Uint8Array | undefined;
  declare trustDomain: string;
  declare selected: ReadonlySet<string>;
  declare outcome: string;

  static override styles = css`
    :host { display: block; }
    textarea { width: 100%; min-height: 8rem; font-family: var(--ct-mono); }
    .fp { font-family: var(--ct-mono); font-size: 0.85em; word-spacing: 0.2em; }
    .error { color: var(--ct-danger); }
    ul { list-style: none; padding: 0; }
    li { padding: 0.3rem 0; border-bottom: 1px solid var(--ct-border); }
    :focus-visible { outline: 2px solid var(--ct-focus); outline-offset: 2px; }
  `;

  private readonly check = new Task(this, {
    task: async ([held, source, trustDomain, atMs]: readonly [TrustBundle | undefined, string | Uint8Array | undefined, string, number], { signal }) => {
      if (!held || source === undefined) return undefined;
      const imported: ImportedBundle = await parseBundleInput(source, { atMs });
      signal.throwIfAborted();
      const diff: BundleDiff = diffBundle(held, imported, trustDomain ? { trustDomain } : {});
      return { imported, diff };
    },
    args: () => [this.held, this.source, this.trustDomain, this.atMs] as const,
  });

  constructor() {
    super();
    this.held = undefined;
    this.atMs = Date.now();
    this.source = undefined;
    this.trustDomain = '';
    this.selected = new Set();
    this.outcome = '';
  }

  private readText(): void {
    const text = this.renderRoot.querySelector<HTMLTextAreaElement>('#bundle-text')?.value ?? '';
    this.selected = new Set();
    this.outcome = '';
    this.source = text;
  }

  private async readFile(ev: Event): Promise<void> {
    const file = (ev.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.selected = new Set();
    this.outcome = '';
    // Bytes as they are (the size cap is checked by the core before decoding).
    this.source = new Uint8Array(await file.arrayBuffer());
  }

  private toggle(fp: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(fp);
    else next.delete(fp);
    this.selected = next;
  }

  private accept(diff: BundleDiff, detail: string): void {
    if (!this.held) return;
    const bundle = applyImport(this.held, diff, { accept: this.selected, source: { detail, fingerprintConfirmed: false }, atMs: this.atMs });
    const accepted = this.selected.size;
    this.outcome = `Accepted ${accepted} change${accepted === 1 ? '' : 's'}.`;
    this.dispatchEvent(new CustomEvent('ct-bundle-accepted', { detail: { bundle, accepted }, bubbles: true, composed: true }));
  }

  private change(fp: string, label: string, subject: string) {
    return html`<li>
      <label><input type="checkbox" .checked=${this.selected.has(fp)} @change=${(e: Event) => this.toggle(fp, (e.target as HTMLInputElement).checked)} />
        ${label}: ${subject}</label>
      <div class="fp" aria-label="SHA-256 fingerprint">${groupedFingerprint(fp)}</div>
    </li>`;
  }

  override render() {
    return html`
      <label for="bundle-text">Paste a bundle (PEM, step-ca JSON, SPIFFE JSON or JWS)</label>
      <textarea id="bundle-text" spellcheck="false"></textarea>
      <button type="button" @click=${() => this.readText()}>Check pasted bundle</button>
      <label>or choose a file <input type="file" @change=${(e: Event) => void this.readFile(e)} /></label>
      <label>SPIFFE trust domain (optional) <input type="text" .value=${this.trustDomain} @change=${(e: Event) => (this.trustDomain = (e.target as HTMLInputElement).value.trim())} /></label>
      <div role="status" aria-live="polite">
        ${this.outcome}
        ${this.check.render({
          pending: () => html`Checking…`,
          error: (e) => html`<span class="error">✗ ${bundleMessage(e)}</span>`,
          complete: (r) => (r ? html`✓ ${r.imported.roots.length} roots read (${r.imported.format})${r.imported.signature ? `, signed by ${r.imported.signature.signer.displayName}` : ''}.` : nothing),
        })}
      </div>
      ${this.check.render({
        complete: (r) => {
          if (!r) return nothing;
          const d = r.diff;
          const none = d.added.length + d.changed.length + d.removed.length === 0;
          return html`
            <ul aria-label="Changes">
              ${d.added.map((x) => this.change(x.fingerprint, 'New', x.subject))}
              ${d.changed.map((c) => this.change(c.incoming.fingerprint, c.how === 'renewed' ? 'Renewed' : 'New key', c.incoming.subject))}
              ${d.removed.map((x) => this.change(x.fingerprint, 'Remove (no longer in the bundle)', x.subject))}
            </ul>
            ${none ? html`<p>No changes: ${d.unchanged.length} roots are the same.</p>` : nothing}
            <button type="button" ?disabled=${this.selected.size === 0} @click=${() => this.accept(d, `import (${r.imported.format})`)}>Accept selected</button>
          `;
        },
      })}
    `;
  }
}
customElements.define('ct-bundle-import', CtBundleImport);
declare global {
  interface HTMLElementTagNameMap {
    'ct-bundle-import': CtBundleImport;
  }
  interface HTMLElementEventMap {
    'ct-bundle-accepted': CustomEvent<{ bundle: TrustBundle; accepted: number }>;
  }
}
