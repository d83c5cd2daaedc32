// <ct-introduce-flow>: their identity (drop, file or paste) → what it is and its fingerprint, compared
// with the one they gave out of band → validity and services → sign (the host signs) → intro.json to
// download, copy or show as a QR code. Signing stays disabled until the fingerprints match.
import { LitElement, html, nothing } from 'lit';
import { DAY_MS, fingerprintMatches, type ServiceEntry } from '../../pki/index.ts';
import type { QrPayloadKind } from '../../exchange/qr/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { introStyles } from './intro.styles.ts';
import { readPeer, type PeerReading, type SignedIntroduction } from './introduce-controller.ts';
import type { ReceiveEvent } from '../components/receive-panel.ts';
import type { ShareAction, ShareItem } from '../components/share-panel.ts';
import '../components/receive-panel.ts';
import '../components/share-panel.ts';
import './services-editor.ts';
import '../components/fingerprint.ts';

/** What the introduce view takes by QR: an identity (certified base64 or its PEM), a request, a certificate. */
export const PEER_QR_KINDS: ReadonlyArray<QrPayloadKind> = ['identity', 'pem-bundle', 'csr', 'certificate'];

/** intro.json as the share panel offers it: download, copy, QR (kind 'intro'). */
export function introShareItem(r: SignedIntroduction): ShareItem {
  return {
    label: 'intro.json', filename: r.fileName, mime: 'application/json', data: r.introduction.introJson, qrKind: 'intro',
    downloadLabel: 'Download intro.json', copyLabel: 'Copy intro.json', qrLabel: 'Show intro.json as QR code',
    hint: 'They install it under Add introduction in crosstrust (file, paste or Scan a QR code), or with certified add-intro intro.json.',
  };
}

export interface IntroduceSignDetail {
  readonly peerDer: Uint8Array;
  readonly confirmedFingerprint: string;
  readonly validityDays: number;
  readonly services: ReadonlyArray<ServiceEntry>;
}

/**
 * @fires ct-introduce-sign - detail: IntroduceSignDetail, when the user signs (the host signs and sets `result` or `error`).
 * @fires ct-introduce-reset - when a new identity is read (the host clears `result` and `error`).
 * @fires ct-introduce-delivered - when intro.json was downloaded or copied (showing it as a QR code keeps
 *   the page's hold: the other side may still be scanning).
 */
export class CtIntroduceFlow extends LitElement {
  static override properties = {
    signerReady: { type: Boolean },
    caNotAfterMs: { type: Number },
    busy: { type: Boolean },
    result: { attribute: false },
    error: { type: String },
    reading: { state: true },
    typed: { state: true },
    days: { state: true },
    services: { state: true },
    servicesValid: { state: true },
  };
  static override styles = [sharedStyles, introStyles];
  declare signerReady: boolean;
  declare caNotAfterMs: number | undefined;
  declare busy: boolean;
  declare result: SignedIntroduction | undefined;
  declare error: string;
  declare reading: PeerReading | undefined;
  declare typed: string;
  declare days: string;
  declare services: ReadonlyArray<ServiceEntry>;
  declare servicesValid: boolean;

  constructor() {
    super();
    this.signerReady = false;
    this.caNotAfterMs = undefined;
    this.busy = false;
    this.result = undefined;
    this.error = '';
    this.reading = undefined;
    this.typed = '';
    this.days = '365';
    this.services = [];
    this.servicesValid = true;
  }

  private async onReceive(e: ReceiveEvent): Promise<void> {
    const input = e.detail.inputs[0];
    if (!input) return;
    this.typed = '';
    this.dispatchEvent(new CustomEvent('ct-introduce-reset', { bubbles: true, composed: true }));
    this.reading = await readPeer(input.name, input.data);
    await this.updateComplete;
    if (this.reading.ok && !this.reading.review.summary.isCa) this.renderRoot.querySelector<HTMLInputElement>('#typed')?.focus();
  }

  private get fingerprintOk(): boolean {
    return this.reading?.ok === true && fingerprintMatches(this.reading.review.summary.fingerprint, this.typed);
  }

