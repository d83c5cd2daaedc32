// <ct-federation-view>: the #/federation route. Create or pick a trust bundle; see its roots
// (provenance, flags, earliest expiry); add roots from what the store holds or from files, pastes
// and QR codes; export and sign it; import partners' bundles with a per-entry diff. The cards do the
// work through DOM-free controllers; this view holds the current bundle and says what happened.
import { LitElement, html, css, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { storeContext, clockContext, announcerContext } from '../contexts.ts';
import { deleteBundle, listBundles, saveBundle } from '../../store/index.ts';
import { composeBundle, removeEntry, setEntryKeep, type TrustBundle } from '../../pki/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDateTime } from '../format.ts';
import { federationStyles } from './federation-styles.ts';
import { explain } from './explain.ts';
import './bundle-entries.ts';
import './bundle-compose.ts';
import './bundle-share.ts';
import './bundle-import.ts';

export class CtFederationView extends LitElement {
  static override properties = {
    param: { type: String },
    current: { state: true },
    creating: { state: true },
    problem: { state: true },
  };
  static override styles = [
    sharedStyles,
    federationStyles,
    css`
      .picker { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-bottom: 1rem; }
      .picker .field { margin: 0; flex: 0 1 20rem; }
      .create .row .field { flex: 1 1 14rem; }
    `,
  ];
  declare param: string;
  /** Name of the bundle shown. */
  declare current: string;
  declare creating: boolean;
  declare problem: string;
  private readonly store = new ContextConsumer(this, { context: storeContext, subscribe: true });
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });
  private readonly bundles = new Task(this, {
    task: async ([db]) => (db ? listBundles(db) : undefined),
    args: () => [this.store.value] as const,
  });

  constructor() {
    super();
    this.param = '';
    this.current = '';
    this.creating = false;
    this.problem = '';
  }

  private now(): number {
    return (this.clock.value ?? Date.now)();
  }

  private say(message: string): void {
    this.announcer.value?.announce(message);
  }

  private shown(list: ReadonlyArray<TrustBundle>): TrustBundle | undefined {
    return list.find((b) => b.name === this.current) ?? list[0];
  }

  private async changed(bundle: TrustBundle, message: string): Promise<void> {
    this.current = bundle.name;
    this.problem = '';
    this.say(message);
    await this.bundles.run();
  }

  private async save(held: TrustBundle, next: TrustBundle, op: string, summary: string, message: string): Promise<void> {
    const db = this.store.value;
    if (!db) return;
    try {
      await saveBundle(db, next, { expectedUpdatedMs: held.updatedMs, op, summary });
      await this.changed(next, message);
    } catch (e) {
      this.problem = `Not saved: ${explain(e)}`;
    }
  }

  private async create(e: SubmitEvent, existing: ReadonlyArray<TrustBundle>): Promise<void> {
    e.preventDefault();
    const db = this.store.value;
    const form = new FormData(e.target as HTMLFormElement);
    if (!db) return;
    try {
      const name = String(form.get('name') ?? '').trim();
      if (existing.some((b) => b.name === name)) {
        this.problem = `A bundle called “${name}” exists already. Pick it above or choose another name.`;
        return;
      }
      const { bundle } = await composeBundle({ name, trustDomain: String(form.get('td') ?? '').trim(), candidates: [], atMs: this.now() });
      await saveBundle(db, bundle, { op: 'bundle.create', summary: `created bundle ${bundle.name}` });
      this.creating = false;
      await this.changed(bundle, `Created bundle ${bundle.name}. Add roots to it below.`);
    } catch (err) {
      this.problem = explain(err);
    }
  }

  private async deleteShown(b: TrustBundle): Promise<void> {
    const db = this.store.value;
    this.renderRoot.querySelector<HTMLDialogElement>('#delete-dialog')?.close();
    if (!db) return;
    await deleteBundle(db, b.name, this.now());
    this.current = '';
    this.say(`Deleted bundle ${b.name}.`);
    await this.bundles.run();
  }

  private createForm(list: ReadonlyArray<TrustBundle>) {
    return html`<section class="card create" aria-labelledby="create-h">
      <h2 id="create-h">${list.length ? 'New bundle' : 'Create your first trust bundle'}</h2>
      <form @submit=${(e: SubmitEvent) => void this.create(e, list)}>
        <div class="row">
          <div class="field"><label for="name">Bundle name</label><input id="name" name="name" required placeholder="partners" /></div>
          <div class="field"><label for="td">SPIFFE trust domain</label><input id="td" name="td" required placeholder="example.org" aria-describedby="td-hint" />
            <p class="hint" id="td-hint">Your own trust domain: lower-case, such as example.org. SPIFFE exports are labelled with it.</p></div>
        </div>
        <div class="actions">
          <button class="primary" type="submit">Create bundle</button>
          ${list.length ? html`<button type="button" @click=${() => (this.creating = false)}>Cancel</button>` : nothing}
        </div>
      </form>
    </section>`;
  }

  private bundleView(b: TrustBundle, list: ReadonlyArray<TrustBundle>) {
    const at = this.now();
    return html`
      <div class="picker">
        ${list.length > 1
          ? html`<div class="field"><label for="pick">Bundle</label>
              <select id="pick" @change=${(e: Event) => (this.current = (e.target as HTMLSelectElement).value)}>
                ${list.map((x) => html`<option value=${x.name} ?selected=${x.name === b.name}>${x.name}</option>`)}
              </select></div>`
          : nothing}
        <button type="button" @click=${() => (this.creating = true)}>New bundle…</button>
      </div>
      ${this.creating ? this.createForm(list) : nothing}

      <section class="card" aria-labelledby="roots-h">
        <h2 id="roots-h">${b.name}: roots</h2>
        <p class="hint">Trust domain ${b.trustDomain} · last changed ${formatDateTime(b.updatedMs)}. Flagged roots stay listed but are left out of every export unless you keep them.</p>
        <ct-bundle-entries .bundle=${b} .atMs=${at}
          @ct-bundle-keep=${(e: CustomEvent<{ fingerprint: string; keep: boolean }>) =>
            void this.save(b, setEntryKeep(b, e.detail.fingerprint, e.detail.keep, this.now()), 'bundle.keep', `${e.detail.keep ? 'kept' : 'dropped'} a flagged root`, e.detail.keep ? 'Kept the root in exports.' : 'The root is left out of exports again.')}
          @ct-bundle-remove=${(e: CustomEvent<{ fingerprint: string }>) => {
            const gone = b.entries.find((x) => x.fingerprint === e.detail.fingerprint);
            void this.save(b, removeEntry(b, e.detail.fingerprint, this.now()), 'bundle.remove', `removed root ${gone?.subject ?? e.detail.fingerprint}`, `Removed ${gone?.displayName ?? 'the root'}.`);
          }}></ct-bundle-entries>
      </section>

      <section class="card" aria-labelledby="add-h">
        <h2 id="add-h">Add roots</h2>
        <p class="hint">From your identities, installed introductions and cross-certificates, or from a partner’s file, text or QR code. Partner roots are added only after you confirm their fingerprint.</p>
        <ct-bundle-compose .bundle=${b} @ct-bundle-changed=${(e: CustomEvent<{ bundle: TrustBundle; message: string }>) => void this.changed(e.detail.bundle, e.detail.message)}></ct-bundle-compose>
      </section>

      <section class="card" aria-labelledby="export-h">
        <h2 id="export-h">Export and share</h2>
        <ct-bundle-share .bundle=${b}></ct-bundle-share>
      </section>

      <section class="card" aria-labelledby="import-h">
        <h2 id="import-h">Import a partner’s bundle</h2>
        <p class="hint">See what is new, renewed or gone compared with ${b.name}, check who signed it, and accept changes one by one.</p>
        <ct-bundle-import .held=${b} @ct-bundle-changed=${(e: CustomEvent<{ bundle: TrustBundle; message: string }>) => void this.changed(e.detail.bundle, e.detail.message)}></ct-bundle-import>
      </section>

      <section class="card" aria-labelledby="manage-h">
        <h2 id="manage-h">Manage</h2>
        <div class="actions"><button type="button" class="danger" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('#delete-dialog')?.showModal()}>Delete bundle…</button></div>
      </section>
      <dialog id="delete-dialog" aria-labelledby="del-h">
        <h2 id="del-h">Delete the bundle “${b.name}”?</h2>
        <p>Its roots, provenance and SPIFFE sequence are forgotten here. Identities and introductions stay.</p>
        <form method="dialog" class="actions">
          <button value="cancel" autofocus>Keep it</button>
          <button type="button" class="danger solid" @click=${() => void this.deleteShown(b)}>Delete bundle</button>
        </form>
      </dialog>
    `;
  }

  override render() {
    return html`
      <h1>Trust bundles</h1>
      <p class="lede">A trust bundle says “these roots, and no others”. Compose one from your CAs and your partners’, export it for step-ca, SPIFFE or certified, sign it, and import the bundles partners send.</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${this.bundles.render({
        pending: () => html`<p class="muted" role="status">Loading bundles…</p>`,
        error: (e) => html`<p class="error" role="alert">${explain(e)}</p>`,
        complete: (list) => {
          if (!list) return html`<p class="muted">Opening storage…</p>`;
          const b = this.shown(list);
          return b ? this.bundleView(b, list) : this.createForm(list);
        },
      })}
    `;
  }
}
customElements.define('ct-federation-view', CtFederationView);
declare global {
  interface HTMLElementTagNameMap {
    'ct-federation-view': CtFederationView;
  }
}
