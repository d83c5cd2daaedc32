// Name constraints of scope intermediates (RFC 5280 §4.2.1.10): permitted subtrees only, critical,
// through the one encoder in x509/constraint-extensions.ts; and the DNS subtree test.
import { PkiError } from '../errors.ts';
import { nameConstraintsExtension } from '../x509/constraint-extensions.ts';
import type { ExtensionSpec, GeneralNameSpec } from '../x509/extensions.ts';

/** A critical NameConstraints extension with the given permitted subtrees. Throws HIER_ENV_INVALID when empty. */
export function permittedNameConstraintsExtension(permitted: ReadonlyArray<GeneralNameSpec>): ExtensionSpec {
  if (permitted.length === 0) throw new PkiError('HIER_ENV_INVALID', 'name constraints need at least one permitted subtree');
  return nameConstraintsExtension({ permitted });
}

/**
 * True when DNS name `name` lies in `subtree` by RFC 5280 §4.2.1.10 (a subtree `a.b` matches `a.b` and
 * any `x.a.b`; labels compare case-insensitively). A wildcard `*.a.b` is inside `a.b` too.
 */
export function dnsNameWithin(name: string, subtree: string): boolean {
  const n = name.toLowerCase().replace(/^\*\./, 'x.');
  const s = subtree.toLowerCase().replace(/^\./, '');
  return n === s || n.endsWith(`.${s}`);
}
