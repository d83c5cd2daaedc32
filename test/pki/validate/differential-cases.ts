// Chains with random constraint combinations for the differential tests (openssl, Go): the fast-check
// generator, the builder, and our verdict. Node only (imported by *.node.test.ts).
import fc from 'fast-check';
import {
  OID_EKU,
  certificatePoliciesExtension,
  nameConstraintsExtension,
  parseIpAddress,
  parseIpNetwork,
  policyConstraintsExtension,
  validatePath,
  type ExtensionSpec,
  type GeneralNameSpec,
  type KeyUsageName,
  type PathValidationResult,
} from '../../../src/pki/index.ts';
import { DAY, T, makeCert, nameDer, type Issued } from './chain-kit.ts';

const P1 = '1.3.6.1.4.1.99999.7.1';
const P2 = '1.3.6.1.4.1.99999.7.2';

// Weighted towards valid certificates so both verdicts are well represented.
const often = <T,>(common: T, ...rare: T[]): fc.Arbitrary<T> => fc.oneof({ arbitrary: fc.constant(common), weight: 8 * rare.length + 8 }, ...rare.map((r) => ({ arbitrary: fc.constant(r), weight: 1 })));
const validity = often('valid', 'expired', 'future');
const ekuArb = often<ReadonlyArray<string> | null>(null, [OID_EKU.serverAuth], [OID_EKU.clientAuth], [OID_EKU.serverAuth, OID_EKU.clientAuth], [OID_EKU.anyExtendedKeyUsage]);
const ncArb = often<string>('none', 'permit-example.com', 'exclude-bad.example.com', 'permit-10/8', 'permit-email-example.com');
const policyArb = often<string>('none', 'P1', 'P2', 'any');

const caArb = fc.record({
  ca: often(true, false),
  pathLength: fc.constantFrom<number | undefined>(undefined, undefined, 0, 1),
  keyCertSign: often(true, false),
  eku: ekuArb,
  nc: ncArb,
  policy: policyArb,
  requireExplicit: often(false, true),
  validity,
});

const leafArb = fc.record({
  san: fc.subarray(['dns:a.example.com', 'dns:bad.example.com', 'dns:x.example.org', 'dns:*.example.com', 'dns:b*.example.com', 'ip:10.1.1.1', 'ip:192.0.2.1', 'email:m@example.com'], { minLength: 1 }),
  cnIsHost: often(false, true),
  eku: ekuArb,
  keyUsage: often<ReadonlyArray<KeyUsageName> | null>(['digitalSignature'], ['keyEncipherment'], null),
  policy: policyArb,
  unknownCritical: often(false, true),
  validity,
});

export const caseArb = fc.record({
  root: caArb,
  inters: fc.array(caArb, { minLength: 0, maxLength: 2 }),
  leaf: leafArb,
  purpose: fc.constantFrom<'serverAuth' | 'clientAuth' | undefined>(undefined, 'serverAuth', 'clientAuth'),
  peer: often<string | undefined>(undefined, 'dns:a.example.com', 'dns:b.example.com', 'ip:10.1.1.1', 'email:m@example.com'),
});
export type Case = typeof caseArb extends fc.Arbitrary<infer X> ? X : never;

function times(v: string): { notBeforeMs: number; notAfterMs: number } {
  if (v === 'expired') return { notBeforeMs: T - 30 * DAY, notAfterMs: T - DAY };
  if (v === 'future') return { notBeforeMs: T + DAY, notAfterMs: T + 30 * DAY };
  return { notBeforeMs: T - DAY, notAfterMs: T + 30 * DAY };
}

function generalName(s: string): GeneralNameSpec {
  const [type, value] = s.split(/:(.*)/s) as [string, string];
  if (type === 'ip') return { type: 'ip', value: parseIpAddress(value)! };
  return { type: type as 'dns' | 'email', value };
}

function caExtras(c: Case['root']): ExtensionSpec[] {
  const out: ExtensionSpec[] = [];
  if (c.nc === 'permit-example.com') out.push(nameConstraintsExtension({ permitted: [{ type: 'dns', value: 'example.com' }] }));
  if (c.nc === 'exclude-bad.example.com') out.push(nameConstraintsExtension({ excluded: [{ type: 'dns', value: 'bad.example.com' }] }));
  if (c.nc === 'permit-10/8') out.push(nameConstraintsExtension({ permitted: [{ type: 'ip', value: parseIpNetwork('10.0.0.0/8')! }] }));
  if (c.nc === 'permit-email-example.com') out.push(nameConstraintsExtension({ permitted: [{ type: 'email', value: 'example.com' }] }));
  out.push(...policyExtras(c.policy));
  if (c.requireExplicit) out.push(policyConstraintsExtension({ requireExplicitPolicy: 0 }));
  return out;
}

function policyExtras(p: string): ExtensionSpec[] {
  if (p === 'P1') return [certificatePoliciesExtension([P1])];
  if (p === 'P2') return [certificatePoliciesExtension([P2])];
  if (p === 'any') return [certificatePoliciesExtension(['2.5.29.32.0'])];
  return [];
}

let counter = 0;
export async function build(c: Case): Promise<{ root: Issued; inters: Issued[]; leaf: Issued }> {
  const id = counter++;
  const caCert = (cn: string, spec: Case['root'], issuer?: Issued): Promise<Issued> =>
    makeCert({
      cn,
      key: cn.replace(/ \d+$/, ''),
      ...(issuer ? { issuer } : {}),
      ca: spec.ca,
      ...(spec.ca && spec.pathLength !== undefined ? { pathLength: spec.pathLength } : {}),
      keyUsage: spec.keyCertSign ? ['keyCertSign', 'cRLSign'] : ['digitalSignature', 'cRLSign'],
      eku: spec.eku,
      san: null,
      extra: caExtras(spec),
      ...times(spec.validity),
    });
  const root = await caCert(`Diff Root ${id}`, c.root);
  const inters: Issued[] = [];
  let issuer = root;
  for (const [i, spec] of c.inters.entries()) {
    issuer = await caCert(`Diff Inter${i} ${id}`, spec, issuer);
    inters.push(issuer);
  }
  const extra = [...policyExtras(c.leaf.policy)];
  if (c.leaf.unknownCritical) extra.push({ oid: '1.3.6.1.4.1.99999.9', critical: true, value: new Uint8Array([5, 0]) });
  const leaf = await makeCert({
    cn: `Diff Leaf ${id}`,
    ...(c.leaf.cnIsHost ? { subject: nameDer('a.example.com') } : {}),
    key: 'Diff Leaf',
    issuer,
    san: c.leaf.san.map(generalName),
    eku: c.leaf.eku,
    keyUsage: c.leaf.keyUsage,
    extra,
    ...times(c.leaf.validity),
  });
  return { root, inters, leaf };
}

export type Built = Awaited<ReturnType<typeof build>>;

export function ourVerdict(c: Case, chain: Built): Promise<PathValidationResult> {
  return validatePath({
    leaf: chain.leaf.der,
    intermediates: chain.inters.map((x) => x.der),
    roots: [chain.root.der],
    time: new Date(T),
    ...(c.purpose ? { purpose: c.purpose } : {}),
    ...(c.peer ? { peerName: { type: c.peer.split(':')[0] as 'dns', value: c.peer.slice(c.peer.indexOf(':') + 1) } } : {}),
  });
}
