// DER encoders for the X.509 v3 extensions we issue (RFC 5280 §4.2). Values are extnValue contents.
import { PkiError } from '../errors.ts';
import { TAG, derBitString, derBoolean, derContext, derOctetString, derSequence, derSmallInteger, derTlv, encodeOid } from '../der.ts';
import { utf8 } from '../bytes.ts';

export const OID_EXT = {
  SUBJECT_KEY_ID: '2.5.29.14',
  KEY_USAGE: '2.5.29.15',
  SUBJECT_ALT_NAME: '2.5.29.17',
  ISSUER_ALT_NAME: '2.5.29.18',
  BASIC_CONSTRAINTS: '2.5.29.19',
  CRL_NUMBER: '2.5.29.20',
  CRL_REASON: '2.5.29.21',
  NAME_CONSTRAINTS: '2.5.29.30',
  CRL_DISTRIBUTION_POINTS: '2.5.29.31',
  CERTIFICATE_POLICIES: '2.5.29.32',
  POLICY_MAPPINGS: '2.5.29.33',
  AUTHORITY_KEY_ID: '2.5.29.35',
  POLICY_CONSTRAINTS: '2.5.29.36',
  EXT_KEY_USAGE: '2.5.29.37',
  INHIBIT_ANY_POLICY: '2.5.29.54',
} as const;

export const OID_EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
} as const;

/** An extension ready to go into a certificate: the OID, criticality and the extnValue contents. */
export interface ExtensionSpec {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';
export const KEY_USAGE_BITS: ReadonlyArray<KeyUsageName> = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

/** A SubjectAltName / name-constraint GeneralName we write. `ip` holds 4 or 16 bytes (8/32 with a mask). */
export type GeneralNameSpec =
  | { readonly type: 'email'; readonly value: string }
  | { readonly type: 'dns'; readonly value: string }
  | { readonly type: 'uri'; readonly value: string }
  | { readonly type: 'ip'; readonly value: Uint8Array }
  | { readonly type: 'dn'; readonly value: Uint8Array /* Name DER */ }
  /** A whole GeneralName element copied verbatim (re-issuing SAN entries we do not model). */
  | { readonly type: 'raw'; readonly value: Uint8Array };

export function encodeGeneralName(g: GeneralNameSpec): Uint8Array {
  const ia5 = (s: string): Uint8Array => {
    if (!/^[\x00-\x7f]*$/.test(s)) throw new PkiError('SAN_INVALID', `${g.type} name must be ASCII (use IDNA A-labels)`);
    return utf8.encode(s);
  };
  switch (g.type) {
    case 'email':
      return derContext(1, ia5(g.value), false);
    case 'dns':
      return derContext(2, ia5(g.value), false);
    case 'uri':
      return derContext(6, ia5(g.value), false);
    case 'ip':
      if (![4, 8, 16, 32].includes(g.value.length)) throw new PkiError('SAN_INVALID', 'an IP address is 4 or 16 bytes');
      return derContext(7, g.value, false);
    case 'dn':
      return derContext(4, g.value, true);
    case 'raw':
      return g.value;
  }
}

export function subjectKeyIdExtension(keyId: Uint8Array): ExtensionSpec {
  return { oid: OID_EXT.SUBJECT_KEY_ID, critical: false, value: derOctetString(keyId) };
}

export function authorityKeyIdExtension(keyId: Uint8Array): ExtensionSpec {
  return { oid: OID_EXT.AUTHORITY_KEY_ID, critical: false, value: derSequence(derContext(0, keyId, false)) };
}

/** BasicConstraints; CA:FALSE is the empty SEQUENCE (DER leaves out the DEFAULT FALSE). */
export function basicConstraintsExtension(ca: boolean, pathLength?: number, critical = true): ExtensionSpec {
  const parts: Uint8Array[] = [];
  if (ca) {
    parts.push(derBoolean(true));
    if (pathLength !== undefined) parts.push(derSmallInteger(pathLength));
  }
  return { oid: OID_EXT.BASIC_CONSTRAINTS, critical, value: derSequence(...parts) };
}

/** KeyUsage as a named BIT STRING with trailing zero bits removed (X.690 §11.2.2). */
export function keyUsageExtension(usages: ReadonlyArray<KeyUsageName>, critical = true): ExtensionSpec {
  let bits = 0;
  for (const u of usages) bits |= 1 << KEY_USAGE_BITS.indexOf(u);
  const highest = 31 - Math.clz32(bits);
  const byteCount = bits === 0 ? 0 : Math.floor(highest / 8) + 1;
  const bytes = new Uint8Array(byteCount);
  for (let i = 0; i < 9; i++) if (bits & (1 << i)) bytes[i >> 3]! |= 0x80 >> (i & 7);
  const unused = bits === 0 ? 0 : 7 - (highest & 7);
  return { oid: OID_EXT.KEY_USAGE, critical, value: derBitString(bytes, unused) };
}

export function extKeyUsageExtension(oids: ReadonlyArray<string>, critical = false): ExtensionSpec {
  return { oid: OID_EXT.EXT_KEY_USAGE, critical, value: derSequence(...oids.map(encodeOid)) };
}

export function subjectAltNameExtension(names: ReadonlyArray<GeneralNameSpec>, critical = false): ExtensionSpec {
  if (names.length === 0) throw new PkiError('SAN_REQUIRED', 'a SubjectAltName needs at least one entry');
  return { oid: OID_EXT.SUBJECT_ALT_NAME, critical, value: derSequence(...names.map(encodeGeneralName)) };
}

/** The Extensions SEQUENCE (inside [3] EXPLICIT of the TBSCertificate). */
export function encodeExtensions(exts: ReadonlyArray<ExtensionSpec>): Uint8Array {
  return derSequence(
    ...exts.map((e) => derSequence(encodeOid(e.oid), ...(e.critical ? [derBoolean(true)] : []), derTlv(TAG.OCTET_STRING, e.value))),
  );
}
