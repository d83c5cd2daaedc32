// Route #/introductions: the installed introductions (removal asks first), and certified's config
// directory as a zip — export one identity's public trust state, import one after the same checks as add-intro.
import { html, nothing } from 'lit';
import { Task } from '@lit/task';
import { download } from '../../exchange/index.ts';
import { sharedStyles } from '../shared-styles.ts';
import { formatDate } from '../format.ts';
import { introStyles } from './intro.styles.ts';
import { IntroViewBase } from './view-base.ts';
import { loadSigners, pickSigner } from './signers.ts';
import { loadIntroductionRows, removeIntroductionRow } from './introductions-controller.ts';
import { acceptedPlans, exportLayout, installLayout, reviewLayoutZip, type LayoutReading } from './layout-controller.ts';
import type { SourceDetail } from './source-input.ts';
import './introductions-list.ts';
import './signer-picker.ts';
import './source-input.ts';

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

  private async exportZip(identityId: string): Promise<void> {
    const db = this.store.value;
    if (!db) return;
    try {
      const x = await exportLayout(db, identityId);
      download(x.bytes, x.fileName, 'application/zip');
      this.say(`Saved ${x.fileName}: your CA and identity, ${x.introductions} introduction${x.introductions === 1 ? '' : 's'} and ${x.services} service${x.services === 1 ? '' : 's'}. No private key is in it.`);
    } catch (e) {
      this.say(`Not exported. ${this.sentence(e)}`);
    }
  }

  private async review(): Promise<void> {
    const db = this.store.value;
    if (!db || !this.zip) return;
    this.layout = await reviewLayoutZip(db, this.zip.source, this.zip.bytes, this.now(), this.overwrite);
  }

  private async onZip(d: SourceDetail): Promise<void> {
    this.overwrite = false;
    this.error = '';
    this.zip = { source: d.source, bytes: typeof d.input === 'string' ? new TextEncoder().encode(d.input) : d.input };
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
              ${id ? html`<div class="actions"><button type="button" class="primary" @click=${() => void this.exportZip(id)}>Download certified folder (.zip)</button></div>` : nothing}
              <h3>Import</h3>
              <p class="hint">A zip of a certified folder: each introduction in <code>id/</code> with its <code>known_servers/</code> file is checked as if added by hand; keys and anything else are skipped.</p>
              <ct-source-input what="the folder’s .zip" hint=".zip" accept=".zip,application/zip" .paste=${false}
                @ct-source=${(e: CustomEvent<SourceDetail>) => void this.onZip(e.detail)}></ct-source-input>
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
