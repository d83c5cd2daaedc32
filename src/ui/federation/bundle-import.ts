// <ct-bundle-import>: a partner's bundle in any format we export (file, paste, drop or QR), with its
// detached signature if one came; verified against the signers the user trusts, shown as a diff
// against the held bundle with fingerprints, and accepted change by change. Stores the result in
// one transaction; any refusal (bad input, wrong signature, rollback) stores nothing.
import { LitElement, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { storeContext, clockContext } from '../contexts.ts';
import { listHeldCas } from '../../store/index.ts';
import type { RootInfo, TrustBundle } from '../../pki/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDate } from '../format.ts';
import { explain } from './explain.ts';
import { federationStyles } from './federation-styles.ts';
import { groupedFingerprint } from './fingerprint-text.ts';
import { acceptImport, checkImport, everyChange, signerChoices, sortInputs, type ImportCheck, type ImportSlots, type SignerChoice } from './bundle-import-check.ts';
import type { ReceiveEvent } from '../components/receive-panel.ts';
import '../components/receive-panel.ts';

const FORMAT_WORDS: Readonly<Record<string, string>> = { pem: 'PEM', der: 'DER', 'step-json': 'step-ca JSON', spiffe: 'SPIFFE', jws: 'signed SPIFFE (JWS)', certified: 'certified files' };

/**
 * @prop held – the bundle imports are compared with and applied to.
 * @fires ct-bundle-changed – detail `{ bundle, message }` after accepted changes are stored.
 */
export class CtBundleImport extends LitElement {
  static override properties = {
    held: { attribute: false },
    slots: { state: true },
    trusted: { state: true },
    requireSignature: { state: true },
    trustDomain: { state: true },
    selected: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  static override styles = [sharedStyles, federationStyles];
  declare held: TrustBundle | undefined;
  declare slots: ImportSlots;
  /** Fingerprints of the signers the user trusts; undefined until the choices are first offered. */
  declare trusted: ReadonlySet<string> | undefined;
  declare requireSignature: boolean;
  declare trustDomain: string;
  declare selected: ReadonlySet<string>;
  declare problem: string;
  declare busy: boolean;
  private readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  private readonly clock = new ContextConsumer(this, { context: clockContext });

  private readonly choices = new Task(this, {
    task: async ([db, held]) => {
      const list: SignerChoice[] = db ? await signerChoices(held, await listHeldCas(db)) : [];
      this.trusted ??= new Set(list.filter((c) => c.suggested).map((c) => c.fingerprint));
      return list;
    },
    args: () => [this.store.value, this.held] as const,
  });

  private readonly check = new Task(this, {
    task: async ([held, slots, trusted, requireSignature, trustDomain, choices]) => {
      if (!held || !slots.bundle) return undefined;
      const trustedSigners = (choices ?? []).filter((c) => trusted?.has(c.fingerprint)).map((c) => c.der);
      return checkImport(held, slots, { trustedSigners, requireSignature, trustDomain, atMs: this.now() });
    },
    args: () => [this.held, this.slots, this.trusted, this.requireSignature, this.trustDomain, this.choices.value] as const,
  });

  constructor() {
    super();
    this.held = undefined;
    this.slots = {};
    this.trusted = undefined;
    this.requireSignature = false;
    this.trustDomain = '';
    this.selected = new Set();
    this.problem = '';
    this.busy = false;
  }

  private now(): number {
    return (this.clock.value ?? Date.now)();
  }

  private setSlots(next: ImportSlots): void {
    this.slots = next;
    this.selected = new Set();
    this.problem = '';
  }

  private toggleIn(set: ReadonlySet<string> | undefined, fp: string, on: boolean): Set<string> {
    const next = new Set(set);
    if (on) next.add(fp);
    else next.delete(fp);
    return next;
  }

  private async accept(c: ImportCheck): Promise<void> {
    const db = this.store.value;
    if (!db || !this.held || this.selected.size === 0) return;
    const who = this.renderRoot.querySelector<HTMLInputElement>('#import-confirmed-by')?.value ?? '';
    this.busy = true;
    try {
      const n = this.selected.size;
      const bundle = await acceptImport(db, this.held, c, { accept: this.selected, confirmedBy: who, atMs: this.now() });
      this.setSlots({});
      this.renderRoot.querySelector('ct-receive-panel')?.clear();
      this.dispatchEvent(new CustomEvent('ct-bundle-changed', { detail: { bundle, message: `Accepted ${n} change${n === 1 ? '' : 's'} from ${c.source}.` }, bubbles: true, composed: true }));
    } catch (e) {
      this.problem = `Nothing was stored: ${explain(e)}`;
    } finally {
      this.busy = false;
    }
  }

  private change(fp: string, how: string, r: RootInfo, note?: string) {
    return html`<tr>
      <td><input type="checkbox" id=${`chg-${fp}`} .checked=${this.selected.has(fp)} aria-label=${`Accept: ${how} ${r.displayName}`}
        @change=${(e: Event) => (this.selected = this.toggleIn(this.selected, fp, (e.target as HTMLInputElement).checked))} /></td>
      <td><span class="badge ${how === 'Gone' ? 'bad' : how === 'New' ? 'ok' : 'warn'}">${how}</span></td>
      <td><label class="name" for=${`chg-${fp}`}>${r.displayName}</label><div class="subject">${r.subject}</div>${note ? html`<div class="hint">${note}</div>` : nothing}</td>
      <td>${formatDate(r.notAfterMs)}</td>
      <td class="fp">${groupedFingerprint(fp)}</td>
    </tr>`;
  }

  private signatureLine(c: ImportCheck) {
    const s = c.imported.signature;
    if (!s) return html`<p class="warn"><span aria-hidden="true">⚠</span> Not signed. Compare the fingerprints with the sender before you accept anything.</p>`;
    if (!s.trusted) {
      return html`<p class="warn"><span aria-hidden="true">⚠</span> Signed by <strong>${s.signer.displayName}</strong> (${s.kind === 'jws' ? 'JWS' : 'detached signature'}), but you trust no signer yet: the signature shows the file is intact, not who sent it.</p>`;
    }
    const via = this.choices.value?.find((ch) => ch.fingerprint === s.signer.trustedVia);
    return html`<p class="ok"><span aria-hidden="true">✓</span> Signed by <strong>${s.signer.displayName}</strong> (${s.kind === 'jws' ? 'JWS' : 'detached signature'}), whom you trust${via ? html` through ${via.name}` : ''}. The file is unchanged.</p>`;
  }

  private result(c: ImportCheck | undefined) {
    if (!c) return nothing;
    const d = c.diff;
    const total = d.added.length + d.changed.length + d.removed.length;
    return html`
      <section aria-label="What would change" class="result">
        <p role="status">Read ${c.imported.roots.length} root${c.imported.roots.length === 1 ? '' : 's'} from ${c.source} (${FORMAT_WORDS[c.imported.format] ?? c.imported.format})${d.incomingSequence !== undefined ? `, spiffe_sequence ${d.incomingSequence}` : ''}.</p>
        ${this.signatureLine(c)}
        ${total === 0
          ? html`<p class="muted">No changes: all ${d.unchanged.length} roots are already in this bundle.</p>`
          : html`<div class="actions">
                <button type="button" @click=${() => (this.selected = everyChange(c))}>Select all ${total}</button>
                <button type="button" @click=${() => (this.selected = new Set())}>Select none</button>
              </div>
              <div class="table-wrap"><table aria-label="Changes">
                <thead><tr><th scope="col"><span class="visually-hidden">Accept</span></th><th scope="col">Change</th><th scope="col">Root</th><th scope="col">Valid until</th><th scope="col">SHA-256 fingerprint</th></tr></thead>
                <tbody>
                  ${d.added.map((r) => this.change(r.fingerprint, 'New', r))}
                  ${d.changed.map((x) => this.change(x.incoming.fingerprint, x.how === 'renewed' ? 'Renewed' : 'New key', x.incoming, `replaces ${groupedFingerprint(x.held.fingerprint).slice(0, 19)}…`))}
                  ${d.removed.map((r) => this.change(r.fingerprint, 'Gone', r, 'no longer in the partner’s bundle; accepting removes it here'))}
                </tbody>
              </table></div>
              ${d.unchanged.length ? html`<p class="hint">${d.unchanged.length} root${d.unchanged.length === 1 ? ' is' : 's are'} unchanged.</p>` : nothing}
              <div class="row">
                <div class="field">
                  <label for="import-confirmed-by">Who compared the fingerprints (optional when a trusted signer signed it)</label>
                  <input id="import-confirmed-by" placeholder="e.g. Ann Lee, by phone" />
                </div>
                <button type="button" class="primary" ?disabled=${this.selected.size === 0 || this.busy} aria-busy=${this.busy ? 'true' : 'false'} @click=${() => void this.accept(c)}>
                  Accept ${this.selected.size} change${this.selected.size === 1 ? '' : 's'}
                </button>
              </div>`}
      </section>
    `;
  }

  private slotLine(label: string, which: keyof ImportSlots, empty: string) {
    const s = this.slots[which];
    return html`<div><dt>${label}</dt><dd>${s
      ? html`${s.name} <button type="button" aria-label=${`Remove ${label.toLowerCase()}`} @click=${() => this.setSlots({ ...this.slots, [which]: undefined })}>Remove</button>`
      : html`<span class="muted">${empty}</span>`}</dd></div>`;
  }

  override render() {
    const choices = this.choices.value ?? [];
    return html`
      <ct-receive-panel label="Bring the partner’s bundle (and its signature file, if any)" max-bytes="10485760"
        hint="PEM, step-ca JSON, SPIFFE JSON, JWS, certified .zip or known_servers .yaml; a .sig.json beside it is used as its signature."
        accept=".pem,.crt,.der,.json,.jws,.zip,.yaml,.yml" paste-label="Or paste a bundle or signature" submit-label="Read pasted text"
        .qrKinds=${['pem-bundle', 'step-json', 'spiffe', 'jws', 'bundle-signature', 'certified-files', 'certificate', 'cross-certificate']}
        @ct-receive=${(e: ReceiveEvent) => this.setSlots(sortInputs(this.slots, e.detail.inputs))}></ct-receive-panel>
      <dl class="summary">
        ${this.slotLine('Bundle', 'bundle', 'nothing yet')}
        ${this.slotLine('Signature', 'signature', 'none (optional)')}
      </dl>
      <fieldset>
        <legend>Whose signatures you trust</legend>
        ${choices.length === 0
          ? html`<p class="muted">No partner CA held yet. Without one a signature can only show the file is intact.</p>`
          : html`<div class="choices">${choices.map((c) => html`<label><input type="checkbox" .checked=${this.trusted?.has(c.fingerprint) ?? false}
                @change=${(e: Event) => (this.trusted = this.toggleIn(this.trusted, c.fingerprint, (e.target as HTMLInputElement).checked))} />
                ${c.name} <span class="muted">· ${c.where} · ${groupedFingerprint(c.fingerprint).slice(0, 19)}…</span></label>`)}</div>`}
        <label class="check"><input type="checkbox" .checked=${this.requireSignature} @change=${(e: Event) => (this.requireSignature = (e.target as HTMLInputElement).checked)} />
          Refuse bundles that are not signed</label>
      </fieldset>
      <div class="field">
        <label for="td">SPIFFE trust domain of the incoming bundle</label>
        <input id="td" .value=${this.trustDomain} placeholder="partner.example" aria-describedby="td-hint"
          @change=${(e: Event) => (this.trustDomain = (e.target as HTMLInputElement).value.trim())} />
        <p class="hint" id="td-hint">Only for SPIFFE bundles: their spiffe_sequence is checked against the one you hold for that domain, so an older bundle is refused.</p>
      </div>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${this.check.render({
        pending: () => html`<p role="status" aria-busy="true">Checking…</p>`,
        error: (e) => html`<p class="error" role="alert"><span aria-hidden="true">✕</span> Refused: ${explain(e)} Nothing was stored.</p>`,
        complete: (c) => this.result(c),
      })}
    `;
  }
}
customElements.define('ct-bundle-import', CtBundleImport);
declare global {
  interface HTMLElementTagNameMap {
    'ct-bundle-import': CtBundleImport;
  }
}
