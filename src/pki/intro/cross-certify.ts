// Cross-certification: our CA issues a CA certificate for a peer CA's name and key, with explicit
// limits (RFC 5280 §4.2.1.9 path length, §4.2.1.10 name constraints, EKU, policies) and validity.
import { PkiError } from '../errors.ts';
import { bytesEqual } from '../bytes.ts';
import { normaliseDnsName, parseIpNetwork } from '../hosts.ts';
import { renderRfc4514 } from '../names.ts';
import { validityWindow } from '../profile.ts';
import { buildCertificate, keyIdentifier, randomSerial } from '../x509/build.ts';
import {
  OID_EKU,
  authorityKeyIdExtension,
  basicConstraintsExtension,
  extKeyUsageExtension,
  keyUsageExtension,
  subjectKeyIdExtension,
  type ExtensionSpec,
} from '../x509/extensions.ts';
import {
  certificatePoliciesExtension,
  inhibitAnyPolicyExtension,
  nameConstraintsExtension,
  policyConstraintsExtension,
  type PolicyConstraintsSpec,
} from '../x509/constraint-extensions.ts';
import type { GeneralNameSpec } from '../x509/extensions.ts';

/** A GeneralSubtree base. `ip` is address+mask (8 or 32 bytes), per RFC 5280 §4.2.1.10. */
export type SubtreeSpec = Extract<GeneralNameSpec, { type: 'dns' | 'email' | 'uri' | 'ip' | 'dn' }>;
import { basicConstraintsOf, parseCertificate, subjectKeyIdOf } from '../x509/certificate.ts';
import type { SigningCa } from './introduce.ts';
import { assertIssuedCertificate } from '../validate/check-issued.ts';

/** One name limit as people write it (`dns:example.org`, `ip:10.0.0.0/8`, `spiffe:td.example` …). */
export interface NameLimit {
  readonly type: 'dns' | 'ip' | 'email' | 'uri' | 'spiffe';
  readonly value: string;
}

export interface CrossCertLimits {
  /** How many CAs may sit below the partner's CA (0: the partner CA issues end entities only). */
  readonly pathLength: number;
  readonly permitted?: ReadonlyArray<NameLimit>;
  readonly excluded?: ReadonlyArray<NameLimit>;
  /** EKU names (keys of OID_EKU) or dotted OIDs the partner's certificates may be used for. */
  readonly extendedKeyUsages?: ReadonlyArray<string>;
  /** Certificate policy OIDs. */
  readonly policies?: ReadonlyArray<string>;
  readonly policyConstraints?: PolicyConstraintsSpec;
  readonly inhibitAnyPolicy?: number;
  readonly validityDays: number;
}

export const MAX_CROSS_PATH_LENGTH = 8;

/** Parses `type:value`. Throws XCERT_LIMIT_INVALID. */
export function parseNameLimit(text: string): NameLimit {
  const i = text.indexOf(':');
  const type = text.slice(0, i);
  const value = text.slice(i + 1);
  if (i <= 0 || !['dns', 'ip', 'email', 'uri', 'spiffe'].includes(type) || value === '') {
    throw new PkiError('XCERT_LIMIT_INVALID', `name limit ${JSON.stringify(text.slice(0, 80))} must be dns:, ip:, email:, uri: or spiffe: followed by a value`);
  }
  const limit = { type: type as NameLimit['type'], value };
  nameLimitToSubtree(limit);
  return limit;
}

function domainPart(v: string, what: string): string {
  const dot = v.startsWith('.');
  try {
    return (dot ? '.' : '') + normaliseDnsName(dot ? v.slice(1) : v);
  } catch (cause) {
    throw new PkiError('XCERT_LIMIT_INVALID', `${what} ${JSON.stringify(v.slice(0, 80))} is not a domain`, { cause });
  }
}

