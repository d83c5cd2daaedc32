// "Update available — reload" prompt: a polite live region; the reload waits for running work.
import { LitElement, html, css, nothing, svg } from 'lit';
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
    .toast { display: flex; gap: 0.5rem 0.75rem; align-items: center; flex-wrap: wrap; padding: 0.65rem 0.9rem;
      background: var(--ct-surface); color: var(--ct-text); border: 1px solid var(--ct-border); border-left: 4px solid var(--ct-accent);
      border-radius: var(--ct-radius); box-shadow: var(--ct-shadow); font-family: var(--ct-sans); line-height: 1.4; }
    .toast.ok { border-left-color: var(--ct-ok); }
    .icon { width: 1.25rem; height: 1.25rem; flex: none; color: var(--ct-accent); }
    .ok .icon { color: var(--ct-ok); }
    .text { flex: 1 1 12rem; }
    .text strong { display: block; }
    button { font: inherit; font-weight: 600; padding: 0.3rem 0.8rem; border-radius: 6px; border: 1px solid var(--ct-accent);
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
    const icon = (d: string) => html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2">${svg`<path d=${d} />`}</svg>`;
    switch (c.state) {
      case 'none':
        return nothing;
      case 'offline-ready':
        this.#autoDismiss(c);
        return html`<div class="toast ok">${icon('M20 6 9 17l-5-5')}<span class="text"><strong>Ready to work offline.</strong>
          crosstrust is saved in this browser and now starts without a network.</span>
          <button class="secondary" @click=${() => c.dismiss()}>Dismiss</button></div>`;
      case 'available':
        return html`<div class="toast">${icon('M21 12a9 9 0 1 1-3-6.7L21 8M21 3v5h-5')}<span class="text">An update is available.</span>
          <button @click=${() => void c.reloadNow()}>Reload to update</button></div>`;
      case 'held':
        return html`<div class="toast">${icon('M12 7v5l3 2M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18')}<span class="text">The update will be applied when this finishes:
          ${c.holds.map((h) => h.label).join(', ')}.</span></div>`;
      case 'reloading':
        return html`<div class="toast"><span class="text">Updating…</span></div>`;
    }
  }

  #dismissTimer: ReturnType<typeof setTimeout> | undefined;
  /** The offline-ready note is good news, not a task: it goes away by itself after a while. */
  #autoDismiss(c: UpdateController): void {
    this.#dismissTimer ??= setTimeout(() => c.dismiss(), 15_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#dismissTimer);
  }
}
customElements.define('ct-update-prompt', CtUpdatePrompt);
declare global {
  interface HTMLElementTagNameMap { 'ct-update-prompt': CtUpdatePrompt; }
}
