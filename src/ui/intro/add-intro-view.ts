// Route #/add-intro: install an intro.json someone sent us, after showing what it would trust. The
// check runs against our identities and the installed introductions from the store; install is one transaction.
import { html } from 'lit';
import { Task } from '@lit/task';
import { sharedStyles } from '../shared-styles.ts';
import { introStyles } from './intro.styles.ts';
import { IntroViewBase } from './view-base.ts';
import { installReviewed, loadAddIntroContext } from './add-intro-controller.ts';
import type { CtAddIntroFlow, IntroInstallDetail } from './add-intro-flow.ts';
import './add-intro-flow.ts';

export class CtAddIntroView extends IntroViewBase {
  static override properties = { ...IntroViewBase.properties, busy: { state: true }, error: { state: true } };
  static override styles = [sharedStyles, introStyles];
  declare busy: boolean;
  declare error: string;
  private readonly context = new Task(this, {
    task: async ([db]) => (db ? loadAddIntroContext(db) : undefined),
    args: () => [this.store.value] as const,
  });

  constructor() {
    super();
    this.busy = false;
    this.error = '';
  }

  private async install(d: IntroInstallDetail): Promise<void> {
    const db = this.store.value;
    if (!db || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const doc = await installReviewed(db, d.plan, this.now(), d.overwrite);
      this.say(`Introduction from ${d.introducerDisplay} installed${doc.services.length ? ` with ${doc.services.length} service${doc.services.length === 1 ? '' : 's'}` : ''}.`);
      this.renderRoot.querySelector<CtAddIntroFlow>('ct-add-intro-flow')?.clear();
      location.hash = '#/introductions';
    } catch (e) {
      this.error = this.sentence(e);
      this.say(`Not installed. ${this.error}`);
      // Something changed meanwhile (another tab): judge the file again against what is stored now.
      await this.context.run();
      await this.renderRoot.querySelector<CtAddIntroFlow>('ct-add-intro-flow')?.recheck();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <h1>Add an introduction</h1>
      <p class="lede">Install the <code>intro.json</code> a peer sent after introducing you. crosstrust checks that it really re-signs one of your identities, verifies under their CA and is valid, and shows what you would trust before anything is stored.</p>
      ${this.renderKept(this.context, 'Loading your identities…', (ctx) => {
          if (ctx.ourIdentities.length === 0) {
            return html`<div class="card" data-testid="no-identity">You have no identity in this browser yet. An introduction re-signs one of your identities, so create it first and send it to your peer.
              <div class="actions"><a class="button primary" href="#/new">Create an identity</a></div></div>`;
          }
          return html`
            ${this.error ? html`<div class="notice n-bad" role="alert">${this.error}</div>` : ''}
            <ct-add-intro-flow .ourIdentities=${ctx.ourIdentities} .existingPaths=${ctx.existingPaths} .now=${this.now()} ?busy=${this.busy}
              @ct-intro-install=${(e: CustomEvent<IntroInstallDetail>) => void this.install(e.detail)}></ct-add-intro-flow>`;
        })}
    `;
  }
}
customElements.define('ct-add-intro-view', CtAddIntroView);
declare global {
  interface HTMLElementTagNameMap { 'ct-add-intro-view': CtAddIntroView; }
}
