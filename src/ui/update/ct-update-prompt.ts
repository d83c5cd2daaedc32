// "Update available — reload" prompt: a polite live region; the reload waits for running work.
import { LitElement, html, css, nothing } from 'lit';
import { busyRegistry, type BusyRegistry } from './busy-registry.ts';
import { UpdateController } from './update-controller.ts';
import { BUILD_INFO } from './build-info.ts';
import { registerServiceWorker, type SwUpdater } from './sw-updater.ts';

let appUpdater: SwUpdater | null | undefined;
/** The page's one service worker registration (made on first use). */
function getAppUpdater(): SwUpdater | null {
  appUpdater ??= BUILD_INFO.singleFile ? null : registerServiceWorker();
  return appUpdater;
}

/**
 * Shows update and offline-ready notices. By default it registers the app's service worker; tests set
 * `updater` (a fake, or null for none) before connecting. `registry` defaults to the app's busyRegistry.
 */
export class CtUpdatePrompt extends LitElement {
  static override styles = css`
    :host { display: block; }
    .bar { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; padding: 0.5rem 0.75rem;
      border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-surface); }
    button { font: inherit; padding: 0.25rem 0.75rem; border-radius: var(--ct-radius); border: 1px solid var(--ct-accent);
      background: var(--ct-accent); color: var(--ct-accent-text); cursor: pointer; }
    button.secondary { background: transparent; color: var(--ct-text); border-color: var(--ct-border); }
    button:focus-visible { outline: 3px solid var(--ct-focus); outline-offset: 2px; }
  `;

  declare updater: SwUpdater | null | undefined;
  declare registry: BusyRegistry;
  declare reload: () => void;
  #controller: UpdateController | undefined;

  constructor() {
    super();
    this.updater = undefined;
    this.registry = busyRegistry;
    this.reload = () => location.reload();
  }

  override connectedCallback(): void {
    this.#controller ??= new UpdateController(this, {
      updater: this.updater === undefined ? getAppUpdater() : this.updater, registry: this.registry, reload: () => this.reload() });
    super.connectedCallback();
  }

  override render() {
    const c = this.#controller;
    // The live region is always in the DOM so screen readers hear the text that appears in it.
    return html`<div role="status" aria-live="polite">${c ? this.#message(c) : nothing}</div>`;
  }

  #message(c: UpdateController) {
    switch (c.state) {
      case 'none':
        return nothing;
      case 'offline-ready':
        return html`<div class="bar"><span>crosstrust is ready to work offline.</span>
          <button class="secondary" @click=${() => c.dismiss()}>Dismiss</button></div>`;
      case 'available':
        return html`<div class="bar"><span>An update is available.</span>
          <button @click=${() => void c.reloadNow()}>Reload to update</button></div>`;
      case 'held':
        return html`<div class="bar"><span>The update will be applied when this finishes:
          ${c.holds.map((h) => h.label).join(', ')}.</span></div>`;
      case 'reloading':
        return html`<div class="bar"><span>Updating…</span></div>`;
    }
  }
}
customElements.define('ct-update-prompt', CtUpdatePrompt);
declare global {
  interface HTMLElementTagNameMap { 'ct-update-prompt': CtUpdatePrompt; }
}
