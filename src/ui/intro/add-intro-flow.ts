// <ct-add-intro-flow>: an intro.json (file, drop, paste or QR code) → exactly what installing it would trust
// (introducer and its CA fingerprint, which identity, services, validity) or every reason it is
// refused → install (the host writes the checked plan in one transaction). Replacing needs a tick.
import { LitElement, html, nothing } from 'lit';
import { sharedStyles } from '../shared-styles.ts';
import { formatDateTime } from '../format.ts';
import { introStyles } from './intro.styles.ts';
import { reviewIntroduction, type IntroReview, type OurIdentityChoice } from './add-intro-controller.ts';
import type { ReceiveEvent } from '../components/receive-panel.ts';
import type { IntroPlan } from '../../pki/index.ts';
import type { QrPayloadKind } from '../../exchange/qr/index.ts';
import '../components/receive-panel.ts';

const INTRO_QR_KINDS: ReadonlyArray<QrPayloadKind> = ['intro'];
import '../components/fingerprint.ts';

export interface IntroInstallDetail {
  readonly plan: IntroPlan;
  readonly overwrite: boolean;
  /** The introducer's name for people (e.g. "Beta Works / Ops"). */
  readonly introducerDisplay: string;
}

/**
 * @fires ct-intro-install - detail: IntroInstallDetail, when the user installs a checked introduction.
 */
export class CtAddIntroFlow extends LitElement {
  static override properties = {
    ourIdentities: { attribute: false },
    existingPaths: { attribute: false },
    now: { type: Number },
    busy: { type: Boolean },
    review: { state: true },
    source: { state: true },
    overwrite: { state: true },
  };
  static override styles = [sharedStyles, introStyles];
  declare ourIdentities: ReadonlyArray<OurIdentityChoice>;
  declare existingPaths: ReadonlySet<string>;
  declare now: number;
  declare busy: boolean;
  declare review: IntroReview | undefined;
  declare source: string;
  declare overwrite: boolean;
  private text = '';

  constructor() {
    super();
    this.ourIdentities = [];
    this.existingPaths = new Set();
    this.now = Date.now();
    this.busy = false;
    this.review = undefined;
    this.source = '';
    this.overwrite = false;
  }

  /** Judges the current text again (after a tick, or when the installed set changed). */
  async recheck(): Promise<void> {
    if (this.text === '') return;
    this.review = await reviewIntroduction({ json: this.text, ourIdentities: this.ourIdentities, existingPaths: this.existingPaths, atMs: this.now, overwrite: this.overwrite });
  }

  /** Forgets the current file (after it was installed). */
  clear(): void {
    this.text = '';
    this.review = undefined;
    this.source = '';
    this.overwrite = false;
    this.renderRoot.querySelector('ct-receive-panel')?.clear();
  }

  private async onReceive(e: ReceiveEvent): Promise<void> {
    const input = e.detail.inputs[0];
    if (!input) return;
    this.source = input.name;
    this.overwrite = false;
    // Bytes that are not UTF-8 JSON end up as INTRO_BAD_JSON from the core.
    this.text = typeof input.data === 'string' ? input.data : new TextDecoder().decode(input.data);
    await this.recheck();
  }

  private install(): void {
    if (!this.review?.ok || this.busy) return;
    this.dispatchEvent(new CustomEvent<IntroInstallDetail>('ct-intro-install', { detail: { plan: this.review.plan, overwrite: this.overwrite, introducerDisplay: this.review.introducerDisplay }, bubbles: true, composed: true }));
  }

  private renderReview() {
    const r = this.review;
    if (!r) return nothing;
    if (!r.ok) {
      return html`<div class="notice n-bad" role="alert" data-testid="refusal">
        <strong>${this.source}: not installed.</strong>
        <ul>${r.problems.map((p) => html`<li>${p.sentence} <span class="code">${p.code}: ${p.detail}</span></li>`)}</ul>
        ${r.replaceable
          ? html`<p><label class="inline"><input type="checkbox" .checked=${this.overwrite}
              @change=${(e: Event) => { this.overwrite = (e.target as HTMLInputElement).checked; void this.recheck(); }} /> Replace what is installed</label></p>`
          : nothing}
      </div>`;
    }
    const p = r.plan;
    return html`<div class="notice n-good" data-testid="plan">
      <p><strong><span aria-hidden="true">✓</span> ${this.source}: checked.</strong> Installing it will trust:</p>
      <dl class="facts">
        <dt>Introducer</dt><dd><strong>${r.introducerDisplay}</strong> <span class="small-mono">${p.introducer}</span></dd>
        <dt>Its CA fingerprint</dt><dd><ct-fingerprint .value=${r.caFingerprint} label="introducer CA fingerprint"></ct-fingerprint>
          <p class="hint">Compare it with the CA fingerprint they told you before you install.</p></dd>
        <dt>For your identity</dt><dd>${r.forIdentity}</dd>
        <dt>Valid</dt><dd>${formatDateTime(r.notBeforeMs)} to ${formatDateTime(r.notAfterMs)}</dd>
        <dt>Services</dt><dd>${p.services.length
          ? html`<ul class="plain">${p.services.map((s) => html`<li><strong>${s.alias}</strong> <span class="mono">${s.url}</span></li>`)}</ul>`
          : 'none (it only vouches for your identity)'}</dd>
        ${p.replaces.length ? html`<dt>Replaces</dt><dd class="warn">${p.replaces.join(', ')}</dd>` : nothing}
      </dl>
      <div class="actions">
        <button class="primary" type="button" ?disabled=${this.busy} @click=${() => this.install()}>${this.busy ? 'Installing…' : 'Install introduction'}</button>
      </div>
    </div>`;
  }

  override render() {
    return html`
      <section class="card" aria-labelledby="file-h">
        <h2 id="file-h">Their intro.json</h2>
        <p class="hint">What they sent after introducing you: from crosstrust’s <em>Introduce</em> page or <code>certified introduce</code>.</p>
        <ct-receive-panel label="Bring their intro.json" hint="The .json file, its text, or the QR code their Introduce page shows after signing."
          accept=".json,application/json" file-label="Choose intro.json" paste-label="Or paste intro.json" .multiple=${false} .qrKinds=${INTRO_QR_KINDS}
          @ct-receive=${(e: ReceiveEvent) => void this.onReceive(e)}></ct-receive-panel>
      </section>
      <div aria-live="polite">${this.renderReview()}</div>
    `;
  }
}
customElements.define('ct-add-intro-flow', CtAddIntroFlow);
declare global {
  interface HTMLElementTagNameMap { 'ct-add-intro-flow': CtAddIntroFlow; }
}
