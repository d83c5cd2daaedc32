// Route #/introductions: the installed introductions (removal asks first), and certified's config
// directory as a zip — export one identity's public trust state, import one after the same checks as add-intro.
import { html, nothing } from 'lit';
import { Task } from '@lit/task';
import type { QrPayloadKind } from '../../exchange/qr/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDate } from '../format.ts';
import { introStyles } from './intro.styles.ts';
import { IntroViewBase } from './view-base.ts';
import { loadSigners, pickSigner } from './signers.ts';
import { loadIntroductionRows, removeIntroductionRow } from './introductions-controller.ts';
import { acceptedPlans, exportLayout, installLayout, reviewLayoutZip, type LayoutExport, type LayoutReading } from './layout-controller.ts';
import type { ReceiveEvent } from '../components/receive-panel.ts';
import type { ShareItem } from '../components/share-panel.ts';
import './introductions-list.ts';
import './signer-picker.ts';
import '../components/receive-panel.ts';
import '../components/share-panel.ts';

const LAYOUT_QR_KINDS: ReadonlyArray<QrPayloadKind> = ['certified-files'];
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The certified folder as the share panel offers it: download, or an animated QR code (kind 'certified-files'). */
function layoutShareItem(x: LayoutExport): ShareItem {
  return {
    label: 'certified folder (.zip)', filename: x.fileName, mime: 'application/zip', data: x.bytes, qrKind: 'certified-files',
    downloadLabel: 'Download certified folder (.zip)', qrLabel: 'Show certified folder as QR code',
    hint: `Your CA and identity, ${plural(x.introductions, 'introduction')} and ${plural(x.services, 'service')}. No private key is in it.`,
  };
}

export class CtIntroductionsView extends IntroViewBase {
  static override properties = {
    ...IntroViewBase.properties,
    chosen: { state: true },
    layout: { state: true },
    overwrite: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles, introStyles];
  declare chosen: string | undefined;
  declare layout: LayoutReading | undefined;
  declare overwrite: boolean;
  declare busy: boolean;
  declare error: string;
  private zip: { source: string; bytes: Uint8Array } | undefined;
  private readonly data = new Task(this, {
    task: async ([db]) => (db ? { rows: await loadIntroductionRows(db, this.now()), signers: await loadSigners(db, this.now()) } : undefined),
    args: () => [this.store.value] as const,
  });
  /** The zip of the identity chosen for export, made again when the introductions change. */
  private readonly exported = new Task(this, {
    task: async ([db, id]) => (db && id ? exportLayout(db, id) : undefined),
    args: () => [this.store.value, this.data.value ? pickSigner(this.data.value.signers, this.chosen ?? this.param) : undefined, this.data.value] as const,
  });

  constructor() {
    super();
    this.chosen = undefined;
    this.layout = undefined;
    this.overwrite = false;
    this.busy = false;
    this.error = '';
  }

  private async removeIntro(idPath: string): Promise<void> {
    const db = this.store.value;
    if (!db) return;
    try {
      await removeIntroductionRow(db, idPath, this.now());
      this.say('Introduction removed.');
    } catch (e) {
      this.say(`Not removed. ${this.sentence(e)}`);
    }
    await this.data.run();
  }

  private exportedSaved(x: LayoutExport, action: string): void {
    if (action === 'download') this.say(`Saved ${x.fileName}: your CA and identity, ${plural(x.introductions, 'introduction')} and ${plural(x.services, 'service')}. No private key is in it.`);
  }

  private renderExport() {
    // Kept on screen while it is made again (after an install or removal), so the buttons do not flicker.
    return this.renderKept(this.exported, 'Preparing the folder…', (x) =>
      html`<ct-share-panel .items=${[layoutShareItem(x)]} @ct-share=${(e: CustomEvent<{ action: string }>) => this.exportedSaved(x, e.detail.action)}></ct-share-panel>`);
  }

  private async review(): Promise<void> {
    const db = this.store.value;
    if (!db || !this.zip) return;
    this.layout = await reviewLayoutZip(db, this.zip.source, this.zip.bytes, this.now(), this.overwrite);
  }

  private async onZip(e: ReceiveEvent): Promise<void> {
    const input = e.detail.inputs[0];
    if (!input) return;
    this.overwrite = false;
    this.error = '';
    this.zip = { source: input.name, bytes: typeof input.data === 'string' ? new TextEncoder().encode(input.data) : input.data };
    await this.review();
  }

  private async importZip(): Promise<void> {
    const db = this.store.value;
    const l = this.layout;
    if (!db || !l?.ok || this.busy) return;
    const plans = acceptedPlans(l.value);
    this.busy = true;
    try {
      await installLayout(db, plans, this.now(), this.overwrite);
      this.say(`Installed ${plans.length} introduction${plans.length === 1 ? '' : 's'} from ${l.value.source}.`);
      this.layout = undefined;
      this.zip = undefined;
      await this.data.run();
    } catch (e) {
      this.error = this.sentence(e);
      this.say(`Nothing installed. ${this.error}`);
    } finally {
      this.busy = false;
    }
  }