/** The GeneralSubtree base for a limit (§4.2.1.10 forms). Throws XCERT_LIMIT_INVALID. */
export function nameLimitToSubtree(l: NameLimit): SubtreeSpec {
  switch (l.type) {
    case 'dns': {
      if (l.value.startsWith('.') || l.value.startsWith('*')) throw new PkiError('XCERT_LIMIT_INVALID', 'a DNS limit is a domain without a leading "." or "*": it covers the domain and every name below it');
      return { type: 'dns', value: domainPart(l.value, 'DNS limit') };
    }
    case 'ip': {
      const net = parseIpNetwork(l.value);
      if (!net) throw new PkiError('XCERT_LIMIT_INVALID', `IP limit ${JSON.stringify(l.value.slice(0, 60))} must be a network such as 10.0.0.0/8 or fd00::/8`);
      return { type: 'ip', value: net };
    }
    case 'email': {
      const at = l.value.lastIndexOf('@');
      if (at > 0) {
        if (!/^[\x21-\x7e]+$/.test(l.value.slice(0, at))) throw new PkiError('XCERT_LIMIT_INVALID', 'the mailbox of an email limit must be ASCII');
        return { type: 'email', value: `${l.value.slice(0, at)}@${domainPart(l.value.slice(at + 1), 'email limit')}` };
      }
      return { type: 'email', value: domainPart(l.value, 'email limit') };
    }
    case 'uri':
      return { type: 'uri', value: domainPart(l.value, 'URI limit') };
    case 'spiffe': {
      const td = l.value.replace(/^spiffe:\/\//, '').replace(/\/$/, '');
      if (td.startsWith('.') || td.includes('/')) throw new PkiError('XCERT_LIMIT_INVALID', 'a SPIFFE limit is a trust domain name, e.g. spiffe:prod.example.org');
      return { type: 'uri', value: domainPart(td, 'SPIFFE trust domain') };
    }
  }
}

function ekuOid(name: string): string {
  const oid = (OID_EKU as Readonly<Record<string, string>>)[name];
  if (oid) return oid;
  if (/^\d+(\.\d+)+$/.test(name)) return name;
  throw new PkiError('XCERT_LIMIT_INVALID', `unknown extended key usage ${JSON.stringify(name.slice(0, 60))}`);
}

function checkLimits(l: CrossCertLimits): void {
  if (!Number.isInteger(l.pathLength) || l.pathLength < 0 || l.pathLength > MAX_CROSS_PATH_LENGTH) {
    throw new PkiError('XCERT_LIMIT_INVALID', `path length must be a whole number from 0 to ${MAX_CROSS_PATH_LENGTH}`);
  }
  for (const p of l.policies ?? []) if (!/^[0-2](\.\d+)+$/.test(p)) throw new PkiError('XCERT_LIMIT_INVALID', `policy ${JSON.stringify(p.slice(0, 60))} is not an OID`);
  for (const n of [l.policyConstraints?.requireExplicitPolicy, l.policyConstraints?.inhibitPolicyMapping, l.inhibitAnyPolicy]) {
    if (n !== undefined && (!Number.isInteger(n) || n < 0 || n > 16)) throw new PkiError('XCERT_LIMIT_INVALID', 'policy skip counts are whole numbers from 0 to 16');
  }
}

export interface CrossCertificate {
  readonly certDer: Uint8Array;
  readonly peerCa: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly clampedToCa: boolean;
  readonly description: ReadonlyArray<string>;
}

/**
 * Issues a CA certificate for the peer CA's subject and key under our CA, carrying `limits`.
 * SKI is copied from the peer CA (so the peer's existing certificates, whose AKI names it, chain
 * through this one). Throws CERT_MALFORMED, XCERT_PEER_NOT_CA, XCERT_SAME_SUBJECT, XCERT_LIMIT_INVALID,
 * INTRO_OUR_CA_INVALID, INTRO_CA_EXPIRED, VALIDITY_INVALID, and the validator's PATH_* code when our own
 * validator would reject the cross-certificate under our CA (e.g. our CA's name constraints exclude the
 * partner's name): nothing is handed out then.
 */
export async function crossCertify(req: { readonly peerCaDer: Uint8Array; readonly ca: SigningCa; readonly atMs: number; readonly limits: CrossCertLimits }): Promise<CrossCertificate> {
  const { limits } = req;
  checkLimits(limits);
  const peer = parseCertificate(req.peerCaDer);
  const ours = parseCertificate(req.ca.certDer);
  const ourBc = basicConstraintsOf(ours);
  if (ourBc?.ca !== true) throw new PkiError('INTRO_OUR_CA_INVALID', 'our CA certificate is not a CA');
  // RFC 5280 §4.2.1.9: the cross-certificate and every sub-CA it allows sit below our CA, so our own
  // pathLen must leave room for them; certified's CAs have pathLen 0 and cannot cross-certify at all.
  if (ourBc.pathLength !== undefined && ourBc.pathLength < limits.pathLength + 1) {
    throw new PkiError('XCERT_OUR_CA_PATH_LENGTH', `our CA allows ${ourBc.pathLength} CA level(s) below it; this cross-certificate needs ${limits.pathLength + 1} (create the organisation with a CA path length of at least ${limits.pathLength + 1})`);
  }
  if (basicConstraintsOf(peer)?.ca !== true) throw new PkiError('XCERT_PEER_NOT_CA', 'the partner certificate is not a CA (BasicConstraints CA:TRUE); introduce it instead');
  if (bytesEqual(peer.subject.der, ours.subject.der)) throw new PkiError('XCERT_SAME_SUBJECT', 'the partner CA has the same name as our CA');
  if (req.atMs >= ours.notAfterMs) throw new PkiError('INTRO_CA_EXPIRED', 'our CA certificate has expired');
  const window = validityWindow(req.atMs, limits.validityDays);
  const clampedToCa = window.notAfterMs > ours.notAfterMs;
  const notAfterMs = clampedToCa ? ours.notAfterMs : window.notAfterMs;
  const exts: ExtensionSpec[] = [
    subjectKeyIdExtension(subjectKeyIdOf(peer) ?? (await keyIdentifier(peer.subjectPublicKeyInfo))),
    basicConstraintsExtension(true, limits.pathLength),
    keyUsageExtension(['digitalSignature', 'keyCertSign', 'cRLSign']),
  ];
  if (limits.extendedKeyUsages?.length) exts.push(extKeyUsageExtension(limits.extendedKeyUsages.map(ekuOid)));
  const permitted = (limits.permitted ?? []).map(nameLimitToSubtree);
  const excluded = (limits.excluded ?? []).map(nameLimitToSubtree);
  if (permitted.length || excluded.length) exts.push(nameConstraintsExtension({ permitted, excluded }));
  if (limits.policies?.length) {
    if (new Set(limits.policies).size !== limits.policies.length) throw new PkiError('XCERT_LIMIT_INVALID', 'a policy OID appears twice (§4.2.1.4)');
    exts.push(certificatePoliciesExtension(limits.policies));
  }
  if (limits.policyConstraints && (limits.policyConstraints.requireExplicitPolicy !== undefined || limits.policyConstraints.inhibitPolicyMapping !== undefined)) {
    exts.push(policyConstraintsExtension(limits.policyConstraints));
  }
  if (limits.inhibitAnyPolicy !== undefined) exts.push(inhibitAnyPolicyExtension(limits.inhibitAnyPolicy));
  exts.push(authorityKeyIdExtension(subjectKeyIdOf(ours) ?? (await keyIdentifier(ours.subjectPublicKeyInfo))));
  const certDer = await buildCertificate({
    subject: peer.subject.der,
    issuer: ours.subject.der,
    subjectPublicKeyInfo: peer.subjectPublicKeyInfo,
    issuerKey: req.ca.key,
    serial: randomSerial(),
    notBeforeMs: window.notBeforeMs,
    notAfterMs,
    extensions: exts,
  });
  // Refuse at signing time what we would reject (docs/validation.md): the cross-certificate as a leaf under our CA.
  await assertIssuedCertificate({ certificate: certDer, issuerChain: [], roots: [req.ca.certDer], atMs: window.notBeforeMs });
  const peerCa = renderRfc4514(peer.subject);
  return { certDer, peerCa, notBeforeMs: window.notBeforeMs, notAfterMs, clampedToCa, description: describeCrossCertLimits(limits, peerCa) };
}

const EKU_WORDS: Readonly<Record<string, string>> = {
  serverAuth: 'TLS servers',
  clientAuth: 'TLS clients',
  codeSigning: 'code signing',
  emailProtection: 'email protection',
  timeStamping: 'time stamping',
  ocspSigning: 'OCSP responses',
  anyExtendedKeyUsage: 'any purpose',
};

function limitWords(l: NameLimit): string {
  const v = l.value;
  switch (l.type) {
    case 'dns':
      return `DNS names ${v} and anything under it (*.${v})`;
    case 'ip':
      return `IP addresses in ${v}`;
    case 'email':
      return v.includes('@') ? `the mailbox ${v}` : v.startsWith('.') ? `email addresses at any host under ${v.slice(1)}` : `email addresses @${v}`;
    case 'uri':
      return v.startsWith('.') ? `URIs whose host is under ${v.slice(1)}` : `URIs whose host is exactly ${v}`;
    case 'spiffe':
      return `SPIFFE IDs in trust domain ${v.replace(/^spiffe:\/\//, '')} (spiffe://${v.replace(/^spiffe:\/\//, '')}/…)`;
  }
}

/** Plain-English sentences of what the partner CA can make us trust under `limits`. Throws XCERT_LIMIT_INVALID. */
export function describeCrossCertLimits(limits: CrossCertLimits, partner = 'The partner CA'): string[] {
  checkLimits(limits);
  const who = partner === 'The partner CA' ? partner : `The partner CA (${partner})`;
  const out: string[] = [];
  out.push(
    limits.pathLength === 0
      ? `${who} can issue certificates for end entities only; any CA it creates below itself will be rejected.`
      : `${who} can create up to ${limits.pathLength} level${limits.pathLength === 1 ? '' : 's'} of sub-CAs below itself; deeper chains are rejected.`,
  );
  const permitted = limits.permitted ?? [];
  const excluded = limits.excluded ?? [];
  if (permitted.length === 0) {
    out.push('Names are NOT limited: it can make us trust a certificate for any host name, IP address, email address or URI (within any exclusions below).');
  } else {
    const kinds = new Set(permitted.map((p) => (p.type === 'spiffe' ? 'uri' : p.type)));
    out.push(`It can only vouch for ${permitted.map(limitWords).join('; ')}.`);
    const free = (['dns', 'ip', 'email', 'uri'] as const).filter((k) => !kinds.has(k));
    if (free.length) out.push(`Name types with no permitted entry stay unlimited: ${free.map((k) => ({ dns: 'DNS names', ip: 'IP addresses', email: 'email addresses', uri: 'URIs' })[k]).join(', ')}.`);
  }
  if (excluded.length) out.push(`It can never vouch for ${excluded.map(limitWords).join('; ')}.`);
  if (limits.extendedKeyUsages?.length) {
    out.push(`Its certificates are accepted only for: ${limits.extendedKeyUsages.map((e) => EKU_WORDS[e] ?? e).join(', ')} (by verifiers that check EKU on CA certificates, as OpenSSL does).`);
  } else out.push('Its certificates are not limited to particular uses (no extended key usage limit).');
  if (limits.policies?.length) out.push(`It is trusted under certificate polic${limits.policies.length === 1 ? 'y' : 'ies'} ${limits.policies.join(', ')} only.`);
  const pc = limits.policyConstraints;
  if (pc?.requireExplicitPolicy !== undefined) out.push(`Chains through it must carry an acceptable policy from ${pc.requireExplicitPolicy === 0 ? 'this certificate on' : `${pc.requireExplicitPolicy} certificate(s) below it`}.`);
  if (pc?.inhibitPolicyMapping !== undefined) out.push(`Policy mapping is not allowed ${pc.inhibitPolicyMapping === 0 ? 'anywhere below it' : `after ${pc.inhibitPolicyMapping} more certificate(s)`}.`);
  if (limits.inhibitAnyPolicy !== undefined) out.push(`The "any policy" wildcard stops counting ${limits.inhibitAnyPolicy === 0 ? 'immediately' : `after ${limits.inhibitAnyPolicy} more certificate(s)`}.`);
  out.push(`This trust lasts ${limits.validityDays} day${limits.validityDays === 1 ? '' : 's'} at most, and never longer than our own CA.`);
  return out;
}
