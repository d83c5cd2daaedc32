// Import & inspect: drop files, pick files or paste text; shows what the core found, or why it refused.
// Nothing stored changes here.
import { LitElement, html, css, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { clockContext, announcerContext } from '../contexts.ts';
import { inspectInput, type DescribedItem, type InspectResult } from '../controllers/inspect.ts';
import { readFile, textFrom } from '../../exchange/index.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDateTime } from '../format.ts';
import '../components/cert-details.ts';
import '../components/fingerprint.ts';

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
};

export class CtInspectView extends LitElement {
  static override properties = { param: { type: String }, results: { state: true }, dragging: { state: true }, busy: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      .drop { border: 2px dashed var(--ct-border); border-radius: var(--ct-radius); padding: 1.5rem; text-align: center; background: var(--ct-surface); margin-bottom: 1rem; }
      .drop.over { border-color: var(--ct-accent); background: color-mix(in srgb, var(--ct-accent) 8%, var(--ct-surface)); }
      .drop p { margin: 0.25rem 0 0.75rem; }
      input[type='file'] { font: inherit; }
      textarea#paste { width: 100%; max-width: none; min-height: 8rem; }
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
  declare dragging: boolean;
  declare busy: boolean;
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });

  constructor() {
    super();
    this.param = '';
    this.results = [];
    this.dragging = false;
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

  private fromFiles(files: FileList | null | undefined): void {
    const list = files ? Array.from(files) : [];
    if (list.length) void this.inspect(list.map((f) => ({ name: f.name, read: async () => (await readFile(f)).bytes })));
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging = false;
    if (e.dataTransfer?.files.length) this.fromFiles(e.dataTransfer.files);
    else {
      const text = textFrom(e.dataTransfer);
      void this.inspect([{ name: 'Dropped text', read: async () => text }]);
    }
  }

  private onPasteSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('paste') ?? '');
    void this.inspect([{ name: 'Pasted text', read: async () => text }]);
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
      <div class="drop ${this.dragging ? 'over' : ''}" data-testid="drop-zone"
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragging = true; }}
        @dragleave=${() => (this.dragging = false)}
        @drop=${(e: DragEvent) => this.onDrop(e)}>
        <p><strong>Drop files here</strong> (.pem, .crt, .cer, .der, .csr, .crl, .b64, .json)</p>
        <label for="file">or choose files</label>
        <input id="file" type="file" multiple @change=${(e: Event) => this.fromFiles((e.target as HTMLInputElement).files)} />
      </div>
      <form @submit=${(e: SubmitEvent) => this.onPasteSubmit(e)}>
        <label for="paste">Or paste text</label>
        <textarea id="paste" name="paste" spellcheck="false" aria-describedby="paste-hint"></textarea>
        <p class="hint" id="paste-hint">PEM, base64 or URL-safe base64 (as <code>certified get-ident</code> prints), or introduction JSON.</p>
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>Inspect</button></div>
      </form>
      <div aria-live="polite">
        ${this.results.map((r) =>
          r.ok
            ? html`<section class="card result found" aria-label=${`Result for ${r.source}`}>
                <p class="source">${r.source}: found ${r.items.length} item${r.items.length === 1 ? '' : 's'}</p>
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
