// X.501 distinguished names: build them as certified's `init` does, DER-encode/parse them, and render
// RFC 4514 exactly as certified does (reverse RDN order, its short names, its escaping; FORMATS.md).
import { PkiError } from './errors.ts';
import { TAG, children, contentOf, decodeOid, derSequence, derSet, derTlv, encodeOid, readWhole, type Tlv } from './der.ts';
import { utf8 } from './bytes.ts';

export const OID_ATTR = {
  CN: '2.5.4.3',
  SURNAME: '2.5.4.4',
  SERIAL_NUMBER: '2.5.4.5',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  STREET: '2.5.4.9',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  TITLE: '2.5.4.12',
  GIVEN_NAME: '2.5.4.42',
  INITIALS: '2.5.4.43',
  GENERATION_QUALIFIER: '2.5.4.44',
  DN_QUALIFIER: '2.5.4.46',
  PSEUDONYM: '2.5.4.65',
  EMAIL: '1.2.840.113549.1.9.1',
  UID: '0.9.2342.19200300.100.1.1',
  DC: '0.9.2342.19200300.100.1.25',
} as const;

/** certified's short names (cryptography's RFC 4514 set plus its own extras). */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID_ATTR.CN]: 'CN',
  [OID_ATTR.L]: 'L',
  [OID_ATTR.ST]: 'ST',
  [OID_ATTR.O]: 'O',
  [OID_ATTR.OU]: 'OU',
  [OID_ATTR.C]: 'C',
  [OID_ATTR.STREET]: 'STREET',
  [OID_ATTR.DC]: 'DC',
  [OID_ATTR.UID]: 'UID',
  [OID_ATTR.PSEUDONYM]: 'P',
  [OID_ATTR.DN_QUALIFIER]: 'DQ',
  [OID_ATTR.SERIAL_NUMBER]: 'S',
  [OID_ATTR.EMAIL]: 'E',
  [OID_ATTR.TITLE]: 'T',
  [OID_ATTR.SURNAME]: 'SUR',
  [OID_ATTR.GIVEN_NAME]: 'NAME',
  [OID_ATTR.INITIALS]: 'IN',
  [OID_ATTR.GENERATION_QUALIFIER]: 'GEN',
};

export interface NameAttribute {
  readonly type: string; // dotted OID
  readonly value: string;
  readonly tag: number; // DER string tag it was (or will be) encoded with
}
export type Rdn = ReadonlyArray<NameAttribute>;

/** A parsed or built name: RDNs in DER order plus the exact DER. */
export interface DistinguishedName {
  readonly rdns: ReadonlyArray<Rdn>;
  readonly der: Uint8Array;
}

/** What a user gives for an organisation identity; mirrors certified's `init` options. */
export interface NameInput {
  /** Person name (certified `init NAME`). Ignored when `org` is set. */
  readonly commonName?: string;
  /** Organisation name; needs `unit` too (certified `--org`/`--unit`). */
  readonly org?: string;
  readonly unit?: string;
  readonly uid?: string;
  readonly country?: string;
  readonly state?: string;
  readonly locality?: string;
  /** DNS domain; one DC per label, left to right (`example.org` → DC=example, DC=org in DER). */
  readonly domain?: string;
}

export const CA_PSEUDONYM = 'Signing Certificate';

function stringTagFor(type: string): number {
  if (type === OID_ATTR.C) return TAG.PRINTABLE_STRING;
  if (type === OID_ATTR.DC || type === OID_ATTR.EMAIL) return TAG.IA5_STRING;
  return TAG.UTF8_STRING;
}

const attr = (type: string, value: string): NameAttribute => ({ type, value, tag: stringTagFor(type) });

/**
 * The subject name certified builds for an identity (person or organisation), and with
 * `forCa` the CA name (the same plus pseudonym "Signing Certificate" as the last RDN).
 * Throws NAME_EMPTY / NAME_INVALID.
 */
export function buildCertifiedName(input: NameInput, forCa: boolean): DistinguishedName {
  const rdns: NameAttribute[] = [];
  const clean = (v: string | undefined): string | undefined => {
    const t = v?.trim();
    return t ? t : undefined;
  };
  const org = clean(input.org);
  const unit = clean(input.unit);
  if (org !== undefined || unit !== undefined) {
    if (org === undefined || unit === undefined) throw new PkiError('NAME_INVALID', 'an organisation name needs both organisation and unit');
    if (clean(input.uid)) throw new PkiError('NAME_INVALID', 'a UID belongs to a person name, not an organisation');
    rdns.push(attr(OID_ATTR.O, org), attr(OID_ATTR.OU, unit));
  } else {
    const cn = clean(input.commonName);
    if (cn === undefined) throw new PkiError('NAME_EMPTY', 'a name is required');
    if ([...cn].length > 64) throw new PkiError('NAME_INVALID', 'a common name is at most 64 characters');
    rdns.push(attr(OID_ATTR.CN, cn));
    const uid = clean(input.uid);
    if (uid) rdns.push(attr(OID_ATTR.UID, uid));
  }
  const c = clean(input.country);
  if (c !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(c)) throw new PkiError('NAME_INVALID', 'a country is a two-letter code');
    rdns.push(attr(OID_ATTR.C, c.toUpperCase()));
  }
  const st = clean(input.state);
  if (st) rdns.push(attr(OID_ATTR.ST, st));
  const l = clean(input.locality);
  if (l) rdns.push(attr(OID_ATTR.L, l));
  const domain = clean(input.domain);
  if (domain) {
    for (const label of domain.split('.')) {
      if (!/^[A-Za-z0-9-]+$/.test(label)) throw new PkiError('NAME_INVALID', `domain label ${JSON.stringify(label)} is not a DNS label`);
      rdns.push(attr(OID_ATTR.DC, label));
    }
  }
  if (forCa) rdns.push(attr(OID_ATTR.PSEUDONYM, CA_PSEUDONYM));
  return encodeName(rdns.map((a) => [a]));
}

