// Route #/trust-graph: the trust graph built from the store (our identities, installed introductions,
// whom our CAs introduced, cross-certificates), drawn by <ct-trust-graph>.
import { html } from 'lit';
import { Task } from '@lit/task';
import { sharedStyles } from '../shared-styles.ts';
import { introStyles } from './intro.styles.ts';
import { IntroViewBase } from './view-base.ts';
import { loadTrustGraph } from './trust-graph-controller.ts';
import './trust-graph.ts';

export class CtTrustGraphView extends IntroViewBase {
  static override styles = [sharedStyles, introStyles];
  private readonly graph = new Task(this, {
    task: async ([db]) => (db ? loadTrustGraph(db, this.now()) : undefined),
    args: () => [this.store.value] as const,
  });

  override render() {
    return html`
      <h1>Trust graph</h1>
      <p class="lede">Who introduced you and to which of their services you may connect (left), your identities (middle), and whom you vouch for (right).</p>
      ${this.graph.render({
        pending: () => html`<p class="muted" role="status">Drawing the trust graph…</p>`,
        error: (e) => html`<p class="error" role="alert">${this.sentence(e)}</p>`,
        complete: (g) => (g ? html`<ct-trust-graph .graph=${g}></ct-trust-graph>` : html`<p class="muted">Opening storage…</p>`),
      })}
      <div class="actions"><a class="button" href="#/introduce">Introduce a peer</a> <a class="button" href="#/add-intro">Add an introduction</a> <a class="button" href="#/cross-certify">Cross-certify a CA</a></div>
    `;
  }
}
customElements.define('ct-trust-graph-view', CtTrustGraphView);
declare global {
  interface HTMLElementTagNameMap { 'ct-trust-graph-view': CtTrustGraphView; }
}
