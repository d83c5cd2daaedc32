// Matches the name we expect a peer to have against its certificate's SubjectAltName: DNS names as
// RFC 6125 §6.4 allows (wildcard only as the whole left-most label, over at least two more labels),
// IP literals byte for byte (§6.2 of RFC 6125 via RFC 5280 §4.2.1.6), email with a case-insensitive domain.
import { bytesEqual } from '../bytes.ts';
import { parseIpAddress } from '../hosts.ts';
import type { GeneralName } from '../x509/certificate.ts';

export interface PeerName {
  readonly type: 'dns' | 'ip' | 'email';
  readonly value: string;
}

/** A prepared reference identity, or a sentence saying why the requested name is unusable. */
export type PreparedPeerName =
  | { readonly type: 'dns'; readonly value: string }
  | { readonly type: 'ip'; readonly value: Uint8Array }
  | { readonly type: 'email'; readonly local: string; readonly domain: string };

export function preparePeerName(p: PeerName): PreparedPeerName | string {
  if (p.type === 'ip') {
    const ip = parseIpAddress(p.value.trim());
    return ip ? { type: 'ip', value: ip } : `${JSON.stringify(p.value)} is not an IP address`;
  }
  if (p.type === 'email') {
    const at = p.value.lastIndexOf('@');
    if (at <= 0 || at === p.value.length - 1) return `${JSON.stringify(p.value)} is not an email address`;
    return { type: 'email', local: p.value.slice(0, at), domain: p.value.slice(at + 1).toLowerCase() };
  }
  const host = p.value.trim().toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(host)) return `${JSON.stringify(p.value)} is not a DNS name (use IDNA A-labels)`;
  if (parseIpAddress(host)) return `${JSON.stringify(p.value)} is an IP address; ask for an ip name`;
  return { type: 'dns', value: host };
}

/** RFC 6125 §6.4.3: "*" only as the complete left-most label, matching exactly one label; at least two labels after it. */
export function dnsNameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (!p.includes('*')) return p === host;
  if (!p.startsWith('*.') || p.indexOf('*', 1) !== -1) return false;
  const suffix = p.slice(2);
  if (suffix.split('.').length < 2) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === suffix;
}

/** True when a SAN entry of the peer's certificate presents the prepared name. No CN fallback (RFC 6125 §6.4.4 lets us refuse it). */
export function peerNameMatches(san: ReadonlyArray<GeneralName> | undefined, want: PreparedPeerName): boolean {
  if (!san) return false;
  return san.some((g) => {
    if (want.type === 'dns') return g.type === 'dns' && dnsNameMatches(g.value, want.value);
    if (want.type === 'ip') return g.type === 'ip' && bytesEqual(g.value, want.value);
    if (g.type !== 'email') return false;
    const at = g.value.lastIndexOf('@');
    return at > 0 && g.value.slice(0, at) === want.local && g.value.slice(at + 1).toLowerCase() === want.domain;
  });
}
