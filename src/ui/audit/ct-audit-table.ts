// <ct-audit-table>: audit entries as a table — when, what (with its operation and what it is about),
// the key used in words and by id, and the output's SHA-256 grouped for reading, with a copy button.
// Narrow windows get one block per entry. Used by the audit log view and the identity page.
import { LitElement, css, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { announcerContext } from '../contexts.ts';
import { copyText } from '../../exchange/index.ts';
import { fingerprintGroups } from '../components/fingerprint.ts';
import { formatDate, formatTime } from '../format.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import type { AuditRow } from './audit-log.ts';

/**
 * @prop rows - the entries to show, in order (newest first)
 * @prop showSubject - also name the identity or environment each entry is about (the whole-app log)
 * @attr caption - the table's accessible caption
 */
export class CtAuditTable extends LitElement {
  static override properties = { rows: { attribute: false }, showSubject: { type: Boolean, attribute: 'show-subject' }, caption: { type: String } };
  static override styles = [
    sharedStyles,
    css`
      table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
      th, td { text-align: left; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--ct-border); vertical-align: top; }
      th { color: var(--ct-muted); font-weight: 600; }
      td.when { white-space: nowrap; }
      td.when .time { display: block; color: var(--ct-muted); font-size: 0.85rem; }
      td.key { min-width: 9rem; max-width: 14rem; }
      .meta { color: var(--ct-muted); font-size: 0.85rem; margin-top: 0.15rem; }
      .sig { font-weight: 600; color: var(--ct-text); border: 1px solid var(--ct-border); border-radius: 4px; padding: 0 0.3rem; margin-right: 0.35rem; font-size: 0.78rem; }
      code { font-family: var(--ct-mono); font-size: 0.8rem; overflow-wrap: anywhere; }
      .keyid { display: block; color: var(--ct-muted); }
      /* 4 × 4 groups, as the fingerprint is read aloud; 8 per line when there is room (narrow layout). */
      .fp { display: grid; grid-template-columns: repeat(4, auto); gap: 0 0.7ch; justify-content: start; line-height: 1.45; overflow-wrap: normal; }
      .fp span { white-space: nowrap; }
      td.out button { font-size: 0.8rem; padding: 0.15rem 0.55rem; margin-top: 0.3rem; }
      .none { color: var(--ct-muted); }
      @media (max-width: 48rem) {
        thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        table, tbody, tr, td { display: block; }
        tr { border-bottom: 1px solid var(--ct-border); padding: 0.5rem 0; }
        td { border: none; padding: 0.15rem 0; }
        td[data-label]::before { content: attr(data-label); display: block; color: var(--ct-muted); font-size: 0.78rem; font-weight: 600; }
        .fp { grid-template-columns: repeat(8, auto); }
      }
    `,
  ];
  declare rows: ReadonlyArray<AuditRow>;
  declare showSubject: boolean;
  declare caption: string;
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });

  constructor() {
    super();
    this.rows = [];
    this.showSubject = false;
    this.caption = '';
  }

  private async copy(row: AuditRow): Promise<void> {
    try {
      await copyText(row.entry.outputSha256 ?? '');
      this.announcer.value?.announce('SHA-256 copied.');
    } catch (e) {
      this.announcer.value?.announce(messageFor(e));
    }
  }

  override render() {
    return html`<table>
      ${this.caption ? html`<caption class="visually-hidden">${this.caption}</caption>` : nothing}
      <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Key used</th><th scope="col">Output (SHA-256)</th></tr></thead>
      <tbody>${this.rows.map((r) => this.renderRow(r))}</tbody>
    </table>`;
  }

  private renderRow(r: AuditRow) {
    const e = r.entry;
    return html`<tr data-seq=${String(e.seq ?? '')} data-op=${e.op}>
      <td class="when" data-label="When"><time datetime=${new Date(e.timeMs).toISOString()}>${formatDate(e.timeMs)} <span class="time">${formatTime(e.timeMs)}</span></time></td>
      <td class="what" data-label="What">
        <div>${e.summary}</div>
        <div class="meta">${r.signature ? html`<span class="sig">Signature</span>` : nothing}${r.opLabel}${this.showSubject ? ` · ${r.areaLabel}${r.subject ? ` · ${r.subject.label}` : ''}` : ''}</div>
      </td>
      <td class="key" data-label="Key used">${r.key ? html`${r.key.label}<code class="keyid">${r.key.id}</code>` : html`<span class="none">No key</span>`}</td>
      <td class="out" data-label="Output (SHA-256)">${r.fingerprint
        ? html`<code class="fp">${fingerprintGroups(r.fingerprint)}</code>
            <button type="button" @click=${() => void this.copy(r)} aria-label=${`Copy the SHA-256 of: ${e.summary}`}>Copy</button>`
        : html`<span class="none">Nothing produced</span>`}</td>
    </tr>`;
  }
}
customElements.define('ct-audit-table', CtAuditTable);
declare global {
  interface HTMLElementTagNameMap { 'ct-audit-table': CtAuditTable; }
}
