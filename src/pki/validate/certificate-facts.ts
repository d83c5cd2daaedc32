// Everything validation reads from one certificate, decoded once and strictly up front, so that the
// checks are pure functions and a malformed extension is found before any path is tried (PATH_MALFORMED).
import { OID_EXT, type KeyUsageName } from '../x509/extensions.ts';
import {
  authorityKeyIdOf,
  basicConstraintsOf,
  extKeyUsageOf,
  findExtension,
  keyUsageOf,
  parseCertificate,
  subjectAltNamesOf,
  subjectKeyIdOf,
  type BasicConstraints,
  type Certificate,
  type GeneralName,
} from '../x509/certificate.ts';
import { decodeNameConstraints, type NameConstraints } from './name-constraints.ts';
import { namesEqual, nameKey } from './name-compare.ts';
import { decodeCertificatePolicies, decodeInhibitAnyPolicy, decodePolicyConstraints, decodePolicyMappings } from './policy-tree.ts';
import { TAG, children, readWhole } from '../der.ts';

/** Extensions this validator processes; any other critical extension fails the path (RFC 5280 §4.2). */
export const UNDERSTOOD_EXTENSIONS: ReadonlySet<string> = new Set([
  OID_EXT.SUBJECT_KEY_ID,
  OID_EXT.KEY_USAGE,
  OID_EXT.SUBJECT_ALT_NAME,
  OID_EXT.BASIC_CONSTRAINTS,
  OID_EXT.NAME_CONSTRAINTS,
  OID_EXT.CERTIFICATE_POLICIES,
  OID_EXT.POLICY_MAPPINGS,
  OID_EXT.AUTHORITY_KEY_ID,
  OID_EXT.POLICY_CONSTRAINTS,
  OID_EXT.EXT_KEY_USAGE,
  OID_EXT.INHIBIT_ANY_POLICY,
]);

export interface CertificateFacts {
  /** Position in the caller's inputs, for deterministic ordering. */
  readonly id: number;
  readonly source: 'leaf' | 'intermediate' | 'root';
  readonly cert: Certificate;
  readonly subjectKey: string;
  readonly issuerKey: string;
  /** Subject plus public key: a repeat of this in one path is a loop. */
  readonly identityKey: string;
  readonly selfIssued: boolean;
  readonly basicConstraints?: BasicConstraints;
  readonly keyUsage?: ReadonlyArray<KeyUsageName>;
  readonly extKeyUsage?: ReadonlyArray<string>;
  readonly subjectAltNames?: ReadonlyArray<GeneralName>;
  readonly subjectKeyId?: Uint8Array;
  readonly authorityKeyId?: Uint8Array;
  readonly nameConstraints?: NameConstraints;
  readonly policies?: ReadonlyArray<string>;
  readonly policyMappings?: ReadonlyArray<readonly [string, string]>;
  readonly requireExplicitPolicy?: number;
  readonly inhibitPolicyMapping?: number;
  readonly inhibitAnyPolicy?: number;
  readonly unknownCritical: ReadonlyArray<string>;
}

function spkiKey(spki: Uint8Array): string {
  let s = '';
  for (const b of spki) s += String.fromCharCode(b);
  return s;
}

/** Parses and decodes. Throws PkiError (CERT_MALFORMED, INPUT_*) for anything malformed. */
export function certificateFacts(der: Uint8Array, id: number, source: CertificateFacts['source']): CertificateFacts {
  const cert = parseCertificate(der);
  const nc = findExtension(cert, OID_EXT.NAME_CONSTRAINTS);
  const cp = findExtension(cert, OID_EXT.CERTIFICATE_POLICIES);
  const pm = findExtension(cert, OID_EXT.POLICY_MAPPINGS);
  const pc = findExtension(cert, OID_EXT.POLICY_CONSTRAINTS);
  const iap = findExtension(cert, OID_EXT.INHIBIT_ANY_POLICY);
  const pcv = pc ? decodePolicyConstraints(pc.value) : undefined;
  // The subject-key-identifier / authority-key-identifier decoders accept trailing fields; a whole
  // read here makes the AKI SEQUENCE strict too.
  const akiExt = findExtension(cert, OID_EXT.AUTHORITY_KEY_ID);
  if (akiExt) children(akiExt.value, readWhole(akiExt.value, TAG.SEQUENCE));
  const subjectKey = nameKey(cert.subject);
  const facts: CertificateFacts = {
    id,
    source,
    cert,
    subjectKey,
    issuerKey: nameKey(cert.issuer),
    identityKey: `${subjectKey}|${spkiKey(cert.subjectPublicKeyInfo)}`,
    selfIssued: namesEqual(cert.subject, cert.issuer),
    basicConstraints: basicConstraintsOf(cert),
    keyUsage: keyUsageOf(cert),
    extKeyUsage: extKeyUsageOf(cert),
    subjectAltNames: subjectAltNamesOf(cert),
    subjectKeyId: subjectKeyIdOf(cert),
    authorityKeyId: authorityKeyIdOf(cert),
    nameConstraints: nc ? decodeNameConstraints(nc.value) : undefined,
    policies: cp ? decodeCertificatePolicies(cp.value) : undefined,
    policyMappings: pm ? decodePolicyMappings(pm.value) : undefined,
    requireExplicitPolicy: pcv?.requireExplicitPolicy,
    inhibitPolicyMapping: pcv?.inhibitPolicyMapping,
    inhibitAnyPolicy: iap ? decodeInhibitAnyPolicy(iap.value) : undefined,
    unknownCritical: cert.extensions.filter((e) => e.critical && !UNDERSTOOD_EXTENSIONS.has(e.oid)).map((e) => e.oid),
  };
  return facts;
}
