// The validator's rules one at a time: name constraints (RFC 5280 §4.2.1.10), policies (§6.1.3-6.1.5),
// peer names (RFC 6125 §6.4), path building (cross-certificates, loops, expired alternatives) and algorithms.
import { assert } from 'chai';
import { describe, it } from '../../harness.ts';
import {
  OID_ANY_POLICY,
  OID_EKU,
  assertIssuedCertificate,
  certificatePoliciesExtension,
  checkIssuedCertificate,
  dnsNameMatches,
  ecdsaRawToDer,
  exportSpki,
  inhibitAnyPolicyExtension,
  isPkiError,
  nameConstraintsExtension,
  parseIpNetwork,
  parseIpAddress,
  policyConstraintsExtension,
  policyMappingsExtension,
  validatePath,
  OID_ATTR,
  type GeneralNameSpec,
  type PathValidationOptions,
  type NameConstraintsSpec,
} from '../../../src/pki/index.ts';
import { derNull, derSequence, derContext, derSmallInteger, encodeOid } from '../../../src/pki/der.ts';
import { AT, DAY, T, makeCert, makeChain, nameDer, type CertOptions } from './chain-kit.ts';

const ip = (s: string): Uint8Array => parseIpAddress(s)!;
const net = (s: string): Uint8Array => parseIpNetwork(s)!;

async function verdict(over: Parameters<typeof makeChain>[0], extra: Partial<PathValidationOptions> = {}): Promise<string> {
  const c = await makeChain(over);
  const r = await validatePath({ leaf: c.leaf.der, intermediates: [c.inter.der], roots: [c.root.der], time: AT, ...extra });
  return r.ok ? 'ok' : r.code!;
}

describe('extended key usage (RFC 5280 §4.2.1.12)', () => {
  const cases: Array<{ name: string; over: Parameters<typeof makeChain>[0]; purpose?: 'serverAuth' | 'clientAuth'; want: string }> = [
    { name: 'no purpose asked: EKU not checked', over: { leaf: { eku: [OID_EKU.codeSigning] } }, want: 'ok' },
    { name: 'leaf without EKU allows any purpose', over: { leaf: { eku: null } }, purpose: 'clientAuth', want: 'ok' },
    { name: 'anyExtendedKeyUsage alone does not name the purpose (as OpenSSL)', over: { leaf: { eku: [OID_EKU.anyExtendedKeyUsage] } }, purpose: 'serverAuth', want: 'PATH_EKU' },
    { name: 'root EKU restricts the chain', over: { root: { eku: [OID_EKU.clientAuth] } }, purpose: 'serverAuth', want: 'PATH_EKU' },
    { name: 'root EKU that lists the purpose', over: { root: { eku: [OID_EKU.serverAuth] } }, purpose: 'serverAuth', want: 'ok' },
  ];
  for (const c of cases) {
    it(`${c.want}: ${c.name}`, async () => assert.equal(await verdict(c.over, c.purpose ? { purpose: c.purpose } : {}), c.want));
  }
});

