// "Would this be accepted?": paste or load a peer certificate, intermediates and roots; pick a purpose,
// a peer name and a time; see the chain the validator found or the reason it rejects. No crypto here.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { validateViewStyles } from './ct-validate-view.styles.ts';
import { ValidateController, type CertificateSource, type ChainEntry, type ValidateRequest } from './validate-controller.ts';
import { storeContext } from '../contexts.ts';
import { heldCrls } from '../../store/index.ts';
import type { RevocationMode } from '../../pki/index.ts';

type Field = 'leaf' | 'intermediates' | 'roots' | 'crls';
const FIELDS: ReadonlyArray<{ field: Field; label: string; hint: string }> = [
  { field: 'leaf', label: 'Peer certificate', hint: 'PEM, DER or certified b64. Extra certificates after the first count as intermediates.' },
  { field: 'intermediates', label: 'Intermediates (optional)', hint: 'Untrusted certificates that may complete the chain, in any order.' },
  { field: 'roots', label: 'Trusted roots', hint: 'The trust bundle: one or more PEM certificates.' },
];
const CRL_FIELD = { field: 'crls' as const, label: 'Revocation lists (optional)', hint: 'CRLs of the CAs in the chain: PEM (several blocks are fine), DER or base64.' };

const REVOCATION_STATE: Readonly<Record<NonNullable<ChainEntry['revocation']>['status'], { icon: string; cls: string }>> = {
  good: { icon: '✓', cls: 'ok' },
  'stale-crl': { icon: '⚠', cls: 'warn' },
  'no-crl': { icon: '–', cls: 'muted' },
};

const ROLE: Readonly<Record<ChainEntry['role'], { icon: string; word: string }>> = {
  leaf: { icon: '🪪', word: 'Peer' },
  intermediate: { icon: '🔗', word: 'Intermediate' },
  anchor: { icon: '⚓', word: 'Trusted root' },
};

/**
 * The path-validation tool view (route `validate`).
 * @fires nothing; the verdict is announced in a role=status region.
 */
export class CtValidateView extends LitElement {
  static override styles = validateViewStyles;
  static override properties = {
    texts: { state: true },
    files: { state: true },
    held: { state: true },
  };

  declare texts: Record<Field, string>;
  declare files: Partial<Record<Field, { name: string; bytes: Uint8Array }>>;
  /** CRLs held in this browser (partners' and our own), offered as an option. */
  declare held: ReadonlyArray<Uint8Array>;
  private readonly controller = new ValidateController(this);
  private readonly store = new ContextConsumer(this, {
    context: storeContext,
    subscribe: true,
    callback: (db) => void (db ? heldCrls(db).then((h) => (this.held = h), () => (this.held = [])) : (this.held = [])),
  });

  constructor() {
    super();
    this.texts = { leaf: '', intermediates: '', roots: '', crls: '' };
    this.files = {};
    this.held = [];
  }


  private source(field: Field): CertificateSource {
    const f = this.files[field];
    return f ? { kind: 'file', name: f.name, bytes: f.bytes } : { kind: 'text', text: this.texts[field] };
  }

  private async onFile(field: Field, e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    const next = { ...this.files };
    if (file) next[field] = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    else delete next[field];
    this.files = next;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const purpose = String(data.get('purpose') ?? '');
    const nameType = String(data.get('nameType') ?? '');
    const nameValue = String(data.get('nameValue') ?? '');
    const time = String(data.get('time') ?? '').trim();
    const revocation = String(data.get('revocation') ?? '');
    const useHeld = data.get('useHeld') === 'on';
    const req: ValidateRequest = {
      leaf: this.source('leaf'),
      intermediates: this.source('intermediates'),
      roots: this.source('roots'),
      crls: this.source('crls'),
      ...(useHeld && this.held.length ? { heldCrls: this.held } : {}),
      ...(revocation === 'off' || revocation === 'required' || revocation === 'if-present' ? { revocation: revocation as RevocationMode } : {}),
      ...(purpose === 'serverAuth' || purpose === 'clientAuth' ? { purpose } : {}),
      ...((nameType === 'dns' || nameType === 'ip' || nameType === 'email') && nameValue.trim() ? { peerName: { type: nameType, value: nameValue } } : {}),
      // datetime-local has no zone: the label says UTC, so read it as UTC.
      ...(time ? { atMs: Date.parse(`${time.length === 16 ? `${time}:00` : time}Z`) } : {}),
    };
    void this.controller.validate(req);
  }

