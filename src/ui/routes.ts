// Navigation table: one entry per view. Views are lazy-loaded so the first view stays small.
// The app shell (app.ts) renders the navigation from this table, grouped by task (ROUTE_GROUPS, in
// that order; nav-groups.ts), and the view for the current hash. A new view: add one line in your
// area's section with the `group` its task belongs to.

/** Tasks the navigation is grouped by. */
export type RouteGroup = 'identities' | 'partners' | 'bundles' | 'pki' | 'check' | 'settings';

/** Navigation groups in the order shown; `hint` says in a few words what the group is for. */
export const ROUTE_GROUPS: ReadonlyArray<{ readonly id: RouteGroup; readonly label: string; readonly hint: string }> = [
  { id: 'identities', label: 'Identities', hint: 'Your organisation’s keys and certificates' },
  { id: 'partners', label: 'Partners & introductions', hint: 'Trust other organisations' },
  { id: 'bundles', label: 'Trust bundles', hint: 'Share sets of trusted roots' },
  { id: 'pki', label: 'Scoped PKI', hint: 'Root, intermediates and service certificates' },
  { id: 'check', label: 'Check a certificate', hint: 'Read anything; test if it would be accepted' },
  { id: 'settings', label: 'Settings', hint: 'Storage, backup and the audit log' },
];

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
  /** The task group it is listed under; a route without one is listed under "More". */
  readonly group?: RouteGroup;
  /** For views not in the navigation: the path whose link is marked current (e.g. a detail view's list). */
  readonly parent?: string;
}

export const ROUTES: ReadonlyArray<Route> = [
  // ---- identity, import & inspect (issue 3) ----
  { path: 'identities', label: 'Identities', tag: 'ct-identities-view', load: () => import('./views/identities-view.ts'), inNav: true, group: 'identities' },
  { path: 'new', label: 'New identity', tag: 'ct-create-identity-view', load: () => import('./views/create-identity-view.ts'), inNav: true, group: 'identities' },
  { path: 'identity', label: 'Identity', tag: 'ct-identity-view', load: () => import('./views/identity-view.ts'), inNav: false, group: 'identities', parent: 'identities' },
  { path: 'inspect', label: 'Import & inspect', tag: 'ct-inspect-view', load: () => import('./views/inspect-view.ts'), inNav: true, group: 'check' },
  { path: 'storage', label: 'Storage', tag: 'ct-storage-view', load: () => import('./views/storage-view.ts'), inNav: true, group: 'settings' },
  // #/audit/identity:<id> and #/audit/environment:<name> open the log filtered to one identity or environment.
  { path: 'audit', label: 'Audit log', tag: 'ct-audit-view', load: () => import('./audit/ct-audit-view.ts'), inNav: true, group: 'settings' },
  // ---- introductions & cross-certification, trust graph (issue 4) ----
  // Route views read the store through storeContext; #/introduce/<id> and #/cross-certify/<id> preselect a signer.
  { path: 'introduce', label: 'Introduce', tag: 'ct-introduce-view', load: () => import('./intro/introduce-view.ts'), inNav: true, group: 'partners' },
  { path: 'add-intro', label: 'Add introduction', tag: 'ct-add-intro-view', load: () => import('./intro/add-intro-view.ts'), inNav: true, group: 'partners' },
  { path: 'introductions', label: 'Introductions', tag: 'ct-introductions-view', load: () => import('./intro/introductions-view.ts'), inNav: true, group: 'partners' },
  { path: 'cross-certify', label: 'Cross-certify', tag: 'ct-cross-certify-view', load: () => import('./intro/cross-certify-view.ts'), inNav: true, group: 'partners' },
  { path: 'trust-graph', label: 'Trust graph', tag: 'ct-trust-graph-view', load: () => import('./intro/trust-graph-view.ts'), inNav: true, group: 'partners' },
  // ---- path validation (issue 5) ----
  { path: 'validate', label: 'Would this be accepted?', tag: 'ct-validate-view', load: () => import('./validate/ct-validate-view.ts'), inNav: true, group: 'check' },
  // ---- federation bundles (issue 6) ----
  { path: 'federation', label: 'Trust bundles', tag: 'ct-federation-view', load: () => import('./federation/federation-view.ts'), inNav: true, group: 'bundles' },
  // ---- hierarchy (issue 7) ----
  { path: 'hierarchy', label: 'Scoped PKI', tag: 'ct-hierarchy-view', load: () => import('./hierarchy/hierarchy-view.ts'), inNav: true, group: 'pki' },
  // ---- QR (issue 8) ----
  // No route of its own: <ct-share-panel> and <ct-receive-panel> (src/ui/components/) put "show as QR
  // code" in every export and "scan a QR code" in every import (identity, inspect, trust bundles).
  // ---- backup & settings (issue 9) ----
  { path: 'backup', label: 'Backup', tag: 'ct-backup-view', load: () => import('./backup/ct-backup-view.ts'), inNav: true, group: 'settings' },
  // ---- revocation (issue 11) ----
  { path: 'revocation', label: 'Revocation', tag: 'ct-revocation-view', load: () => import('./revocation/ct-revocation-view.ts'), inNav: true, group: 'partners' },
];
