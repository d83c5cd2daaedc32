// <ct-cross-certify-form>: the partner CA, explicit limits, and — before anything is signed — the
// plain-English sentences of what the partner will be able to make us trust.
import { LitElement, html, css, nothing } from 'lit';
import {
  crossCertify, describeCrossCertLimits, isPkiError, parseNameLimit, readPeerInput, toPem,
  type CrossCertLimits, type CrossCertificate, type SigningCa,
} from '../../pki/index.ts';

const lines = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * @fires ct-cross-certified - detail: CrossCertificate.
 */
export class CtCrossCertifyForm extends LitElement {
  static override properties = {
    ca: { attribute: false },
    peerText: { state: true },
    pathLength: { state: true },
    permitted: { state: true },
    excluded: { state: true },
    ekus: { state: true },
    days: { state: true },
    result: { state: true },
    message: { state: true },
  };
  declare ca: SigningCa | undefined;
  declare peerText: string;
  declare pathLength: number;
  declare permitted: string;
  declare excluded: string;
  declare ekus: ReadonlyArray<string>;
  declare days: number;
  declare result: CrossCertificate | undefined;
  declare message: string;

  static override styles = css`
    :host { display: block; color: var(--ct-text); }
    textarea { width: 100%; font-family: var(--ct-mono, monospace); }
    .limits { background: var(--ct-surface); border-left: 4px solid var(--ct-warn); padding: 0.5rem 1rem; }
    pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  `;

  constructor() {
    super();
    this.ca = undefined;
    this.peerText = '';
    this.pathLength = 0;
    this.permitted = '';
    this.excluded = '';
    this.ekus = ['serverAuth', 'clientAuth'];
    this.days = 365;
    this.result = undefined;
    this.message = '';
  }

  /** The limits as typed, or the first error's sentence. */
  limits(): CrossCertLimits | string {
    try {
      return {
        pathLength: this.pathLength,
        permitted: lines(this.permitted).map(parseNameLimit),
        excluded: lines(this.excluded).map(parseNameLimit),
        extendedKeyUsages: this.ekus,
        validityDays: this.days,
      };
    } catch (e) {
      if (!isPkiError(e)) throw e;
      return `${e.code}: ${e.message}`;
    }
  }

  private async issue(): Promise<void> {
    const limits = this.limits();
    if (!this.ca || typeof limits === 'string') return;
    try {
      const peer = readPeerInput(this.peerText);
      this.result = await crossCertify({ peerCaDer: peer.der, ca: this.ca, atMs: Date.now(), limits });
      this.message = 'Cross-certificate issued.';
      this.dispatchEvent(new CustomEvent('ct-cross-certified', { detail: this.result, bubbles: true, composed: true }));
    } catch (e) {
      if (!isPkiError(e)) throw e;
      this.message = `Refused (${e.code}): ${e.message}`;
    }
  }

  override render() {
    if (!this.ca) return html`<p>Create or select an identity first: its CA signs the cross-certificate.</p>`;
    const limits = this.limits();
    let description: string[] | string;
    try {
      description = typeof limits === 'string' ? limits : describeCrossCertLimits(limits);
    } catch (e) {
      if (!isPkiError(e)) throw e;
      description = `${e.code}: ${e.message}`;
    }
    const eku = (name: string, label: string) => html`<label><input type="checkbox" .checked=${this.ekus.includes(name)}
      @change=${(e: Event) => (this.ekus = (e.target as HTMLInputElement).checked ? [...this.ekus, name] : this.ekus.filter((x) => x !== name))} /> ${label}</label>`;
    return html`
      <label for="peer">Partner CA certificate (PEM, DER as base64, or certified b64)</label>
      <textarea id="peer" rows="5" @change=${(e: Event) => (this.peerText = (e.target as HTMLTextAreaElement).value)}></textarea>
      <label>Sub-CA levels allowed below the partner CA <input type="number" min="0" max="8" .value=${String(this.pathLength)} @input=${(e: Event) => (this.pathLength = Number((e.target as HTMLInputElement).value))} /></label>
      <label for="permit">Permitted names, one per line (dns:example.org, ip:10.0.0.0/8, email:example.org, uri:host, spiffe:trust.domain)</label>
      <textarea id="permit" rows="3" @input=${(e: Event) => (this.permitted = (e.target as HTMLTextAreaElement).value)}></textarea>
      <label for="exclude">Excluded names, one per line</label>
      <textarea id="exclude" rows="2" @input=${(e: Event) => (this.excluded = (e.target as HTMLTextAreaElement).value)}></textarea>
      <fieldset><legend>Accepted uses</legend>${eku('serverAuth', 'TLS servers')} ${eku('clientAuth', 'TLS clients')} ${eku('codeSigning', 'Code signing')}</fieldset>
      <label>Valid for (days) <input type="number" min="1" max="3650" .value=${String(this.days)} @input=${(e: Event) => (this.days = Number((e.target as HTMLInputElement).value))} /></label>
      <section class="limits" aria-label="What the partner can make us trust">
        <h3>What the partner can make us trust</h3>
        ${typeof description === 'string' ? html`<p>${description}</p>` : html`<ul>${description.map((d) => html`<li>${d}</li>`)}</ul>`}
      </section>
      <button type="button" ?disabled=${typeof description === 'string' || !this.peerText.trim()} @click=${() => this.issue()}>Issue cross-certificate</button>
      <p role="status">${this.message}</p>
      ${this.result ? html`<pre>${toPem('CERTIFICATE', this.result.certDer)}</pre>` : nothing}
    `;
  }
}
customElements.define('ct-cross-certify-form', CtCrossCertifyForm);
declare global {
  interface HTMLElementTagNameMap { 'ct-cross-certify-form': CtCrossCertifyForm; }
}
