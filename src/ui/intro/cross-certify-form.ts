// <ct-cross-certify-form>: the partner CA (with its fingerprint to confirm), explicit limits — path
// length, names, uses, policies and policy constraints, validity — and, before anything is signed, the
// plain-English sentences of what the partner will be able to make us trust. The host signs.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { DAY_MS, toPem, type CrossCertLimits, type CrossCertificate } from '../../pki/index.ts';
import { fileStem } from '../../exchange/index.ts';
import type { QrPayloadKind } from '../../exchange/qr/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { STATUS_WORDS, formatDate, formatDateTime } from '../format.ts';
import { introStyles } from './intro.styles.ts';
import { DEFAULT_LIMITS_FORM, readLimitsForm, readPartnerCa, type LimitsField, type LimitsForm, type PartnerReading } from './cross-certify-controller.ts';
import type { ReceiveEvent } from '../components/receive-panel.ts';
import type { ShareItem } from '../components/share-panel.ts';
import '../components/receive-panel.ts';
import '../components/share-panel.ts';
import '../components/fingerprint.ts';

/** A partner CA arrives as the certificate itself, or as the PEM their identity page shares. */
const PARTNER_QR_KINDS: ReadonlyArray<QrPayloadKind> = ['certificate', 'pem-bundle'];

/** A cross-certificate as the share panel offers it: PEM to download or copy, DER to download or show as a QR code. */
export function crossCertificateShareItems(x: { readonly peerCa: string; readonly certDer: Uint8Array }): ShareItem[] {
  const stem = `${fileStem(x.peerCa.replace(/^.*?=/, ''))}.cross`;
  return [
    { label: 'Cross-certificate PEM', filename: `${stem}.pem`, mime: 'application/x-pem-file', data: toPem('CERTIFICATE', x.certDer),
      downloadLabel: 'Download .pem', copyLabel: 'Copy PEM', hint: 'For relying parties’ trust stores and tools that read PEM.' },
    { label: 'Cross-certificate DER', filename: `${stem}.crt`, mime: 'application/pkix-cert', data: x.certDer, qrKind: 'cross-certificate',
      downloadLabel: 'Download .crt (DER)', qrLabel: 'Show cross-certificate as QR code', hint: 'The same certificate in binary DER; the QR code carries these bytes.' },
  ];
}

export interface CrossCertifyDetail {
  readonly peerCaDer: Uint8Array;
  readonly limits: CrossCertLimits;
}

const USES: ReadonlyArray<[string, string]> = [
  ['serverAuth', 'TLS servers'],
  ['clientAuth', 'TLS clients'],
  ['codeSigning', 'Code signing'],
  ['emailProtection', 'Email protection'],
];

/**
 * @fires ct-cross-certify - detail: CrossCertifyDetail, when the user issues (the host signs and sets `result` or `error`).
 * @fires ct-cross-certify-reset - when another partner CA is read.
 */
export class CtCrossCertifyForm extends LitElement {
  static override properties = {
    signerReady: { type: Boolean },
    signerPathLength: { attribute: false },
    now: { type: Number },
    busy: { type: Boolean },
    result: { attribute: false },
    error: { type: String },
    partner: { state: true },
    confirmed: { state: true },
    form: { state: true },
  };
  static override styles = [sharedStyles, introStyles];
  declare signerReady: boolean;
  /** Our CA's pathLen (undefined: no limit). */
  declare signerPathLength: number | undefined;
  declare now: number;
  declare busy: boolean;
  declare result: CrossCertificate | undefined;
  declare error: string;
  declare partner: PartnerReading | undefined;
  declare confirmed: boolean;
  declare form: LimitsForm;

  constructor() {
    super();
    this.signerReady = false;
    this.signerPathLength = undefined;
    this.now = Date.now();
    this.busy = false;
    this.result = undefined;
    this.error = '';
    this.partner = undefined;
    this.confirmed = false;
    this.form = DEFAULT_LIMITS_FORM;
  }

  private set(field: LimitsField, value: string | ReadonlyArray<string>): void {
    this.form = { ...this.form, [field]: value };
  }

  private async onReceive(e: ReceiveEvent): Promise<void> {
    const input = e.detail.inputs[0];
    if (!input) return;
    this.confirmed = false;
    this.dispatchEvent(new CustomEvent('ct-cross-certify-reset', { bubbles: true, composed: true }));
    this.partner = await readPartnerCa(input.name, input.data, this.now);
  }

  private roomProblem(pathLength: number): string {
    const ours = this.signerPathLength;
    if (ours === undefined || ours >= pathLength + 1) return '';
    return ours === 0
      ? 'This identity’s CA was made with certified’s profile, which allows no CA below it, so it cannot cross-certify. Create an identity with “may cross-certify partner CAs” ticked.'
      : `Your CA allows ${ours} CA level${ours === 1 ? '' : 's'} below it; this cross-certificate needs ${pathLength + 1}. Lower the levels allowed below the partner.`;
  }