function encodeString(a: NameAttribute): Uint8Array {
  if (a.tag === TAG.PRINTABLE_STRING && !/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(a.value)) {
    throw new PkiError('NAME_INVALID', `${shortName(a.type)} has characters a PrintableString cannot hold`);
  }
  if (a.tag === TAG.IA5_STRING && !/^[\x00-\x7f]*$/.test(a.value)) {
    throw new PkiError('NAME_INVALID', `${shortName(a.type)} must be ASCII`);
  }
  return derTlv(a.tag, utf8.encode(a.value));
}

export function encodeName(rdns: ReadonlyArray<Rdn>): DistinguishedName {
  const der = derSequence(...rdns.map((rdn) => derSet(...rdn.map((a) => derSequence(encodeOid(a.type), encodeString(a))))));
  return { rdns, der };
}

function decodeString(tag: number, content: Uint8Array): string {
  switch (tag) {
    case TAG.UTF8_STRING:
      return utf8.decode(content);
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.VISIBLE_STRING:
    case TAG.TELETEX_STRING: // treated as Latin-1, as most libraries do
      return String.fromCharCode(...content);
    case TAG.BMP_STRING: {
      if (content.length % 2) throw new PkiError('INPUT_BAD_DER', 'BMPString of odd length');
      let s = '';
      for (let i = 0; i < content.length; i += 2) s += String.fromCharCode((content[i]! << 8) | content[i + 1]!);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      if (content.length % 4) throw new PkiError('INPUT_BAD_DER', 'UniversalString length not a multiple of 4');
      let s = '';
      for (let i = 0; i < content.length; i += 4) {
        const cp = ((content[i]! << 24) | (content[i + 1]! << 16) | (content[i + 2]! << 8) | content[i + 3]!) >>> 0;
        if (cp > 0x10ffff) throw new PkiError('INPUT_BAD_DER', 'UniversalString code point out of range');
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      throw new PkiError('INPUT_BAD_DER', `name attribute of unsupported type 0x${tag.toString(16)}`);
  }
}

/** Parses a Name (the whole DER SEQUENCE). Throws INPUT_BAD_DER / INPUT_TRUNCATED. */
export function parseName(der: Uint8Array): DistinguishedName {
  const top = readWhole(der, TAG.SEQUENCE);
  return parseNameAt(der, top);
}

/** Parses a Name element found inside a larger structure. */
export function parseNameAt(bytes: Uint8Array, top: Tlv): DistinguishedName {
  const rdns: Rdn[] = children(bytes, top).map((set) => {
    if (set.tag !== TAG.SET) throw new PkiError('INPUT_BAD_DER', 'RDN is not a SET');
    const members = children(bytes, set).map((seq) => {
      if (seq.tag !== TAG.SEQUENCE) throw new PkiError('INPUT_BAD_DER', 'attribute is not a SEQUENCE');
      const [oid, value, ...rest] = children(bytes, seq);
      if (!oid || !value || rest.length || oid.tag !== TAG.OID) throw new PkiError('INPUT_BAD_DER', 'malformed name attribute');
      return { type: decodeOid(contentOf(bytes, oid)), value: decodeString(value.tag, contentOf(bytes, value)), tag: value.tag };
    });
    if (members.length === 0) throw new PkiError('INPUT_BAD_DER', 'empty RDN');
    return members;
  });
  return { rdns, der: bytes.slice(top.offset, top.end) };
}

export function shortName(type: string): string {
  return SHORT_NAMES[type] ?? type;
}

// Anything the passes below would change; most names have none of it (bundle composes render 10,000).
const NEEDS_ESCAPE = /[\\"+,;<>\0]|^[# ]| $/;

/** certified's value escaping (FORMATS.md "RFC 4514 rendering"), in its order. */
export function escapeRfc4514Value(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  let v = value
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('+', '\\+')
    .replaceAll(',', '\\,')
    .replaceAll(';', '\\;')
    .replaceAll('<', '\\<')
    .replaceAll('>', '\\>')
    .replaceAll('\0', '\\00');
  if (value === ' ') return '\\ ';
  if (v.startsWith('#') || v.startsWith(' ')) v = '\\' + v;
  if (value.endsWith(' ')) v = v.slice(0, -1) + '\\ ';
  return v;
}

/** RFC 4514 string exactly as certified writes it (id/ file names, YAML `auths`). */
export function renderRfc4514(name: DistinguishedName): string {
  return [...name.rdns]
    .reverse()
    // Multi-valued RDNs (certified never makes them): members sorted by their rendering, which is
    // what the fixture certified rendered shows (cases/rfc4514-cases.json "multi-valued-rdn").
    .map((rdn) => rdn.map((a) => `${shortName(a.type)}=${escapeRfc4514Value(a.value)}`).sort().join('+'))
    .join(',');
}

/** The first value of an attribute type, for display (e.g. CN, O). */
export function nameValue(name: DistinguishedName, type: string): string | undefined {
  for (const rdn of name.rdns) for (const a of rdn) if (a.type === type) return a.value;
  return undefined;
}

/** A short label for people: CN, else O / OU, else the RFC 4514 rendering. */
export function displayName(name: DistinguishedName): string {
  const cn = nameValue(name, OID_ATTR.CN);
  if (cn) return cn;
  const o = nameValue(name, OID_ATTR.O);
  const ou = nameValue(name, OID_ATTR.OU);
  if (o) return ou ? `${o} / ${ou}` : o;
  return renderRfc4514(name) || '(empty name)';
}
