// Per-scope, per-direction trust bundles (docs/hierarchy.md). Anchors are the scope intermediates, not
// the root: with the root as anchor every scope would chain, so the boundary would vanish.
import { GLOBAL_SCOPE, checkScope, scopesOf, type AuthorityRecord, type EnvironmentDoc } from './model.ts';

/**
 * `servers`: what a client in the scope uses to verify servers it calls (A → B allowed:
 * intra-region, region → global, global → global). `clients`: what a server in the scope uses to
 * verify mutual-TLS clients (the transpose: a global server accepts clients of every scope; a
 * regional server only its own region's).
 */
export type BundleDirection = 'servers' | 'clients';

export interface ScopeTrustBundle {
  readonly scope: string;
  readonly direction: BundleDirection;
  /** Scopes whose leaves this bundle accepts. */
  readonly trustedScopes: ReadonlyArray<string>;
  readonly authorities: ReadonlyArray<{ readonly id: string; readonly scope: string; readonly status: string }>;
  /** Concatenated PEM certificates, ready for a TLS `ca` option (with partial-chain trust). */
  readonly pem: string;
}

/** May a client in scope `from` call a server in scope `to`? */
export function callAllowed(from: string, to: string): boolean {
  return to === GLOBAL_SCOPE || from === to;
}

/** The authorities that currently back leaves of `scope`: active and not-yet-retired previous ones. */
export function anchorsOf(doc: EnvironmentDoc, scope: string, atMs: number): AuthorityRecord[] {
  const role = doc.environment.topology === 'root-only' ? 'root' : 'intermediate';
  return doc.authorities.filter(
    (a) =>
      a.role === role &&
      (role === 'root' || a.scope === scope) &&
      (a.status === 'active' || (a.status === 'previous' && atMs < (a.retireAfterMs ?? 0))),
  );
}

/** The bundle for `scope` in `direction` at `atMs`. Throws HIER_SCOPE_UNKNOWN. */
export function trustBundle(doc: EnvironmentDoc, scope: string, direction: BundleDirection, atMs: number): ScopeTrustBundle {
  checkScope(doc.environment, scope);
  const scopes = scopesOf(doc.environment);
  const trustedScopes = scopes.filter((s) => (direction === 'servers' ? callAllowed(scope, s) : callAllowed(s, scope)));
  const anchors = doc.environment.topology === 'root-only' ? anchorsOf(doc, GLOBAL_SCOPE, atMs) : trustedScopes.flatMap((s) => anchorsOf(doc, s, atMs));
  return {
    scope,
    direction,
    trustedScopes,
    authorities: anchors.map((a) => ({ id: a.id, scope: a.scope ?? GLOBAL_SCOPE, status: a.status })),
    pem: anchors.map((a) => a.certPem).join(''),
  };
}

/** Roots (active and, during a root-rotation overlap, previous) for consumers that anchor at the root. Crosses every scope boundary. */
export function rootBundle(doc: EnvironmentDoc): string {
  return doc.authorities.filter((a) => a.role === 'root' && a.status !== 'pending').map((a) => a.certPem).join('');
}