  private issue(e: Event, limits: CrossCertLimits | undefined): void {
    e.preventDefault();
    if (!limits || !this.partner?.ok || !this.confirmed || this.busy) return;
    this.dispatchEvent(new CustomEvent<CrossCertifyDetail>('ct-cross-certify', { detail: { peerCaDer: this.partner.der, limits }, bubbles: true, composed: true }));
  }

  private field(name: LimitsField, label: string, errors: Partial<Record<LimitsField, string>>, opts: { hint?: string; area?: boolean; number?: [number, number]; placeholder?: string } = {}): TemplateResult {
    const err = errors[name];
    const described = [opts.hint ? `${name}-hint` : '', err ? `${name}-err` : ''].filter(Boolean).join(' ') || nothing;
    const value = this.form[name] as string;
    const onInput = (e: Event) => this.set(name, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
    return html`<div class="field">
      <label for=${name}>${label}</label>
      ${opts.area
        ? html`<textarea id=${name} rows="2" spellcheck="false" placeholder=${opts.placeholder ?? nothing} .value=${value} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${described} @input=${onInput}></textarea>`
        : html`<input id=${name} type="number" min=${opts.number?.[0] ?? nothing} max=${opts.number?.[1] ?? nothing} .value=${value} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${described} @input=${onInput} />`}
      ${opts.hint ? html`<p class="hint" id="${name}-hint">${opts.hint}</p>` : nothing}
      ${err ? html`<p class="error" id="${name}-err">${err}</p>` : nothing}
    </div>`;
  }

  private renderPartner() {
    const p = this.partner;
    if (!p) return nothing;
    if (!p.ok) return html`<div class="notice n-bad" role="alert"><strong>${p.source}: not a partner CA.</strong> ${p.sentence} <span class="code">${p.code}</span></div>`;
    const s = p.summary;
    const st = STATUS_WORDS[s.status];
    return html`<p class="source">${p.source}</p>
      <dl class="facts">
        <dt>Partner CA</dt><dd><strong>${s.subjectDisplay}</strong> <span class="small-mono">${s.subject}</span></dd>
        <dt>Key</dt><dd>${s.key.type}</dd>
        <dt>Valid</dt><dd class=${st.cls}><span aria-hidden="true">${st.icon}</span> ${formatDateTime(s.notBeforeMs)} to ${formatDateTime(s.notAfterMs)}</dd>
        <dt>SHA-256</dt><dd><ct-fingerprint .value=${s.fingerprintSha256.grouped} label="partner CA fingerprint"></ct-fingerprint></dd>
      </dl>
      <p><label class="inline"><input type="checkbox" id="confirmed" .checked=${this.confirmed} @change=${(e: Event) => (this.confirmed = (e.target as HTMLInputElement).checked)} />
        I compared this fingerprint with the one the partner gave me out of band, and they match.</label></p>`;
  }

  private renderResult() {
    const r = this.result;
    if (!r) return nothing;
    const pem = toPem('CERTIFICATE', r.certDer);
    return html`<section class="card" aria-labelledby="xres-h" data-testid="xcert-result">
      <h2 id="xres-h">Cross-certificate issued</h2>
      <p class="ok"><span aria-hidden="true">✓</span> Signed, saved and recorded. Valid until ${formatDateTime(r.notAfterMs)}${r.clampedToCa && r.notBeforeMs + Number(this.form.validityDays) * DAY_MS - r.notAfterMs > DAY_MS ? ' (shortened to end with your CA)' : ''}.</p>
      <label for="xpem">Cross-certificate (PEM)</label>
      <textarea id="xpem" class="out" readonly spellcheck="false" .value=${pem}></textarea>
      <ct-share-panel .items=${crossCertificateShareItems(r)}></ct-share-panel>
      <p class="hint">Give it to your relying parties with your CA: the partner’s existing certificates then chain through it to your CA, within the limits above.</p>
    </section>`;
  }

  override render() {
    const read = readLimitsForm(this.form);
    const errors = 'errors' in read ? read.errors : {};
    const limits = 'limits' in read ? read.limits : undefined;
    const room = this.roomProblem(limits?.pathLength ?? (Number(this.form.pathLength) || 0));
    const ready = !!limits && this.partner?.ok === true && this.confirmed && this.signerReady && !room && !this.busy;
    const why = !this.signerReady ? 'Choose one of your identities to sign with.' : this.partner?.ok !== true ? 'Read the partner’s CA certificate first.' : !this.confirmed ? 'Confirm the partner CA’s fingerprint first.' : !limits ? 'Correct the highlighted limits.' : room;
    return html`
      <section class="card" aria-labelledby="partner-h">
        <h2 id="partner-h">Partner CA</h2>
        <ct-receive-panel label="Bring their CA certificate" hint=".pem, .crt, .der or .b64; or scan the QR code of the CA certificate their identity page shows"
          accept=".pem,.crt,.cer,.der,.b64,.txt" file-label="Choose their CA certificate" paste-label="Or paste their CA certificate" .multiple=${false} .qrKinds=${PARTNER_QR_KINDS}
          @ct-receive=${(e: ReceiveEvent) => void this.onReceive(e)}></ct-receive-panel>
        ${this.renderPartner()}
      </section>
      <form @submit=${(e: Event) => this.issue(e, limits)}>
        <section class="card" aria-labelledby="limits-h">
          <h2 id="limits-h">Limits</h2>
          <div class="row">
            ${this.field('pathLength', 'CA levels allowed below the partner CA', errors, { number: [0, 8], hint: '0: the partner CA may only issue end-entity certificates.' })}
            ${this.field('validityDays', 'Valid for (days)', errors, { number: [1, 3650] })}
          </div>
          ${this.field('permitted', 'Names it may vouch for', errors, { area: true, hint: 'One per line, e.g. dns:partner.example (and every name below it), ip:10.20.0.0/16, email:partner.example, uri:.partner.example, spiffe:prod.partner.example. Empty: any name.' })}
          ${this.field('excluded', 'Names it may never vouch for', errors, { area: true, hint: 'Same forms, e.g. dns:internal.partner.example. Exclusions win over permissions.' })}
          <fieldset>
            <legend>Uses its certificates are accepted for</legend>
            <div class="checks">${USES.map(([eku, label]) => html`<label><input type="checkbox" .checked=${this.form.extendedKeyUsages.includes(eku)}
              @change=${(e: Event) => this.set('extendedKeyUsages', (e.target as HTMLInputElement).checked ? [...this.form.extendedKeyUsages, eku] : this.form.extendedKeyUsages.filter((x) => x !== eku))} /> ${label}</label>`)}</div>
            <p class="hint">None ticked: no limit on uses.</p>
          </fieldset>
          <details ?open=${!!(this.form.policies || this.form.requireExplicitPolicy || this.form.inhibitPolicyMapping || this.form.inhibitAnyPolicy)}>
            <summary>Certificate policies and policy constraints (optional)</summary>
            ${this.field('policies', 'Certificate policies (OIDs)', errors, { area: true, hint: 'One OID per line, e.g. 1.3.6.1.4.1.99999.1. Chains through the partner are then trusted under these policies only.' })}
            <div class="row">
              ${this.field('requireExplicitPolicy', 'Require an explicit policy after', errors, { number: [0, 16], hint: 'certificates (0: from this one on). Empty: not required.' })}
              ${this.field('inhibitPolicyMapping', 'Forbid policy mapping after', errors, { number: [0, 16], hint: 'certificates. Empty: mapping allowed.' })}
              ${this.field('inhibitAnyPolicy', 'Stop honouring “any policy” after', errors, { number: [0, 16], hint: 'certificates. Empty: honoured.' })}
            </div>
          </details>
        </section>
        <section class="card" aria-labelledby="words-h">
          <h2 id="words-h">What the partner can make us trust</h2>
          <div class="notice n-warn" aria-live="polite" data-testid="limit-words">
            ${limits ? html`<ul>${'words' in read ? read.words.map((w) => html`<li>${w}</li>`) : nothing}</ul>` : html`<p>Correct the highlighted limits to see what they allow.</p>`}
          </div>
          ${room ? html`<div class="notice n-bad" role="alert">${room}</div>` : nothing}
          ${this.error ? html`<div class="notice n-bad" role="alert">${this.error}</div>` : nothing}
          <div class="actions"><button class="primary" type="submit" ?disabled=${!ready} aria-describedby="issue-why">${this.busy ? 'Signing…' : 'Issue cross-certificate'}</button></div>
          <p class="hint" id="issue-why">${ready ? `It is valid until ${formatDate(this.now + (limits?.validityDays ?? 0) * 86_400_000)} at most, never past your CA.` : why}</p>
          ${this.busy ? html`<div class="progress" role="status" aria-busy="true"><progress aria-label="Signing"></progress><span>Signing with your CA key…</span></div>` : nothing}
        </section>
      </form>
      ${this.renderResult()}
    `;
  }
}
customElements.define('ct-cross-certify-form', CtCrossCertifyForm);
declare global {
  interface HTMLElementTagNameMap { 'ct-cross-certify-form': CtCrossCertifyForm; }
}
