// Route #/introduce[/<identity id>]: choose which of our identities signs, then the introduce flow;
// signing goes through the controller (CA key from the store, validator check, issued register).
import { html, css } from 'lit';
import { Task } from '@lit/task';
import { sharedStyles } from '../shared-styles.ts';
import { introStyles } from './intro.styles.ts';
import { IntroViewBase } from './view-base.ts';
import { loadSigners, pickSigner } from './signers.ts';
import { signIntroduction, type SignedIntroduction } from './introduce-controller.ts';
import { busyRegistry } from '../update/busy-registry.ts';
import type { IntroduceSignDetail } from './introduce-flow.ts';
import './signer-picker.ts';
import './introduce-flow.ts';

export class CtIntroduceView extends IntroViewBase {
  static override properties = { ...IntroViewBase.properties, chosen: { state: true }, busy: { state: true }, result: { state: true }, error: { state: true } };
  static override styles = [sharedStyles, introStyles, css`ct-signer-picker { max-width: 48rem; }`];
  declare chosen: string | undefined;
  declare busy: boolean;
  declare result: SignedIntroduction | undefined;
  declare error: string;
  private readonly signers = new Task(this, {
    task: async ([db]) => (db ? loadSigners(db, this.now()) : undefined),
    args: () => [this.store.value] as const,
  });

  /** Releases the 'dirty' hold kept while a signed intro.json has not been downloaded or copied yet. */
  private releaseUnsent: (() => void) | undefined;

  constructor() {
    super();
    this.chosen = undefined;
    this.busy = false;
    this.result = undefined;
    this.error = '';
  }

  private async sign(d: IntroduceSignDetail, identityId: string): Promise<void> {
    const db = this.store.value;
    if (!db || this.busy) return;
    this.busy = true;
    this.error = '';
    this.say('Signing the introduction…');
    try {
      this.result = await signIntroduction(db, { identityId, ...d, atMs: this.now() });
      // An app update must not reload the page before intro.json has left it.
      this.releaseUnsent?.();
      this.releaseUnsent = busyRegistry.hold('dirty', 'an introduction not yet downloaded');
      this.say('Introduction signed. Download intro.json, copy it or show it as a QR code, and send it back to them.');
      await this.updateComplete;
      this.renderRoot.querySelector('ct-introduce-flow')?.shadowRoot?.querySelector<HTMLElement>('#result-h')?.scrollIntoView({ block: 'start' });
    } catch (e) {
      this.error = this.sentence(e);
      this.say(`Not signed. ${this.error}`);
    } finally {
      this.busy = false;
    }
  }

  private sent(): void {
    this.releaseUnsent?.();
    this.releaseUnsent = undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sent();
  }

  override render() {
    return html`
      <h1>Introduce a peer</h1>
      <p class="lede">Vouch for another organisation’s identity: your CA re-signs it (name, hosts and key unchanged), and you send them <code>intro.json</code>. Their clients and yours then recognise each other.</p>
      ${this.renderKept(this.signers, 'Loading your identities…', (signers) => {
          const id = pickSigner(signers, this.chosen ?? this.param);
          const signer = signers.find((s) => s.id === id);
          return html`
            <ct-signer-picker .signers=${signers} .selected=${id} label="Signed by" why="Introductions are signed by your identity’s CA."
              @ct-signer-change=${(e: CustomEvent<{ id: string }>) => { this.chosen = e.detail.id; this.result = undefined; this.sent(); }}></ct-signer-picker>
            ${signers.length === 0 ? '' : html`<ct-introduce-flow ?signerReady=${!!signer && signer.status === 'valid'} .caNotAfterMs=${signer?.caNotAfterMs} ?busy=${this.busy} .result=${this.result} .error=${this.error}
              @ct-introduce-reset=${() => { this.result = undefined; this.error = ''; this.sent(); }}
              @ct-introduce-delivered=${() => this.sent()}
              @ct-introduce-sign=${(e: CustomEvent<IntroduceSignDetail>) => { if (id) void this.sign(e.detail, id); }}></ct-introduce-flow>`}`;
        })}
    `;
  }
}
customElements.define('ct-introduce-view', CtIntroduceView);
declare global {
  interface HTMLElementTagNameMap { 'ct-introduce-view': CtIntroduceView; }
}
