// <ct-bundle-compose>: add roots to a bundle from what the store holds (our identities' CAs,
// installed introductions, cross-certificates) or from a file, paste or QR code. Every root shows
// its fingerprint, validity, flags and dedupe notes; partner roots are added only after the user
// confirms their fingerprint. Stores the result in one transaction, then fires ct-bundle-changed.
import { LitElement, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { storeContext, clockContext } from '../contexts.ts';
import { listHeldCas, saveBundle } from '../../store/index.ts';
import type { TrustBundle } from '../../pki/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDate } from '../format.ts';
import { explain } from './explain.ts';
import { federationStyles } from './federation-styles.ts';
import { groupedFingerprint } from './fingerprint-text.ts';
import { FLAG_TEXT, SOURCE_WORDS } from './bundle-entries.ts';
import { composeWithDraft, heldDraft, inputDraft, unconfirmed, updateDraft, type DraftRoot } from './compose-draft.ts';
import type { ReceivedInput, ReceiveEvent } from '../components/receive-panel.ts';
import '../components/receive-panel.ts';

/**
 * @prop bundle – the bundle roots are added to.
 * @fires ct-bundle-changed – detail `{ bundle, message }` after the new bundle is stored.
 */
export class CtBundleCompose extends LitElement {
  static override properties = {
    bundle: { attribute: false },
    held: { state: true },
    brought: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  static override styles = [sharedStyles, federationStyles];
  declare bundle: TrustBundle | undefined;
  /** Offered from the store. */
  declare held: ReadonlyArray<DraftRoot>;
  /** Brought in from files, pastes and QR codes (not already offered from the store). */
  declare brought: ReadonlyArray<DraftRoot>;
  declare problem: string;
  declare busy: boolean;
  private readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  #loadedFor: TrustBundle | undefined;

  constructor() {
    super();
    this.bundle = undefined;
    this.held = [];
    this.brought = [];
    this.problem = '';
    this.busy = false;
  }

  get draft(): ReadonlyArray<DraftRoot> {
    return [...this.held, ...this.brought.filter((b) => !this.held.some((h) => h.info.fingerprint === b.info.fingerprint))];
  }

  private now(): number {
    return (this.clock.value ?? Date.now)();
  }

  protected override willUpdate(): void {
    // Offer the held CAs again whenever the bundle changes (notes such as "already in" follow it).
    if (this.bundle !== this.#loadedFor && this.store.value) {
      this.#loadedFor = this.bundle;
      void this.loadHeld();
    }
  }

  private async loadHeld(): Promise<void> {
    const db = this.store.value;
    if (!db) return;
    try {
      this.held = await heldDraft(await listHeldCas(db), this.bundle, this.now());
    } catch (e) {
      this.problem = explain(e);
    }
  }

  private async receive(inputs: ReadonlyArray<ReceivedInput>): Promise<void> {
    this.problem = '';
    let next = [...this.brought];
    for (const i of inputs) {
      try {
        const { added, known } = await inputDraft(i, this.bundle, [...this.held, ...next], this.now());
        next = [...next, ...added];
        // A file that holds a root already offered selects that offer (unless it is in the bundle already).
        for (const fp of known) {
          this.held = this.held.map((h) => (h.info.fingerprint === fp && h.alreadyIn !== 'same-certificate' ? { ...h, selected: true } : h));
          next = next.map((h) => (h.info.fingerprint === fp && h.alreadyIn !== 'same-certificate' ? { ...h, selected: true } : h));
        }
      } catch (e) {
        this.problem = `${i.name}: ${explain(e)} Nothing from it was offered.`;
      }
    }
    this.brought = next;
  }

  private async add(): Promise<void> {
    const db = this.store.value;
    const bundle = this.bundle;
    if (!db || !bundle) return;
    const who = this.renderRoot.querySelector<HTMLInputElement>('#confirmed-by')?.value ?? '';
    const chosen = this.draft.filter((d) => d.selected);
    this.busy = true;
    this.problem = '';
    try {
      const atMs = this.now();
      const next = await composeWithDraft(bundle, this.draft, { confirmedBy: who, atMs });
      if (!next) return;
      const summary = `added ${chosen.length} root${chosen.length === 1 ? '' : 's'} (${chosen.map((d) => d.info.displayName).join(', ')})`;
      await saveBundle(db, next, { expectedUpdatedMs: bundle.updatedMs, op: 'bundle.compose', summary });
      this.brought = this.brought.filter((d) => !d.selected);
      this.dispatchEvent(new CustomEvent('ct-bundle-changed', { detail: { bundle: next, message: `Added ${chosen.length} root${chosen.length === 1 ? '' : 's'} to ${next.name}.` }, bubbles: true, composed: true }));
    } catch (e) {
      this.problem = `Nothing was added: ${explain(e)}`;
    } finally {
      this.busy = false;
    }
  }

  private toggle(d: DraftRoot, change: Partial<Pick<DraftRoot, 'selected' | 'confirmed'>>): void {
    this.held = updateDraft(this.held, d.info.fingerprint, change);
    this.brought = updateDraft(this.brought, d.info.fingerprint, change);
  }

  private row(d: DraftRoot) {
    const fp = d.info.fingerprint;
    const same = d.alreadyIn === 'same-certificate';
    return html`<tr>
      <td><input type="checkbox" id=${`sel-${fp}`} .checked=${d.selected} ?disabled=${same}
        aria-label=${`Add ${d.info.displayName}`} @change=${(e: Event) => this.toggle(d, { selected: (e.target as HTMLInputElement).checked })} /></td>
      <td>
        <label class="name" for=${`sel-${fp}`}>${d.info.displayName}</label>
        <div class="subject">${d.info.subject}</div>
        <div class="hint">${SOURCE_WORDS[d.kind]} · ${d.detail}</div>
      </td>
      <td>${formatDate(d.info.notAfterMs)}</td>
      <td>
        ${d.flags.length ? html`<div class="warn"><span aria-hidden="true">⚠</span> ${d.flags.map((f) => FLAG_TEXT[f]).join(', ')}; left out of exports unless kept</div>` : nothing}
        ${same ? html`<div class="muted">Already in this bundle</div>` : nothing}
        ${d.alreadyIn === 'same-subject-and-key' ? html`<div class="warn"><span aria-hidden="true">⚠</span> A renewal of a root in this bundle: they merge, the later expiry wins</div>` : nothing}
        ${d.sameKeyAs ? html`<div class="warn"><span aria-hidden="true">⚠</span> Same key as “${d.sameKeyAs}” under another name</div>` : nothing}
        ${!d.flags.length && !d.alreadyIn && !d.sameKeyAs ? html`<span class="ok"><span aria-hidden="true">✓</span> CA, valid</span>` : nothing}
      </td>
      <td>
        <div class="fp">${groupedFingerprint(fp)}</div>
        ${d.needsConfirmation && !same
          ? html`<label class="check"><input type="checkbox" .checked=${d.confirmed}
              @change=${(e: Event) => this.toggle(d, { confirmed: (e.target as HTMLInputElement).checked })} />
              I compared this fingerprint with its owner</label>`
          : !same ? html`<div class="hint">Made in this browser: nothing to compare.</div>` : nothing}
      </td>
    </tr>`;
  }

  override render() {
    const chosen = this.draft.filter((d) => d.selected);
    const waiting = unconfirmed(this.draft);
    return html`
      <ct-receive-panel label="Add roots from a file, paste or QR code" multiple max-bytes="10485760"
        hint="CA certificates as PEM or DER, a partner’s bundle (PEM, step-ca JSON, SPIFFE, certified .zip or known_servers .yaml)."
        accept=".pem,.crt,.cer,.der,.json,.jws,.zip,.yaml,.yml" paste-label="Or paste certificates" submit-label="Read certificates"
        @ct-receive=${(e: ReceiveEvent) => void this.receive(e.detail.inputs)}></ct-receive-panel>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <h3>Roots you can add</h3>
      ${this.draft.length === 0
        ? html`<p class="muted">Nothing held yet: create an identity or install an introduction, or bring a file above.</p>`
        : html`<div class="table-wrap"><table aria-label="Roots you can add">
            <thead><tr><th scope="col"><span class="visually-hidden">Add</span></th><th scope="col">Root</th><th scope="col">Valid until</th><th scope="col">Checks</th><th scope="col">SHA-256 fingerprint</th></tr></thead>
            <tbody>${this.draft.map((d) => this.row(d))}</tbody>
          </table></div>`}
      <div class="row">
        <div class="field">
          <label for="confirmed-by">Who confirmed the fingerprints</label>
          <input id="confirmed-by" placeholder="e.g. Ann Lee, by phone" aria-describedby="confirmed-hint" />
          <p class="hint" id="confirmed-hint">Recorded with each partner root, so later readers know who checked it.</p>
        </div>
        <button type="button" class="primary" ?disabled=${chosen.length === 0 || waiting.length > 0 || this.busy} aria-busy=${this.busy ? 'true' : 'false'} @click=${() => void this.add()}>
          Add ${chosen.length || ''} root${chosen.length === 1 ? '' : 's'} to the bundle
        </button>
      </div>
      ${waiting.length ? html`<p class="warn" role="status"><span aria-hidden="true">⚠</span> Confirm the fingerprint of ${waiting.map((d) => d.info.displayName).join(', ')} before adding.</p>` : nothing}
    `;
  }
}
customElements.define('ct-bundle-compose', CtBundleCompose);
declare global {
  interface HTMLElementTagNameMap {
    'ct-bundle-compose': CtBundleCompose;
  }
  interface HTMLElementEventMap {
    'ct-bundle-changed': CustomEvent<{ bundle: TrustBundle; message: string }>;
  }
}
