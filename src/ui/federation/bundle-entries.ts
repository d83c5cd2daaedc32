// <ct-bundle-entries>: a bundle's roots with their state, flags, provenance and fingerprints, and
// the earliest expiry of what is exported. Thin: the core's assessBundle decides.
import { LitElement, html, css, nothing } from 'lit';
import { assessBundle, type BundleEntryFlag, type TrustBundle } from '../../pki/index.ts';
import { groupedFingerprint } from './fingerprint-text.ts';

const FLAG_TEXT: Readonly<Record<BundleEntryFlag, string>> = {
  'not-ca': 'not a CA',
  expired: 'expired',
  'not-yet-valid': 'not yet valid',
  expiring: 'expiring soon',
  'duplicate-key': 'key also used under another name',
};

/**
 * @fires ct-bundle-keep - detail `{ fingerprint, keep }` when the user keeps or drops a flagged root.
 */
export class CtBundleEntries extends LitElement {
  static override properties = {
    bundle: { attribute: false },
    atMs: { type: Number },
  };
  declare bundle: TrustBundle | undefined;
  declare atMs: number;

  static override styles = css`
    :host { display: block; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 0.4rem; border-bottom: 1px solid var(--ct-border); vertical-align: top; }
    .fp { font-family: var(--ct-mono); font-size: 0.85em; word-spacing: 0.2em; }
    .ok { color: var(--ct-ok); }
    .warn { color: var(--ct-warn); }
    .muted { color: var(--ct-muted); }
  `;

  constructor() {
    super();
    this.bundle = undefined;
    this.atMs = Date.now();
  }

  private toggle(fingerprint: string, keep: boolean): void {
    this.dispatchEvent(new CustomEvent('ct-bundle-keep', { detail: { fingerprint, keep }, bubbles: true, composed: true }));
  }

  override render() {
    if (!this.bundle) return html`<p class="muted">No bundle yet.</p>`;
    const a = assessBundle(this.bundle, { atMs: this.atMs });
    const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    return html`
      <p role="status">
        ${a.included.length} of ${a.entries.length} roots exported;
        earliest expiry: <strong>${a.earliestExpiryMs === undefined ? 'none' : date(a.earliestExpiryMs)}</strong>
      </p>
      <table>
        <thead><tr><th scope="col">Root</th><th scope="col">State</th><th scope="col">Source</th><th scope="col">SHA-256 fingerprint</th></tr></thead>
        <tbody>
          ${a.entries.map(
            ({ entry, flags, included }) => html`<tr>
              <td>${entry.displayName}<br /><span class="muted">until ${date(entry.notAfterMs)}</span></td>
              <td>
                ${flags.length === 0
                  ? html`<span class="ok">✓ exported</span>`
                  : html`<span class="warn">⚠ ${flags.map((f) => FLAG_TEXT[f]).join(', ')}</span><br />
                      <label><input type="checkbox" .checked=${entry.keep} @change=${(ev: Event) => this.toggle(entry.fingerprint, (ev.target as HTMLInputElement).checked)} />
                        keep anyway</label>`}
                ${included && flags.length ? html`<br /><span class="warn">exported (kept)</span>` : nothing}
              </td>
              <td>${entry.provenance.map((p) => html`<div>${p.kind}: ${p.detail}${p.fingerprintConfirmed ? ` (confirmed${p.confirmedBy ? ` by ${p.confirmedBy}` : ''})` : ''}</div>`)}</td>
              <td class="fp">${groupedFingerprint(entry.fingerprint)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
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
  }
}
