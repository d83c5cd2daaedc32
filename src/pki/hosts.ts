// SubjectAltName entries from what people type, as certified's `init` builds them: --email → rfc822Name,
// --host → iPAddress (address, or address+mask for a network) or dNSName in IDNA A-label form, --uri → URI.
import { PkiError } from './errors.ts';
import type { GeneralNameSpec } from './x509/extensions.ts';

function parseIpv4(s: string): Uint8Array | undefined {
  const m = s.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  if (m.slice(1).some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
  return Uint8Array.from(parts);
}

function parseIpv6(input: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(input) || !input.includes(':')) return undefined;
  let s = input;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    // Embedded IPv4 (RFC 4291 §2.2 form 3): rewrite as two hex groups.
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    s = `${s.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const gs = h.split(':');
    if (gs.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return gs.map((g) => parseInt(g, 16));
  };
  const head = toGroups(halves[0]!);
  const tail = halves.length === 2 ? toGroups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else groups = head;
  if (groups.length !== 8) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** IPv4 or IPv6 address bytes, or undefined when `s` is not an IP literal. */
export function parseIpAddress(s: string): Uint8Array | undefined {
  const t = s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
  return parseIpv4(t) ?? parseIpv6(t);
}

function prefixMask(bits: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bits; i++) out[i >> 3]! |= 0x80 >> (i & 7);
  return out;
}

/** An IP network "addr/prefix" as address+mask bytes (8 or 32), or undefined if `s` is not one. */
export function parseIpNetwork(s: string): Uint8Array | undefined {
  const m = s.match(/^(.+)\/(\d{1,3})$/);
  if (!m) return undefined;
  const addr = parseIpAddress(m[1]!);
  const bits = Number(m[2]);
  if (!addr || bits > addr.length * 8) return undefined;
  const mask = prefixMask(bits, addr.length);
  const out = new Uint8Array(addr.length * 2);
  out.set(addr.map((b, i) => b & mask[i]!));
  out.set(mask, addr.length);
  return out;
}

/** A DNS name in IDNA A-label form, lower case; `*.` prefix kept. Throws SAN_INVALID. */
export function normaliseDnsName(host: string): string {
  const wildcard = host.startsWith('*.');
  const rest = wildcard ? host.slice(2) : host;
  if (rest === '' || /[\s/\\?#@:%[\]]/.test(rest)) throw new PkiError('SAN_INVALID', `${JSON.stringify(host)} is not a host name`);
  let ascii: string;
  try {
    ascii = new URL(`http://${rest}/`).hostname;
  } catch (cause) {
    throw new PkiError('SAN_INVALID', `${JSON.stringify(host)} is not a host name`, { cause });
  }
  const labels = ascii.replace(/\.$/, '').split('.');
  if (labels.some((l) => !/^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l))) {
    throw new PkiError('SAN_INVALID', `${JSON.stringify(host)} is not a valid DNS name`);
  }
  return (wildcard ? '*.' : '') + labels.join('.');
}

/** certified's host rule: IP literal, IP network, else DNS name. */
export function hostToGeneralName(host: string): GeneralNameSpec {
  const h = host.trim();
  const ip = parseIpAddress(h);
  if (ip) return { type: 'ip', value: ip };
  const net = parseIpNetwork(h);
  if (net) return { type: 'ip', value: net };
  return { type: 'dns', value: normaliseDnsName(h) };
}

export function emailToGeneralName(email: string): GeneralNameSpec {
  const e = email.trim();
  const at = e.lastIndexOf('@');
  if (at <= 0 || at === e.length - 1 || /\s/.test(e)) throw new PkiError('SAN_INVALID', `${JSON.stringify(email)} is not an email address`);
  const domain = normaliseDnsName(e.slice(at + 1));
  const local = e.slice(0, at);
  if (!/^[\x21-\x7e]+$/.test(local)) throw new PkiError('SAN_INVALID', `the local part of ${JSON.stringify(email)} must be ASCII`);
  return { type: 'email', value: `${local}@${domain}` };
}

export function uriToGeneralName(uri: string): GeneralNameSpec {
  const u = uri.trim();
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch (cause) {
    throw new PkiError('SAN_INVALID', `${JSON.stringify(uri)} is not a URI`, { cause });
  }
  if (!parsed.protocol || !/^[\x21-\x7e]+$/.test(u)) throw new PkiError('SAN_INVALID', `${JSON.stringify(uri)} must be an ASCII URI`);
  return { type: 'uri', value: u };
}

export interface SanInput {
  readonly emails?: ReadonlyArray<string>;
  readonly hosts?: ReadonlyArray<string>;
  readonly uris?: ReadonlyArray<string>;
}

/** SAN entries in certified's order: emails, hosts, URIs. Empty strings are skipped. */
export function buildSubjectAltNames(input: SanInput): GeneralNameSpec[] {
  const nonEmpty = (xs: ReadonlyArray<string> | undefined): string[] => (xs ?? []).map((x) => x.trim()).filter((x) => x !== '');
  return [
    ...nonEmpty(input.emails).map(emailToGeneralName),
    ...nonEmpty(input.hosts).map(hostToGeneralName),
    ...nonEmpty(input.uris).map(uriToGeneralName),
  ];
}
