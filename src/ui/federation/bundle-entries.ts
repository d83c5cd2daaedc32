// <ct-bundle-entries>: a bundle's roots with their state, flags, provenance (where from, when, who
// confirmed the fingerprint), expiry and fingerprints, plus the earliest expiry of what is
// exported. Thin: the core's assessBundle decides; keeping and removing are events for the host.
import { LitElement, html, nothing } from 'lit';
import { assessBundle, type AssessedEntry, type BundleEntryFlag, type BundleProvenance, type TrustBundle } from '../../pki/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDate } from '../format.ts';
import { federationStyles } from './federation-styles.ts';
import { groupedFingerprint } from './fingerprint-text.ts';

export const FLAG_TEXT: Readonly<Record<BundleEntryFlag, string>> = {
  'not-ca': 'not a CA',
  expired: 'expired',
  'not-yet-valid': 'not yet valid',
  expiring: 'expires within 30 days',
  'duplicate-key': 'key also used under another name',
};

export const SOURCE_WORDS: Readonly<Record<BundleProvenance['kind'], string>> = {
  'own-root': 'Your own CA',
  introduction: 'Introduction',
  'cross-certification': 'Cross-certification',
  import: 'Imported',
};

/**
 * @prop bundle – the bundle to show; atMs – the time flags are judged at.
 * @fires ct-bundle-keep – detail `{ fingerprint, keep }` when the user keeps or drops a flagged root.
 * @fires ct-bundle-remove – detail `{ fingerprint }` after the user confirmed removing a root.
 */
export class CtBundleEntries extends LitElement {
  static override properties = {
    bundle: { attribute: false },
    atMs: { type: Number },
    removing: { state: true },
  };
  static override styles = [sharedStyles, federationStyles];
  declare bundle: TrustBundle | undefined;
  declare atMs: number;
  declare removing: AssessedEntry | undefined;
  #opener: HTMLElement | null = null;

  constructor() {
    super();
    this.bundle = undefined;
    this.atMs = Date.now();
    this.removing = undefined;
  }

  private fire(name: 'ct-bundle-keep' | 'ct-bundle-remove', detail: object): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private async askRemove(a: AssessedEntry, opener: HTMLElement): Promise<void> {
    this.#opener = opener;
    this.removing = a;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private confirmRemove(): void {
    const a = this.removing;
    this.renderRoot.querySelector('dialog')?.close();
    if (a) this.fire('ct-bundle-remove', { fingerprint: a.entry.fingerprint });
  }

  private provenance(p: BundleProvenance) {
    return html`<li>
      <strong>${SOURCE_WORDS[p.kind]}</strong> · ${p.detail} · ${formatDate(p.addedMs)}<br />
      ${p.fingerprintConfirmed
        ? html`<span class="ok"><span aria-hidden="true">✓</span> fingerprint confirmed${p.confirmedBy ? ` by ${p.confirmedBy}` : ''}</span>`
        : html`<span class="warn"><span aria-hidden="true">⚠</span> fingerprint not confirmed</span>`}
    </li>`;
  }

  private row(a: AssessedEntry) {
    const { entry, flags, included } = a;
    return html`<tr>
      <td>
        <div class="name">${entry.displayName}</div>
        <div class="subject">${entry.subject}</div>
        ${entry.trustDomain ? html`<div class="hint">trust domain ${entry.trustDomain}</div>` : nothing}
      </td>
      <td>${formatDate(entry.notAfterMs)}</td>
      <td>
        ${flags.length === 0
          ? html`<span class="ok badge"><span aria-hidden="true">✓</span> exported</span>`
          : html`<span class=${included ? 'warn badge' : 'bad badge'}><span aria-hidden="true">${included ? '⚠' : '✕'}</span> ${included ? 'kept' : 'left out'}</span>
              <div class="warn">${flags.map((f) => FLAG_TEXT[f]).join(', ')}</div>
              <label class="check"><input type="checkbox" .checked=${entry.keep}
                @change=${(ev: Event) => this.fire('ct-bundle-keep', { fingerprint: entry.fingerprint, keep: (ev.target as HTMLInputElement).checked })} />
                Keep it in exports anyway</label>`}
      </td>
      <td><ul class="prov">${entry.provenance.map((p) => this.provenance(p))}</ul></td>
      <td class="fp">${groupedFingerprint(entry.fingerprint)}</td>
      <td><button type="button" class="danger" aria-label=${`Remove ${entry.displayName}`} @click=${(e: Event) => void this.askRemove(a, e.currentTarget as HTMLElement)}>Remove…</button></td>
    </tr>`;
  }

  override render() {
    if (!this.bundle) return nothing;
    if (this.bundle.entries.length === 0) return html`<p class="muted">No roots yet. Add your own CA and your partners’ below.</p>`;
    const a = assessBundle(this.bundle, { atMs: this.atMs });
    const earliest = a.entries.find((e) => e.entry.fingerprint === a.earliestExpiryFingerprint)?.entry;
    return html`
      <dl class="summary">
        <div><dt>Roots</dt><dd>${a.entries.length}</dd></div>
        <div><dt>Exported</dt><dd>${a.included.length} of ${a.entries.length}</dd></div>
        <div><dt>Earliest expiry</dt><dd>${earliest ? html`${formatDate(earliest.notAfterMs)} <span class="muted">(${earliest.displayName})</span>` : 'none'}</dd></div>
        <div><dt>SPIFFE sequence</dt><dd>${this.bundle.sequences[this.bundle.trustDomain] ?? 0}</dd></div>
      </dl>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">Root</th><th scope="col">Valid until</th><th scope="col">State</th><th scope="col">Where it came from</th><th scope="col">SHA-256 fingerprint</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${a.entries.map((e) => this.row(e))}</tbody>
        </table>
      </div>
      <dialog aria-labelledby="rm-h" @close=${() => { this.removing = undefined; this.#opener?.focus(); }}>
        ${this.removing
          ? html`<h2 id="rm-h">Remove “${this.removing.entry.displayName}”?</h2>
              <p>Services that rely on this bundle will stop trusting this root after you export and deploy it again.</p>
              <p class="fp">${groupedFingerprint(this.removing.entry.fingerprint)}</p>
              <form method="dialog" class="actions">
                <button value="cancel" autofocus>Keep it</button>
                <button type="button" class="danger solid" @click=${() => this.confirmRemove()}>Remove root</button>
              </form>`
          : nothing}
      </dialog>
    `;
  }
}
customElements.define('ct-bundle-entries', CtBundleEntries);
declare global {
  interface HTMLElementTagNameMap {
    'ct-bundle-entries': CtBundleEntries;
  }
  interface HTMLElementEventMap {
    'ct-bundle-keep': CustomEvent<{ fingerprint: string; keep: boolean }>;
    'ct-bundle-remove': CustomEvent<{ fingerprint: string }>;
  }
}
