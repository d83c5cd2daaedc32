// Tells certificates, CSRs (RFC 2986 §4) and CRLs (RFC 5280 §5.1) apart by their DER structure alone,
// so a DER file or a base64 paste needs no label. Pure; imports only der.ts and errors.ts.
import { PkiError } from './errors.ts';
import { TAG, children, readWhole } from './der.ts';

export type DerKind = 'certificate' | 'csr' | 'crl';

const isTime = (tag: number | undefined): boolean => tag === TAG.UTC_TIME || tag === TAG.GENERALIZED_TIME;

/**
 * Which signed object `der` is. All three are SEQUENCE { tbs SEQUENCE, AlgorithmIdentifier, BIT STRING };
 * their `tbs` differ in the first fields. Throws INPUT_TRUNCATED, INPUT_TRAILING_DATA, INPUT_BAD_DER,
 * INPUT_UNRECOGNISED (a well-formed SEQUENCE that is none of the three).
 */
export function classifyDer(der: Uint8Array): DerKind {
  const top = readWhole(der);
  if (top.tag !== TAG.SEQUENCE) {
    throw new PkiError('INPUT_UNRECOGNISED', `DER starts with tag 0x${top.tag.toString(16)}, not a SEQUENCE`);
  }
  const outer = children(der, top);
  const [tbs, alg, sig] = outer;
  if (outer.length !== 3 || tbs?.tag !== TAG.SEQUENCE || alg?.tag !== TAG.SEQUENCE || sig?.tag !== TAG.BIT_STRING) {
    throw new PkiError('INPUT_UNRECOGNISED', 'DER is a SEQUENCE but not a signed object (certificate, CSR or CRL)');
  }
  const f = children(der, tbs).map((t) => t.tag);
  // Certificate v2/v3: [0] EXPLICIT version first.
  if (f[0] === 0xa0) return 'certificate';
  // CRL v1: no version, AlgorithmIdentifier, issuer, thisUpdate.
  if (f[0] === TAG.SEQUENCE && f[1] === TAG.SEQUENCE && isTime(f[2])) return 'crl';
  if (f[0] === TAG.INTEGER) {
    // CSR: version, subject, SPKI, [0] attributes (exactly four fields).
    if (f.length === 4 && f[1] === TAG.SEQUENCE && f[2] === TAG.SEQUENCE && f[3] === 0xa0) return 'csr';
    // CRL v2: version, AlgorithmIdentifier, issuer, thisUpdate.
    if (f[1] === TAG.SEQUENCE && f[2] === TAG.SEQUENCE && isTime(f[3])) return 'crl';
    // Certificate v1: serial, signature, issuer, validity, subject, SPKI.
    if (f.length >= 6 && f.slice(1, 6).every((t) => t === TAG.SEQUENCE)) return 'certificate';
  }
  throw new PkiError('INPUT_UNRECOGNISED', 'DER is a signed SEQUENCE of an unknown kind (not a certificate, CSR or CRL)');
}

/** PEM labels we read and the kind each must contain (RFC 7468 §5, §6 "NEW CERTIFICATE REQUEST", §7). */
export const PEM_LABEL_KINDS: Readonly<Record<string, DerKind>> = {
  CERTIFICATE: 'certificate',
  'CERTIFICATE REQUEST': 'csr',
  'NEW CERTIFICATE REQUEST': 'csr',
  'X509 CRL': 'crl',
};

/** Labels we recognise and refuse on purpose: private keys are never imported by pasting. */
export const REFUSED_PEM_LABELS: ReadonlySet<string> = new Set([
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'EC PRIVATE KEY',
  'RSA PRIVATE KEY',
  'PUBLIC KEY',
  'TRUSTED CERTIFICATE',
  'PKCS7',
  'CMS',
]);