  private renderField({ field, label, hint }: (typeof FIELDS)[number]): TemplateResult {
    const file = this.files[field];
    const error = this.controller.state.status === 'rejected' && this.controller.state.field === field;
    return html`<div>
      <label for="${field}-text">${label}</label>
      <p class="hint" id="${field}-hint">${hint}</p>
      <textarea
        id="${field}-text"
        name="${field}"
        spellcheck="false"
        aria-describedby="${field}-hint${error ? ' verdict' : ''}"
        aria-invalid=${error ? 'true' : 'false'}
        ?disabled=${file !== undefined}
        .value=${this.texts[field]}
        @input=${(e: Event) => (this.texts = { ...this.texts, [field]: (e.target as HTMLTextAreaElement).value })}
      ></textarea>
      <label for="${field}-file" class="hint">…or load a file</label>
      <input id="${field}-file" type="file" @change=${(e: Event) => this.onFile(field, e)} />
      ${file ? html`<span class="file-name">Using ${file.name} (${file.bytes.length} bytes)</span>` : nothing}
    </div>`;
  }

  private renderVerdict(): TemplateResult | typeof nothing {
    const s = this.controller.state;
    if (s.status === 'idle') return nothing;
    if (s.status === 'pending') return html`<p>Checking…</p>`;
    if (s.status === 'accepted') {
      return html`<div class="verdict accepted">
        <h3><span aria-hidden="true">✅</span> Accepted</h3>
        <p>This certificate would be accepted. Chain found, from the peer up to the trusted root:</p>
        <ol class="chain" aria-label="Certificate chain">
          ${s.chain.map(
            (c) => html`<li>
              <span class="icon" aria-hidden="true">${ROLE[c.role].icon}</span>
              <div><span class="role">${ROLE[c.role].word}</span>: <span class="subject">${c.subject}</span>
                <div class="fp" aria-label="SHA-256 fingerprint">${c.fingerprint}</div>
                ${c.revocation
                  ? html`<div class="revocation ${REVOCATION_STATE[c.revocation.status].cls}"><span aria-hidden="true">${REVOCATION_STATE[c.revocation.status].icon}</span> ${c.revocation.words}</div>`
                  : nothing}</div>
            </li>`,
          )}
        </ol>
      </div>`;
    }
    return html`<div class="verdict rejected">
      <h3><span aria-hidden="true">⛔</span> Rejected</h3>
      <p class="sentence">${s.sentence}</p>
      ${s.revoked ? html`<p class="revoked"><span aria-hidden="true">✕</span> ${s.revoked}</p>` : nothing}
      ${s.detail ? html`<p class="detail">${s.detail}</p>` : nothing}
      <p class="code">Reason code: ${s.code}</p>
    </div>`;
  }

  override render(): TemplateResult {
    const pending = this.controller.state.status === 'pending';
    return html`
      <h2>Would this be accepted?</h2>
      <p class="hint">Checks a certificate the way a relying party does (RFC 5280 path validation), here in your browser.</p>
      <form @submit=${this.onSubmit} novalidate>
        <fieldset><legend>Certificates</legend>${FIELDS.map((f) => this.renderField(f))}</fieldset>
        <fieldset>
          <legend>Revocation</legend>
          ${this.renderField(CRL_FIELD)}
          <div class="row">
            <div>
              <label for="revocation">Revocation check</label>
              <select id="revocation" name="revocation">
                <option value="if-present">Use CRLs when given</option>
                <option value="required">Require a current CRL for every certificate</option>
                <option value="off">Do not check revocation</option>
              </select>
            </div>
            ${this.held.length
              ? html`<div class="check"><input type="checkbox" id="useHeld" name="useHeld" checked /><label for="useHeld">Also use the ${this.held.length} CRL${this.held.length === 1 ? '' : 's'} held in this browser</label></div>`
              : nothing}
          </div>
        </fieldset>
        <fieldset>
          <legend>Check for</legend>
          <div class="row">
            <div>
              <label for="purpose">Purpose</label>
              <select id="purpose" name="purpose">
                <option value="">Any</option>
                <option value="serverAuth">TLS server</option>
                <option value="clientAuth">TLS client</option>
              </select>
            </div>
            <div>
              <label for="nameType">Peer name type</label>
              <select id="nameType" name="nameType">
                <option value="">No name check</option>
                <option value="dns">DNS name</option>
                <option value="ip">IP address</option>
                <option value="email">Email</option>
              </select>
            </div>
            <div>
              <label for="nameValue">Peer name</label>
              <input id="nameValue" name="nameValue" autocomplete="off" spellcheck="false" />
            </div>
            <div>
              <label for="time">Time (UTC; empty: now)</label>
              <input id="time" name="time" type="datetime-local" step="1" />
            </div>
          </div>
        </fieldset>
        <div><button type="submit" ?disabled=${pending}>Check</button></div>
      </form>
      <div id="verdict" role="status" aria-live="polite">${this.renderVerdict()}</div>
    `;
  }
}

customElements.define('ct-validate-view', CtValidateView);
declare global {
  interface HTMLElementTagNameMap {
    'ct-validate-view': CtValidateView;
  }
}
