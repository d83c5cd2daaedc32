// The scoped-PKI view: create an environment (explicit root custody), see it as a tree of scopes with
// fingerprints and bundles, issue and renew leaves, rotate step by step (each step one store
// transaction, destructive ones confirmed), and move the store file to and from CI. Every artefact
// leaves through <ct-share-panel> and arrives through <ct-receive-panel> (file, paste, drop or QR code).
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { storeContext, clockContext, announcerContext } from '../contexts.ts';
import { HierarchyController, type HierarchyAction, type IssuedOutput, type RootCustodyChoice } from './hierarchy-controller.ts';
import { copyText, download } from '../../exchange/index.ts';
import { messageFor } from '../messages.ts';
import { sharedStyles } from '../shared-styles.ts';
import { hierarchyViewStyles } from './hierarchy-view.styles.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { busyRegistry } from '../update/busy-registry.ts';
import { CUSTODY_WORDS, HEALTH, AUTHORITY_STATUS } from './hierarchy-tree.ts';
import type { KeyType, Topology } from '../../pki/index.ts';
import type { CtReceivePanel, ReceiveEvent } from '../components/receive-panel.ts';
import {
  authorityShareItem, bundleShareItem, issuedShareItems, readLeafRequest, storeFileShareItem, storeFileText,
  CSR_QR_KINDS, MAX_STORE_FILE_BYTES, STORE_QR_KINDS, type RequestReading,
} from './hierarchy-share.ts';
import './hierarchy-tree.ts';
import { fingerprintGroups } from '../components/fingerprint.ts';
import '../components/receive-panel.ts';
import '../components/share-panel.ts';

const sizeText = (n: number): string => (n < 1024 ? `${n} bytes` : `${Math.ceil(n / 1024)} KB`);

interface Confirmation {
  readonly title: string;
  readonly body: TemplateResult;
  readonly confirm: string;
  readonly action: HierarchyAction;
}

type Mode = 'environment' | 'new';

/** A grouped fingerprint as four groups a line, so a table column stays readable instead of one group a line. */
const fpGrid = (grouped: string) => html`<code class="fp4">${fingerprintGroups(grouped)}</code>`;

export class CtHierarchyView extends LitElement {
  static override properties = {
    param: { type: String },
    mode: { state: true },
    topology: { state: true },
    regions: { state: true },
    custody: { state: true },
    csrSource: { state: true },
    confirming: { state: true },
    formError: { state: true },
    request: { state: true },
    storeInput: { state: true },
  };
  static override styles = [sharedStyles, hierarchyViewStyles];

  declare param: string;
  declare mode: Mode;
  declare topology: Topology;
  declare regions: string;
  declare custody: RootCustodyChoice | '';
  declare csrSource: 'csr' | 'generate';
  declare confirming: Confirmation | null;
  declare formError: string;
  /** The service's request as received (file, paste or QR), shown before the leaf is issued. */
  declare request: RequestReading | undefined;
  /** The store file as received, imported when the user presses Import. */
  declare storeInput: { readonly name: string; readonly text: string } | undefined;
  private readonly clock = new ContextConsumer(this, { context: clockContext });
  private readonly ctl = new HierarchyController(this, { nowMs: () => (this.clock.value ?? Date.now)() });
  private readonly store = new ContextConsumer(this, {
    context: storeContext,
    subscribe: true,
    callback: (db) => void this.ctl.attach(db).then(() => this.afterLoad()),
  });
  private readonly announcer = new ContextConsumer(this, { context: announcerContext });
  private releaseDirty: (() => void) | undefined;

