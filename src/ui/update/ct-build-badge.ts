// Small footer badge: which build this is (version and source hash), so hosts and users can compare
// it with the published SHA256SUMS and release notes.
import { LitElement, html, css } from 'lit';
import { BUILD_INFO } from './build-info.ts';

export class CtBuildBadge extends LitElement {
  static override styles = css`
    :host { display: block; color: var(--ct-muted); font-size: 0.8rem; }
    code { font-family: var(--ct-mono); }
  `;

  override render() {
    const kind = BUILD_INFO.singleFile ? ' · single-file copy' : '';
    return html`<small>crosstrust <span data-version>${BUILD_INFO.version}</span> ·
      build <code data-hash>${BUILD_INFO.hash}</code>${kind}</small>`;
  }
}
customElements.define('ct-build-badge', CtBuildBadge);
declare global {
  interface HTMLElementTagNameMap { 'ct-build-badge': CtBuildBadge; }
}
