// Root element: app shell with header, navigation rendered from ROUTES (hash routing, relative URLs),
// the current view (lazy-loaded), and the role=status live region. Provides the store, clock and announcer.
import { LitElement, html, css, nothing } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { ContextProvider } from '@lit/context';
import { ROUTES, type Route } from './routes.ts';
import { storeContext, clockContext, announcerContext, type Announcer } from './contexts.ts';
import { openStore, type Db } from '../store/index.ts';
import { messageFor } from './messages.ts';
import { sharedStyles } from './shared-styles.ts';
import './update/index.ts';

/** `#/identity/abc` → { path: 'identity', param: 'abc' }; empty hash → the first route. */
export function parseHash(hash: string): { path: string; param: string } {
  const clean = hash.replace(/^#\/?/, '');
  const slash = clean.indexOf('/');
  const path = decodeURIComponent(slash < 0 ? clean : clean.slice(0, slash));
  const param = slash < 0 ? '' : decodeURIComponent(clean.slice(slash + 1));
  return { path: path || (ROUTES[0]?.path ?? ''), param };
}

export class CtApp extends LitElement {
  static override properties = {
    route: { state: true },
    param: { state: true },
    status: { state: true },
    storeError: { state: true },
    ready: { state: true },
    dbName: { type: String, attribute: 'db-name' },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { min-height: 100vh; display: flex; flex-direction: column; }
      .skip { position: absolute; left: -999px; }
      .skip:focus { left: 1rem; top: 0.5rem; z-index: 2; background: var(--ct-surface); padding: 0.5rem; }
      header { background: var(--ct-surface); border-bottom: 1px solid var(--ct-border); }
      .bar { max-width: 64rem; margin: 0 auto; padding: 0.6rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; }
      .brand { font-weight: 700; font-size: 1.15rem; color: var(--ct-text); text-decoration: none; display: flex; align-items: center; gap: 0.45rem; }
      .brand svg { width: 1.4rem; height: 1.4rem; color: var(--ct-accent); }
      nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0; padding: 0; }
      nav a { display: block; padding: 0.35rem 0.7rem; border-radius: 6px; color: var(--ct-text); text-decoration: none; font-weight: 500; }
      nav a:hover { background: var(--ct-bg); }
      nav a[aria-current='page'] { background: var(--ct-accent); color: var(--ct-accent-text); }
      main { flex: 1; width: 100%; max-width: 64rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; box-sizing: border-box; }
      main:focus { outline: none; }
      .status { position: fixed; bottom: 1rem; left: 50%; transform: translateX(-50%); max-width: 90vw; background: var(--ct-text); color: var(--ct-bg); padding: 0.5rem 1rem; border-radius: 6px; box-shadow: 0 2px 10px rgb(0 0 0 / 0.25); }
      .status:empty { display: none; }
      footer { color: var(--ct-muted); font-size: 0.85rem; text-align: center; padding: 1rem; border-top: 1px solid var(--ct-border); }
    `,
  ];

  declare route: Route | undefined;
  declare param: string;
  declare status: string;
  declare storeError: string;
  declare ready: boolean;
  declare dbName: string | undefined;
  private db: Db | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private statusAtMs = 0;
  private readonly storeProvider = new ContextProvider(this, { context: storeContext, initialValue: undefined });
  private readonly announcer: Announcer = {
    announce: (message: string) => {
      // Clear first so repeating the same sentence is announced again.
      this.status = '';
      this.statusAtMs = performance.now();
      requestAnimationFrame(() => {
        this.status = message;
      });
      clearTimeout(this.statusTimer);
      this.statusTimer = setTimeout(() => (this.status = ''), 6000);
    },
  };

  constructor() {
    super();
    this.route = undefined;
    this.param = '';
    this.status = '';
    this.storeError = '';
    this.ready = false;
    this.dbName = undefined;
    new ContextProvider(this, { context: clockContext, initialValue: () => Date.now() });
    new ContextProvider(this, { context: announcerContext, initialValue: this.announcer });
  }

  private readonly onHashChange = (): void => {
    // An old message does not belong on the next page; one said just before navigating does.
    if (performance.now() - this.statusAtMs > 1500) this.status = '';
    this.applyHash();
    // Move focus to the new view so keyboard and screen-reader users start there.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main')?.focus());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.applyHash();
    void this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.db?.close();
  }

  private async open(): Promise<void> {
    try {
      this.db = await openStore({
        ...(this.dbName ? { name: this.dbName } : {}),
        onVersionChange: () => this.announcer.announce('crosstrust was updated in another tab. Reload this page to continue.'),
        onBlocked: () => this.announcer.announce('Close other crosstrust tabs so this one can update its storage.'),
      });
      this.storeProvider.setValue(this.db);
    } catch (e) {
      this.storeError = messageFor(e);
    }
    this.ready = true;
  }

  protected override updated(): void {
    // Signals "usable" to the startup benchmark (scripts/bench-web.mjs) once storage is open and a view shows.
    if (this.ready) (globalThis as { __ctReady?: boolean }).__ctReady = true;
  }

  private applyHash(): void {
    const { path, param } = parseHash(location.hash);
    this.route = ROUTES.find((r) => r.path === path);
    this.param = param;
    if (this.route) {
      void this.route.load();
      document.title = `${this.route.label} · crosstrust`;
    } else {
      document.title = 'Not found · crosstrust';
    }
  }

  private renderView(): unknown {
    if (this.storeError) return html`<h1>Storage is not available</h1><p class="error" role="alert">${this.storeError}</p>`;
    if (!this.ready) return html`<p class="muted">Opening storage…</p>`;
    if (!this.route) {
      return html`<h1>Page not found</h1><p>There is no page at this address. <a href="#/">Go to your identities</a>.</p>`;
    }
    const tag = unsafeStatic(this.route.tag);
    return staticHtml`<${tag} .param=${this.param}></${tag}>`;
  }

  override render() {
    const current = this.route?.inNav ? this.route.path : undefined;
    return html`
      <ct-update-prompt></ct-update-prompt>
      <a class="skip" href="#main" @click=${(e: Event) => { e.preventDefault(); this.renderRoot.querySelector<HTMLElement>('main')?.focus(); }}>Skip to content</a>
      <header>
        <div class="bar">
          <a class="brand" href="#/">
            <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5z"/><path d="m9 12 2 2 4-4"/></svg>
            crosstrust
          </a>
          <nav aria-label="Main">
            <ul>
              ${ROUTES.filter((r) => r.inNav).map(
                (r) => html`<li><a href="#/${r.path}" aria-current=${r.path === current ? 'page' : nothing}>${r.label}</a></li>`,
              )}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabindex="-1">${this.renderView()}</main>
      <footer>Keys are made and kept in this browser and cannot be exported. Nothing is sent anywhere. <ct-build-badge></ct-build-badge></footer>
      <div class="status" role="status" aria-live="polite">${this.status}</div>
    `;
  }
}
customElements.define('ct-app', CtApp);
declare global {
  interface HTMLElementTagNameMap { 'ct-app': CtApp; }
}
