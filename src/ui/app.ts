// Root element: the app shell. A header, navigation grouped by task from ROUTES (nav-groups.ts; a
// sidebar on wide windows, a Menu disclosure on narrow ones), the current view (lazy-loaded, hash
// routing, relative URLs), notices (update prompt, announcements) in one toast stack, and a refresh of
// the view when another tab restored a backup. Provides the store, clock and announcer contexts.
import { LitElement, html, nothing } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { keyed } from 'lit/directives/keyed.js';
import { ContextProvider } from '@lit/context';
import { ROUTES, type Route } from './routes.ts';
import { navGroups, currentNavPath } from './nav-groups.ts';
import { storeContext, clockContext, announcerContext, type Announcer } from './contexts.ts';
// Direct modules, not the store's index: the index re-exports backup and escrow, whose age library
// would otherwise be bundled into the first view.
import { openStore, type Db } from '../store/db.ts';
import { onStoreBroadcast } from '../store/store-lock.ts';
import { messageFor } from './messages.ts';
import { sharedStyles } from './shared-styles.ts';
import { appStyles } from './app.styles.ts';
import { busyRegistry } from './update/index.ts'; // also defines ct-update-prompt and ct-build-badge

/** `#/identity/abc` → { path: 'identity', param: 'abc' }; empty hash → the first route. */
export function parseHash(hash: string): { path: string; param: string } {
  const clean = hash.replace(/^#\/?/, '');
  const slash = clean.indexOf('/');
  const path = decodeURIComponent(slash < 0 ? clean : clean.slice(0, slash));
  const param = slash < 0 ? '' : decodeURIComponent(clean.slice(slash + 1));
  return { path: path || (ROUTES[0]?.path ?? ''), param };
}

const NAV = navGroups(ROUTES);

export class CtApp extends LitElement {
  static override properties = {
    route: { state: true },
    param: { state: true },
    status: { state: true },
    storeError: { state: true },
    ready: { state: true },
    menuOpen: { state: true },
    viewKey: { state: true },
    restoredElsewhere: { state: true },
    dbName: { type: String, attribute: 'db-name' },
  };
  static override styles = [sharedStyles, appStyles];

  declare route: Route | undefined;
  declare param: string;
  declare status: string;
  declare storeError: string;
  declare ready: boolean;
  /** Narrow windows: whether the navigation disclosure is open. */
  declare menuOpen: boolean;
  /** Bumped to mount the current view afresh (after another tab restored a backup). */
  declare viewKey: number;
  /** Another tab restored a backup while this one had unsaved input: offer to refresh. */
  declare restoredElsewhere: boolean;
  declare dbName: string | undefined;
  private db: Db | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private statusAtMs = 0;
  private stopBroadcasts: (() => void) | undefined;
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
    this.menuOpen = false;
    this.viewKey = 0;
    this.restoredElsewhere = false;
    this.dbName = undefined;
    new ContextProvider(this, { context: clockContext, initialValue: () => Date.now() });
    new ContextProvider(this, { context: announcerContext, initialValue: this.announcer });
  }

  private readonly onHashChange = (): void => {
    // An old message does not belong on the next page; one said just before navigating does.
    if (performance.now() - this.statusAtMs > 1500) this.status = '';
    this.menuOpen = false;
    this.applyHash();
    // Move focus to the new view so keyboard and screen-reader users start there.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main')?.focus());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    this.applyHash();
    void this.open();
    // Another tab replaced or added data (restore, recovered keys): show it, unless this tab holds unsaved input.
    this.stopBroadcasts = onStoreBroadcast((message) => {
      if (message.type !== 'restored') return;
      if (busyRegistry.idle) this.refreshView('Data was restored from a backup in another tab; this page now shows it.');
      else this.restoredElsewhere = true;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.stopBroadcasts?.();
    this.db?.close();
  }

  private refreshView(message?: string): void {
    this.restoredElsewhere = false;
    this.viewKey++;
    if (message) this.announcer.announce(message);
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

  private toggleMenu(): void {
    this.menuOpen = !this.menuOpen;
    if (this.menuOpen) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#site-nav a')?.focus());
  }

  /** Escape closes the narrow-window menu and returns focus to its button. */
  private onNavKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || !this.menuOpen) return;
    this.menuOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.menu-toggle')?.focus());
  }

  private renderView(): unknown {
    if (this.storeError) return html`<h1>Storage is not available</h1><p class="error" role="alert">${this.storeError}</p>`;
    if (!this.ready) return html`<p class="muted">Opening storage…</p>`;
    if (!this.route) {
      return html`<h1>Page not found</h1><p>There is no page at this address. <a href="#/">Go to your identities</a>.</p>`;
    }
    const tag = unsafeStatic(this.route.tag);
    return keyed(`${this.route.path}:${this.viewKey}`, staticHtml`<${tag} .param=${this.param}></${tag}>`);
  }

  private renderNav() {
    const current = currentNavPath(this.route);
    const link = (r: Route, sub?: string) => html`<li><a href="#/${r.path}" aria-current=${r.path === current ? 'page' : nothing}>
      <span class="label">${r.label}</span>${sub ? html`<span class="sub">${sub}</span>` : nothing}</a></li>`;
    return html`<nav id="site-nav" aria-label="Main" class=${this.menuOpen ? 'open' : ''} @keydown=${(e: KeyboardEvent) => this.onNavKey(e)}>
      ${NAV.map((g) => {
        // A group of one view named like the group is just that link, with the group's hint under it.
        const only = g.routes.length === 1 ? g.routes[0] : undefined;
        if (only && only.label === g.label) return html`<ul class="group solo">${link(only, g.hint)}</ul>`;
        return html`<div class="group" role="group" aria-labelledby="nav-${g.id}">
          <span class="group-label" id="nav-${g.id}">${g.label}</span>
          <ul>${g.routes.map((r) => link(r))}</ul>
        </div>`;
      })}
    </nav>`;
  }

  override render() {
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => { e.preventDefault(); this.renderRoot.querySelector<HTMLElement>('main')?.focus(); }}>Skip to content</a>
      <header>
        <div class="bar">
          <a class="brand" href="#/">
            <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5z"/><path d="m9 12 2 2 4-4"/></svg>
            crosstrust
          </a>
          <span class="tagline">Your PKI, in this browser</span>
          <button class="menu-toggle" type="button" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="site-nav" @click=${() => this.toggleMenu()}>
            <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M4 6h16M4 12h16M4 18h16"/></svg>
            Menu
          </button>
        </div>
      </header>
      <div class="layout">
        ${this.renderNav()}
        <main id="main" tabindex="-1">${this.renderView()}</main>
      </div>
      <footer>Keys are made and kept in this browser and cannot be exported. Nothing is sent anywhere. <ct-build-badge></ct-build-badge></footer>
      <div class="toasts">
        <ct-update-prompt></ct-update-prompt>
        ${this.restoredElsewhere
          ? html`<div class="toast" role="status">
              <span>Data was restored from a backup in another tab. This page still shows the old data because it holds unsaved
                input; showing the restored data discards that input.</span>
              <span class="toast-actions"><button type="button" class="primary" @click=${() => this.refreshView()}>Show restored data</button></span>
            </div>`
          : nothing}
        <div class="toast status" role="status" aria-live="polite">${this.status}</div>
      </div>
    `;
  }
}
customElements.define('ct-app', CtApp);
declare global {
  interface HTMLElementTagNameMap { 'ct-app': CtApp; }
}
