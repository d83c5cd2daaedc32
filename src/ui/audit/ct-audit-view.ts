// The whole-app audit log (#/audit, #/audit/identity:<id>, #/audit/environment:<name>): every entry
// newest first, filtered by area, operation and identity/environment, with the key used, the output's
// fingerprint (copy) and a download of what is shown as JSON lines. Read-only.
import { LitElement, css, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { announcerContext, clockContext, storeContext } from '../contexts.ts';
import { download } from '../../exchange/index.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import {
  areasIn, auditFileName, auditJsonLines, filterRows, loadAuditLog, opsIn, subjectFromParam,
  type AuditArea, type AuditFilter, type AuditLog, type SubjectKey,
} from './audit-log.ts';
import './ct-audit-table.ts';

const PAGE = 100;

export class CtAuditView extends LitElement {
  static override properties = {
    param: { type: String },
    area: { state: true },
    op: { state: true },
    subject: { state: true },
    signaturesOnly: { state: true },
    shown: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .card > h2 { margin-top: 0; }
      form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; }
      form.filters .field { margin: 0; min-width: 12rem; flex: 1 1 12rem; max-width: 20rem; }
      form.filters .check { display: flex; align-items: center; gap: 0.4rem; font-weight: 600; margin: 0 0 0.45rem; }
      form.filters .check input { width: auto; margin: 0; }
      .count { margin: 0.75rem 0 0.5rem; color: var(--ct-muted); }
      .download { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
      .download .hint { margin: 0; max-width: 52ch; }
    `,
  ];
  declare param: string;
  declare area: AuditArea | '';
  declare op: string;
  declare subject: SubjectKey | '';
  declare signaturesOnly: boolean;
  declare shown: number;
  private readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });
  private readonly log = new Task(this, {
    task: async ([db]) => (db ? loadAuditLog(db) : undefined),
    args: () => [this.store.value] as const,
  });

  constructor() {
    super();
    this.param = '';
    this.area = '';
    this.op = '';
    this.subject = '';
    this.signaturesOnly = false;
    this.shown = PAGE;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('param')) this.subject = subjectFromParam(this.param);
  }

  private filter(): AuditFilter {
    return { area: this.area, op: this.op, subject: this.subject, signaturesOnly: this.signaturesOnly };
  }

  private onChange(e: Event): void {
    const el = e.target as HTMLInputElement | HTMLSelectElement;
    if (el.name === 'area') {
      this.area = el.value as AuditArea | '';
      this.op = ''; // operations belong to an area
    } else if (el.name === 'op') this.op = el.value;
    else if (el.name === 'subject') this.subject = el.value as SubjectKey | '';
    else if (el.name === 'signatures') this.signaturesOnly = (el as HTMLInputElement).checked;
    this.shown = PAGE;
  }

  private clear(): void {
    this.area = '';
    this.op = '';
    this.subject = '';
    this.signaturesOnly = false;
    this.shown = PAGE;
    this.renderRoot.querySelector<HTMLSelectElement>('#area')?.focus();
  }

  private save(log: AuditLog): void {
    const rows = filterRows(log.rows, this.filter());
    const label = this.subject ? log.subjects.find((s) => s.key === this.subject)?.label : undefined;
    download(auditJsonLines(rows), auditFileName((this.clock.value ?? Date.now)(), label), 'application/jsonl');
    this.announcer.value?.announce(`Downloaded ${rows.length} ${rows.length === 1 ? 'entry' : 'entries'} as JSON lines.`);
  }

  override render() {
    return html`
      <h1>Audit log</h1>
      <p class="lede">Every signature made in this browser — what was signed, when, with which key, and the SHA-256 of what it produced — and every change to identities, partners, bundles, revocations and the scoped PKI. Newest first. Kept in this browser’s storage; crosstrust never edits or removes an entry.</p>
      ${this.log.render({
        pending: () => html`<p class="muted" role="status">Reading the audit log…</p>`,
        error: (e) => html`<p class="error" role="alert">${messageFor(e)}</p>`,
        complete: (log) => (log ? this.renderLog(log) : html`<p class="muted">Opening storage…</p>`),
      })}`;
  }

  private renderLog(log: AuditLog) {
    if (!log.rows.length) {
      return html`<section class="card" aria-labelledby="empty-h">
        <h2 id="empty-h">Nothing recorded yet</h2>
        <p>Entries appear here from the first signature on, for example when you <a href="#/new">create an identity</a>.</p>
      </section>`;
    }
    const byArea = this.area ? log.rows.filter((r) => r.area === this.area) : log.rows;
    const rows = filterRows(log.rows, this.filter());
    const filtered = rows.length !== log.rows.length;
    const visible = rows.slice(0, this.shown);
    // A subject named by the route but gone from the log still shows as chosen.
    const subjects = this.subject && !log.subjects.some((s) => s.key === this.subject) ? [...log.subjects, { key: this.subject, label: this.subject }] : log.subjects;
    return html`
      <section class="card" aria-labelledby="filter-h">
        <h2 id="filter-h">Filter</h2>
        <form class="filters" role="search" aria-label="Filter the audit log" @change=${(e: Event) => this.onChange(e)} @submit=${(e: Event) => e.preventDefault()}>
          <div class="field"><label for="area">Area</label>
            <select id="area" name="area" .value=${this.area}>
              <option value="" ?selected=${!this.area}>All areas (${log.rows.length})</option>
              ${areasIn(log.rows).map((a) => html`<option value=${a.id} ?selected=${this.area === a.id}>${a.label} (${a.count})</option>`)}
            </select></div>
          <div class="field"><label for="op">Operation</label>
            <select id="op" name="op" .value=${this.op}>
              <option value="" ?selected=${!this.op}>All operations</option>
              ${opsIn(byArea).map((o) => html`<option value=${o.op} ?selected=${this.op === o.op}>${o.label} (${o.count})</option>`)}
            </select></div>
          <div class="field"><label for="subject">Identity or environment</label>
            <select id="subject" name="subject" .value=${this.subject}>
              <option value="" ?selected=${!this.subject}>All</option>
              ${subjects.map((s) => html`<option value=${s.key} ?selected=${this.subject === s.key}>${s.label}</option>`)}
            </select></div>
          <label class="check"><input type="checkbox" name="signatures" .checked=${this.signaturesOnly} /> Signatures only</label>
          ${filtered || this.area || this.op || this.subject || this.signaturesOnly ? html`<button type="button" @click=${() => this.clear()}>Clear filters</button>` : nothing}
        </form>
      </section>

      <section class="card" aria-labelledby="entries-h">
        <h2 id="entries-h">Entries</h2>
        <div class="download">
          <button type="button" class="primary" ?disabled=${!rows.length} @click=${() => this.save(log)}>Download ${filtered ? `these ${rows.length}` : `all ${rows.length}`} as JSON lines</button>
          <p class="hint">One JSON object per line (.jsonl) with seq, time, op, summary, keyId, outputSha256 and details, newest first.</p>
        </div>
        <p class="count" role="status" data-testid="audit-count">${filtered ? `${rows.length} of ${log.rows.length} entries match.` : `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}.`}${visible.length < rows.length ? ` Showing the newest ${visible.length}.` : ''}</p>
        ${rows.length
          ? html`<ct-audit-table .rows=${visible} show-subject caption="Audit entries, newest first"></ct-audit-table>`
          : html`<p>No entry matches these filters. <button type="button" @click=${() => this.clear()}>Clear filters</button></p>`}
        ${visible.length < rows.length
          ? html`<div class="actions"><button type="button" @click=${() => (this.shown += PAGE)}>Show ${Math.min(PAGE, rows.length - visible.length)} more</button></div>`
          : nothing}
      </section>`;
  }
}
customElements.define('ct-audit-view', CtAuditView);
declare global {
  interface HTMLElementTagNameMap { 'ct-audit-view': CtAuditView; }
}
