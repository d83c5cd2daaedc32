// DER encoders for the constraint extensions of CA certificates (RFC 5280 §4.2.1.4, .5, .10, .11, .14):
// name constraints, certificate policies, policy mappings, policy constraints, inhibitAnyPolicy.
import { PkiError } from '../errors.ts';
import { derContext, derSequence, derSmallInteger, encodeOid } from '../der.ts';
import { OID_EXT, encodeGeneralName, type ExtensionSpec, type GeneralNameSpec } from './extensions.ts';

/** RFC 5280 §4.2.1.4: the special policy that matches every policy. */
export const OID_ANY_POLICY = '2.5.29.32.0';

export interface NameConstraintsSpec {
  readonly permitted?: ReadonlyArray<GeneralNameSpec>;
  readonly excluded?: ReadonlyArray<GeneralNameSpec>;
}

/** NameConstraints (§4.2.1.10): GeneralSubtree has base only (minimum 0, maximum absent, as the RFC requires). Critical by default. */
export function nameConstraintsExtension(spec: NameConstraintsSpec, critical = true): ExtensionSpec {
  const subtrees = (names: ReadonlyArray<GeneralNameSpec>): Uint8Array => derSequence(...names.map((n) => derSequence(encodeGeneralName(n))));
  const parts: Uint8Array[] = [];
  if (spec.permitted?.length) parts.push(retag(subtrees(spec.permitted), 0xa0));
  if (spec.excluded?.length) parts.push(retag(subtrees(spec.excluded), 0xa1));
  if (parts.length === 0) throw new PkiError('INPUT_BAD_DER', 'NameConstraints needs permitted or excluded subtrees (RFC 5280 §4.2.1.10)');
  return { oid: OID_EXT.NAME_CONSTRAINTS, critical, value: derSequence(...parts) };
}

/** Implicit tagging of a constructed SEQUENCE: same length and content, new identifier octet. */
function retag(der: Uint8Array, tag: number): Uint8Array {
  const out = der.slice();
  out[0] = tag;
  return out;
}

/** CertificatePolicies (§4.2.1.4): policy OIDs without qualifiers. */
export function certificatePoliciesExtension(policyOids: ReadonlyArray<string>, critical = false): ExtensionSpec {
  if (policyOids.length === 0) throw new PkiError('INPUT_BAD_DER', 'CertificatePolicies needs at least one policy');
  return { oid: OID_EXT.CERTIFICATE_POLICIES, critical, value: derSequence(...policyOids.map((p) => derSequence(encodeOid(p)))) };
}

export interface PolicyMappingSpec {
  readonly issuerDomainPolicy: string;
  readonly subjectDomainPolicy: string;
}

/** PolicyMappings (§4.2.1.5); conforming CAs mark it critical. */
export function policyMappingsExtension(mappings: ReadonlyArray<PolicyMappingSpec>, critical = true): ExtensionSpec {
  if (mappings.length === 0) throw new PkiError('INPUT_BAD_DER', 'PolicyMappings needs at least one mapping');
  return {
    oid: OID_EXT.POLICY_MAPPINGS,
    critical,
    value: derSequence(...mappings.map((m) => derSequence(encodeOid(m.issuerDomainPolicy), encodeOid(m.subjectDomainPolicy)))),
  };
}

export interface PolicyConstraintsSpec {
  readonly requireExplicitPolicy?: number;
  readonly inhibitPolicyMapping?: number;
}

/** PolicyConstraints (§4.2.1.11); MUST be critical. */
export function policyConstraintsExtension(spec: PolicyConstraintsSpec, critical = true): ExtensionSpec {
  const parts: Uint8Array[] = [];
  if (spec.requireExplicitPolicy !== undefined) parts.push(implicitInteger(0, spec.requireExplicitPolicy));
  if (spec.inhibitPolicyMapping !== undefined) parts.push(implicitInteger(1, spec.inhibitPolicyMapping));
  if (parts.length === 0) throw new PkiError('INPUT_BAD_DER', 'PolicyConstraints needs at least one field (RFC 5280 §4.2.1.11)');
  return { oid: OID_EXT.POLICY_CONSTRAINTS, critical, value: derSequence(...parts) };
}

/** InhibitAnyPolicy (§4.2.1.14): SkipCerts INTEGER; MUST be critical. */
export function inhibitAnyPolicyExtension(skipCerts: number, critical = true): ExtensionSpec {
  return { oid: OID_EXT.INHIBIT_ANY_POLICY, critical, value: derSmallInteger(skipCerts) };
}

function implicitInteger(n: number, v: number): Uint8Array {
  const int = derSmallInteger(v);
  return derContext(n, int.subarray(2), false);
}
