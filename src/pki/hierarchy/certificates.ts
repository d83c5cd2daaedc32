// Certificate profiles of the scoped hierarchy: self-signed root, per-scope intermediate (pathLen 0,
// critical NameConstraints), and SPIFFE leaves (RFC 5280 §4.2; SPIFFE X509-SVID §4, §5).
import { buildCertificate, keyIdentifier, randomSerial } from '../x509/build.ts';
import {
  OID_EKU,
  authorityKeyIdExtension,
  basicConstraintsExtension,
  extKeyUsageExtension,
  keyUsageExtension,
  subjectAltNameExtension,
  subjectKeyIdExtension,
  type ExtensionSpec,
  type GeneralNameSpec,
  type KeyUsageName,
} from '../x509/extensions.ts';
import { TAG } from '../der.ts';
import { OID_ATTR, encodeName, type Rdn } from '../names.ts';
import { spkiAlgorithmOid } from './spki.ts';
import { OID_ALG } from '../algorithms.ts';
import { permittedNameConstraintsExtension } from './name-constraints.ts';
import type { EnvironmentConfig } from './model.ts';

const rdn = (type: string, value: string): Rdn => [{ type, value, tag: TAG.UTF8_STRING }];

/** Subject of a hierarchy CA: O=<trust domain>, OU=<env>, CN=<label>. */
export function authorityName(env: EnvironmentConfig, label: string): Uint8Array {
  return encodeName([rdn(OID_ATTR.O, env.trustDomain), rdn(OID_ATTR.OU, env.name), rdn(OID_ATTR.CN, label)]).der;
}

export function rootLabel(env: EnvironmentConfig, generation: number): string {
  return `${env.name} root R${generation}`;
}

export function intermediateLabel(env: EnvironmentConfig, scope: string, generation: number): string {
  return `${env.name} ${scope} intermediate I${generation}`;
}

export interface Validity {
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
}

/** Self-signed root: BC critical CA pathLen 1 (two-tier) or 0 (root-only, it signs leaves); KU keyCertSign, cRLSign. */
export async function issueRootCertificate(p: {
  readonly env: EnvironmentConfig;
  readonly generation: number;
  readonly spki: Uint8Array;
  readonly key: CryptoKey;
  readonly validity: Validity;
}): Promise<Uint8Array> {
  const name = authorityName(p.env, rootLabel(p.env, p.generation));
  return buildCertificate({
    subject: name,
    issuer: name,
    subjectPublicKeyInfo: p.spki,
    issuerKey: p.key,
    serial: randomSerial(),
    ...p.validity,
    extensions: [
      basicConstraintsExtension(true, p.env.topology === 'two-tier' ? 1 : 0),
      keyUsageExtension(['keyCertSign', 'cRLSign']),
      subjectKeyIdExtension(await keyIdentifier(p.spki)),
    ],
  });
}

/**
 * A scope intermediate: BC critical CA pathLen 0; KU keyCertSign, cRLSign; critical NameConstraints
 * permitting URIs with host = the trust domain and, when the scope has DNS subtrees, those DNS names.
 * URI constraints bind only the host (RFC 5280 §4.2.1.10), so they cannot separate scopes.
 */
export async function issueIntermediateCertificate(p: {
  readonly env: EnvironmentConfig;
  readonly scope: string;
  readonly subject: Uint8Array;
  readonly spki: Uint8Array;
  readonly issuerName: Uint8Array;
  readonly issuerSpki: Uint8Array;
  readonly issuerKey: CryptoKey;
  readonly validity: Validity;
}): Promise<Uint8Array> {
  const permitted: GeneralNameSpec[] = [{ type: 'uri', value: p.env.trustDomain }];
  for (const d of p.env.dnsSubtrees[p.scope] ?? []) permitted.push({ type: 'dns', value: d });
  return buildCertificate({
    subject: p.subject,
    issuer: p.issuerName,
    subjectPublicKeyInfo: p.spki,
    issuerKey: p.issuerKey,
    serial: randomSerial(),
    ...p.validity,
    extensions: [
      basicConstraintsExtension(true, 0),
      keyUsageExtension(['keyCertSign', 'cRLSign']),
      subjectKeyIdExtension(await keyIdentifier(p.spki)),
      authorityKeyIdExtension(await keyIdentifier(p.issuerSpki)),
      permittedNameConstraintsExtension(permitted),
    ],
  });
}

/**
 * A SPIFFE leaf (X509-SVID): BC critical CA:FALSE; KU critical digitalSignature (+ keyEncipherment for
 * RSA keys); EKU serverAuth + clientAuth; SAN = the SPIFFE ID URI first, then DNS names.
 */
export async function issueLeafCertificate(p: {
  readonly env: EnvironmentConfig;
  readonly scope: string;
  readonly service: string;
  readonly spiffeId: string;
  readonly dnsNames: ReadonlyArray<string>;
  readonly spki: Uint8Array;
  readonly issuerName: Uint8Array;
  readonly issuerSpki: Uint8Array;
  readonly issuerKey: CryptoKey;
  readonly validity: Validity;
}): Promise<Uint8Array> {
  const usages: KeyUsageName[] = spkiAlgorithmOid(p.spki) === OID_ALG.RSA ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
  const subject = encodeName([rdn(OID_ATTR.O, p.env.trustDomain), rdn(OID_ATTR.OU, `${p.env.name}/${p.scope}`), rdn(OID_ATTR.CN, p.service)]).der;
  const san: GeneralNameSpec[] = [{ type: 'uri', value: p.spiffeId }, ...p.dnsNames.map((value): GeneralNameSpec => ({ type: 'dns', value }))];
  const extensions: ExtensionSpec[] = [
    basicConstraintsExtension(false),
    keyUsageExtension(usages),
    extKeyUsageExtension([OID_EKU.serverAuth, OID_EKU.clientAuth]),
    subjectKeyIdExtension(await keyIdentifier(p.spki)),
    authorityKeyIdExtension(await keyIdentifier(p.issuerSpki)),
    subjectAltNameExtension(san),
  ];
  return buildCertificate({
    subject,
    issuer: p.issuerName,
    subjectPublicKeyInfo: p.spki,
    issuerKey: p.issuerKey,
    serial: randomSerial(),
    ...p.validity,
    extensions,
  });
}
