// Human words for X.509 extensions (RFC 5280 §4.2) and GeneralNames, for display only.
// Anything we cannot decode is shown as raw hex rather than hidden.
import { TAG, children, readWhole } from './der.ts';
import { toHex } from './bytes.ts';
import { renderRfc4514 } from './names.ts';
import { OID_EKU, OID_EXT } from './x509/extensions.ts';
import {
  basicConstraintsOf,
  decodeGeneralName,
  extKeyUsageOf,
  keyUsageOf,
  subjectAltNamesOf,
  subjectKeyIdOf,
  authorityKeyIdOf,
  type Certificate,
  type GeneralName,
  type RawExtension,
} from './x509/certificate.ts';

export interface ExtensionSummary {
  readonly oid: string;
  readonly name: string;
  readonly critical: boolean;
  /** One line per fact, in words. */
  readonly lines: ReadonlyArray<string>;
}

const EXT_NAMES: Readonly<Record<string, string>> = {
  [OID_EXT.SUBJECT_KEY_ID]: 'Subject key identifier',
  [OID_EXT.KEY_USAGE]: 'Key usage',
  [OID_EXT.SUBJECT_ALT_NAME]: 'Subject alternative names',
  [OID_EXT.ISSUER_ALT_NAME]: 'Issuer alternative names',
  [OID_EXT.BASIC_CONSTRAINTS]: 'Basic constraints',
  [OID_EXT.NAME_CONSTRAINTS]: 'Name constraints',
  [OID_EXT.CRL_DISTRIBUTION_POINTS]: 'CRL distribution points',
  [OID_EXT.CERTIFICATE_POLICIES]: 'Certificate policies',
  [OID_EXT.POLICY_MAPPINGS]: 'Policy mappings',
  [OID_EXT.AUTHORITY_KEY_ID]: 'Authority key identifier',
  [OID_EXT.POLICY_CONSTRAINTS]: 'Policy constraints',
  [OID_EXT.EXT_KEY_USAGE]: 'Extended key usage',
  [OID_EXT.INHIBIT_ANY_POLICY]: 'Inhibit any policy',
  '1.3.6.1.5.5.7.1.1': 'Authority information access',
};

const EKU_NAMES: Readonly<Record<string, string>> = {
  [OID_EKU.serverAuth]: 'TLS server authentication',
  [OID_EKU.clientAuth]: 'TLS client authentication',
  [OID_EKU.codeSigning]: 'Code signing',
  [OID_EKU.emailProtection]: 'Email protection',
  [OID_EKU.timeStamping]: 'Time stamping',
  [OID_EKU.ocspSigning]: 'OCSP signing',
  [OID_EKU.anyExtendedKeyUsage]: 'Any extended key usage',
};

const KU_WORDS: Readonly<Record<string, string>> = {
  digitalSignature: 'Digital signature',
  nonRepudiation: 'Non-repudiation',
  keyEncipherment: 'Key encipherment',
  dataEncipherment: 'Data encipherment',
  keyAgreement: 'Key agreement',
  keyCertSign: 'Certificate signing',
  cRLSign: 'CRL signing',
  encipherOnly: 'Encipher only',
  decipherOnly: 'Decipher only',
};

/** Colon-separated upper-case hex, as openssl prints key identifiers. */
export function colonHex(bytes: Uint8Array): string {
  return (toHex(bytes).toUpperCase().match(/../g) ?? []).join(':');
}

/** Text form of an IPv4/IPv6 address (4/16 bytes) or, with a mask (8/32 bytes), of a network. */
export function formatIp(bytes: Uint8Array): string {
  const one = (b: Uint8Array): string => {
    if (b.length === 4) return Array.from(b).join('.');
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
    // RFC 5952 §4.2: compress the longest run (of two or more) of zero groups.
    let best = -1;
    let bestLen = 1;
    for (let i = 0; i < 8; ) {
      let j = i;
      while (j < 8 && groups[j] === '0') j++;
      if (j - i > bestLen) [best, bestLen] = [i, j - i];
      i = j === i ? i + 1 : j;
    }
    if (best < 0) return groups.join(':');
    return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
  };
  if (bytes.length === 4 || bytes.length === 16) return one(bytes);
  if (bytes.length === 8 || bytes.length === 32) {
    const half = bytes.length / 2;
    return `${one(bytes.subarray(0, half))}/${one(bytes.subarray(half))}`;
  }
  return `IP(${toHex(bytes)})`;
}

export function formatGeneralName(g: GeneralName): string {
  switch (g.type) {
    case 'dns':
      return `DNS: ${g.value}`;
    case 'email':
      return `Email: ${g.value}`;
    case 'uri':
      return `URI: ${g.value}`;
    case 'ip':
      return `IP: ${formatIp(g.value)}`;
    case 'dn':
      return `Directory name: ${renderRfc4514(g.value) || '(empty)'}`;
    case 'other':
      return `Other name [tag 0x${g.tag.toString(16)}]: ${toHex(g.value)}`;
  }
}

function nameConstraintLines(value: Uint8Array): string[] {
  const lines: string[] = [];
  const top = readWhole(value, TAG.SEQUENCE);
  for (const part of children(value, top)) {
    const label = part.tag === 0xa0 ? 'Permitted' : part.tag === 0xa1 ? 'Excluded' : undefined;
    if (!label) throw new Error('unexpected NameConstraints field');
    for (const subtree of children(value, part)) {
      const [base] = children(value, subtree);
      if (!base) throw new Error('empty GeneralSubtree');
      lines.push(`${label}: ${formatGeneralName(decodeGeneralName(value, base))}`);
    }
  }
  return lines;
}

function linesFor(cert: Certificate, ext: RawExtension): string[] {
  switch (ext.oid) {
    case OID_EXT.BASIC_CONSTRAINTS: {
      const bc = basicConstraintsOf(cert)!;
      if (!bc.ca) return ['Not a CA (end-entity certificate)'];
      return [bc.pathLength === undefined ? 'CA, any path length' : `CA, path length ${bc.pathLength}`];
    }
    case OID_EXT.KEY_USAGE:
      return keyUsageOf(cert)!.map((u) => KU_WORDS[u] ?? u);
    case OID_EXT.EXT_KEY_USAGE:
      return extKeyUsageOf(cert)!.map((o) => EKU_NAMES[o] ?? o);
    case OID_EXT.SUBJECT_ALT_NAME:
      return subjectAltNamesOf(cert)!.map(formatGeneralName);
    case OID_EXT.SUBJECT_KEY_ID:
      return [colonHex(subjectKeyIdOf(cert)!)];
    case OID_EXT.AUTHORITY_KEY_ID: {
      const kid = authorityKeyIdOf(cert);
      return [kid ? colonHex(kid) : '(no key identifier)'];
    }
    case OID_EXT.NAME_CONSTRAINTS:
      return [...nameConstraintLines(ext.value), `Raw: ${toHex(ext.value)}`];
    default:
      return [`Raw: ${toHex(ext.value)}`];
  }
}

/** Every extension of `cert` in words; an extension that fails to decode is shown raw with a note. */
export function describeExtensions(cert: Certificate): ReadonlyArray<ExtensionSummary> {
  return cert.extensions.map((ext) => {
    let lines: string[];
    try {
      lines = linesFor(cert, ext);
    } catch {
      lines = ['Could not be decoded', `Raw: ${toHex(ext.value)}`];
    }
    return { oid: ext.oid, name: EXT_NAMES[ext.oid] ?? `Extension ${ext.oid}`, critical: ext.critical, lines };
  });
}
