// NameConstraints encoder (RFC 5280 §4.2.1.10) for scope intermediates: permitted subtrees only,
// always critical. (Other branches write similar encoders; the lead dedupes.)
import { PkiError } from '../errors.ts';
import { derContext, derSequence } from '../der.ts';
import { concatBytes } from '../bytes.ts';
import { OID_EXT, encodeGeneralName, type ExtensionSpec, type GeneralNameSpec } from '../x509/extensions.ts';

/** GeneralSubtree ::= SEQUENCE { base GeneralName, minimum DEFAULT 0, maximum ABSENT } (§4.2.1.10). */
function generalSubtree(base: GeneralNameSpec): Uint8Array {
  return derSequence(encodeGeneralName(base));
}

/** A critical NameConstraints extension with the given permitted subtrees. Throws HIER_ENV_INVALID when empty. */
export function permittedNameConstraintsExtension(permitted: ReadonlyArray<GeneralNameSpec>): ExtensionSpec {
  if (permitted.length === 0) throw new PkiError('HIER_ENV_INVALID', 'name constraints need at least one permitted subtree');
  return {
    oid: OID_EXT.NAME_CONSTRAINTS,
    critical: true,
    value: derSequence(derContext(0, concatBytes(...permitted.map(generalSubtree)), true)),
  };
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
