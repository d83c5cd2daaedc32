// <ct-introductions-list>: installed introductions — who introduced which of our identities, their
// CA fingerprint, validity and services; removing one asks first in a dialog that says what it undoes.
import { LitElement, html, css, nothing } from 'lit';
import { sharedStyles } from '../shared-styles.ts';
import { STATUS_WORDS, formatDate } from '../format.ts';
import { introStyles } from './intro.styles.ts';
import type { IntroductionRow } from './introductions-controller.ts';

/**
 * @fires ct-intro-remove - detail: { idPath } after the user confirms removal in the dialog.
 */
export class CtIntroductionsList extends LitElement {
  static override properties = { rows: { attribute: false }, confirming: { state: true } };
  static override styles = [
    sharedStyles,
    introStyles,
    css`
      td.svc { min-width: 16rem; }
      .svc li + li { margin-top: 0.3rem; }
      .url { display: block; font-family: var(--ct-mono); font-size: 0.8rem; overflow-wrap: break-word; }
      .fp { max-width: 21rem; }
    `,
  ];
  declare rows: ReadonlyArray<IntroductionRow>;
  declare confirming: IntroductionRow | undefined;

  constructor() {
    super();
    this.rows = [];
    this.confirming = undefined;
  }

  private dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private async ask(row: IntroductionRow): Promise<void> {
    this.confirming = row;
    await this.updateComplete;
    this.dialog()?.showModal();
  }

  private confirm(): void {
    const row = this.confirming;
    this.dialog()?.close();
    if (row) this.dispatchEvent(new CustomEvent('ct-intro-remove', { detail: { idPath: row.doc.idPath }, bubbles: true, composed: true }));
  }

  override render() {
    if (this.rows.length === 0) {
      return html`<p class="muted" data-testid="no-introductions">No introductions installed yet. When a peer introduces you, install their intro.json under <a href="#/add-intro">Add introduction</a>.</p>`;
    }
    const c = this.confirming;
    return html`
      <table>
        <caption class="visually-hidden">Installed introductions</caption>
        <thead><tr><th scope="col">Introduced by</th><th scope="col">For</th><th scope="col">Valid until</th><th scope="col">Services</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${this.rows.map((r) => {
          const st = STATUS_WORDS[r.status];
          return html`<tr>
            <td><strong>${r.introducerDisplay}</strong><div class="small-mono muted fp" title="SHA-256 of the introducer's CA certificate">CA ${r.caFingerprint}</div></td>
            <td>${r.forIdentity || html`<span class="muted">an identity no longer here</span>`}</td>
            <td class=${st.cls}><span aria-hidden="true">${st.icon}</span> ${r.status === 'valid' ? '' : `${st.word}: `}${formatDate(r.doc.notAfterMs)}</td>
            <td class="svc">${r.doc.services.length ? html`<ul class="plain">${r.doc.services.map((s) => html`<li><strong>${s.alias}</strong><span class="url">${s.url}</span></li>`)}</ul>` : html`<span class="muted">none</span>`}</td>
            <td><button type="button" class="danger" aria-label=${`Remove the introduction from ${r.introducerDisplay}`} @click=${() => void this.ask(r)}>Remove…</button></td>
          </tr>`;
        })}</tbody>
      </table>
      <dialog aria-labelledby="rm-h" aria-describedby="rm-d" @close=${(e: Event) => { if (!(e.target as HTMLDialogElement).open) this.confirming = undefined; }}>
        ${c
          ? html`<h2 id="rm-h">Remove the introduction from ${c.introducerDisplay}?</h2>
              <p id="rm-d">You stop trusting their CA${c.doc.services.length ? html` for ${c.doc.services.map((s) => s.alias).join(', ')}` : nothing}, and the certificate they signed for ${c.forIdentity || 'your identity'} is deleted here. To trust them again you need a new intro.json.</p>
              <form method="dialog" class="actions">
                <button value="cancel" autofocus>Keep it</button>
                <button type="button" class="danger solid" @click=${() => this.confirm()}>Remove introduction</button>
              </form>`
          : nothing}
      </dialog>
    `;
  }
}
customElements.define('ct-introductions-list', CtIntroductionsList);
declare global {
  interface HTMLElementTagNameMap { 'ct-introductions-list': CtIntroductionsList; }
}
