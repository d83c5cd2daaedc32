// Every fact of a certificate summary (from the core's describeCertificate), read-only.
import { LitElement, html, css, nothing } from 'lit';
import type { CertificateSummary } from '../../pki/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { STATUS_WORDS, formatDateTime } from '../format.ts';
import './fingerprint.ts';

export class CtCertDetails extends LitElement {
  static override properties = { summary: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .ext { margin: 0.5rem 0 0; }
      .ext ul { margin: 0.1rem 0 0; padding-left: 1.2rem; }
      .ext li { overflow-wrap: anywhere; }
      .crit { font-size: 0.8rem; border: 1px solid var(--ct-border); border-radius: 4px; padding: 0 0.3rem; margin-left: 0.4rem; color: var(--ct-muted); }
    `,
  ];
  declare summary: CertificateSummary | undefined;

  constructor() {
    super();
    this.summary = undefined;
  }

  override render() {
    const s = this.summary;
    if (!s) return nothing;
    const st = STATUS_WORDS[s.status];
    return html`
      <dl class="facts">
        <dt>Subject</dt><dd class="mono">${s.subject || '(empty)'}</dd>
        <dt>Issuer</dt><dd class="mono">${s.issuer || '(empty)'}${s.selfSigned ? html` <span class="muted">(self-signed)</span>` : nothing}</dd>
        <dt>Status</dt><dd class=${st.cls}><span aria-hidden="true">${st.icon}</span> ${st.word}</dd>
        <dt>Valid from</dt><dd>${formatDateTime(s.notBeforeMs)}</dd>
        <dt>Valid until</dt><dd>${formatDateTime(s.notAfterMs)}</dd>
        <dt>Kind</dt><dd>${s.isCa ? 'Certificate authority (can sign certificates)' : 'End entity'}</dd>
        <dt>Key</dt><dd>${s.key.type}${s.key.sizeBits ? ` (${s.key.sizeBits} bits)` : ''}</dd>
        <dt>Signature</dt><dd>${s.signatureAlgorithm}</dd>
        <dt>Serial</dt><dd class="mono">${s.serialColon}</dd>
        <dt>SHA-256</dt><dd><ct-fingerprint .value=${s.fingerprintSha256.grouped} label=${`fingerprint of ${s.subjectDisplay}`}></ct-fingerprint></dd>
        <dt>SHA-256 (openssl)</dt><dd class="mono">${s.fingerprintSha256.colon}</dd>
      </dl>
      <h3>Extensions</h3>
      ${s.extensions.length === 0 ? html`<p class="muted">None (a version ${s.version} certificate).</p>` : nothing}
      ${s.extensions.map(
        (e) => html`<div class="ext">
          <strong>${e.name}</strong>${e.critical ? html`<span class="crit">critical</span>` : nothing}
          <ul>${e.lines.map((l) => html`<li class=${l.startsWith('Raw:') || /^[0-9A-F]{2}:/.test(l) ? 'mono' : ''}>${l}</li>`)}</ul>
        </div>`,
      )}
    `;
  }
}
customElements.define('ct-cert-details', CtCertDetails);
declare global {
  interface HTMLElementTagNameMap { 'ct-cert-details': CtCertDetails; }
}