describe('name constraints (RFC 5280 §4.2.1.10)', () => {
  const cases: Array<{ name: string; nc: NameConstraintsSpec; leaf: Partial<CertOptions>; want: string; onRoot?: boolean }> = [
    { name: 'DNS in permitted subtree', nc: { permitted: [{ type: 'dns', value: 'example.com' }] }, leaf: { san: [{ type: 'dns', value: 'a.example.com' }] }, want: 'ok' },
    { name: 'DNS equal to permitted', nc: { permitted: [{ type: 'dns', value: 'example.com' }] }, leaf: { san: [{ type: 'dns', value: 'example.com' }] }, want: 'ok' },
    { name: 'DNS label-suffix only', nc: { permitted: [{ type: 'dns', value: 'example.com' }] }, leaf: { san: [{ type: 'dns', value: 'badexample.com' }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'DNS excluded', nc: { excluded: [{ type: 'dns', value: 'bad.example.com' }] }, leaf: { san: [{ type: 'dns', value: 'x.bad.example.com' }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'wildcard SAN that can present an excluded name', nc: { excluded: [{ type: 'dns', value: 'bad.example.com' }] }, leaf: { san: [{ type: 'dns', value: '*.example.com' }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'wildcard SAN that cannot reach a deeper excluded name', nc: { excluded: [{ type: 'dns', value: 'x.bad.example.com' }] }, leaf: { san: [{ type: 'dns', value: '*.example.com' }] }, want: 'ok' },
    { name: 'DNS case-insensitive', nc: { permitted: [{ type: 'dns', value: 'Example.COM' }] }, leaf: { san: [{ type: 'dns', value: 'a.example.com' }] }, want: 'ok' },
    { name: 'one of two names outside', nc: { permitted: [{ type: 'dns', value: 'example.com' }] }, leaf: { san: [{ type: 'dns', value: 'a.example.com' }, { type: 'dns', value: 'a.example.org' }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'IPv4 in range', nc: { permitted: [{ type: 'ip', value: net('10.0.0.0/8') }] }, leaf: { san: [{ type: 'ip', value: ip('10.1.2.3') }] }, want: 'ok' },
    { name: 'IPv4 out of range', nc: { permitted: [{ type: 'ip', value: net('10.0.0.0/8') }] }, leaf: { san: [{ type: 'ip', value: ip('11.0.0.1') }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'IPv6 under an IPv4-only permitted set', nc: { permitted: [{ type: 'ip', value: net('10.0.0.0/8') }] }, leaf: { san: [{ type: 'ip', value: ip('::1') }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'IPv6 excluded', nc: { excluded: [{ type: 'ip', value: net('fd00::/8') }] }, leaf: { san: [{ type: 'ip', value: ip('fd12::1') }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'DNS constraint leaves IP alone', nc: { permitted: [{ type: 'dns', value: 'example.com' }] }, leaf: { san: [{ type: 'ip', value: ip('192.0.2.1') }] }, want: 'ok' },
    { name: 'email host', nc: { permitted: [{ type: 'email', value: 'example.com' }] }, leaf: { san: [{ type: 'email', value: 'a@example.com' }] }, want: 'ok' },
    { name: 'email host is exact', nc: { permitted: [{ type: 'email', value: 'example.com' }] }, leaf: { san: [{ type: 'email', value: 'a@sub.example.com' }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'email subdomains', nc: { permitted: [{ type: 'email', value: '.example.com' }] }, leaf: { san: [{ type: 'email', value: 'a@sub.example.com' }] }, want: 'ok' },
    { name: 'email mailbox excluded', nc: { excluded: [{ type: 'email', value: 'eve@example.com' }] }, leaf: { san: [{ type: 'email', value: 'eve@example.com' }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'URI host', nc: { permitted: [{ type: 'uri', value: '.example.com' }] }, leaf: { san: [{ type: 'uri', value: 'https://x.example.com/p' }] }, want: 'ok' },
    { name: 'URI host outside', nc: { permitted: [{ type: 'uri', value: '.example.com' }] }, leaf: { san: [{ type: 'uri', value: 'https://example.com/' }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'URI without a host under a URI constraint', nc: { permitted: [{ type: 'uri', value: 'example.com' }] }, leaf: { san: [{ type: 'uri', value: 'urn:example:x' }] }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'directoryName prefix', nc: { permitted: [{ type: 'dn', value: nameDer('ignored', [[OID_ATTR.O, 'Good']]).subarray(0) }] }, leaf: { subject: nameDer('Leaf', [[OID_ATTR.O, 'Bad']]) }, want: 'PATH_NAME_CONSTRAINTS' },
    { name: 'constraint on the trust anchor applies', onRoot: true, nc: { permitted: [{ type: 'dns', value: 'example.org' }] }, leaf: {}, want: 'PATH_NAME_CONSTRAINTS' },
  ];
  for (const c of cases) {
    it(`${c.want}: ${c.name}`, async () => {
      const ext = nameConstraintsExtension(c.nc);
      const got = await verdict(c.onRoot ? { root: { extra: [ext] }, leaf: c.leaf } : { inter: { extra: [ext] }, leaf: c.leaf });
      assert.equal(got, c.want);
    });
  }

  it('a directoryName constraint matches a subject below it and applies to the email attribute when there is no SAN', async () => {
    const o = nameDer('x', [[OID_ATTR.O, 'Good']]);
    // Permit O=Good (a one-RDN name): build it directly.
    const { encodeName } = await import('../../../src/pki/index.ts');
    const good = encodeName([[{ type: OID_ATTR.O, value: 'Good', tag: 0x0c }]]).der;
    assert.isAbove(o.length, good.length);
    const dn: GeneralNameSpec = { type: 'dn', value: good };
    assert.equal(await verdict({ inter: { extra: [nameConstraintsExtension({ permitted: [dn] })] }, leaf: { subject: nameDer('Leaf', [[OID_ATTR.O, 'good']]) } }), 'ok');
    const emailSubject = encodeName([[{ type: OID_ATTR.CN, value: 'Mail', tag: 0x0c }], [{ type: OID_ATTR.EMAIL, value: 'm@other.org', tag: 0x16 }]]).der;
    assert.equal(
      await verdict({ inter: { extra: [nameConstraintsExtension({ permitted: [{ type: 'email', value: 'example.com' }] })] }, leaf: { subject: emailSubject, san: null } }),
      'PATH_NAME_CONSTRAINTS',
    );
  });
});

describe('certificate policies (RFC 5280 §6.1.3-§6.1.5)', () => {
  const P1 = '1.3.6.1.4.1.99999.5.1';
  const P2 = '1.3.6.1.4.1.99999.5.2';
  const req0 = policyConstraintsExtension({ requireExplicitPolicy: 0 });
  const cases: Array<{ name: string; inter: CertOptions['extra']; leaf: CertOptions['extra']; want: string }> = [
    { name: 'same policy all the way', inter: [certificatePoliciesExtension([P1]), req0], leaf: [certificatePoliciesExtension([P1])], want: 'ok' },
    { name: 'different policies', inter: [certificatePoliciesExtension([P1]), req0], leaf: [certificatePoliciesExtension([P2])], want: 'PATH_POLICY' },
    { name: 'anyPolicy above accepts a specific policy', inter: [certificatePoliciesExtension([OID_ANY_POLICY]), req0], leaf: [certificatePoliciesExtension([P2])], want: 'ok' },
    {
      name: 'inhibitAnyPolicy 0 ignores the leaf\'s anyPolicy',
      inter: [certificatePoliciesExtension([P1]), req0, inhibitAnyPolicyExtension(0)],
      leaf: [certificatePoliciesExtension([OID_ANY_POLICY])],
      want: 'PATH_POLICY',
    },
    { name: 'without inhibitAnyPolicy the leaf\'s anyPolicy matches', inter: [certificatePoliciesExtension([P1]), req0], leaf: [certificatePoliciesExtension([OID_ANY_POLICY])], want: 'ok' },
    { name: 'policy mapping P1 → P2', inter: [certificatePoliciesExtension([P1]), req0, policyMappingsExtension([{ issuerDomainPolicy: P1, subjectDomainPolicy: P2 }])], leaf: [certificatePoliciesExtension([P2])], want: 'ok' },
    { name: 'mapping to anyPolicy is refused', inter: [certificatePoliciesExtension([P1]), policyMappingsExtension([{ issuerDomainPolicy: P1, subjectDomainPolicy: OID_ANY_POLICY }])], leaf: [certificatePoliciesExtension([P1])], want: 'PATH_POLICY' },
    { name: 'no explicit policy required: policies may differ', inter: [certificatePoliciesExtension([P1])], leaf: [certificatePoliciesExtension([P2])], want: 'ok' },
    { name: 'explicit policy required in the leaf only (§6.1.5 (b))', inter: [], leaf: [policyConstraintsExtension({ requireExplicitPolicy: 0 })], want: 'PATH_POLICY' },
  ];
  for (const c of cases) {
    it(`${c.want}: ${c.name}`, async () => {
      assert.equal(await verdict({ inter: { extra: c.inter ?? [] }, leaf: { extra: c.leaf ?? [] } }), c.want);
    });
  }
});

describe('policy mapping inhibited (RFC 5280 §6.1.4 (b)(2), (i))', () => {
  const P1 = '1.3.6.1.4.1.99999.6.1';
  const P2 = '1.3.6.1.4.1.99999.6.2';
  for (const [inhibit, want] of [[false, 'ok'], [true, 'PATH_POLICY']] as const) {
    it(`${want}: an intermediate maps P1 → P2 ${inhibit ? 'below a CA that inhibits mapping' : 'freely'}`, async () => {
      const root = await makeCert({ cn: 'Map Root', ca: true });
      const i1 = await makeCert({
        cn: `Map I1 ${inhibit}`,
        ca: true,
        issuer: root,
        extra: [certificatePoliciesExtension([P1]), policyConstraintsExtension({ requireExplicitPolicy: 0, ...(inhibit ? { inhibitPolicyMapping: 0 } : {}) })],
      });
      const i2 = await makeCert({ cn: `Map I2 ${inhibit}`, ca: true, issuer: i1, extra: [certificatePoliciesExtension([P1]), policyMappingsExtension([{ issuerDomainPolicy: P1, subjectDomainPolicy: P2 }])] });
      const leaf = await makeCert({ cn: `Map Leaf ${inhibit}`, issuer: i2, extra: [certificatePoliciesExtension([P2])] });
      const r = await validatePath({ leaf: leaf.der, intermediates: [i2.der, i1.der], roots: [root.der], time: AT });
      assert.equal(r.ok ? 'ok' : r.code, want, r.message);
    });
  }
});

describe('peer names (RFC 6125 §6.4)', () => {
  const dns: Array<[string, string, boolean]> = [
    ['a.example.com', 'a.example.com', true],
    ['A.Example.COM', 'a.example.com', true],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.com', 'example.com', false],
    ['f*.example.com', 'foo.example.com', false],
    ['a.*.example.com', 'a.b.example.com', false],
  ];
  for (const [pattern, host, want] of dns) {
    it(`${pattern} ${want ? 'matches' : 'does not match'} ${host}`, () => assert.equal(dnsNameMatches(pattern, host), want));
  }
  const san: GeneralNameSpec[] = [
    { type: 'ip', value: ip('127.0.0.1') },
    { type: 'ip', value: ip('::1') },
    { type: 'email', value: 'Alice@Example.com' },
    { type: 'dns', value: '*.example.net' },
  ];
  const names: Array<[PathValidationOptions['peerName'], string]> = [
    [{ type: 'ip', value: '127.0.0.1' }, 'ok'],
    [{ type: 'ip', value: '0:0::1' }, 'ok'],
    [{ type: 'ip', value: '127.0.0.2' }, 'PATH_NAME_MISMATCH'],
    [{ type: 'email', value: 'Alice@example.COM' }, 'ok'],
    [{ type: 'email', value: 'alice@example.com' }, 'PATH_NAME_MISMATCH'],
    [{ type: 'dns', value: 'www.example.net' }, 'ok'],
    [{ type: 'dns', value: '127.0.0.1' }, 'PATH_BAD_REQUEST'],
  ];
  for (const [peerName, want] of names) {
    it(`${peerName!.type}:${peerName!.value} → ${want}`, async () => {
      assert.equal(await verdict({ leaf: { san } }, { peerName }), want);
    });
  }
});

describe('path building', () => {
  it('follows a cross-certificate to the trusted root', async () => {
    const rootA = await makeCert({ cn: 'Root A', ca: true });
    const rootB = await makeCert({ cn: 'Root B', ca: true });
    const crossB = await makeCert({ cn: 'Root B', key: 'Root B', ca: true, issuer: rootA });
    const leaf = await makeCert({ cn: 'Leaf B', issuer: rootB });
    const r = await validatePath({ leaf: leaf.der, intermediates: [rootB.der, crossB.der], roots: [rootA.der], time: AT });
    assert.isTrue(r.ok, r.message);
    assert.deepEqual(r.chain, [leaf.der, crossB.der, rootA.der]);
    // And with B trusted directly, the short path wins.
    const r2 = await validatePath({ leaf: leaf.der, intermediates: [crossB.der], roots: [rootA.der, rootB.der], time: AT });
    assert.deepEqual(r2.chain, [leaf.der, rootB.der]);
  });

  it('takes the valid one of two intermediates with the same name and key, whatever the order', async () => {
    const root = await makeCert({ cn: 'Root CA', ca: true });
    const old = await makeCert({ cn: 'Inter CA', ca: true, issuer: root, notBeforeMs: T - 400 * DAY, notAfterMs: T - DAY });
    const cur = await makeCert({ cn: 'Inter CA', ca: true, issuer: root });
    const leaf = await makeCert({ cn: 'Leaf', issuer: cur });
    for (const intermediates of [[old.der, cur.der], [cur.der, old.der]]) {
      const r = await validatePath({ leaf: leaf.der, intermediates, roots: [root.der], time: AT });
      assert.isTrue(r.ok, r.message);
      assert.deepEqual(r.chain![1], cur.der);
    }
    const only = await validatePath({ leaf: leaf.der, intermediates: [old.der], roots: [root.der], time: AT });
    assert.equal(only.code, 'PATH_EXPIRED');
  });

  it('terminates on cross-certificate loops and reports no issuer', async () => {
    const a = await makeCert({ cn: 'Loop A', ca: true, noKeyIds: true });
    const b = await makeCert({ cn: 'Loop B', ca: true, noKeyIds: true });
    const aByB = await makeCert({ cn: 'Loop A', key: 'Loop A', ca: true, issuer: b, noKeyIds: true });
    const bByA = await makeCert({ cn: 'Loop B', key: 'Loop B', ca: true, issuer: a, noKeyIds: true });
    const leaf = await makeCert({ cn: 'Loop Leaf', issuer: a, noKeyIds: true });
    const unrelated = await makeCert({ cn: 'Unrelated Root', ca: true });
    const r = await validatePath({ leaf: leaf.der, intermediates: [aByB.der, bByA.der, a.der, b.der], roots: [unrelated.der], time: AT });
    assert.equal(r.code, 'PATH_NO_ISSUER');
  });

  it('reports the most relevant failure: an expired issuer beats a wrong-key issuer with the same name', async () => {
    const root = await makeCert({ cn: 'Root CA', ca: true });
    const wrongKey = await makeCert({ cn: 'Inter CA', key: 'Inter Wrong', ca: true, issuer: root, noKeyIds: true });
    const expired = await makeCert({ cn: 'Inter CA', ca: true, issuer: root, noKeyIds: true, notBeforeMs: T - 9 * DAY, notAfterMs: T - DAY });
    const leaf = await makeCert({ cn: 'Leaf', issuer: expired, noKeyIds: true });
    for (const intermediates of [[wrongKey.der, expired.der], [expired.der, wrongKey.der]]) {
      const r = await validatePath({ leaf: leaf.der, intermediates, roots: [root.der], time: AT });
      assert.equal(r.code, 'PATH_EXPIRED');
      assert.equal(r.failedIndex, 1);
    }
  });

  it('accepts a leaf that is itself a trust anchor', async () => {
    const root = await makeCert({ cn: 'Self Root', ca: true });
    const r = await validatePath({ leaf: root.der, roots: [root.der], time: AT });
    assert.isTrue(r.ok);
    assert.lengthOf(r.chain!, 1);
  });
});

describe('signature algorithms', () => {
  const pssAlgorithm = (hashOid: string, saltLength: number): Uint8Array => {
    const hash = derSequence(encodeOid(hashOid), derNull());
    return derSequence(
      encodeOid('1.2.840.113549.1.1.10'),
      derSequence(derContext(0, hash, true), derContext(1, derSequence(encodeOid('1.2.840.113549.1.1.8'), hash), true), derContext(2, derSmallInteger(saltLength), true)),
    );
  };
  const SHA256 = '2.16.840.1.101.3.4.2.1';

  async function rsaCase(kind: 'pkcs1' | 'pss'): Promise<string> {
    const alg = kind === 'pss' ? { name: 'RSA-PSS', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const keys = (await crypto.subtle.generateKey({ ...alg, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const spki = await exportSpki(keys.publicKey);
    const signer = {
      algorithm: kind === 'pss' ? pssAlgorithm(SHA256, 32) : derSequence(encodeOid('1.2.840.113549.1.1.11'), derNull()),
      sign: async (tbs: Uint8Array) =>
        new Uint8Array(await crypto.subtle.sign(kind === 'pss' ? { name: 'RSA-PSS', saltLength: 32 } : { name: 'RSASSA-PKCS1-v1_5' }, keys.privateKey, tbs.slice())),
    };
    const root = await makeCert({ cn: `RSA ${kind} Root`, ca: true, spki, signer });
    const leaf = await makeCert({ cn: `RSA ${kind} Leaf`, issuer: { ...root, keys }, signer });
    const r = await validatePath({ leaf: leaf.der, roots: [root.der], time: AT });
    return r.ok ? 'ok' : r.code!;
  }
  it('RSA PKCS#1 v1.5 with SHA-256', async () => assert.equal(await rsaCase('pkcs1'), 'ok'));
  it('RSASSA-PSS with SHA-256, MGF1-SHA-256, salt 32', async () => assert.equal(await rsaCase('pss'), 'ok'));

  for (const [curve, hash, oid] of [
    ['P-384', 'SHA-384', '1.2.840.10045.4.3.3'],
    ['P-521', 'SHA-512', '1.2.840.10045.4.3.4'],
  ] as const) {
    it(`ECDSA ${curve} with ${hash}`, async () => {
      const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, false, ['sign', 'verify'])) as CryptoKeyPair;
      const spki = await exportSpki(keys.publicKey);
      const signer = {
        algorithm: derSequence(encodeOid(oid)),
        sign: async (tbs: Uint8Array) => ecdsaRawToDer(new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash }, keys.privateKey, tbs.slice()))),
      };
      const root = await makeCert({ cn: `${curve} Root`, ca: true, spki, signer });
      const leaf = await makeCert({ cn: `${curve} Leaf`, issuer: { ...root, keys }, signer });
      const r = await validatePath({ leaf: leaf.der, roots: [root.der], time: AT });
      assert.isTrue(r.ok, r.message);
    });
  }

  it('RSASSA-PSS with SHA-1 defaults is unsupported', async () => {
    const root = await makeCert({ cn: 'PSS1 Root', ca: true });
    const leaf = await makeCert({ cn: 'PSS1 Leaf', issuer: root, signer: { algorithm: derSequence(encodeOid('1.2.840.113549.1.1.10'), derSequence()), sign: async () => new Uint8Array(8) } });
    const r = await validatePath({ leaf: leaf.der, roots: [root.der], time: AT });
    assert.equal(r.code, 'PATH_UNSUPPORTED_ALGORITHM');
  });
});

describe('checkIssuedCertificate: refuse at signing time what we would reject', () => {
  it('accepts what validates and refuses a leaf outside the issuer\'s name constraints with the validator\'s code', async () => {
    const c = await makeChain({ inter: { extra: [nameConstraintsExtension({ permitted: [{ type: 'dns', value: 'example.com' }] })] } });
    const good = await checkIssuedCertificate({ certificate: c.leaf.der, issuerChain: [c.inter.der], roots: [c.root.der], atMs: T, purpose: 'serverAuth' });
    assert.isTrue(good.ok, good.message);
    const bad = await makeCert({ cn: 'Outside', issuer: c.inter, san: [{ type: 'dns', value: 'outside.example.org' }] });
    try {
      await assertIssuedCertificate({ certificate: bad.der, issuerChain: [c.inter.der], roots: [c.root.der], atMs: T });
      assert.fail('expected a refusal');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'PATH_NAME_CONSTRAINTS'), String(e));
    }
  });

  it('refuses a certificate that outlives nothing but starts after its issuer expired', async () => {
    const c = await makeChain({ inter: { notAfterMs: T + DAY } });
    const late = await makeCert({ cn: 'Late', issuer: c.inter, notBeforeMs: T + 2 * DAY, notAfterMs: T + 9 * DAY });
    const r = await checkIssuedCertificate({ certificate: late.der, issuerChain: [c.inter.der], roots: [c.root.der], atMs: T + 2 * DAY });
    assert.equal(r.code, 'PATH_EXPIRED');
  });
});
