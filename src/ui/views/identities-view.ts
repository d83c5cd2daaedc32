// Identities list: every identity in this browser (with whether it can sign here and whether its keys
// are recoverable), or an empty state inviting the first one and linking to the next steps.
import { LitElement, html, css, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { storeContext, clockContext } from '../contexts.ts';
import { loadIdentityRows } from '../controllers/identity-list.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import { STATUS_WORDS, formatDate } from '../format.ts';

export class CtIdentitiesView extends LitElement {
  static override properties = { param: { type: String } };
  static override styles = [
    sharedStyles,
    css`
      .head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-start; gap: 1rem; }
      ul.list { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
      ul.list a.card { display: block; color: inherit; text-decoration: none; margin: 0; }
      ul.list a.card:hover { border-color: var(--ct-accent); }
      .name { font-weight: 700; font-size: 1.1rem; color: var(--ct-accent); }
      .meta { color: var(--ct-muted); font-size: 0.92rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin-top: 0.2rem; }
      .empty { text-align: center; padding: 2.5rem 1.25rem; }
      .empty svg { width: 3rem; height: 3rem; color: var(--ct-accent); }
      .empty p { margin-left: auto; margin-right: auto; max-width: 46ch; }
      .head { margin-bottom: 0.5rem; }
      .how-title { margin-top: 0; }
      .steps { margin: 0; padding-left: 1.4rem; display: grid; gap: 0.45rem; }
    `,
  ];
  declare param: string;
  private readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly rows = new Task(this, {
    task: async ([db]) => (db ? loadIdentityRows(db, (this.clock.value ?? Date.now)()) : []),
    args: () => [this.store.value] as const,
  });

  constructor() {
    super();
    this.param = '';
  }

  override render() {
    return html`
      <div class="head">
        <div>
          <h1>Identities</h1>
          <p class="lede">Each identity is a signing certificate authority plus an identity certificate, with private keys that never leave this browser.</p>
        </div>
        <a class="button primary" href="#/new">New identity</a>
      </div>
      ${this.rows.render({
        pending: () => html`<p class="muted" role="status">Loading identities…</p>`,
        error: (e) => html`<p class="error" role="alert">${messageFor(e)}</p>`,
        complete: (rows) =>
          rows.length === 0
            ? html`<div class="card empty">
                <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6"><path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5z"/><path d="M12 8v8M8 12h8"/></svg>
                <h2>No identities yet</h2>
                <p>Create your organisation’s identity to introduce it to others. It takes a second, and the keys are made here, in your browser.</p>
                <p><a class="button primary" href="#/new">Create your first identity</a></p>
              </div>
              <section class="card" aria-labelledby="how-h">
                <h2 id="how-h" class="how-title">How crosstrust works</h2>
                <ol class="steps">
                  <li><strong>Create your identity</strong>: a certificate authority for your organisation and an identity certificate it signs.</li>
                  <li><strong>Trust partners</strong>: <a href="#/introduce">introduce</a> another organisation with your CA, or
                    <a href="#/add-intro">add an introduction</a> you received. Share roots with <a href="#/federation">trust bundles</a>.</li>
                  <li><strong>Check</strong> what a certificate is and <a href="#/validate">whether it would be accepted</a>.</li>
                  <li><strong>Keep it safe</strong>: <a href="#/backup">back up</a> this browser’s data; nothing is stored anywhere else.</li>
                </ol>
              </section>`
            : html`<ul class="list" aria-label="Identities">
                ${rows.map(({ record, summary, keysHeld, recoverable }) => {
                  const st = STATUS_WORDS[summary.status];
                  return html`<li>
                    <a class="card" href="#/identity/${encodeURIComponent(record.id)}">
                      <span class="name">${record.label}</span>
                      <span class="meta">
                        <span>${summary.subject}</span>
                        <span>${summary.key.type}</span>
                        <span class=${st.cls}><span aria-hidden="true">${st.icon}</span> ${st.word} until ${formatDate(summary.notAfterMs)}</span>
                        ${keysHeld
                          ? recoverable ? html`<span><span aria-hidden="true">⟲</span> Keys recoverable</span>` : nothing
                          : html`<span class="warn"><span aria-hidden="true">⚠</span> Keys not in this browser: cannot sign${recoverable ? ' (recover them on the Backup page)' : ''}</span>`}
                      </span>
                    </a>
                  </li>`;
                })}
              </ul>`,
      })}
    `;
  }
}
customElements.define('ct-identities-view', CtIdentitiesView);
declare global {
  interface HTMLElementTagNameMap { 'ct-identities-view': CtIdentitiesView; }
}
