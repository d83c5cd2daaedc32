// Certificate profiles against openssl: what our root, intermediates and leaves say, that openssl
// enforces the scope's name constraints, and that the CSR parser is strict.
import { assert } from 'chai';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import {
  activeIssuer,
  certDerOf,
  checkEnvironment,
  fromBase64,
  isPkiError,
  issueLeaf,
  issueLeafCertificate,
  parseCertificate,
  parseCertificationRequest,
  parsePem,
  generateServiceKey,
  privateKeyFor,
  toPem,
  type HierarchyState,
} from '../../../src/pki/index.ts';
import { openssl, tempFiles } from '../../support/openssl.ts';
import { T0, makeCustody, makeEnvironment, type Custody } from '../../support/hierarchy-fixture.ts';
import { expectCode as expectCodeOf } from '../../support/expect-code.ts';

const expectCode = (p: Promise<unknown> | (() => unknown), code: string): Promise<void> => expectCodeOf(p, code, isPkiError);

describe('hierarchy certificate profiles (openssl)', () => {
  let custody: Custody;
  let s: HierarchyState;
  before(async () => {
    custody = await makeCustody();
    s = await makeEnvironment(custody, T0, false);
  });

  it('root, intermediate and leaf say what docs/hierarchy.md says', async () => {
    const key = await generateServiceKey('p256');
    const r = await issueLeaf(s, { scope: 'eu', service: 'shop', dnsNames: ['shop.eu.example.org'], spki: key.spki }, T0);
    const t = tempFiles({ 'root.pem': s.doc.authorities[0]!.certPem, 'int.pem': activeIssuer(s.doc, 'eu').certPem, 'leaf.pem': r.leaf.certPem });
    try {
      const root = openssl(['x509', '-in', t.path('root.pem'), '-noout', '-text']).stdout;
      assert.match(root, /CA:TRUE, pathlen:1/);
      assert.match(root, /Subject: O = example.org, OU = prod, CN = prod root R1/);
      const int = openssl(['x509', '-in', t.path('int.pem'), '-noout', '-text']).stdout;
      assert.match(int, /CA:TRUE, pathlen:0/);
      assert.match(int, /Name Constraints: critical\s+Permitted:\s+URI:example.org\s+DNS:eu.example.org/);
      const leaf = openssl(['x509', '-in', t.path('leaf.pem'), '-noout', '-text']).stdout;
      assert.match(leaf, /CA:FALSE/);
      assert.match(leaf, /Key Usage: critical\s+Digital Signature\n/);
      assert.match(leaf, /URI:spiffe:\/\/example.org\/prod\/eu\/shop, DNS:shop.eu.example.org/);
      const c = parseCertificate(parsePem(r.leaf.certPem)[0]!.der);
      assert.equal(c.notAfterMs - c.notBeforeMs, 90 * 86_400_000);
      const v = openssl(['verify', '-x509_strict', '-CAfile', t.path('root.pem'), '-untrusted', t.path('int.pem'), t.path('leaf.pem')]);
      assert.equal(v.status, 0, v.stdout + v.stderr);
    } finally {
      t.cleanup();
    }
  });

  const OUTSIDE = [
    { name: 'a DNS name outside the scope subtree', uri: 'spiffe://example.org/prod/eu/x', dns: ['x.us.example.org'] },
    { name: 'a SPIFFE ID of another trust domain', uri: 'spiffe://evil.example/prod/eu/x', dns: [] },
  ];
  for (const o of OUTSIDE) {
    it(`openssl enforces the intermediate's name constraints: ${o.name} is refused`, async () => {
      const int = activeIssuer(s.doc, 'eu');
      const key = await generateServiceKey('p256');
      const der = await issueLeafCertificate({
        env: s.doc.environment, scope: 'eu', service: 'x', spiffeId: o.uri, dnsNames: o.dns, spki: key.spki,
        issuerName: parseCertificate(certDerOf(int)).subject.der, issuerSpki: fromBase64(s.doc.keys.find((k) => k.id === int.keyId)!.spkiB64),
        issuerKey: privateKeyFor(s.keys, int.keyId), validity: { notBeforeMs: T0, notAfterMs: T0 + 86_400_000 },
      });
      const t = tempFiles({ 'int.pem': int.certPem, 'leaf.pem': toPem('CERTIFICATE', der) });
      try {
        const v = openssl(['verify', '-partial_chain', '-CAfile', t.path('int.pem'), t.path('leaf.pem')]);
        assert.notEqual(v.status, 0);
        assert.match(v.stdout + v.stderr, /subtree violation/);
      } finally {
        t.cleanup();
      }
    });
  }

  it('the core refuses to issue outside the scope and bad service names', async () => {
    const key = await generateServiceKey('p256');
    await expectCode(() => issueLeaf(s, { scope: 'eu', service: 'x', dnsNames: ['x.us.example.org'], spki: key.spki }, T0), 'HIER_DNS_OUTSIDE_SCOPE');
    await expectCode(() => issueLeaf(s, { scope: 'mars', service: 'x', spki: key.spki }, T0), 'HIER_SCOPE_UNKNOWN');
    for (const bad of ['', 'A', 'a/b', '..', 'a..b', '-a']) await expectCode(() => issueLeaf(s, { scope: 'eu', service: bad, spki: key.spki }, T0), 'HIER_SERVICE_INVALID');
    await expectCode(() => issueLeaf(s, { scope: 'eu', service: 'x' }, T0), 'HIER_CSR_MALFORMED');
  });

  it('every CA key held is non-extractable; an un-escrowed root has no ciphertext', () => {
    for (const k of s.keys.values()) assert.isFalse(k.extractable);
    const root = s.doc.keys.find((k) => k.id === 'key-root-r1')!;
    assert.isUndefined(root.ciphertext);
    assert.deepEqual(root.recipients, []);
  });

  it('CSR parser: accepts openssl requests (P-256, Ed25519); refuses tampered or truncated ones', async () => {
    const t = tempFiles({});
    try {
      for (const alg of [['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], ['-newkey', 'ed25519']]) {
        const r = openssl(['req', '-new', ...alg, '-nodes', '-keyout', t.path('k.pem'), '-subj', '/CN=svc', '-outform', 'DER', '-out', t.path('r.der')]);
        assert.equal(r.status, 0, r.stderr);
        const der = new Uint8Array(readFileSync(t.path('r.der')));
        const csr = await parseCertificationRequest(der);
        assert.equal(csr.subject.rdns[0]![0]!.value, 'svc');
        const tampered = der.slice();
        tampered[tampered.length - 5]! ^= 0x01;
        await expectCode(() => parseCertificationRequest(tampered), 'CSR_BAD_SIGNATURE');
        await expectCode(() => parseCertificationRequest(der.subarray(0, der.length - 3)), 'CSR_MALFORMED');
        await expectCode(() => parseCertificationRequest(new Uint8Array([...der, 0])), 'CSR_MALFORMED');
      }
    } finally {
      t.cleanup();
    }
  });

  const ENV_CASES = [
    { name: 'upper-case name', patch: { name: 'Prod' } },
    { name: 'wildcard domain', patch: { trustDomain: '*.example.org' } },
    { name: 'region named global', patch: { regions: ['global'] } },
    { name: 'duplicate regions', patch: { regions: ['eu', 'eu'] } },
    { name: 'same root and CI recipient', patch: { sameRecipients: true } },
    { name: 'DNS subtrees for an unknown scope', patch: { dnsSubtrees: { mars: ['mars.example.org'] } } },
    { name: 'bad recipient', patch: { ci: 'age1xyz' } },
  ];
  for (const c of ENV_CASES) {
    it(`environment: ${c.name} → HIER_ENV_INVALID`, async () => {
      const p = c.patch as Record<string, unknown>;
      await expectCode(
        () =>
          checkEnvironment({
            name: (p['name'] as string) ?? 'prod',
            trustDomain: (p['trustDomain'] as string) ?? 'example.org',
            topology: 'two-tier',
            regions: (p['regions'] as string[]) ?? ['eu'],
            custodians: { rootRecipient: custody.rootRecipient, ciRecipient: (p['ci'] as string) ?? (p['sameRecipients'] ? custody.rootRecipient : custody.ciRecipient) },
            dnsSubtrees: (p['dnsSubtrees'] as Record<string, string[]>) ?? {},
          }),
        'HIER_ENV_INVALID',
      );
    });
  }
});
