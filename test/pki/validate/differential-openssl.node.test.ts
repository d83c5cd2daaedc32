// Differential test: fast-check generates chains with random constraint combinations; our verdict
// must equal `openssl verify -x509_strict -policy_check -policy anyPolicy` (RFC 5280 §6.1.1 (c) default) on each, except where docs/validation.md
// documents a deliberate difference (each predicate below names the RFC section that decides it).
// Deterministic seed; set FC_SEED to explore, FC_RUNS for more cases. A failure prints seed and case.
import { assert } from 'chai';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  OID_EKU,
  certificatePoliciesExtension,
  nameConstraintsExtension,
  parseIpAddress,
  parseIpNetwork,
  policyConstraintsExtension,
  toPem,
  validatePath,
  type ExtensionSpec,
  type GeneralNameSpec,
  type KeyUsageName,
} from '../../../src/pki/index.ts';
import { openssl, tempFiles } from '../../support/openssl.ts';
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

const caseArb = fc.record({
  root: caArb,
  inters: fc.array(caArb, { minLength: 0, maxLength: 2 }),
  leaf: leafArb,
  purpose: fc.constantFrom<'serverAuth' | 'clientAuth' | undefined>(undefined, 'serverAuth', 'clientAuth'),
  peer: often<string | undefined>(undefined, 'dns:a.example.com', 'dns:b.example.com', 'ip:10.1.1.1', 'email:m@example.com'),
});
type Case = typeof caseArb extends fc.Arbitrary<infer X> ? X : never;

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
async function build(c: Case): Promise<{ root: Issued; inters: Issued[]; leaf: Issued }> {
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

function runOpenssl(c: Case, chain: { root: Issued; inters: Issued[]; leaf: Issued }): { ok: boolean; out: string } {
  const files = tempFiles({
    'root.pem': toPem('CERTIFICATE', chain.root.der),
    'inter.pem': chain.inters.map((x) => toPem('CERTIFICATE', x.der)).join('') || '\n',
    'leaf.pem': toPem('CERTIFICATE', chain.leaf.der),
  });
  try {
    const args = ['verify', '-x509_strict', '-policy_check', '-policy', '2.5.29.32.0', '-attime', String(Math.floor(T / 1000)), '-CAfile', files.path('root.pem')];
    if (chain.inters.length) args.push('-untrusted', files.path('inter.pem'));
    if (c.purpose) args.push('-purpose', c.purpose === 'serverAuth' ? 'sslserver' : 'sslclient');
    if (c.peer) {
      const [type, value] = c.peer.split(/:(.*)/s) as [string, string];
      args.push(type === 'dns' ? '-verify_hostname' : type === 'ip' ? '-verify_ip' : '-verify_email', value);
    }
    args.push(files.path('leaf.pem'));
    const r = openssl(args);
    return { ok: r.status === 0 && /: OK\s*$/.test(r.stdout), out: (r.stdout + r.stderr).replace(/\/tmp\/[^ :]*\//g, '') };
  } finally {
    files.cleanup();
  }
}

/**
 * Documented differences (docs/validation.md, "Differences from OpenSSL"). Each returns a reason
 * when the case falls under it, so a disagreement there is expected rather than a failure.
 */
function documentedDifference(c: Case): string | undefined {
  const dnsSans = c.leaf.san.filter((s) => s.startsWith('dns:'));
  if (c.peer?.startsWith('dns:') && c.leaf.cnIsHost && dnsSans.length === 0) {
    return 'RFC 6125 §6.4.4: no fallback to the subject CN (OpenSSL checks the CN when there is no DNS SAN)';
  }
  if (c.peer === 'dns:b.example.com' && dnsSans.includes('dns:b*.example.com') && !dnsSans.includes('dns:*.example.com')) {
    return 'RFC 6125 §6.4.3: partial-label wildcards are not matched (OpenSSL matches them)';
  }
  const excludesBad = [c.root, ...c.inters].some((ca) => ca.nc === 'exclude-bad.example.com');
  if (excludesBad && dnsSans.includes('dns:*.example.com')) {
    return 'RFC 6125 §6.4.3 with RFC 5280 §4.2.1.10: *.example.com can present the excluded bad.example.com, so we reject (OpenSSL compares it literally)';
  }
  return undefined;
}

describe('differential: validatePath vs openssl verify', () => {
  it('agrees on accept/reject for generated chains', async () => {
    const seed = Number(process.env.FC_SEED ?? 20261125);
    const numRuns = Number(process.env.FC_RUNS ?? 80);
    const disagreements: string[] = [];
    const tally = { accepted: 0, rejected: 0, documented: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const chain = await build(c);
        const ours = await validatePath({
          leaf: chain.leaf.der,
          intermediates: chain.inters.map((x) => x.der),
          roots: [chain.root.der],
          time: new Date(T),
          ...(c.purpose ? { purpose: c.purpose } : {}),
          ...(c.peer ? { peerName: { type: c.peer.split(':')[0] as 'dns', value: c.peer.slice(c.peer.indexOf(':') + 1) } } : {}),
        });
        const theirs = runOpenssl(c, chain);
        if (ours.ok === theirs.ok) {
          tally[ours.ok ? 'accepted' : 'rejected']++;
          return true;
        }
        if (documentedDifference(c)) {
          tally.documented++;
          return true;
        }
        disagreements.push(`ours=${ours.ok ? 'ok' : ours.code} openssl=${theirs.out.trim()}\n${JSON.stringify(c)}`);
        return false;
      }),
      { seed, numRuns, endOnFailure: true },
    ).catch((e: unknown) => {
      throw new Error(`seed ${seed}: ${disagreements.join('\n\n')}\n${String(e).slice(0, 2000)}`);
    });
    assert.isEmpty(disagreements);
    console.log(`differential (seed ${seed}): ${JSON.stringify(tally)}`);
    // Both verdicts must be well represented, or the generator tests nothing.
    assert.isAtLeast(tally.accepted, numRuns / 10);
    assert.isAtLeast(tally.rejected, numRuns / 10);
  });
});
