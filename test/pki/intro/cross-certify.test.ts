// Cross-certification: the extensions we write (decoded back), limit parsing with codes, plain-English limits.
import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import {
  crossCertify, describeCrossCertLimits, parseNameLimit, createIdentity, parseCertificate, findExtension, basicConstraintsOf,
  subjectKeyIdOf, authorityKeyIdOf, verifyCertificateSignature, bytesEqual, isPkiError, OID_EXT, toHex, nameConstraintsExtension,
  policyConstraintsExtension, certificatePoliciesExtension, generateKeyPair, exportSpki, buildCertifiedName, buildCertificate, randomSerial,
  keyIdentifier, subjectKeyIdExtension, basicConstraintsExtension, keyUsageExtension, encodeName, OID_ATTR, type CreatedIdentity, type PkiErrorCode,
} from './intro-imports.ts';

describe('cross-certification', () => {
  let ours: CreatedIdentity;
  let peer: CreatedIdentity;
  const now = Date.UTC(2030, 0, 1);
  before(async () => {
    ours = await createIdentity({ name: { org: 'Ours', unit: 'PKI' }, san: { hosts: ['ours.example'] }, atMs: now, caPathLength: 2 });
    peer = await createIdentity({ name: { org: 'Peer', unit: 'PKI' }, san: { hosts: ['peer.example'] }, keyType: 'p256', atMs: now });
  });

  it('issues a CA certificate for the peer CA name and key with every limit', async () => {
    const r = await crossCertify({
      peerCaDer: peer.caCertDer,
      ca: { certDer: ours.caCertDer, key: ours.caKeys.privateKey },
      atMs: now,
      limits: {
        pathLength: 1,
        permitted: [parseNameLimit('dns:peer.example'), parseNameLimit('ip:10.1.0.0/16'), parseNameLimit('spiffe:prod.peer.example'), parseNameLimit('email:peer.example')],
        excluded: [parseNameLimit('dns:secret.peer.example')],
        extendedKeyUsages: ['serverAuth', 'clientAuth'],
        policies: ['1.3.6.1.4.1.99999.1'],
        policyConstraints: { requireExplicitPolicy: 0 },
        inhibitAnyPolicy: 0,
        validityDays: 90,
      },
    });
    const c = parseCertificate(r.certDer);
    const p = parseCertificate(peer.caCertDer);
    const o = parseCertificate(ours.caCertDer);
    assert.isTrue(bytesEqual(c.subject.der, p.subject.der));
    assert.isTrue(bytesEqual(c.subjectPublicKeyInfo, p.subjectPublicKeyInfo));
    assert.isTrue(bytesEqual(subjectKeyIdOf(c)!, subjectKeyIdOf(p)!));
    assert.isTrue(bytesEqual(authorityKeyIdOf(c)!, subjectKeyIdOf(o)!));
    assert.deepEqual(basicConstraintsOf(c), { ca: true, pathLength: 1 });
    assert.isTrue(await verifyCertificateSignature(c, o.subjectPublicKeyInfo));
    const nc = findExtension(c, OID_EXT.NAME_CONSTRAINTS)!;
    assert.isTrue(nc.critical);
    // [0] { dNSName peer.example, iPAddress 10.1.0.0/255.255.0.0, URI prod.peer.example, rfc822 peer.example } [1] { dNSName secret.peer.example }
    assert.include(toHex(nc.value), toHex(new TextEncoder().encode('prod.peer.example')));
    assert.include(toHex(nc.value), '87080a010000ffff0000');
    assert.isTrue(findExtension(c, OID_EXT.POLICY_CONSTRAINTS)!.critical);
    assert.equal(toHex(findExtension(c, OID_EXT.POLICY_CONSTRAINTS)!.value), '3003800100');
    assert.equal(toHex(findExtension(c, OID_EXT.INHIBIT_ANY_POLICY)!.value), '020100');
    assert.equal(r.notAfterMs - r.notBeforeMs, 90 * 86_400_000);
    assert.isFalse(r.clampedToCa);
    assert.isAbove(r.description.length, 4);
  });

  it('encodes the extensions in DER exactly (RFC 5280 §4.2.1.4, .10, .11)', () => {
    assert.equal(toHex(nameConstraintsExtension({ permitted: [{ type: 'dns', value: 'a.b' }] }).value), '3009a0073005820361' + '2e62');
    assert.equal(toHex(nameConstraintsExtension({ excluded: [{ type: 'ip', value: new Uint8Array([10, 0, 0, 0, 255, 0, 0, 0]) }] }).value), '300ea10c300a87080a000000ff000000');
    assert.equal(toHex(policyConstraintsExtension({ requireExplicitPolicy: 1, inhibitPolicyMapping: 2 }).value), '3006800101810102');
    assert.equal(toHex(certificatePoliciesExtension(['2.5.29.32.0']).value), '300830060604551d2000');
  });

  it('clamps to our CA and refuses what is not a partner CA', async () => {
    const ca = { certDer: ours.caCertDer, key: ours.caKeys.privateKey };
    const long = await crossCertify({ peerCaDer: peer.caCertDer, ca, atMs: now, limits: { pathLength: 0, validityDays: 3000 } });
    assert.isTrue(long.clampedToCa);
    assert.equal(long.notAfterMs, parseCertificate(ours.caCertDer).notAfterMs);
    const bad: Array<[() => Promise<unknown>, PkiErrorCode]> = [
      [() => crossCertify({ peerCaDer: peer.idCertDer, ca, atMs: now, limits: { pathLength: 0, validityDays: 30 } }), 'XCERT_PEER_NOT_CA'],
      [() => crossCertify({ peerCaDer: ours.caCertDer, ca, atMs: now, limits: { pathLength: 0, validityDays: 30 } }), 'XCERT_SAME_SUBJECT'],
      [() => crossCertify({ peerCaDer: peer.caCertDer, ca, atMs: now, limits: { pathLength: -1, validityDays: 30 } }), 'XCERT_LIMIT_INVALID'],
      [() => crossCertify({ peerCaDer: peer.caCertDer, ca, atMs: now, limits: { pathLength: 0, policies: ['not-an-oid'], validityDays: 30 } }), 'XCERT_LIMIT_INVALID'],
      [() => crossCertify({ peerCaDer: peer.caCertDer, ca, atMs: now, limits: { pathLength: 0, extendedKeyUsages: ['bogus'], validityDays: 30 } }), 'XCERT_LIMIT_INVALID'],
      [() => crossCertify({ peerCaDer: peer.caCertDer, ca, atMs: now, limits: { pathLength: 0, validityDays: 0 } }), 'VALIDITY_INVALID'],
      [() => crossCertify({ peerCaDer: peer.caCertDer, ca, atMs: now, limits: { pathLength: 2, validityDays: 30 } }), 'XCERT_OUR_CA_PATH_LENGTH'],
      // A certified-profile CA (pathLen 0) cannot cross-certify: the result would never validate.
      [() => crossCertify({ peerCaDer: ours.caCertDer, ca: { certDer: peer.caCertDer, key: peer.caKeys.privateKey }, atMs: now, limits: { pathLength: 0, validityDays: 30 } }), 'XCERT_OUR_CA_PATH_LENGTH'],
    ];
    for (const [f, code] of bad) {
      try {
        await f();
        assert.fail(`accepted ${code}`);
      } catch (e) {
        assert.isTrue(isPkiError(e, code), `${code}: ${String(e)}`);
      }
    }
  });

  it('refuses to hand out a cross-certificate our own validator would reject (PATH_NAME_CONSTRAINTS)', async () => {
    // Our CA may only certify subjects under O=Ours; the partner CA's name is outside, so a
    // cross-certificate for it would never validate under our CA: crossCertify refuses.
    const keys = await generateKeyPair('p256');
    const spki = await exportSpki(keys.publicKey);
    const name = buildCertifiedName({ org: 'Ours', unit: 'Constrained' }, true).der;
    const caDer = await buildCertificate({
      subject: name, issuer: name, subjectPublicKeyInfo: spki, issuerKey: keys.privateKey, serial: randomSerial(), notBeforeMs: now, notAfterMs: now + 30 * 86_400_000,
      extensions: [
        subjectKeyIdExtension(await keyIdentifier(spki)),
        basicConstraintsExtension(true, 2),
        keyUsageExtension(['digitalSignature', 'keyCertSign', 'cRLSign']),
        nameConstraintsExtension({ permitted: [{ type: 'dn', value: encodeName([[{ type: OID_ATTR.O, value: 'Ours', tag: 0x0c }]]).der }] }),
      ],
    });
    const constrained = { certDer: caDer, key: keys.privateKey };
    try {
      await crossCertify({ peerCaDer: peer.caCertDer, ca: constrained, atMs: now, limits: { pathLength: 0, validityDays: 30 } });
      assert.fail('a cross-certificate outside our name constraints was handed out');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'PATH_NAME_CONSTRAINTS'), String(e));
    }
  });

  const limitCases: Array<{ input: string; want: PkiErrorCode | null }> = [
    { input: 'dns:example.org', want: null },
    { input: 'dns:.example.org', want: 'XCERT_LIMIT_INVALID' },
    { input: 'dns:*.example.org', want: 'XCERT_LIMIT_INVALID' },
    { input: 'ip:10.0.0.0/8', want: null },
    { input: 'ip:fd00::/8', want: null },
    { input: 'ip:10.0.0.1', want: 'XCERT_LIMIT_INVALID' },
    { input: 'email:a@example.org', want: null },
    { input: 'email:.example.org', want: null },
    { input: 'uri:.example.org', want: null },
    { input: 'spiffe:prod.example.org', want: null },
    { input: 'spiffe://prod.example.org', want: 'XCERT_LIMIT_INVALID' },
    { input: 'spiffe:prod.example.org/ns', want: 'XCERT_LIMIT_INVALID' },
    { input: 'foo:bar', want: 'XCERT_LIMIT_INVALID' },
    { input: 'dns:', want: 'XCERT_LIMIT_INVALID' },
  ];
  for (const c of limitCases) {
    it(`parses name limit ${c.input}`, () => {
      try {
        parseNameLimit(c.input);
        assert.isNull(c.want);
      } catch (e) {
        assert.isTrue(c.want !== null && isPkiError(e, c.want), String(e));
      }
    });
  }

  it('describes the limits in plain words', () => {
    const lines = describeCrossCertLimits({ pathLength: 0, permitted: [parseNameLimit('dns:peer.example'), parseNameLimit('spiffe:prod.peer.example')], excluded: [parseNameLimit('ip:10.0.0.0/8')], extendedKeyUsages: ['clientAuth'], validityDays: 30 }, 'CN=Peer');
    const text = lines.join('\n');
    assert.include(text, 'end entities only');
    assert.include(text, 'peer.example and anything under it');
    assert.include(text, 'spiffe://prod.peer.example/');
    assert.include(text, 'stay unlimited: IP addresses, email addresses');
    assert.include(text, 'never vouch for IP addresses in 10.0.0.0/8');
    assert.include(text, 'TLS clients');
    assert.include(text, '30 days');
    assert.include(describeCrossCertLimits({ pathLength: 2, validityDays: 1 }).join(' '), 'NOT limited');
  });
});
