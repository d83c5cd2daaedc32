// Create-identity form: a person or an organisation name, where it is used, key type, validity, and
// whether the keys are escrowed at birth to a recovery key. Holds the update prompt while it has
// unsaved input (dirty) or is signing (busy); asks for persistent storage once keys exist.
import { LitElement, html, css, nothing, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { storeContext, clockContext, announcerContext } from '../contexts.ts';
import { EMPTY_FORM, readIdentityForm, type FieldErrors, type FieldName, type IdentityFormValues, type NameKind } from '../controllers/identity-form.ts';
import { createAndStoreIdentity } from '../controllers/create-identity.ts';
import { ensurePersistence, persistenceSentence } from '../controllers/storage.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import { busyRegistry } from '../update/index.ts';
import { copyText, download } from '../../exchange/index.ts';
import { isAgeRecipient, newRecoveryKey, recoveryKeyFile, type KeyType, type RecoveryKey } from '../../pki/index.ts';

type RecoveryError = Partial<Record<'recipient' | 'recoverySaved', string>>;

const FIELD_ORDER: ReadonlyArray<FieldName> = ['org', 'unit', 'commonName', 'country', 'locality', 'domain', 'hosts', 'emails', 'uris', 'keyType', 'validityDays', 'label'];

export class CtCreateIdentityView extends LitElement {
  static override properties = {
    param: { type: String },
    nameKind: { state: true },
    errors: { state: true },
    busy: { state: true },
    failure: { state: true },
    escrow: { state: true },
    recipient: { state: true },
    generated: { state: true },
    recoveryErrors: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form { max-width: 40rem; }
      fieldset { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); padding: 0.75rem 1.25rem 0.25rem; margin: 0 0 1.25rem; background: var(--ct-surface); }
      legend { font-weight: 700; padding: 0 0.4rem; }
      .choice { display: flex; gap: 1.5rem; margin: 0.25rem 0 1rem; }
      .choice label { font-weight: 500; display: inline-flex; align-items: center; gap: 0.35rem; }
      .two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
      @media (max-width: 36rem) { .two { grid-template-columns: 1fr; } }
      textarea { min-height: 3.2rem; }
      .optional { font-weight: 400; color: var(--ct-muted); }
      label.check { font-weight: 500; display: inline-flex; align-items: center; gap: 0.4rem; }
      .progress { display: flex; align-items: center; gap: 0.75rem; margin: 0.5rem 0; }
      progress { width: 10rem; }
      .stack { display: grid; gap: 0.6rem; margin: 0.25rem 0 1rem; }
      .stack label { font-weight: 500; display: flex; gap: 0.5rem; align-items: baseline; }
      .stack label span.hint { display: block; }
      .stack input[type='radio'] { flex: none; }
      .escrow-box { border-left: 3px solid var(--ct-accent); padding: 0.25rem 0 0.25rem 1rem; margin: 0 0 1rem; }
      .secret { border: 1px dashed var(--ct-warn); border-radius: var(--ct-radius); padding: 0.75rem 1rem; margin: 0.5rem 0 1rem; }
      .secret textarea { max-width: none; min-height: 0; height: auto; resize: none; overflow-wrap: anywhere; }
      .check { display: flex; gap: 0.5rem; align-items: baseline; font-weight: 500; }
      .inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .inline input { flex: 1 1 20rem; max-width: none; font-family: var(--ct-mono); font-size: 0.85rem; }
    `,
  ];
  declare param: string;
  declare nameKind: NameKind;
  declare errors: FieldErrors;
  declare busy: boolean;
  declare failure: string;
  /** "Backup at birth" chosen. */
  declare escrow: boolean;
  declare recipient: string;
  /** A recovery key made here (its secret shown once, to be saved by the user). */
  declare generated: RecoveryKey | undefined;
  declare recoveryErrors: RecoveryError;
  private releaseDirty: (() => void) | undefined;
  private readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });

  constructor() {
    super();
    this.param = '';
    this.nameKind = EMPTY_FORM.nameKind;
    this.errors = {};
    this.busy = false;
    this.failure = '';
    this.escrow = false;
    this.recipient = '';
    this.generated = undefined;
    this.recoveryErrors = {};
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.clean();
  }

  /** First input: an update must not reload this form away. */
  private dirty(): void {
    this.releaseDirty ??= busyRegistry.hold('dirty', 'new identity form');
  }

  private clean(): void {
    this.releaseDirty?.();
    this.releaseDirty = undefined;
  }

  private async makeRecoveryKey(): Promise<void> {
    this.dirty();
    this.generated = await newRecoveryKey();
    this.recipient = this.generated.recipient;
    this.recoveryErrors = {};
    this.announcer.value?.announce('A new recovery key was made. Save it before you create the identity.');
  }

  private saveRecoveryKey(): void {
    if (!this.generated) return;
    download(recoveryKeyFile(this.generated, (this.clock.value ?? Date.now)()), 'crosstrust-recovery-key.txt', 'text/plain');
    this.announcer.value?.announce('Recovery key downloaded. Move it off this computer, e.g. to a USB stick kept apart from your backups.');
  }

  private async copyRecoveryKey(): Promise<void> {
    if (!this.generated) return;
    try {
      await copyText(this.generated.identity);
      this.announcer.value?.announce('Recovery key copied. Paste it somewhere safe, then clear your clipboard.');
    } catch (e) {
      this.announcer.value?.announce(messageFor(e));
    }
  }

  /** The recovery choice as a recipient, or errors by field. */
  private readRecovery(form: HTMLFormElement): { recipient?: string } | { errors: RecoveryError } {
    if (!this.escrow) return {};
    const recipient = this.recipient.trim();
    const errors: RecoveryError = {};
    if (recipient === '') errors.recipient = 'Make a recovery key, or paste the public part (age1…) of one you have.';
    else if (!isAgeRecipient(recipient)) errors.recipient = 'That is not an age recipient: it starts with age1 and has 62 characters.';
    const saved = form.querySelector<HTMLInputElement>('#recoverySaved');
    if (this.generated && this.generated.recipient === recipient && !saved?.checked) errors.recoverySaved = 'Save the recovery key first, then tick this box.';
    return Object.keys(errors).length ? { errors } : { recipient };
  }

  private values(form: HTMLFormElement): IdentityFormValues {
    const data = new FormData(form);
    const get = (k: string): string => String(data.get(k) ?? '');
    return {
      nameKind: this.nameKind,
      org: get('org'),
      unit: get('unit'),
      commonName: get('commonName'),
      country: get('country'),
      locality: get('locality'),
      domain: get('domain'),
      hosts: get('hosts'),
      emails: get('emails'),
      uris: get('uris'),
      keyType: (get('keyType') || 'ed25519') as KeyType,
      validityDays: get('validityDays'),
      label: get('label'),
      mayCrossCertify: data.get('mayCrossCertify') === 'on',
    };
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const now = (this.clock.value ?? Date.now)();
    const read = readIdentityForm(this.values(form), now);
    const recovery = this.readRecovery(form);
    this.failure = '';
    if ('errors' in read || 'errors' in recovery) {
      this.errors = 'errors' in read ? read.errors : {};
      this.recoveryErrors = 'errors' in recovery ? recovery.errors : {};
      await this.updateComplete;
      const first = FIELD_ORDER.find((f) => this.errors[f]) ?? (this.recoveryErrors.recipient ? 'recipient' : 'recoverySaved');
      this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      const count = Object.keys(this.errors).length + Object.keys(this.recoveryErrors).length;
      this.announcer.value?.announce(`Please correct ${count === 1 ? 'the highlighted field' : 'the highlighted fields'}.`);
      return;
    }
    this.errors = {};
    this.recoveryErrors = {};
    const db = this.store.value;
    if (!db) {
      this.failure = 'Storage is not open yet. Try again in a moment.';
      return;
    }
    this.busy = true;
    this.announcer.value?.announce('Generating keys and signing certificates…');
    try {
      const options = recovery.recipient ? { recoveryRecipient: recovery.recipient } : {};
      const record = await createAndStoreIdentity(db, read.request, read.label, options); // holds busyRegistry while signing
      this.clean();
      // Keys now exist only in this browser's storage: ask the browser not to evict it.
      const persisted = await ensurePersistence().catch(() => ({ state: 'unsupported' as const, asked: false }));
      const escrowed = recovery.recipient ? ' Its keys can be recovered with your recovery key.' : '';
      this.announcer.value?.announce(`Identity “${record.label}” created.${escrowed} ${persistenceSentence(persisted)}`.trim());
      location.hash = `#/identity/${encodeURIComponent(record.id)}`;
    } catch (err) {
      console.error(err);
      this.failure = messageFor(err);
    } finally {
      this.busy = false;
    }
  }

  /** A labelled input with its hint and error tied by aria-describedby. */
  private field(name: FieldName, label: string, opts: { hint?: string; optional?: boolean; type?: string; value?: string; area?: boolean; attrs?: Record<string, string> } = {}): TemplateResult {
    const err = this.errors[name];
    const ids = [opts.hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ');
    const control = opts.area
      ? html`<textarea id=${name} name=${name} rows="2" aria-invalid=${err ? 'true' : 'false'} aria-describedby=${ids || nothing} spellcheck="false">${opts.value ?? ''}</textarea>`
      : html`<input id=${name} name=${name} type=${opts.type ?? 'text'} .value=${opts.value ?? ''} aria-invalid=${err ? 'true' : 'false'}
          aria-describedby=${ids || nothing} autocomplete="off" spellcheck="false"
          min=${opts.attrs?.min ?? nothing} max=${opts.attrs?.max ?? nothing} maxlength=${opts.attrs?.maxlength ?? nothing} />`;
    return html`<div class="field">
      <label for=${name}>${label}${opts.optional ? html` <span class="optional">(optional)</span>` : nothing}</label>
      ${control}
      ${opts.hint ? html`<p class="hint" id="${name}-hint">${opts.hint}</p>` : nothing}
      ${err ? html`<p class="error" id="${name}-error">${err}</p>` : nothing}
    </div>`;
  }

  private renderRecovery(): TemplateResult {
    const err = this.recoveryErrors;
    const showSecret = this.generated !== undefined && this.generated.recipient === this.recipient.trim();
    return html`<fieldset>
      <legend>If this browser’s data is lost</legend>
      <div class="stack" role="radiogroup" aria-label="If this browser’s data is lost">
        <label><input type="radio" name="recovery" value="none" .checked=${!this.escrow} @change=${() => (this.escrow = false)} />
          <span>Keys stay only in this browser <span class="hint">Nothing can copy them. If the data is lost, so is this identity: you would make a new one and introduce it again.</span></span></label>
        <label><input type="radio" name="recovery" value="escrow" .checked=${this.escrow} @change=${() => (this.escrow = true)} />
          <span>Also keep an encrypted copy for recovery (“backup at birth”) <span class="hint">The identity can be brought back from a backup with your recovery key.</span></span></label>
      </div>
      ${this.escrow
        ? html`<div class="escrow-box">
            <p>The keys are made, encrypted to a <strong>recovery key</strong> that only you hold, and then kept in this browser as
              non-extractable as any other key. The encrypted copy is stored with the identity and goes into every backup. After data
              loss: restore a backup, then enter the recovery key on the Backup page.</p>
            <p class="warn"><span aria-hidden="true">⚠</span> Whoever has a backup and the recovery key can use this identity. Keep the recovery key offline, apart from the backups.</p>
            <div class="field">
              <label for="recipient">Recovery key (public part)</label>
              <div class="inline">
                <input id="recipient" name="recipient" type="text" .value=${this.recipient} placeholder="age1…" autocomplete="off" spellcheck="false"
                  aria-invalid=${err.recipient ? 'true' : 'false'} aria-describedby=${err.recipient ? 'recipient-hint recipient-error' : 'recipient-hint'}
                  @input=${(e: Event) => (this.recipient = (e.target as HTMLInputElement).value)} />
                <button type="button" @click=${() => void this.makeRecoveryKey()}>Make a new recovery key</button>
              </div>
              <p class="hint" id="recipient-hint">An age recipient (age-encryption.org), e.g. from <code>age-keygen</code>. Have none? Make one here; only its public part stays in crosstrust.</p>
              ${err.recipient ? html`<p class="error" id="recipient-error">${err.recipient}</p>` : nothing}
            </div>
            ${showSecret
              ? html`<div class="secret">
                  <label for="recovery-secret">Your recovery key: save it now, it is shown only this once</label>
                  <textarea id="recovery-secret" class="mono" readonly rows="2" .value=${this.generated!.identity}></textarea>
                  <div class="actions">
                    <button type="button" @click=${() => this.saveRecoveryKey()}>Download recovery key</button>
                    <button type="button" @click=${() => void this.copyRecoveryKey()}>Copy</button>
                  </div>
                  <label class="check"><input type="checkbox" id="recoverySaved" name="recoverySaved"
                    aria-invalid=${err.recoverySaved ? 'true' : 'false'} aria-describedby=${err.recoverySaved ? 'recoverySaved-error' : nothing} />
                    I have saved the recovery key somewhere safe</label>
                  ${err.recoverySaved ? html`<p class="error" id="recoverySaved-error">${err.recoverySaved}</p>` : nothing}
                </div>`
              : nothing}
          </div>`
        : nothing}
    </fieldset>`;
  }

  override render() {
    const org = this.nameKind === 'org';
    return html`
      <h1>New identity</h1>
      <p class="lede">crosstrust makes a signing certificate authority and an identity certificate it signs, like the <code>certified</code> tool’s <code>init</code>. The private keys are created in this browser and can never be exported.</p>
      <form @submit=${(e: SubmitEvent) => void this.submit(e)} @input=${() => this.dirty()} novalidate aria-busy=${this.busy ? 'true' : 'false'}>
        <fieldset>
          <legend>Name</legend>
          <div class="choice" role="radiogroup" aria-label="Whose identity is this?">
            <label><input type="radio" name="nameKind" value="org" .checked=${org} @change=${() => (this.nameKind = 'org')} /> An organisation</label>
            <label><input type="radio" name="nameKind" value="person" .checked=${!org} @change=${() => (this.nameKind = 'person')} /> A person</label>
          </div>
          ${org
            ? html`<div class="two">${this.field('org', 'Organisation', { hint: 'e.g. Alpha Labs, Inc.' })}${this.field('unit', 'Unit', { hint: 'Department or team, e.g. Research' })}</div>`
            : this.field('commonName', 'Full name', { hint: 'e.g. Ada Lovelace', attrs: { maxlength: '64' } })}
          <div class="two">
            ${this.field('country', 'Country', { optional: true, hint: 'Two letters, e.g. DE', attrs: { maxlength: '2' } })}
            ${this.field('locality', 'City or locality', { optional: true })}
          </div>
          ${this.field('domain', 'Domain', { optional: true, hint: 'Added to the name as DC parts, e.g. example.org' })}
        </fieldset>
        <fieldset>
          <legend>Where this identity is used</legend>
          ${this.field('hosts', 'Hosts', { area: true, hint: 'Host names or IP addresses, one per line or separated by commas, e.g. api.example.org, 127.0.0.1' })}
          ${this.field('emails', 'Email addresses', { area: true, optional: true })}
          ${this.field('uris', 'URIs', { area: true, optional: true, hint: 'e.g. spiffe://example.org/service' })}
        </fieldset>
        <fieldset>
          <legend>Keys and validity</legend>
          <div class="two">
            <div class="field">
              <label for="keyType">Key type</label>
              <select id="keyType" name="keyType" aria-describedby="keyType-hint">
                <option value="ed25519" selected>Ed25519 (recommended)</option>
                <option value="p256">ECDSA P-256</option>
                <option value="p384">ECDSA P-384</option>
              </select>
              <p class="hint" id="keyType-hint">Ed25519 is certified’s default. Choose ECDSA if your peers need it.</p>
            </div>
            ${this.field('validityDays', 'Valid for (days)', { type: 'number', value: EMPTY_FORM.validityDays, attrs: { min: '1', max: '3650' } })}
          </div>
          ${this.field('label', 'Label in this browser', { optional: true, hint: 'Defaults to the name.' })}
          <div class="field">
            <label class="check"><input type="checkbox" id="mayCrossCertify" name="mayCrossCertify" aria-describedby="mayCrossCertify-hint" /> This CA may cross-certify partner CAs</label>
            <p class="hint" id="mayCrossCertify-hint">Leaves room for one CA below it (path length 1), which a cross-certificate needs. certified’s tools accept such a CA; certified itself makes CAs without this room.</p>
          </div>
        </fieldset>
        ${this.renderRecovery()}
        ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Creating…' : 'Create identity'}</button>
          <a class="button" href="#/identities" @click=${() => this.clean()}>Cancel</a>
        </div>
        ${this.busy
          ? html`<div class="progress"><progress aria-label="Generating keys"></progress><span>Generating keys and signing certificates…</span></div>`
          : nothing}
      </form>
    `;
  }
}
customElements.define('ct-create-identity-view', CtCreateIdentityView);
declare global {
  interface HTMLElementTagNameMap { 'ct-create-identity-view': CtCreateIdentityView; }
}
