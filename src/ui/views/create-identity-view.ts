// Create-identity form: a person or an organisation name, where it is used, key type and validity.
import { LitElement, html, css, nothing, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { storeContext, clockContext, announcerContext } from '../contexts.ts';
import { EMPTY_FORM, readIdentityForm, type FieldErrors, type FieldName, type IdentityFormValues, type NameKind } from '../controllers/identity-form.ts';
import { createAndStoreIdentity } from '../controllers/create-identity.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import type { KeyType } from '../../pki/index.ts';

const FIELD_ORDER: ReadonlyArray<FieldName> = ['org', 'unit', 'commonName', 'country', 'locality', 'domain', 'hosts', 'emails', 'uris', 'keyType', 'validityDays', 'label'];

export class CtCreateIdentityView extends LitElement {
  static override properties = {
    param: { type: String },
    nameKind: { state: true },
    errors: { state: true },
    busy: { state: true },
    failure: { state: true },
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
    `,
  ];
  declare param: string;
  declare nameKind: NameKind;
  declare errors: FieldErrors;
  declare busy: boolean;
  declare failure: string;
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
    this.failure = '';
    if ('errors' in read) {
      this.errors = read.errors;
      await this.updateComplete;
      const first = FIELD_ORDER.find((f) => read.errors[f]);
      this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      this.announcer.value?.announce(`Please correct ${Object.keys(read.errors).length === 1 ? 'the highlighted field' : 'the highlighted fields'}.`);
      return;
    }
    this.errors = {};
    const db = this.store.value;
    if (!db) {
      this.failure = 'Storage is not open yet. Try again in a moment.';
      return;
    }
    this.busy = true;
    this.announcer.value?.announce('Generating keys and signing certificates…');
    try {
      const record = await createAndStoreIdentity(db, read.request, read.label);
      this.announcer.value?.announce(`Identity “${record.label}” created.`);
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

  override render() {
    const org = this.nameKind === 'org';
    return html`
      <h1>New identity</h1>
      <p class="lede">crosstrust makes a signing certificate authority and an identity certificate it signs, like the <code>certified</code> tool’s <code>init</code>. The private keys are created in this browser and can never be exported.</p>
      <form @submit=${(e: SubmitEvent) => void this.submit(e)} novalidate aria-busy=${this.busy ? 'true' : 'false'}>
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
        ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Creating…' : 'Create identity'}</button>
          <a class="button" href="#/identities">Cancel</a>
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
