// Strict parser for X.509 certificates (RFC 5280 §4.1): the fields and the extensions every layer
// reads. Throws PkiError CERT_MALFORMED (wrapping the DER error) for anything that is not a certificate.
import { PkiError, isPkiError } from '../errors.ts';
import { TAG, children, contentOf, decodeOid, decodeSmallInteger, elementOf, readWhole, type Tlv } from '../der.ts';
import { parseNameAt, type DistinguishedName } from '../names.ts';
import { OID_EXT, KEY_USAGE_BITS, type KeyUsageName } from './extensions.ts';
import { utf8 } from '../bytes.ts';

export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

export type GeneralName =
  | { readonly type: 'email' | 'dns' | 'uri'; readonly value: string }
  | { readonly type: 'ip'; readonly value: Uint8Array }
  | { readonly type: 'dn'; readonly value: DistinguishedName }
  | { readonly type: 'other'; readonly tag: number; readonly value: Uint8Array };

export interface BasicConstraints {
  readonly ca: boolean;
  readonly pathLength?: number;
}

/** A parsed certificate. Byte fields are views into `der`; treat as read-only. */
export interface Certificate {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly version: number; // 1, 2 or 3
  readonly serial: Uint8Array; // INTEGER content bytes
  readonly signatureAlgorithm: Uint8Array; // AlgorithmIdentifier DER (outer)
  readonly tbsSignatureAlgorithm: Uint8Array; // AlgorithmIdentifier DER (inside TBS)
  readonly signatureAlgorithmOid: string;
  readonly signature: Uint8Array; // BIT STRING contents without the unused-bits octet
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly publicKeyAlgorithmOid: string;
  /** Named curve OID for EC keys. */
  readonly publicKeyCurveOid?: string;
  readonly extensions: ReadonlyArray<RawExtension>;
}

function fail(what: string, cause?: unknown): never {
  throw new PkiError('CERT_MALFORMED', `not a valid X.509 certificate: ${what}`, cause === undefined ? undefined : { cause });
}

function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) fail(`${what} missing or of the wrong type`);
  return t;
}

