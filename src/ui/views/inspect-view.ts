// Import & inspect: drop files, pick files or paste text; shows what the core found, or why it refused.
// Nothing stored changes here.
import { LitElement, html, css, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { clockContext, announcerContext } from '../contexts.ts';
import { inspectInput, type DescribedItem, type InspectResult } from '../controllers/inspect.ts';
import type { BundleFormat } from '../../pki/index.ts';
import type { ReceivedInput, ReceiveEvent } from '../components/receive-panel.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDateTime } from '../format.ts';
import '../components/cert-details.ts';
import '../components/fingerprint.ts';
import '../components/receive-panel.ts';

const KIND_TITLES: Readonly<Record<DescribedItem['kind'], string>> = {
  certificate: 'Certificate',
  csr: 'Certificate signing request',
  crl: 'Certificate revocation list',
  introduction: 'certified introduction',
};
const ENCODING_WORDS: Readonly<Record<DescribedItem['encoding'], string>> = {
  pem: 'PEM',
  der: 'DER (binary)',
  base64: 'base64',
  base64url: 'URL-safe base64',
  json: 'JSON',
  zip: 'zip of certified files',
};
const BUNDLE_WORDS: Readonly<Record<BundleFormat, string>> = {
  pem: 'PEM bundle',
  der: 'DER certificate',
  'step-json': 'step-ca JSON bundle',
  spiffe: 'SPIFFE trust bundle',
  jws: 'signed SPIFFE trust bundle (JWS; signature not checked here)',
  certified: 'certified trust files',
};

export class CtInspectView extends LitElement {
  static override properties = { param: { type: String }, results: { state: true }, busy: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      ct-receive-panel { margin-bottom: 1rem; }
      .result { border-left: 4px solid var(--ct-border); }
      .result.refused { border-left-color: var(--ct-danger); }
      .result.found { border-left-color: var(--ct-ok); }
      .source { color: var(--ct-muted); font-size: 0.9rem; margin: 0; }
      .item + .item { border-top: 1px solid var(--ct-border); margin-top: 1rem; padding-top: 0.5rem; }
      .code { font-family: var(--ct-mono); font-size: 0.85rem; color: var(--ct-muted); }
    `,
  ];
  declare param: string;
  declare results: ReadonlyArray<InspectResult>;
  declare busy: boolean;
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });

  constructor() {
    super();
    this.param = '';
    this.results = [];
    this.busy = false;
  }

  private async inspect(sources: ReadonlyArray<{ name: string; read: () => Promise<string | Uint8Array> }>): Promise<void> {
    this.busy = true;
    const at = (this.clock.value ?? Date.now)();
    const out: InspectResult[] = [];
    for (const s of sources) {
      try {
        out.push(await inspectInput(s.name, await s.read(), at));
      } catch (e) {
        out.push({ ok: false, source: s.name, code: 'ERROR', sentence: messageFor(e), detail: '' });
      }
    }
    this.results = out;
    this.busy = false;
    const found = out.filter((r) => r.ok).reduce((n, r) => n + (r.ok ? r.items.length : 0), 0);
    const refused = out.filter((r) => !r.ok).length;
    this.announcer.value?.announce(
      refused === 0
        ? `Found ${found} item${found === 1 ? '' : 's'}.`
        : found === 0
          ? `Not accepted. ${out.map((r) => (r.ok ? '' : r.sentence)).join(' ').trim()}`
          : `${found} item${found === 1 ? '' : 's'} found, ${refused} input${refused === 1 ? '' : 's'} refused.`,
    );
  }

  private onReceive(inputs: ReadonlyArray<ReceivedInput>): void {
    void this.inspect(inputs.map((i) => ({ name: i.name, read: async () => i.data })));
  }

  private renderItem(item: DescribedItem) {
    const how = html`<p class="source">${KIND_TITLES[item.kind]} · read as ${ENCODING_WORDS[item.encoding]}</p>`;
    switch (item.kind) {
      case 'certificate':
        return html`<div class="item">${how}<h3>${item.cert.subjectDisplay}</h3><ct-cert-details .summary=${item.cert}></ct-cert-details></div>`;
      case 'csr':
        return html`<div class="item">${how}<h3>${item.csr.subjectDisplay}</h3>
          <dl class="facts">
            <dt>Subject</dt><dd class="mono">${item.csr.subject || '(empty)'}</dd>
            <dt>Key</dt><dd>${item.csr.key.type}${item.csr.key.sizeBits ? ` (${item.csr.key.sizeBits} bits)` : ''}</dd>
            <dt>Names</dt><dd>${item.csr.subjectAltNames.length ? item.csr.subjectAltNames.join(', ') : 'none'}</dd>
            <dt>Signature</dt><dd class=${item.csr.signatureValid ? 'ok' : 'bad'}><span aria-hidden="true">${item.csr.signatureValid ? '✓' : '✕'}</span> ${item.csr.signatureValid ? 'Verifies (the requester holds the key)' : 'Does not verify'} · ${item.csr.signatureAlgorithm}</dd>
            <dt>SHA-256</dt><dd><ct-fingerprint .value=${item.csr.fingerprintSha256.grouped} label="request fingerprint"></ct-fingerprint></dd>
          </dl></div>`;
      case 'crl':
        return html`<div class="item">${how}<h3>${item.crl.issuerDisplay}</h3>
          <dl class="facts">
            <dt>Issuer</dt><dd class="mono">${item.crl.issuer}</dd>
            <dt>Issued</dt><dd>${formatDateTime(item.crl.thisUpdateMs)}</dd>
            <dt>Next update</dt><dd>${item.crl.nextUpdateMs === undefined ? 'not given' : formatDateTime(item.crl.nextUpdateMs)}</dd>
            <dt>Revoked</dt><dd>${item.crl.revokedCount} certificate${item.crl.revokedCount === 1 ? '' : 's'}</dd>
            <dt>Signature</dt><dd>${item.crl.signatureAlgorithm}</dd>
            <dt>SHA-256</dt><dd><ct-fingerprint .value=${item.crl.fingerprintSha256.grouped} label="CRL fingerprint"></ct-fingerprint></dd>
          </dl></div>`;
      case 'introduction':
        return html`<div class="item">${how}
          <p>An introduction of <strong>${item.signed.subjectDisplay}</strong> signed by <strong>${item.ca.subjectDisplay}</strong>. It is only shown here; nothing is trusted or stored.</p>
          ${item.services.length
            ? html`<h3>Services</h3><ul>${item.services.map((s) => html`<li><strong>${s.alias}</strong>: <span class="mono">${s.url}</span></li>`)}</ul>`
            : nothing}
          <details open><summary>Introduced certificate</summary><ct-cert-details .summary=${item.signed}></ct-cert-details></details>
          <details><summary>Introducer’s CA certificate</summary><ct-cert-details .summary=${item.ca}></ct-cert-details></details>
        </div>`;
    }
  }

  override render() {
    return html`
      <h1>Import &amp; inspect</h1>
      <p class="lede">See what a certificate, certificate bundle, signing request, revocation list or certified introduction contains. Reading it here changes nothing that is stored.</p>
      <ct-receive-panel class="card" label="Files, text or a QR code" data-testid="receive"
        hint="Certificates, bundles and requests (.pem, .crt, .cer, .der, .csr, .crl), certified identities (.b64) and introductions (.json), trust bundles (step-ca, SPIFFE, certified .zip), or a QR code."
        paste-label="Or paste text" submit-label="Inspect" .busy=${this.busy}
        @ct-receive=${(e: ReceiveEvent) => this.onReceive(e.detail.inputs)}></ct-receive-panel>
      <div aria-live="polite">
        ${this.results.map((r) =>
          r.ok
            ? html`<section class="card result found" aria-label=${`Result for ${r.source}`}>
                <p class="source">${r.source}: found ${r.items.length} item${r.items.length === 1 ? '' : 's'}${r.bundleFormat ? ` in a ${BUNDLE_WORDS[r.bundleFormat]}` : ''}</p>
                ${r.items.map((i) => this.renderItem(i))}
              </section>`
            : html`<section class="card result refused" aria-label=${`Result for ${r.source}`}>
                <p class="source">${r.source}</p>
                <p class="bad"><span aria-hidden="true">✕</span> <strong>Not accepted.</strong> ${r.sentence}</p>
                <p class="code">${r.code}${r.detail ? `: ${r.detail}` : ''}</p>
              </section>`,
        )}
      </div>
    `;
  }
}
customElements.define('ct-inspect-view', CtInspectView);
declare global {
  interface HTMLElementTagNameMap { 'ct-inspect-view': CtInspectView; }
}
