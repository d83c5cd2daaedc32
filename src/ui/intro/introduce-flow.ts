// <ct-introduce-flow>: paste a peer's identity, check it, confirm the fingerprint received out of
// band (typed or pasted), choose validity and services, then sign and offer intro.json.
import { LitElement, html, css, nothing } from 'lit';
import {
  fingerprintMatches, introduce, isPkiError, readPeerInput, summarisePeer,
  type Introduction, type PeerIdentity, type PeerSummary, type ServiceEntry, type SigningCa,
} from '../../pki/index.ts';
import './services-editor.ts';

/**
 * @fires ct-introduced - detail: Introduction, after signing.
 */
export class CtIntroduceFlow extends LitElement {
  static override properties = {
    ca: { attribute: false },
    peer: { state: true },
    summary: { state: true },
    typed: { state: true },
    days: { state: true },
    services: { state: true },
    servicesValid: { state: true },
    result: { state: true },
    message: { state: true },
    busy: { state: true },
  };
  declare ca: SigningCa | undefined;
  declare peer: PeerIdentity | undefined;
  declare summary: PeerSummary | undefined;
  declare typed: string;
  declare days: number;
  declare services: ReadonlyArray<ServiceEntry>;
  declare servicesValid: boolean;
  declare result: Introduction | undefined;
  declare message: string;
  declare busy: boolean;

  static override styles = css`
    :host { display: block; color: var(--ct-text); }
    textarea { width: 100%; min-height: 6rem; font-family: var(--ct-mono, monospace); }
    .fp { font-family: var(--ct-mono, monospace); letter-spacing: 0.05em; }
    .ok { color: var(--ct-ok); } .bad { color: var(--ct-danger); } .warn { color: var(--ct-warn); }
    pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--ct-surface); padding: 0.5rem; }
    section { margin-block: 1rem; }
  `;

  constructor() {
    super();
    this.ca = undefined;
    this.peer = undefined;
    this.summary = undefined;
    this.typed = '';
    this.days = 365;
    this.services = [];
    this.servicesValid = true;
    this.result = undefined;
    this.message = '';
    this.busy = false;
  }

  private async check(text: string): Promise<void> {
    this.result = undefined;
    this.summary = undefined;
    this.peer = undefined;
    try {
      this.peer = readPeerInput(text);
      this.summary = await summarisePeer(this.peer);
      this.message = this.summary.isCa ? 'This is a CA certificate: it cannot be introduced (cross-certify it instead).' : 'Identity read. Compare its fingerprint with the one you received out of band.';
    } catch (e) {
      if (!isPkiError(e)) throw e;
      this.message = `Not an identity (${e.code}): ${e.message}`;
    }
  }

  private get fingerprintOk(): boolean {
    return !!this.summary && fingerprintMatches(this.summary.fingerprint, this.typed);
  }

  private async sign(): Promise<void> {
    if (!this.ca || !this.peer || !this.fingerprintOk) return;
    this.busy = true;
    try {
      this.result = await introduce({
        peerDer: this.peer.der, ca: this.ca, atMs: Date.now(), validityDays: this.days, confirmedFingerprint: this.typed,
        ...(this.services.length ? { services: this.services } : {}),
      });
      this.message = this.result.clampedToCa
        ? `Signed. Validity was shortened to end with our CA on ${new Date(this.result.notAfterMs).toISOString().slice(0, 10)}.`
        : 'Signed. Send intro.json back to them.';
      this.dispatchEvent(new CustomEvent('ct-introduced', { detail: this.result, bubbles: true, composed: true }));
    } catch (e) {
      if (!isPkiError(e)) throw e;
      this.message = `Refused (${e.code}): ${e.message}`;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (!this.ca) return html`<p>Create or select an identity first: introductions are signed by its CA.</p>`;
    const s = this.summary;
    return html`
      <section>
        <label for="peer">Their identity (certified get-ident line, PEM certificate or CSR)</label>
        <textarea id="peer" @change=${(e: Event) => this.check((e.target as HTMLTextAreaElement).value)}></textarea>
      </section>
      ${s ? html`<section aria-label="Identity to introduce">
        <dl>
          <dt>Subject</dt><dd>${s.subject}</dd>
          <dt>Key</dt><dd>${s.keyAlgorithm}</dd>
          ${s.notAfterMs !== undefined ? html`<dt>Valid until</dt><dd>${new Date(s.notAfterMs).toISOString().slice(0, 10)}</dd>` : nothing}
          <dt>SHA-256 fingerprint</dt><dd class="fp">${s.fingerprint.grouped}</dd>
        </dl>
        ${s.isCa ? nothing : html`
          <label for="typed">Fingerprint you received from them out of band (type or paste it)</label>
          <input id="typed" class="fp" size="80" autocomplete="off" aria-describedby="fp-state" .value=${this.typed} @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)} />
          <p id="fp-state" class=${this.fingerprintOk ? 'ok' : 'bad'}>${this.fingerprintOk ? '✓ Fingerprints match' : '✗ Not confirmed: fingerprints must match before signing'}</p>
          <label>Valid for (days) <input type="number" min="1" max="3650" .value=${String(this.days)} @input=${(e: Event) => (this.days = Number((e.target as HTMLInputElement).value))} /></label>
          <ct-services-editor .services=${this.services} @ct-services-change=${(e: CustomEvent<{ services: ServiceEntry[]; valid: boolean }>) => { this.services = e.detail.services; this.servicesValid = e.detail.valid; }}></ct-services-editor>
          <button type="button" ?disabled=${!this.fingerprintOk || !this.servicesValid || this.busy} @click=${() => this.sign()}>Sign introduction</button>`}
      </section>` : nothing}
      <p role="status">${this.message}</p>
      ${this.result ? html`<section aria-label="intro.json">
        <pre>${this.result.introJson}</pre>
        <a download="intro.json" href=${`data:application/json;charset=utf-8,${encodeURIComponent(this.result.introJson)}`}>Download intro.json</a>
      </section>` : nothing}
    `;
  }
}
customElements.define('ct-introduce-flow', CtIntroduceFlow);
declare global {
  interface HTMLElementTagNameMap { 'ct-introduce-flow': CtIntroduceFlow; }
}
