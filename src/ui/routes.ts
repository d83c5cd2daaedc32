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
  { path: 'identities', label: 'Identities', tag: 'ct-identities-view', load: () => import('./views/identities-view.ts'), inNav: true },
  { path: 'new', label: 'New identity', tag: 'ct-create-identity-view', load: () => import('./views/create-identity-view.ts'), inNav: true },
  { path: 'identity', label: 'Identity', tag: 'ct-identity-view', load: () => import('./views/identity-view.ts'), inNav: false },
  { path: 'inspect', label: 'Import & inspect', tag: 'ct-inspect-view', load: () => import('./views/inspect-view.ts'), inNav: true },
  { path: 'storage', label: 'Storage', tag: 'ct-storage-view', load: () => import('./views/storage-view.ts'), inNav: true },
  // ---- introductions & cross-certification, trust graph (issue 4) ----
  // Route views read the store through storeContext; #/introduce/<id> and #/cross-certify/<id> preselect a signer.
  { path: 'introduce', label: 'Introduce', tag: 'ct-introduce-view', load: () => import('./intro/introduce-view.ts'), inNav: true },
  { path: 'add-intro', label: 'Add introduction', tag: 'ct-add-intro-view', load: () => import('./intro/add-intro-view.ts'), inNav: true },
  { path: 'introductions', label: 'Introductions', tag: 'ct-introductions-view', load: () => import('./intro/introductions-view.ts'), inNav: true },
  { path: 'cross-certify', label: 'Cross-certify', tag: 'ct-cross-certify-view', load: () => import('./intro/cross-certify-view.ts'), inNav: true },
  { path: 'trust-graph', label: 'Trust graph', tag: 'ct-trust-graph-view', load: () => import('./intro/trust-graph-view.ts'), inNav: true },
  // ---- path validation (issue 5) ----
  { path: 'validate', label: 'Would this be accepted?', tag: 'ct-validate-view', load: () => import('./validate/ct-validate-view.ts'), inNav: true },
  // ---- federation bundles (issue 6) ----
  { path: 'federation', label: 'Trust bundles', tag: 'ct-federation-view', load: () => import('./federation/federation-view.ts'), inNav: true },
  // ---- hierarchy (issue 7) ----
  { path: 'hierarchy', label: 'Scoped PKI', tag: 'ct-hierarchy-view', load: () => import('./hierarchy/hierarchy-view.ts'), inNav: true },
  // ---- QR (issue 8) ----
  // No route of its own: <ct-share-panel> and <ct-receive-panel> (src/ui/components/) put "show as QR
  // code" in every export and "scan a QR code" in every import (identity, inspect, trust bundles).
  // ---- backup & settings (issue 9) ----
  { path: 'backup', label: 'Backup', tag: 'ct-backup-view', load: () => import('./backup/ct-backup-view.ts'), inNav: true },
  // ---- revocation (issue 11) ----
  { path: 'revocation', label: 'Revocation', tag: 'ct-revocation-view', load: () => import('./revocation/ct-revocation-view.ts'), inNav: true },
];