  private renderLayout() {
    const l = this.layout;
    if (!l) return nothing;
    if (!l.ok) return html`<div class="notice n-bad" role="alert"><strong>${l.source}: not read.</strong> ${l.sentence} <span class="code">${l.code}: ${l.detail}</span></div>`;
    const v = l.value;
    const ok = acceptedPlans(v);
    const replaceable = v.reviews.some((r) => !r.review.ok && r.review.replaceable);
    return html`<div class="notice ${ok.length ? 'n-good' : 'n-warn'}" data-testid="layout-review">
      <p><strong>${v.source}</strong>${v.ownIdentity ? html`: the folder of <strong>${v.ownIdentity}</strong>` : nothing}. ${v.reviews.length} introduction${v.reviews.length === 1 ? '' : 's'} found.</p>
      <ul>
        ${v.reviews.map((r) => r.review.ok
          ? html`<li class="ok"><span aria-hidden="true">✓</span> From <strong>${r.review.introducerDisplay}</strong> for ${r.review.forIdentity}, until ${formatDate(r.review.notAfterMs)}${r.services.length ? `; services ${r.services.join(', ')}` : ''}. <span class="small-mono">CA ${r.review.caFingerprint}</span></li>`
          : html`<li class="bad"><span aria-hidden="true">✕</span> ${r.review.problems.map((p) => html`${p.sentence} <span class="code">${p.code}</span> `)}</li>`)}
        ${v.orphans.map((o) => html`<li class="muted">${o}: no known_servers file names its CA, so it cannot be checked and is left out.</li>`)}
        ${v.skipped.map((s) => html`<li class="muted">${s.path}: ${s.reason}.</li>`)}
      </ul>
      ${replaceable ? html`<p><label class="inline"><input type="checkbox" .checked=${this.overwrite} @change=${(e: Event) => { this.overwrite = (e.target as HTMLInputElement).checked; void this.review(); }} /> Replace introductions that are already installed</label></p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions"><button class="primary" type="button" ?disabled=${ok.length === 0 || this.busy} @click=${() => void this.importZip()}>
        ${ok.length ? `Install ${ok.length} introduction${ok.length === 1 ? '' : 's'}` : 'Nothing to install'}</button></div>
    </div>`;
  }

  override render() {
    return html`
      <h1>Introductions</h1>
      <p class="lede">Who introduced you, and which of their services your identities may reach with it.</p>
      ${this.renderKept(this.data, 'Loading introductions…', (d) => {
          const id = pickSigner(d.signers, this.chosen ?? this.param);
          return html`
            <section class="card" aria-labelledby="installed-h">
              <h2 id="installed-h">Installed</h2>
              <ct-introductions-list .rows=${d.rows} @ct-intro-remove=${(e: CustomEvent<{ idPath: string }>) => void this.removeIntro(e.detail.idPath)}></ct-introductions-list>
              <div class="actions"><a class="button" href="#/add-intro">Add an introduction</a> <a class="button" href="#/trust-graph">See the trust graph</a></div>
            </section>
            <section class="card" aria-labelledby="layout-h">
              <h2 id="layout-h">certified configuration folder</h2>
              <p class="hint">The same trust in the directory layout the <code>certified</code> tool and <code>npx crosstrust</code> use: <code>CA.crt</code>, <code>id.crt</code>, <code>id/</code> and <code>known_servers/</code>. Private keys are never in it.</p>
              <h3>Export</h3>
              <ct-signer-picker .signers=${d.signers} .selected=${id} label="Export for" why="The folder holds one identity and its introductions."
                @ct-signer-change=${(e: CustomEvent<{ id: string }>) => (this.chosen = e.detail.id)}></ct-signer-picker>
              ${id ? this.renderExport() : nothing}
              <h3>Import</h3>
              <p class="hint">A zip of a certified folder: each introduction in <code>id/</code> with its <code>known_servers/</code> file is checked as if added by hand; keys and anything else are skipped.</p>
              <ct-receive-panel label="Bring the folder’s .zip" hint="The zip file, or the animated QR code another crosstrust shows for it." no-paste
                accept=".zip,application/zip" file-label="Choose the folder’s .zip" .multiple=${false} .qrKinds=${LAYOUT_QR_KINDS}
                @ct-receive=${(e: ReceiveEvent) => void this.onZip(e)}></ct-receive-panel>
              <div aria-live="polite">${this.renderLayout()}</div>
            </section>`;
        })}
    `;
  }
}
customElements.define('ct-introductions-view', CtIntroductionsView);
declare global {
  interface HTMLElementTagNameMap { 'ct-introductions-view': CtIntroductionsView; }
}