  constructor() {
    super();
    this.param = '';
    this.mode = 'environment';
    this.topology = 'two-tier';
    this.regions = '';
    this.custody = '';
    this.csrSource = 'csr';
    this.confirming = null;
    this.formError = '';
    this.request = undefined;
    this.storeInput = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The context may already hold the database when this view is created.
    if (this.store.value) void this.ctl.attach(this.store.value).then(() => this.afterLoad());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.clean();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('param') && changed.get('param') !== undefined) void this.afterLoad();
  }

  private async afterLoad(): Promise<void> {
    // #/hierarchy/<name> selects that environment.
    if (this.param && this.ctl.environments.includes(this.param) && this.ctl.selected?.doc.environment.name !== this.param) await this.ctl.select(this.param);
  }

  private say(message: string): void {
    this.announcer.value?.announce(message);
  }

  private dirty(): void {
    this.releaseDirty ??= busyRegistry.hold('dirty', 'scoped PKI form');
  }

  private clean(): void {
    this.releaseDirty?.();
    this.releaseDirty = undefined;
  }

  private async done(ok: boolean): Promise<void> {
    this.say(ok ? this.ctl.message : `Not done: ${this.ctl.message}`);
    if (ok) this.clean();
    await this.updateComplete;
    if (!ok) this.renderRoot.querySelector<HTMLElement>('#outcome')?.focus();
  }

  // ---- create ----

  private async onCreate(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const v = (k: string): string => String(f.get(k) ?? '');
    if (!this.custody) {
      this.formError = 'Choose how the root key is kept: recoverable, or this browser only.';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="custody"]')?.focus();
      return;
    }
    this.formError = '';
    const scopes = HierarchyController.scopesFor(this.topology, this.regions);
    const ok = await this.ctl.create({
      name: v('name'), trustDomain: v('domain'), topology: this.topology, regions: this.regions, keyType: v('keyType') as KeyType,
      rootRecipient: v('rootRecipient'), ciRecipient: v('ciRecipient'), backupRecipient: v('backupRecipient'),
      dnsSubtrees: Object.fromEntries(scopes.map((s) => [s, v(`dns-${s}`)])), rootCustody: this.custody,
    });
    if (ok) {
      form.reset();
      this.custody = '';
      this.regions = '';
      this.mode = 'environment';
    }
    await this.done(ok);
  }

  private renderCreate() {
    const scopes = HierarchyController.scopesFor(this.topology, this.regions);
    const busy = !!this.ctl.busy;
    return html`<section class="card" aria-labelledby="new-h">
      <h2 id="new-h">New environment</h2>
      <p class="hint">An environment (for example <code>prod</code>) is one SPIFFE trust domain path with a cold root kept in this browser and one intermediate per scope that CI uses to renew leaves.</p>
      <form class="wide" @submit=${(e: SubmitEvent) => void this.onCreate(e)} @input=${() => this.dirty()} aria-label="New environment" novalidate>
        <div class="two">
          <div class="field"><label for="name">Environment name</label><input id="name" name="name" required value="prod" aria-describedby="name-h" /><p class="hint" id="name-h">Lower-case, e.g. prod or staging; a SPIFFE path segment.</p></div>
          <div class="field"><label for="domain">Base domain</label><input id="domain" name="domain" required placeholder="example.org" aria-describedby="domain-h" /><p class="hint" id="domain-h">The SPIFFE trust domain: IDs look like spiffe://example.org/prod/eu/shop.</p></div>
        </div>
        <fieldset>
          <legend>Topology</legend>
          <div class="choice">
            <label><input type="radio" name="topology" value="two-tier" .checked=${this.topology === 'two-tier'} @change=${() => (this.topology = 'two-tier')} /> <span><strong>Two-tier</strong>: offline root, one intermediate per scope (global and each region). Scopes cannot be made to trust each other’s services.</span></label>
            <label><input type="radio" name="topology" value="root-only" .checked=${this.topology === 'root-only'} @change=${() => (this.topology = 'root-only')} /> <span><strong>Root only</strong>: one online issuer (its key goes to CI), one global scope, no boundary.</span></label>
          </div>
          ${this.topology === 'two-tier'
            ? html`<div class="field"><label for="regions">Regions <span class="optional">(comma separated)</span></label><input id="regions" name="regions" placeholder="eu, us" .value=${this.regions} @input=${(e: Event) => (this.regions = (e.target as HTMLInputElement).value)} /></div>`
            : nothing}
          <div class="field"><label for="keyType">Key type</label>
            <select id="keyType" name="keyType"><option value="p256" selected>ECDSA P-256 (widest TLS support)</option><option value="p384">ECDSA P-384</option><option value="ed25519">Ed25519 (not for browsers’ TLS)</option></select></div>
        </fieldset>
        <fieldset>
          <legend>Custodians (age recipients)</legend>
          <div class="field"><label for="rootRecipient">Offline root holder</label><input id="rootRecipient" name="rootRecipient" required class="mono" placeholder="age1…" aria-describedby="rr-h" /><p class="hint" id="rr-h">Your own age key, kept offline (<code>age-keygen</code>). A recoverable root is encrypted to it only.</p></div>
          <div class="field"><label for="ciRecipient">CI</label><input id="ciRecipient" name="ciRecipient" required class="mono" placeholder="age1…" aria-describedby="ci-h" /><p class="hint" id="ci-h">CI decrypts every intermediate key from the store file to renew leaves. It can never decrypt the root.</p></div>
          <div class="field"><label for="backupRecipient">Offline backup <span class="optional">(optional)</span></label><input id="backupRecipient" name="backupRecipient" class="mono" placeholder="age1…" aria-describedby="bk-h" /><p class="hint" id="bk-h">Also receives every intermediate key, so intermediates survive the loss of CI’s identity.</p></div>
        </fieldset>
        <fieldset>
          <legend>DNS names each scope may certify <span class="optional">(optional)</span></legend>
          <p class="hint">Adds a DNS name constraint to the scope’s intermediate. Leave empty for no DNS limit. The scope boundary itself comes from the bundles (URI constraints cannot separate scopes of one trust domain).</p>
          ${scopes.map((s) => html`<div class="field"><label for="dns-${s}">${s}</label><input id="dns-${s}" name="dns-${s}" placeholder=${s === 'global' ? 'global.example.org' : `${s}.example.org`} /></div>`)}
        </fieldset>
        <fieldset aria-describedby="custody-h">
          <legend>Root key custody (choose one)</legend>
          <p class="hint" id="custody-h">The root key is created non-extractable in this browser either way. The choice is whether a copy exists anywhere else.</p>
          <div class="choice">
            <label><input type="radio" name="custody" value="recoverable" .checked=${this.custody === 'recoverable'} @change=${() => (this.custody = 'recoverable')} /> <span><strong>Recoverable (recommended)</strong>: at birth the root is encrypted to the offline root holder and stored in the store file. With that age identity you can load it into another browser.</span></label>
            <label><input type="radio" name="custody" value="browser-only" .checked=${this.custody === 'browser-only'} @change=${() => (this.custody = 'browser-only')} /> <span><strong>This browser only</strong>: no copy exists. If this browser’s storage is cleared or lost, the root is gone for good.</span></label>
          </div>
          ${this.custody === 'browser-only'
            ? html`<div class="callout danger" role="note"><p><strong>No way back.</strong> Clearing site data, a new profile or a lost laptop destroys this root. You would have to rotate to a new root and hand new bundles to every service. Ask the browser to keep this site’s data on the <a href="#/storage">Storage</a> page.</p></div>`
            : nothing}
          ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${busy}>Create environment</button>${this.inlineBusy()}
          ${this.ctl.environments.length ? html`<button type="button" @click=${() => { this.mode = 'environment'; this.clean(); }}>Cancel</button>` : nothing}
        </div>
      </form>
    </section>`;
  }

  // ---- store file in and out, keys ----

  private onStoreReceived(e: ReceiveEvent): void {
    const input = e.detail.inputs[0];
    if (!input) return;
    try {
      this.storeInput = { name: input.name, text: storeFileText(input) };
      this.say(`${input.name} is ready to import.`);
    } catch (err) {
      this.storeInput = undefined;
      this.say(messageFor(err));
    }
  }

  private async onImport(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const idField = form.querySelector<HTMLTextAreaElement>('textarea[name="identity"]');
    const file = this.storeInput;
    if (!file) {
      this.say('Bring the store file first: choose it, drop it, paste it or scan its QR code.');
      form.querySelector<CtReceivePanel>('ct-receive-panel')?.focus();
      return;
    }
    const ok = await this.ctl.importFile(file.text, idField?.value ?? '');
    if (idField) idField.value = ''; // the identity is a secret: never left in the page
    if (ok) {
      form.reset();
      form.querySelector<CtReceivePanel>('ct-receive-panel')?.clear();
      this.storeInput = undefined;
      this.mode = 'environment';
    }
    await this.done(ok);
  }

  private renderImport(heading: string, intro: TemplateResult) {
    return html`<section class="card" aria-labelledby="imp-h">
      <h2 id="imp-h">${heading}</h2>
      ${intro}
      <form @submit=${(e: SubmitEvent) => void this.onImport(e)} aria-label=${heading}>
        <ct-receive-panel label="Bring the store file" hint="The .pki.yaml file, its text, or the QR code of the store file another crosstrust shows."
          accept=".yaml,.yml,text/yaml" file-label="Store file (.yaml)" paste-label="Or paste the store file" submit-label="Read pasted store file"
          .multiple=${false} .maxBytes=${MAX_STORE_FILE_BYTES} .qrKinds=${STORE_QR_KINDS} @ct-receive=${(e: ReceiveEvent) => this.onStoreReceived(e)}></ct-receive-panel>
        <p class="received" aria-live="polite">${this.storeInput
          ? html`<span aria-hidden="true">✓</span> Ready to import: <strong>${this.storeInput.name}</strong> (${sizeText(this.storeInput.text.length)}).`
          : html`<span class="muted">No store file read yet.</span>`}</p>
        <details>
          <summary>Also load keys with an age identity <span class="optional">(optional)</span></summary>
          <div class="field"><label for="identity">Age identity (AGE-SECRET-KEY-1…)</label>
            <textarea id="identity" name="identity" class="secret mono" autocomplete="off" spellcheck="false" rows="2" aria-describedby="id-h"></textarea>
            <p class="hint" id="id-h">The offline root identity loads an escrowed root; the backup identity loads intermediates. Keys are imported non-extractable; the identity is cleared from the page right after. Do this only on the offline machine.</p></div>
        </details>
        <div class="actions"><button type="submit" class="primary" ?disabled=${!!this.ctl.busy}>Import store file</button>${this.inlineBusy()}</div>
      </form>
    </section>`;
  }

  private async onLoadKeys(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const field = (e.target as HTMLFormElement).querySelector<HTMLTextAreaElement>('textarea')!;
    const ok = await this.ctl.loadKeys(field.value);
    field.value = '';
    await this.done(ok);
  }

  private storeShared(name: string, action: string): void {
    if (action === 'download') this.say(`${name} downloaded. Commit it where CI reads it.`);
  }

  // ---- actions ----

  private ask(c: Confirmation): void {
    this.confirming = c;
    void this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal());
  }

  private async confirmed(): Promise<void> {
    const c = this.confirming;
    this.renderRoot.querySelector('dialog')?.close();
    this.confirming = null;
    if (c) await this.act(c.action);
  }

  private async act(a: HierarchyAction): Promise<void> {
    await this.done(await this.ctl.run(a));
  }

  private staleWarning(): TemplateResult {
    const li = this.ctl.lastImport;
    return html`<p class="callout" role="note">This decision uses the leaves known here. ${li
      ? html`CI’s store file was last imported ${formatDateTime(li.atMs)} (revision ${li.fileRevision}).`
      : html`CI’s store file was never imported here.`} Leaves CI issued or renewed since are not counted: import its current store file first.</p>`;
  }

  private confirmFinalize(): void {
    const op = this.ctl.selected?.doc.operation;
    this.ask({
      title: 'Finalize the root rotation?',
      body: html`<p>The old root${op && 'oldRootId' in op ? html` <strong>${op.oldRootId}</strong>` : nothing}, every intermediate it signed and their private keys are deleted, and they leave every bundle. Services still holding leaves under them stop being trusted. This cannot be undone.</p>${this.staleWarning()}`,
      confirm: 'Finalize and delete the old root',
      action: { kind: 'finalize' },
    });
  }

  private confirmPrune(): void {
    this.ask({
      title: 'Drop retired intermediates?',
      body: html`<p>Previous intermediates whose recorded leaves have all expired are deleted with their keys and leave the bundles.</p>${this.staleWarning()}`,
      confirm: 'Drop them',
      action: { kind: 'prune' },
    });
  }

  private confirmAbort(): void {
    this.ask({
      title: 'Roll back this rotation?',
      body: html`<p>The pending authorities and their new keys are deleted. The current ones stay active; nothing that is trusted changes.</p>`,
      confirm: 'Roll back',
      action: { kind: 'abort' },
    });
  }

  private async onIssue(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    let csr: Uint8Array | 'generate' = 'generate';
    if (this.csrSource === 'csr') {
      if (!this.request?.ok) {
        this.say(this.request ? `Not issued: ${this.request.sentence}` : 'Read the service’s certificate request first: paste it, choose its file or scan its QR code.');
        form.querySelector<CtReceivePanel>('ct-receive-panel')?.focus();
        return;
      }
      csr = this.request.der;
    }
    const ok = await this.ctl.issue({ scope: String(f.get('scope') ?? ''), service: String(f.get('service') ?? ''), dnsNames: String(f.get('dns') ?? ''), csr });
    if (ok) {
      form.reset();
      form.querySelector<CtReceivePanel>('ct-receive-panel')?.clear();
      this.request = undefined;
    }
    await this.done(ok);
    if (ok) this.renderRoot.querySelector<HTMLElement>('#issued-h')?.focus();
  }

  private async onRenew(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const days = Number(new FormData(e.target as HTMLFormElement).get('within'));
    await this.done(await this.ctl.renew({ withinDays: days }));
  }

  private async copy(text: string, what: string): Promise<void> {
    try {
      await copyText(text);
      this.say(`${what} copied.`);
    } catch (err) {
      this.say(messageFor(err));
    }
  }

  // ---- render pieces ----

  /** A spinner beside the button that started the work (the status line above says what runs). */
  private inlineBusy() {
    return this.ctl.busy ? html`<span class="spinner" aria-hidden="true"></span><span class="muted">${this.ctl.busy}…</span>` : nothing;
  }

  private renderStatus() {
    const c = this.ctl;
    return html`<div class="progress" role="status" aria-live="polite" id="progress">
        ${c.busy ? html`<span class="spinner" aria-hidden="true"></span><span>${c.busy}…</span>` : nothing}
      </div>
      ${!c.busy && c.errorCode
        ? html`<div class="callout danger" role="alert" id="outcome" tabindex="-1">
            <p><strong>Not done.</strong> ${c.message} <span class="muted mono">${c.errorCode}</span></p>
            ${c.detail && !c.lastMerge?.conflicts.length ? html`<p class="muted">Details: ${c.detail}</p>` : nothing}
            ${c.lastMerge?.conflicts.length
              ? html`<ul class="conflicts">${c.lastMerge.conflicts.map((x) => html`<li><span class="mono">${x.subject}</span>: ${x.message}</li>`)}</ul>`
              : nothing}
          </div>`
        : nothing}
      ${!c.busy && !c.errorCode && c.lastMerge
        ? html`<div class="callout ok" id="outcome" tabindex="-1">
            <p>${c.message}</p>
            ${c.lastMerge.added.length ? html`<p>Added: ${c.lastMerge.added.join(', ')}</p>` : nothing}
            ${c.lastMerge.updated.length ? html`<p>Renewed by the file: ${c.lastMerge.updated.join(', ')}</p>` : nothing}
            ${c.lastMerge.keptOurs.length ? html`<p>Kept newer here: ${c.lastMerge.keptOurs.join(', ')}</p>` : nothing}
            ${c.lastMerge.sameAge.length ? html`<p data-testid="same-age">Same age in the file and here (a tie), kept this browser’s: ${c.lastMerge.sameAge.join(', ')}</p>` : nothing}
            ${c.lastMerge.expiredDropped.length ? html`<p>Expired, issuer already dropped (not kept): ${c.lastMerge.expiredDropped.join(', ')}</p>` : nothing}
            ${c.lastMerge.notes.map((n) => html`<p class="muted">${n}</p>`)}
          </div>`
        : nothing}`;
  }

  private renderSummary() {
    const o = this.ctl.overview!;
    const e = o.environment;
    const root = o.roots.find((r) => r.status === 'active');
    return html`<section class="card" aria-labelledby="sum-h">
      <h2 id="sum-h">${e.name}</h2>
      <dl class="facts">
        <dt>SPIFFE IDs</dt><dd class="mono">spiffe://${e.trustDomain}/${e.name}/&lt;scope&gt;/&lt;service&gt;</dd>
        <dt>Topology</dt><dd>${e.topology === 'two-tier' ? `two-tier: global${e.regions.length ? `, ${e.regions.join(', ')}` : ''}` : 'root only (online issuer)'} · ${e.keyType}</dd>
        <dt>Revision</dt><dd>${o.revision}</dd>
        <dt>Root key</dt><dd>${root ? html`${root.custody === 'browser-only' ? html`<strong class="bad">not recoverable</strong>: in this browser only` : html`recoverable: escrowed to the offline root holder`}${root.held ? ' · held in this browser' : html` · <strong class="warn">not held in this browser</strong>`}` : 'none active'}</dd>
        <dt>Offline root holder</dt><dd class="mono">${e.custodians.rootRecipient}</dd>
        <dt>CI</dt><dd class="mono">${e.custodians.ciRecipient}</dd>
        ${e.custodians.backupRecipient ? html`<dt>Offline backup</dt><dd class="mono">${e.custodians.backupRecipient}</dd>` : nothing}
        <dt>Audit log</dt><dd><a href=${`#/audit/environment:${encodeURIComponent(e.name)}`}>What was signed here, with which key</a></dd>
      </dl>
      ${e.topology === 'two-tier' && !o.rootRecoverable
        ? html`<div class="callout danger" role="note"><p><strong>This root is not recoverable.</strong> It exists only in this browser’s storage. Keep the site’s data (see <a href="#/storage">Storage</a>); at the next root rotation you can make the new root recoverable.</p></div>`
        : nothing}
      ${root && !root.held
        ? html`<div class="callout" role="note"><p>The root key is not in this browser, so rotations and recovery cannot run. ${o.rootRecoverable ? html`Load it below with the offline root identity.` : 'It was never escrowed.'}</p></div>`
        : nothing}
    </section>`;
  }

  private renderRotation() {
    const o = this.ctl.overview!;
    const busy = !!this.ctl.busy;
    const r = o.rotation;
    const twoTier = o.environment.topology === 'two-tier';
    return html`<section class="card" aria-labelledby="rot-h" aria-busy=${busy ? 'true' : 'false'}>
      <h2 id="rot-h">Rotation</h2>
      ${r
        ? html`<p><strong>${r.title}.</strong> Each step is saved on its own: you can close the page between steps and continue later.</p>
            <ol class="steps" aria-label="Rotation steps">${r.steps.map((s) => html`<li class=${s.state} aria-current=${s.state === 'current' ? 'step' : 'false'}>${s.label}${s.state === 'done' ? html`<span class="visually-hidden"> (done)</span>` : nothing}</li>`)}</ol>
            <p class="hint">Next: ${r.next}.</p>
            <div class="actions">
              ${this.ctl.selected?.doc.operation?.step === 'finalize'
                ? html`<button type="button" class="primary" ?disabled=${busy} @click=${() => void this.ctl.renew({ withinDays: 0 }).then((ok) => this.done(ok))}>Renew leaves under the old root</button>
                    <button type="button" class="danger" ?disabled=${busy} @click=${() => this.confirmFinalize()}>Finalize…</button>`
                : html`<button type="button" class="primary" ?disabled=${busy} @click=${() => void this.act({ kind: 'next-step' })}>Run next step</button>
                    <button type="button" class="danger" ?disabled=${busy} @click=${() => this.confirmAbort()}>Roll back…</button>`}
            </div>`
        : html`<p class="hint">${twoTier ? 'A rotation mints new keys and certificates step by step; old ones stay trusted until their leaves expire or you finalize.' : 'A root-only environment has no rotation steps here.'}</p>
            ${twoTier
              ? html`<div class="actions"><button type="button" ?disabled=${busy} @click=${() => void this.act({ kind: 'rotate-root' })}>Start root rotation</button>
                    <button type="button" class="danger" ?disabled=${busy} @click=${() => this.confirmPrune()}>Drop retired intermediates…</button></div>
                  <div class="scopes-actions">
                    ${o.scopes.map((s) => html`<span><strong>${s.scope}</strong></span><div class="actions">
                      <button type="button" ?disabled=${busy} @click=${() => void this.act({ kind: 'rotate-intermediate', scope: s.scope })}>Rotate ${s.scope} intermediate</button>
                      <button type="button" ?disabled=${busy} @click=${() => void this.act({ kind: 'recover-intermediate', scope: s.scope })} aria-describedby="recover-h">Re-certify ${s.scope} intermediate</button></div>`)}
                  </div>
                  <p class="hint" id="recover-h">Re-certify (recover-intermediate) issues a new certificate for the same intermediate key under the active root, for a certificate that was lost or expired. Its leaves keep working.</p>`
              : nothing}`}
    </section>`;
  }

  private renderLeaves() {
    const o = this.ctl.overview!;
    const busy = !!this.ctl.busy;
    const leaves = o.scopes.flatMap((s) => s.leaves);
    return html`<section class="card" aria-labelledby="leaves-h">
      <h2 id="leaves-h">Leaves</h2>
      <form class="toolbar" @submit=${(e: SubmitEvent) => void this.onRenew(e)} aria-label="Renew expiring leaves">
        <div class="field"><label for="within">Renew leaves expiring within (days)</label><input id="within" name="within" type="number" min="0" max="3650" value="30" required /></div>
        <button type="submit" ?disabled=${busy || !leaves.length}>Renew expiring</button>
      </form>
      <p class="hint">Renewal keeps each service’s key and also moves leaves off retired intermediates. CI does the same with <code>crosstrust pki renew</code>.</p>
      ${leaves.length
        ? html`<div class="table-wrap"><table>
            <thead><tr><th scope="col">Service</th><th scope="col">Issuer</th><th scope="col">Expires</th><th scope="col">SHA-256</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>${leaves.map((l) => {
              const h = HEALTH[l.health];
              return html`<tr>
                <td><strong>${l.scope}/${l.service}</strong><br /><span class="mono muted">${l.spiffeId}</span>${l.dnsNames.length ? html`<br /><span class="muted">DNS: ${l.dnsNames.join(', ')}</span>` : nothing}</td>
                <td class="mono nowrap">${l.issuerId}${l.underRetiredIssuer ? html`<br /><span class="warn">retired issuer</span>` : nothing}</td>
                <td><span class=${h.cls}><span aria-hidden="true">${h.icon}</span> ${h.word}</span><br />${formatDate(l.notAfterMs)}</td>
                <td>${fpGrid(l.fingerprint.grouped)}</td>
                <td><div class="actions"><button type="button" ?disabled=${busy} @click=${() => void this.ctl.renew({ scope: l.scope, service: l.service }).then((ok) => this.done(ok))} aria-label="Renew ${l.scope}/${l.service}">Renew</button>
                  <button type="button" @click=${() => download(l.certPem, `${l.scope}-${l.service}.leaf.pem`, 'application/x-pem-file')} aria-label="Download ${l.scope}/${l.service} certificate">Download</button></div></td>
              </tr>`;
            })}</tbody>
          </table></div>`
        : html`<p class="muted">No leaves yet. Issue one below, or let CI issue them and import its store file.</p>`}
    </section>`;
  }

  private renderIssue() {
    const busy = !!this.ctl.busy;
    return html`<section class="card" aria-labelledby="issue-h">
      <h2 id="issue-h">Issue a leaf</h2>
      <form class="wide" @submit=${(e: SubmitEvent) => void this.onIssue(e)} @input=${() => this.dirty()} aria-label="Issue a leaf">
        <div class="two">
          <div class="field"><label for="scope">Scope</label><select id="scope" name="scope">${this.ctl.scopes().map((s) => html`<option value=${s}>${s}</option>`)}</select></div>
          <div class="field"><label for="service">Service</label><input id="service" name="service" required placeholder="shop" aria-describedby="svc-h" /><p class="hint" id="svc-h">Lower-case; the last SPIFFE path segment.</p></div>
        </div>
        <div class="field"><label for="dns">DNS names <span class="optional">(comma separated)</span></label><input id="dns" name="dns" placeholder="shop.eu.example.org" /></div>
        <fieldset>
          <legend>Key</legend>
          <div class="choice">
            <label><input type="radio" name="src" value="csr" .checked=${this.csrSource === 'csr'} @change=${() => (this.csrSource = 'csr')} /> <span><strong>From the service’s request (recommended)</strong>: the private key never leaves the service.</span></label>
            <label><input type="radio" name="src" value="generate" .checked=${this.csrSource === 'generate'} @change=${() => (this.csrSource = 'generate')} /> <span><strong>Generate a key here</strong>: you download it once; crosstrust does not keep it.</span></label>
          </div>
          ${this.csrSource === 'csr' ? this.renderRequestInput() : nothing}
        </fieldset>
        <p class="hint">Valid 90 days (at most until its intermediate expires), serverAuth and clientAuth, SAN URI spiffe://…/scope/service plus the DNS names.</p>
        <div class="actions"><button type="submit" class="primary" ?disabled=${busy}>Issue leaf</button>${this.inlineBusy()}</div>
      </form>
    </section>`;
  }

  private async onRequestReceived(e: ReceiveEvent): Promise<void> {
    const input = e.detail.inputs[0];
    if (!input) return;
    this.dirty();
    this.request = await readLeafRequest(input);
    this.say(this.request.ok ? `Request read: ${this.request.summary.subjectDisplay || 'no subject'}.` : `Not a certificate request: ${this.request.sentence}`);
  }

  private renderRequestInput() {
    const r = this.request;
    return html`<ct-receive-panel label="The service’s certificate request" hint="PEM or DER (.csr, .pem, .der, .req), pasted, chosen, dropped, or scanned from its QR code."
        accept=".csr,.pem,.der,.req" file-label="Choose the request file" paste-label="Certificate request (PEM)" submit-label="Read request"
        .multiple=${false} .qrKinds=${CSR_QR_KINDS} @ct-receive=${(e: ReceiveEvent) => void this.onRequestReceived(e)}></ct-receive-panel>
      <div class="received" aria-live="polite" data-testid="request">${!r
        ? html`<p class="muted">No request read yet.</p>`
        : r.ok
          ? html`<p><span class="ok" aria-hidden="true">✓</span> <strong>${r.source}</strong>: a request for <strong>${r.summary.subjectDisplay || '(no subject)'}</strong>, ${r.summary.key.type} key${r.summary.signatureValid ? '' : html`; <strong class="bad">its signature does not verify</strong>`}.</p>
              <ct-fingerprint .value=${r.summary.fingerprintSha256.grouped} label="request fingerprint"></ct-fingerprint>
              <p class="hint">The leaf gets this key; its names come from the service and DNS fields above, not from the request.</p>`
          : html`<p class="error" role="alert">${r.source}: ${r.sentence} <span class="mono muted">${r.code}</span></p>`}</div>`;
  }

  private renderIssued(list: ReadonlyArray<IssuedOutput>) {
    if (!list.length) return nothing;
    return html`<section class="card issued" aria-labelledby="issued-h">
      <h2 id="issued-h" tabindex="-1">${this.ctl.issuedKind === 'issued' ? 'Issued certificate' : `${list.length} renewed certificate${list.length === 1 ? '' : 's'}`}</h2>
      ${list.map((x) => html`<div class="field">
        <p><strong>${x.spiffeId}</strong> until ${formatDate(x.notAfterMs)}</p>
        <ct-fingerprint .value=${x.fingerprint.grouped} label="${x.scope}/${x.service} leaf fingerprint"></ct-fingerprint>
        <ct-share-panel .items=${issuedShareItems(x)}></ct-share-panel>
        ${x.keyPem ? html`<p class="callout" role="note">The private key is shown this once and is not stored. Save it now and move it to the service.</p>` : nothing}
      </div>`)}
      <div class="actions"><button type="button" @click=${() => this.ctl.dismissIssued()}>${list.some((x) => x.keyPem) ? 'I saved it, forget the key' : 'Done'}</button></div>
    </section>`;
  }

  private renderStoreFile() {
    const o = this.ctl.overview!;
    const li = this.ctl.lastImport;
    const missing = [...o.roots, ...o.scopes.flatMap((s) => s.intermediates)].filter((a) => !a.held && a.custody !== 'browser-only');
    return html`<section class="card" aria-labelledby="sf-h">
      <h2 id="sf-h">Store file (for CI)</h2>
      <p class="hint">One YAML file: certificates in PEM, keys as age ciphertext for their custodians. Commit it where CI runs <code>crosstrust pki renew</code>. CI writes the leaves it renews back into it: import its copy before you rotate, prune or export again, so no leaf CI issued is overlooked or overwritten.</p>
      <p>${li ? html`Last imported: ${formatDateTime(li.atMs)}, file revision ${li.fileRevision}.` : html`<span class="warn">CI’s store file was never imported here.</span>`}</p>
      ${this.renderStoreShare()}
    </section>
    ${this.renderImport('Import CI’s store file', html`<p class="hint">Merges by record: leaves CI added or renewed come in, the newer certificate of a service wins, nothing here is dropped. A file that contradicts this environment is refused with the reasons.</p>`)}
    ${missing.length
      ? html`<section class="card" aria-labelledby="keys-h">
          <h2 id="keys-h">Load escrowed keys</h2>
          <p class="hint">Not held in this browser: ${missing.map((a) => html`<span class="mono">${a.id}</span> `)}(${missing.map((a) => CUSTODY_WORDS[a.custody]).filter((v, i, all) => all.indexOf(v) === i).join('; ')}). Paste the age identity that opens them: the offline root identity for the root, the backup identity for intermediates.</p>
          <form @submit=${(e: SubmitEvent) => void this.onLoadKeys(e)} aria-label="Load escrowed keys">
            <div class="field"><label for="load-identity">Age identity (AGE-SECRET-KEY-1…)</label><textarea id="load-identity" class="secret mono" autocomplete="off" spellcheck="false" rows="2" required></textarea></div>
            <div class="actions"><button type="submit" ?disabled=${!!this.ctl.busy}>Load keys</button></div>
          </form>
        </section>`
      : nothing}`;
  }

  private renderStoreShare() {
    const f = this.ctl.storeFile();
    return f ? html`<ct-share-panel .items=${[storeFileShareItem(f)]} @ct-share=${(e: CustomEvent<{ action: string }>) => this.storeShared(f.name, e.detail.action)}></ct-share-panel>` : nothing;
  }

  private renderDetails() {
    const o = this.ctl.overview!;
    const all = [...o.roots, ...o.scopes.flatMap((s) => s.intermediates)];
    const env = o.environment.name;
    return html`<section class="card" aria-labelledby="det-h">
      <h2 id="det-h">Authorities, bundles and report</h2>
      <details open>
        <summary>Authorities and their fingerprints</summary>
        <div class="table-wrap"><table>
          <thead><tr><th scope="col">Authority</th><th scope="col">Status</th><th scope="col">Valid until</th><th scope="col">SHA-256 fingerprint</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${all.map((a) => {
            const s = AUTHORITY_STATUS[a.status];
            return html`<tr><td><strong class="mono">${a.id}</strong><br /><span class="muted">${a.subject}</span></td>
              <td><span class=${s.cls}><span aria-hidden="true">${s.icon}</span> ${s.word}</span></td>
              <td>${formatDate(a.notAfterMs)}</td><td class="fpfull">${fpGrid(a.fingerprint.grouped)}</td>
              <td><div class="actions"><button type="button" @click=${() => void this.copy(a.fingerprint.grouped, `${a.id} fingerprint`)} aria-label="Copy ${a.id} fingerprint">Copy fingerprint</button></div></td></tr>`;
          })}</tbody>
        </table></div>
      </details>
      <details>
        <summary>Authority certificates to hand out</summary>
        <p class="hint">Each certificate as PEM: download, copy, or show it as a QR code for a machine without a network.</p>
        <ct-share-panel .items=${all.map((a) => authorityShareItem(env, a))}></ct-share-panel>
      </details>
      <details>
        <summary>Trust bundles per scope</summary>
        <p class="hint">A client verifies the servers it calls with its scope’s <em>servers</em> bundle; a server verifies mutual-TLS clients with its scope’s <em>clients</em> bundle. Anchors are intermediates: verifiers need partial-chain trust (OpenSSL <code>-partial_chain</code>, Node <code>allowPartialTrustChain</code>).</p>
        <ct-share-panel .items=${o.scopes.flatMap((s) => [s.servers, s.clients].map((b) => bundleShareItem(env, s.scope, b)))}></ct-share-panel>
      </details>
      <details>
        <summary>Validation report ${this.ctl.report ? html`<span class=${this.ctl.report.ok ? 'ok' : 'bad'}>(${this.ctl.report.ok ? '✓ OK' : `✕ ${this.ctl.report.findings.filter((f) => f.level === 'error').length} problems`})</span>` : nothing}</summary>
        <pre class="report" aria-label="Validation report">${this.ctl.report?.text ?? ''}</pre>
      </details>
    </section>`;
  }

  private renderDialog() {
    const c = this.confirming;
    return html`<dialog aria-labelledby="dlg-h" @close=${() => (this.confirming = null)}>
      ${c
        ? html`<h2 id="dlg-h">${c.title}</h2>${c.body}
            <form method="dialog" class="actions">
              <button value="cancel" autofocus>Cancel</button>
              <button type="button" class="danger solid" @click=${() => void this.confirmed()}>${c.confirm}</button>
            </form>`
        : nothing}
    </dialog>`;
  }

  override render() {
    const c = this.ctl;
    const showNew = this.mode === 'new' || !c.environments.length;
    return html`
      <h1>Scoped PKI</h1>
      <p class="lede">A cold root in this browser, one intermediate per scope whose keys CI holds encrypted, 90-day SPIFFE leaves, and bundles that keep each region from trusting another region’s services.</p>
      ${c.environments.length
        ? html`<div class="toolbar">
            <div class="field"><label for="env">Environment</label>
              <select id="env" @change=${(e: Event) => void c.select((e.target as HTMLSelectElement).value).then(() => (this.mode = 'environment'))}>
                ${c.environments.map((n) => html`<option value=${n} ?selected=${n === c.selected?.doc.environment.name}>${n}</option>`)}
              </select></div>
            <button type="button" @click=${() => (this.mode = 'new')} ?disabled=${showNew}>New environment</button>
          </div>`
        : nothing}
      ${this.renderStatus()}
      ${showNew
        ? html`${this.renderCreate()}
            ${this.renderImport('Import a store file', html`<p class="hint">Bring an existing environment into this browser, for example after its storage was lost: choose the store file and, to sign again, the age identity of the offline root holder.</p>`)}`
        : c.overview
          ? html`${this.renderSummary()}
              ${this.renderIssued(c.issued)}
              <section class="card" aria-labelledby="tree-h"><h2 id="tree-h">Hierarchy</h2><ct-hierarchy-tree .overview=${c.overview}></ct-hierarchy-tree></section>
              ${this.renderRotation()}
              ${this.renderLeaves()}
              ${this.renderIssue()}
              ${this.renderStoreFile()}
              ${this.renderDetails()}`
          : html`<p class="muted">Loading…</p>`}
      ${this.renderDialog()}
    `;
  }
}

customElements.define('ct-hierarchy-view', CtHierarchyView);
declare global {
  interface HTMLElementTagNameMap {
    'ct-hierarchy-view': CtHierarchyView;
  }
}
