// Encoders for the limits a cross-certificate carries (RFC 5280): nameConstraints (§4.2.1.10),
// certificatePolicies (§4.2.1.4, identifiers only), policyConstraints (§4.2.1.11), inhibitAnyPolicy (§4.2.1.14).
import { PkiError } from '../errors.ts';
import { derContext, derSequence, derSmallInteger, encodeOid } from '../der.ts';
import { OID_EXT, encodeGeneralName, type ExtensionSpec, type GeneralNameSpec } from './extensions.ts';

/** A GeneralSubtree base. `ip` is address+mask (8 or 32 bytes), per §4.2.1.10. */
export type SubtreeSpec = Extract<GeneralNameSpec, { type: 'dns' | 'email' | 'uri' | 'ip' | 'dn' }>;

function subtrees(list: ReadonlyArray<SubtreeSpec>): Uint8Array[] {
  return list.map((g) => {
    if (g.type === 'ip' && g.value.length !== 8 && g.value.length !== 32) {
      throw new PkiError('XCERT_LIMIT_INVALID', 'an IP name constraint is an address with a mask (8 or 32 bytes)');
    }
    return derSequence(encodeGeneralName(g)); // minimum DEFAULT 0 and maximum absent, as §4.2.1.10 requires
  });
}

/** NameConstraints, always critical (§4.2.1.10 MUST). Throws XCERT_LIMIT_INVALID when both lists are empty. */
export function nameConstraintsExtension(permitted: ReadonlyArray<SubtreeSpec>, excluded: ReadonlyArray<SubtreeSpec>): ExtensionSpec {
  if (permitted.length === 0 && excluded.length === 0) throw new PkiError('XCERT_LIMIT_INVALID', 'name constraints need at least one permitted or excluded name');
  const parts: Uint8Array[] = [];
  if (permitted.length) parts.push(derContext(0, innerSeq(subtrees(permitted)), true));
  if (excluded.length) parts.push(derContext(1, innerSeq(subtrees(excluded)), true));
  return { oid: OID_EXT.NAME_CONSTRAINTS, critical: true, value: derSequence(...parts) };
}

/** Concatenated contents of a GeneralSubtrees (the [n] IMPLICIT SEQUENCE OF body). */
function innerSeq(items: ReadonlyArray<Uint8Array>): Uint8Array {
  const total = items.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  let p = 0;
  for (const b of items) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

/** certificatePolicies with policy identifiers only (no qualifiers); non-critical. */
export function certificatePoliciesExtension(policyOids: ReadonlyArray<string>, critical = false): ExtensionSpec {
  if (policyOids.length === 0) throw new PkiError('XCERT_LIMIT_INVALID', 'certificate policies need at least one policy OID');
  if (new Set(policyOids).size !== policyOids.length) throw new PkiError('XCERT_LIMIT_INVALID', 'a policy OID appears twice (§4.2.1.4)');
  return { oid: OID_EXT.CERTIFICATE_POLICIES, critical, value: derSequence(...policyOids.map((o) => derSequence(encodeOid(o)))) };
}

export interface PolicyConstraintsSpec {
  readonly requireExplicitPolicy?: number;
  readonly inhibitPolicyMapping?: number;
}

/** policyConstraints, critical (§4.2.1.11 MUST); at least one field. */
export function policyConstraintsExtension(pc: PolicyConstraintsSpec): ExtensionSpec {
  const parts: Uint8Array[] = [];
  const skip = (n: number): Uint8Array => derSmallInteger(n).subarray(2); // INTEGER contents for an IMPLICIT tag
  if (pc.requireExplicitPolicy !== undefined) parts.push(derContext(0, skip(pc.requireExplicitPolicy), false));
  if (pc.inhibitPolicyMapping !== undefined) parts.push(derContext(1, skip(pc.inhibitPolicyMapping), false));
  if (!parts.length) throw new PkiError('XCERT_LIMIT_INVALID', 'policy constraints need requireExplicitPolicy or inhibitPolicyMapping');
  return { oid: OID_EXT.POLICY_CONSTRAINTS, critical: true, value: derSequence(...parts) };
}

/** inhibitAnyPolicy, critical (§4.2.1.14 MUST). */
export function inhibitAnyPolicyExtension(skipCerts: number): ExtensionSpec {
  return { oid: OID_EXT.INHIBIT_ANY_POLICY, critical: true, value: derSmallInteger(skipCerts) };
}
