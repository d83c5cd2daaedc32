// Navigation table: one entry per view. Views are lazy-loaded so the first view stays small.
// The app shell (app.ts) renders the navigation from this table and the view for the current hash.
export interface Route {
  /** Hash path, e.g. 'identities' for #/identities. */
  readonly path: string;
  /** Navigation label. */
  readonly label: string;
  /** Custom element tag of the view. */
  readonly tag: string;
  /** Loads the module that defines `tag`. */
  readonly load: () => Promise<unknown>;
  /** Shown in the navigation (detail views are not). */
  readonly inNav: boolean;
}

export const ROUTES: ReadonlyArray<Route> = [
  // ---- identity, import & inspect (issue 3) ----
  // ---- introductions & cross-certification, trust graph (issue 4) ----
  // ---- path validation (issue 5) ----
  { path: 'validate', label: 'Would this be accepted?', tag: 'ct-validate-view', load: () => import('./validate/ct-validate-view.ts'), inNav: true },
  // ---- federation bundles (issue 6) ----
  // ---- hierarchy (issue 7) ----
  // ---- QR (issue 8) ----
  // ---- backup & settings (issue 9) ----
  // ---- revocation (issue 11) ----
];