  private get daysValid(): boolean {
    const n = Number(this.days);
    return Number.isInteger(n) && n >= 1 && n <= 3650;
  }

  /** The validity asked for when signing (the result says whether it was cut to our CA). */
  private signedDays = 0;

  private sign(e: Event): void {
    e.preventDefault();
    if (!this.reading?.ok || !this.fingerprintOk || !this.daysValid || !this.servicesValid || this.busy) return;
    this.signedDays = Number(this.days);
    this.dispatchEvent(
      new CustomEvent<IntroduceSignDetail>('ct-introduce-sign', {
        detail: { peerDer: this.reading.review.peerDer, confirmedFingerprint: this.typed, validityDays: Number(this.days), services: this.services },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private shared(action: ShareAction): void {
    if (action === 'qr') return;
    this.dispatchEvent(new CustomEvent('ct-introduce-delivered', { bubbles: true, composed: true }));
  }

  private renderCheck() {
    const r = this.reading;
    if (!r) return nothing;
    if (!r.ok) {
      return html`<div class="notice n-bad" role="alert"><strong>Not an identity we can introduce.</strong> ${r.sentence} <span class="code">${r.code}</span></div>`;
    }
    const s = r.review.summary;
    const state = this.typed.trim() === '' ? 'empty' : this.fingerprintOk ? 'ok' : 'bad';
    return html`
      <p class="source">${r.review.source}: ${s.kind === 'csr' ? 'a certificate request' : 'an identity certificate'}</p>
      <dl class="facts">
        <dt>Subject</dt><dd class="mono">${s.subject || '(empty)'}</dd>
        <dt>Used for</dt><dd>${r.review.names.length ? r.review.names.join(', ') : 'no names'}</dd>
        <dt>Key</dt><dd>${s.keyAlgorithm}</dd>
        <dt>Valid</dt><dd>${s.notBeforeMs !== undefined && s.notAfterMs !== undefined ? html`${formatDateTime(s.notBeforeMs)} to ${formatDateTime(s.notAfterMs)}` : 'a request carries no validity; you choose it below'}</dd>
        <dt>SHA-256</dt><dd><ct-fingerprint .value=${s.fingerprint.grouped} label="fingerprint of their identity"></ct-fingerprint></dd>
      </dl>
      ${s.isCa
        ? html`<div class="notice n-bad" role="alert">This is a CA certificate: introductions are for identities. To trust a partner CA under limits, <a href="#/cross-certify">cross-certify it</a>.</div>`
        : html`<div class="field">
            <label for="typed">Fingerprint they gave you</label>
            <input id="typed" class="fp-input" autocomplete="off" spellcheck="false" .value=${this.typed} aria-describedby="typed-hint typed-state"
              aria-invalid=${state === 'bad' ? 'true' : 'false'} @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)} />
            <p class="hint" id="typed-hint">Ask them to read out the fingerprint their crosstrust or <code>openssl x509 -fingerprint -sha256</code> shows, by phone or in person, and type or paste it. Spaces and colons do not matter.</p>
            <p id="typed-state" class="match ${state === 'ok' ? 'ok' : state === 'bad' ? 'bad' : 'muted'}" aria-live="polite">${state === 'ok'
              ? html`<span aria-hidden="true">✓</span> The fingerprints match: this is the identity they sent.`
              : state === 'bad'
                ? html`<span aria-hidden="true">✕</span> Does not match (yet). Do not sign until it does.`
                : 'Signing stays disabled until the fingerprints match.'}</p>
          </div>`}`;
  }

  private renderGrant() {
    const ready = this.reading?.ok === true && !this.reading.review.summary.isCa;
    if (!ready) return html`<p class="muted">First read their identity.</p>`;
    return html`<form @submit=${(e: Event) => this.sign(e)}>
      <div class="field">
        <label for="days">Valid for (days)</label>
        <input id="days" type="number" min="1" max="3650" .value=${this.days} aria-describedby="days-hint" aria-invalid=${this.daysValid ? 'false' : 'true'}
          @input=${(e: Event) => (this.days = (e.target as HTMLInputElement).value)} />
        <p class="hint" id="days-hint">${this.daysValid ? '' : 'Enter a whole number from 1 to 3650. '}${this.caNotAfterMs !== undefined ? `It ends on ${formatDate(this.caNotAfterMs)} at the latest, when your CA does.` : ''}</p>
      </div>
      <ct-services-editor .services=${this.services}
        @ct-services-change=${(e: CustomEvent<{ services: ServiceEntry[]; valid: boolean }>) => { this.services = e.detail.services; this.servicesValid = e.detail.valid; }}></ct-services-editor>
      ${this.error ? html`<div class="notice n-bad" role="alert">${this.error}</div>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${!this.fingerprintOk || !this.daysValid || !this.servicesValid || this.busy || !this.signerReady} aria-describedby="sign-why">
          ${this.busy ? 'Signing…' : 'Sign introduction'}</button>
      </div>
      <p class="hint" id="sign-why">${!this.signerReady ? 'Choose one of your identities to sign with.' : !this.fingerprintOk ? 'Confirm the fingerprint first.' : !this.servicesValid ? 'Fix or remove the incomplete service.' : ''}</p>
      ${this.busy ? html`<div class="progress" role="status" aria-busy="true"><progress aria-label="Signing"></progress><span>Signing with your CA key…</span></div>` : nothing}
    </form>`;
  }

  private renderResult() {
    const r = this.result;
    if (!r) return nothing;
    const i = r.introduction;
    return html`<section class="card step" aria-labelledby="result-h" data-testid="intro-result">
      <span class="num" aria-hidden="true">4</span>
      <h2 id="result-h">Send intro.json back to them</h2>
      <p class="ok"><span aria-hidden="true">✓</span> Signed and recorded: their identity is introduced until ${formatDateTime(i.notAfterMs)}.</p>
      ${i.clampedToCa && i.notBeforeMs + this.signedDays * DAY_MS - i.notAfterMs > DAY_MS
        ? html`<p class="notice n-warn">You asked for ${this.signedDays} days; the validity was shortened to end with your CA on ${formatDate(i.notAfterMs)}.</p>`
        : nothing}
      <label for="intro-json">intro.json</label>
      <textarea id="intro-json" class="out" readonly spellcheck="false" .value=${i.introJson}></textarea>
      <ct-share-panel .items=${[introShareItem(r)]} @ct-share=${(e: CustomEvent<{ action: ShareAction }>) => this.shared(e.detail.action)}></ct-share-panel>
    </section>`;
  }

  override render() {
    const read = this.reading?.ok === true;
    return html`
      <section class="card step" aria-labelledby="peer-h">
        <span class="num" aria-hidden="true">1</span>
        <h2 id="peer-h">Their identity</h2>
        <p class="hint">The line <code>certified get-ident</code> prints, their crosstrust <code>.ident.b64</code> or <code>.pem</code>, a certificate request, or the QR code their crosstrust identity page shows.</p>
        <ct-receive-panel label="Bring their identity" hint=".b64, .pem, .crt, .der or .csr"
          accept=".b64,.pem,.crt,.cer,.der,.csr,.txt" file-label="Choose their identity" paste-label="Or paste their identity" .multiple=${false} .qrKinds=${PEER_QR_KINDS}
          @ct-receive=${(e: ReceiveEvent) => void this.onReceive(e)}></ct-receive-panel>
      </section>
      <section class="card step ${read ? '' : 'waiting'}" aria-labelledby="check-h">
        <span class="num" aria-hidden="true">2</span>
        <h2 id="check-h">Check it is really theirs</h2>
        ${this.reading ? this.renderCheck() : html`<p class="muted">You will compare its fingerprint with the one they give you out of band.</p>`}
      </section>
      <section class="card step ${this.fingerprintOk ? '' : 'waiting'}" aria-labelledby="grant-h">
        <span class="num" aria-hidden="true">3</span>
        <h2 id="grant-h">Validity and services, then sign</h2>
        ${this.renderGrant()}
      </section>
      ${this.renderResult()}
    `;
  }
}
customElements.define('ct-introduce-flow', CtIntroduceFlow);
declare global {
  interface HTMLElementTagNameMap { 'ct-introduce-flow': CtIntroduceFlow; }
}