/** RFC 5280 §4.1.2.5.1 / .2: UTCTime YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ; seconds required. */
export function decodeTime(t: Tlv, bytes: Uint8Array): number {
  const s = String.fromCharCode(...contentOf(bytes, t));
  let m: RegExpMatchArray | null;
  let year: number;
  if (t.tag === TAG.UTC_TIME) {
    m = s.match(/^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/);
    if (!m) fail(`UTCTime ${JSON.stringify(s)}`);
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (t.tag === TAG.GENERALIZED_TIME) {
    m = s.match(/^(\d\d\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/);
    if (!m) fail(`GeneralizedTime ${JSON.stringify(s)}`);
    year = Number(m[1]);
  } else {
    fail('time of unknown type');
  }
  const [mo, d, h, mi, se] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  const ms = Date.UTC(year, mo - 1, d, h, mi, se);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) fail(`impossible date ${JSON.stringify(s)}`);
  return ms;
}

function parseAlgorithmOid(bytes: Uint8Array, t: Tlv): string {
  const [oid] = children(bytes, t);
  return decodeOid(contentOf(bytes, expectTag(oid, TAG.OID, 'algorithm OID')));
}

function parseExtensions(bytes: Uint8Array, wrapper: Tlv): RawExtension[] {
  const [seq, ...extra] = children(bytes, wrapper);
  if (extra.length) fail('extra data in extensions');
  const exts = children(bytes, expectTag(seq, TAG.SEQUENCE, 'extensions'));
  if (exts.length === 0) fail('empty extensions');
  const seen = new Set<string>();
  return exts.map((e) => {
    const parts = children(bytes, expectTag(e, TAG.SEQUENCE, 'extension'));
    const oid = decodeOid(contentOf(bytes, expectTag(parts[0], TAG.OID, 'extension OID')));
    let critical = false;
    let i = 1;
    if (parts[i]?.tag === TAG.BOOLEAN) {
      const c = contentOf(bytes, parts[i]!);
      if (c.length !== 1 || (c[0] !== 0 && c[0] !== 0xff)) fail('bad BOOLEAN');
      if (c[0] === 0) fail('critical FALSE must be omitted in DER');
      critical = true;
      i++;
    }
    const value = contentOf(bytes, expectTag(parts[i], TAG.OCTET_STRING, 'extension value'));
    if (parts.length !== i + 1) fail('extra fields in extension');
    if (seen.has(oid)) fail(`extension ${oid} appears twice (RFC 5280 §4.2)`);
    seen.add(oid);
    return { oid, critical, value };
  });
}

/** Parses a DER certificate. Throws CERT_MALFORMED. */
export function parseCertificate(der: Uint8Array): Certificate {
  try {
    return parseCertificateInner(der);
  } catch (e) {
    if (isPkiError(e, 'CERT_MALFORMED')) throw e;
    if (isPkiError(e)) fail(e.message, e);
    throw e;
  }
}

function parseCertificateInner(der: Uint8Array): Certificate {
  const top = readWhole(der, TAG.SEQUENCE);
  const [tbsT, sigAlgT, sigT, ...extra] = children(der, top);
  if (extra.length) fail('extra fields after the signature');
  expectTag(tbsT, TAG.SEQUENCE, 'TBSCertificate');
  expectTag(sigAlgT, TAG.SEQUENCE, 'signatureAlgorithm');
  expectTag(sigT, TAG.BIT_STRING, 'signature');
  const f = children(der, tbsT!);
  let i = 0;
  let version = 1;
  if (f[0]?.tag === 0xa0) {
    const [v] = children(der, f[0]);
    version = decodeSmallInteger(contentOf(der, expectTag(v, TAG.INTEGER, 'version'))) + 1;
    if (version < 2 || version > 3) fail(`version ${version}`);
    i = 1;
  }
  const serialT = expectTag(f[i++], TAG.INTEGER, 'serialNumber');
  const tbsSigAlgT = expectTag(f[i++], TAG.SEQUENCE, 'signature');
  const issuerT = expectTag(f[i++], TAG.SEQUENCE, 'issuer');
  const validityT = expectTag(f[i++], TAG.SEQUENCE, 'validity');
  const subjectT = expectTag(f[i++], TAG.SEQUENCE, 'subject');
  const spkiT = expectTag(f[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo');
  let extensions: RawExtension[] = [];
  for (; i < f.length; i++) {
    const t = f[i]!;
    if (t.tag === 0x81 || t.tag === 0x82) continue; // issuer/subjectUniqueID (v2), ignored
    if (t.tag === 0xa3) {
      if (version !== 3) fail('extensions in a certificate that is not v3');
      extensions = parseExtensions(der, t);
      if (i !== f.length - 1) fail('fields after extensions');
    } else fail(`unexpected field tag 0x${t.tag.toString(16)}`);
  }
  const [nb, na, ...vx] = children(der, validityT);
  if (!nb || !na || vx.length) fail('validity');
  const sigContent = contentOf(der, sigT!);
  if (sigContent.length < 1 || sigContent[0] !== 0) fail('signature BIT STRING has unused bits');
  const serial = contentOf(der, serialT);
  if (serial.length === 0) fail('empty serial');
  if (serial.length > 1 && serial[0] === 0 && (serial[1]! & 0x80) === 0) fail('non-minimal serial');
  const spkiParts = children(der, spkiT);
  const spkiAlg = expectTag(spkiParts[0], TAG.SEQUENCE, 'public key algorithm');
  expectTag(spkiParts[1], TAG.BIT_STRING, 'public key');
  const algParts = children(der, spkiAlg);
  const publicKeyAlgorithmOid = decodeOid(contentOf(der, expectTag(algParts[0], TAG.OID, 'public key algorithm OID')));
  const curve = algParts[1]?.tag === TAG.OID ? decodeOid(contentOf(der, algParts[1])) : undefined;
  const cert: Certificate = {
    der,
    tbs: elementOf(der, tbsT!),
    version,
    serial,
    signatureAlgorithm: elementOf(der, sigAlgT!),
    tbsSignatureAlgorithm: elementOf(der, tbsSigAlgT),
    signatureAlgorithmOid: parseAlgorithmOid(der, sigAlgT!),
    signature: sigContent.subarray(1),
    issuer: parseNameAt(der, issuerT),
    subject: parseNameAt(der, subjectT),
    notBeforeMs: decodeTime(nb, der),
    notAfterMs: decodeTime(na, der),
    subjectPublicKeyInfo: elementOf(der, spkiT),
    publicKeyAlgorithmOid,
    ...(curve ? { publicKeyCurveOid: curve } : {}),
    extensions,
  };
  return cert;
}

export function findExtension(cert: Certificate, oid: string): RawExtension | undefined {
  return cert.extensions.find((e) => e.oid === oid);
}

/** BasicConstraints (§4.2.1.9), or undefined when absent. */
export function basicConstraintsOf(cert: Certificate): BasicConstraints | undefined {
  const e = findExtension(cert, OID_EXT.BASIC_CONSTRAINTS);
  if (!e) return undefined;
  return decodeBasicConstraints(e.value);
}

export function decodeBasicConstraints(v: Uint8Array): BasicConstraints {
  const top = readWhole(v, TAG.SEQUENCE);
  const parts = children(v, top);
  let ca = false;
  let pathLength: number | undefined;
  let i = 0;
  if (parts[i]?.tag === TAG.BOOLEAN) {
    const c = contentOf(v, parts[i]!);
    if (c.length !== 1 || c[0] !== 0xff) fail('BasicConstraints cA must be TRUE when present');
    ca = true;
    i++;
  }
  if (parts[i]?.tag === TAG.INTEGER) {
    pathLength = decodeSmallInteger(contentOf(v, parts[i]!));
    i++;
  }
  if (i !== parts.length) fail('BasicConstraints has extra fields');
  return pathLength === undefined ? { ca } : { ca, pathLength };
}

/** KeyUsage names (§4.2.1.3), or undefined when absent. */
export function keyUsageOf(cert: Certificate): ReadonlyArray<KeyUsageName> | undefined {
  const e = findExtension(cert, OID_EXT.KEY_USAGE);
  if (!e) return undefined;
  const t = readWhole(e.value, TAG.BIT_STRING);
  const c = contentOf(e.value, t);
  if (c.length < 1 || c[0]! > 7) fail('KeyUsage BIT STRING');
  const out: KeyUsageName[] = [];
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = c[1 + (bit >> 3)];
    if (byte !== undefined && byte & (0x80 >> (bit & 7))) out.push(name);
  });
  return out;
}

/** ExtendedKeyUsage OIDs (§4.2.1.12), or undefined when absent. */
export function extKeyUsageOf(cert: Certificate): ReadonlyArray<string> | undefined {
  const e = findExtension(cert, OID_EXT.EXT_KEY_USAGE);
  if (!e) return undefined;
  const top = readWhole(e.value, TAG.SEQUENCE);
  const list = children(e.value, top).map((t) => decodeOid(contentOf(e.value, expectTag(t, TAG.OID, 'EKU'))));
  if (list.length === 0) fail('empty ExtendedKeyUsage');
  return list;
}

/** Decodes one GeneralName element (§4.2.1.6). */
export function decodeGeneralName(bytes: Uint8Array, t: Tlv): GeneralName {
  const c = contentOf(bytes, t);
  const ia5 = (): string => {
    for (const b of c) if (b > 0x7f) fail('non-ASCII IA5String in a GeneralName');
    return utf8.decode(c);
  };
  switch (t.tag) {
    case 0x81:
      return { type: 'email', value: ia5() };
    case 0x82:
      return { type: 'dns', value: ia5() };
    case 0x86:
      return { type: 'uri', value: ia5() };
    case 0x87:
      return { type: 'ip', value: c };
    case 0xa4: {
      const [inner, ...x] = children(bytes, t);
      if (!inner || x.length) fail('directoryName');
      return { type: 'dn', value: parseNameAt(bytes, expectTag(inner, TAG.SEQUENCE, 'directoryName')) };
    }
    default:
      return { type: 'other', tag: t.tag, value: elementOf(bytes, t) };
  }
}

/** SubjectAltName entries, or undefined when absent. */
export function subjectAltNamesOf(cert: Certificate): ReadonlyArray<GeneralName> | undefined {
  const e = findExtension(cert, OID_EXT.SUBJECT_ALT_NAME);
  if (!e) return undefined;
  const top = readWhole(e.value, TAG.SEQUENCE);
  const list = children(e.value, top).map((t) => decodeGeneralName(e.value, t));
  if (list.length === 0) fail('empty SubjectAltName');
  return list;
}

export function subjectKeyIdOf(cert: Certificate): Uint8Array | undefined {
  const e = findExtension(cert, OID_EXT.SUBJECT_KEY_ID);
  return e ? contentOf(e.value, readWhole(e.value, TAG.OCTET_STRING)) : undefined;
}

export function authorityKeyIdOf(cert: Certificate): Uint8Array | undefined {
  const e = findExtension(cert, OID_EXT.AUTHORITY_KEY_ID);
  if (!e) return undefined;
  const top = readWhole(e.value, TAG.SEQUENCE);
  const kid = children(e.value, top).find((t) => t.tag === 0x80);
  return kid ? contentOf(e.value, kid) : undefined;
}

/** Serial as colon-free lower-case hex of its INTEGER content. */
export function serialHex(cert: Certificate): string {
  return Array.from(cert.serial, (b) => b.toString(16).padStart(2, '0')).join('');
}
