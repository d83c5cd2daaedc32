// introduce: certified's re-issue profile against the fixtures, CSRs, refusals with codes, clamping.
import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import { alphaKey, fixtureCertDer, fixtureNowMs, fixtureText } from '../../support/certified-fixtures.ts';
import { buildCsr } from '../../support/build-csr.ts';
import {
  introduce, readPeerInput, parseCertificate, parseIntroJson, checkIntroduction, verifyCertificateSignature, basicConstraintsOf,
  subjectAltNamesOf, authorityKeyIdOf, subjectKeyIdOf, extKeyUsageOf, keyUsageOf, bytesEqual, isPkiError, createIdentity,
  buildCertificate, randomSerial, encodeName, generateKeyPair, exportSpki, buildCertifiedName, keyIdentifier,
  subjectKeyIdExtension, basicConstraintsExtension, keyUsageExtension, nameConstraintsExtension, OID_ATTR, TAG_UTF8, fingerprintOf, toBase64Url, type PkiErrorCode, type SigningCa,
} from './intro-imports.ts';
import { expectCode as expectCodeOf } from '../../support/expect-code.ts';

const expectCode = (p: Promise<unknown>, code: PkiErrorCode): Promise<void> => expectCodeOf(p, code, isPkiError);

describe('introduce (certified profile)', () => {
  let alphaCa: SigningCa;
  let now: number;
  before(async () => {
    alphaCa = { certDer: await fixtureCertDer('orgs/alpha/CA.crt'), key: await alphaKey('CA.key') };
    now = await fixtureNowMs();
  });

  for (const org of ['beta', 'gamma']) {
    it(`re-issues ${org}'s get-ident exactly as certified's profile: subject, SAN and key kept, AKI = our SKI`, async () => {
      const peer = readPeerInput(await fixtureText(`exchanges/${org}.ident.b64`));
      const r = await introduce({ peerDer: peer.der, ca: alphaCa, atMs: now });
      const orig = parseCertificate(peer.der);
      const got = parseCertificate(r.signedCertDer);
      const ca = parseCertificate(alphaCa.certDer);
      assert.isTrue(bytesEqual(got.subject.der, orig.subject.der));
      assert.isTrue(bytesEqual(got.subjectPublicKeyInfo, orig.subjectPublicKeyInfo));
      assert.deepEqual(subjectAltNamesOf(got), subjectAltNamesOf(orig));
      assert.isTrue(bytesEqual(got.issuer.der, ca.subject.der));
      assert.isTrue(bytesEqual(authorityKeyIdOf(got)!, subjectKeyIdOf(ca)!));
      assert.deepEqual(basicConstraintsOf(got), { ca: false });
      assert.deepEqual(keyUsageOf(got), ['digitalSignature', 'keyEncipherment']);
      assert.deepEqual(extKeyUsageOf(got), ['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.3']);
      assert.deepEqual(got.extensions.map((e) => [e.oid, e.critical]), parseCertificate(await fixtureCertDer('orgs/alpha/id/P=Signing Certificate,CN=Beta Person.crt')).extensions.map((e) => [e.oid, e.critical]));
      assert.isFalse(bytesEqual(got.serial, orig.serial));
      assert.isTrue(await verifyCertificateSignature(got, ca.subjectPublicKeyInfo));
      assert.equal(got.notBeforeMs, Math.floor(now / 1000) * 1000);
      // Our intro.json is accepted by our own add-intro for the subject's identity.
      const check = await checkIntroduction({ json: r.introJson, ourIdentities: [{ idCertDer: peer.der }], atMs: now });
      assert.isTrue(check.ok, JSON.stringify(!check.ok && check.problems));
    });
  }

  it('clamps validity to our CA\'s notAfter and says so', async () => {
    const ca = parseCertificate(alphaCa.certDer);
    const peer = readPeerInput(await fixtureText('exchanges/beta.ident.b64'));
    const r = await introduce({ peerDer: peer.der, ca: alphaCa, atMs: now, validityDays: 365 });
    assert.isTrue(r.clampedToCa);
    assert.equal(r.notAfterMs, ca.notAfterMs);
    assert.equal(parseCertificate(r.signedCertDer).notAfterMs, ca.notAfterMs);
    const short = await introduce({ peerDer: peer.der, ca: alphaCa, atMs: now, validityDays: 30 });
    assert.isFalse(short.clampedToCa);
    assert.equal(short.notAfterMs - short.notBeforeMs, 30 * 86_400_000);
  });

  it('writes intro.json with services in certified\'s layout', async () => {
    const peer = readPeerInput(await fixtureText('exchanges/beta.ident.b64'));
    const r = await introduce({ peerDer: peer.der, ca: alphaCa, atMs: now, services: [{ alias: 'alpha-api', url: 'https://127.0.0.1:8471' }] });
    assert.match(r.introJson, /^\{\n  "signed_cert": "[A-Za-z0-9_-]+=*",\n  "ca_cert": "[A-Za-z0-9_-]+=*",\n  "services": \{\n    "alpha-api": "https:\/\/127.0.0.1:8471"\n  \}\n\}\n$/);
    assert.deepEqual(parseIntroJson(r.introJson).services, [{ alias: 'alpha-api', url: 'https://127.0.0.1:8471' }]);
  });

  it('requires the confirmed fingerprint to match when given', async () => {
    const peer = readPeerInput(await fixtureText('exchanges/beta.ident.b64'));
    const fp = await fingerprintOf(peer.der);
    const ok = await introduce({ peerDer: peer.der, ca: alphaCa, atMs: now, confirmedFingerprint: fp.grouped.toLowerCase() });
    assert.equal(ok.peer.fingerprint.hex, fp.hex);
    await expectCode(introduce({ peerDer: peer.der, ca: alphaCa, atMs: now, confirmedFingerprint: fp.hex.replace(/^./, fp.hex[0] === '0' ? '1' : '0') }), 'INTRO_FINGERPRINT_MISMATCH');
  });

  it('introduces from a PKCS#10 request whose signature verifies, copying the requested SAN', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const subject = encodeName([[{ type: OID_ATTR.CN, value: 'Csr Person', tag: TAG_UTF8 }]]);
    const csr = await buildCsr({ subjectDer: subject.der, keys, sans: [{ type: 'dns', value: 'csr.example' }, { type: 'ip', value: new Uint8Array([10, 0, 0, 1]) }] });
    const peer = readPeerInput(`-----BEGIN CERTIFICATE REQUEST-----\n${btoa(String.fromCharCode(...csr)).match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`);
    assert.equal(peer.kind, 'csr');
    const r = await introduce({ peerDer: peer.der, ca: alphaCa, atMs: now });
    const got = parseCertificate(r.signedCertDer);
    assert.deepEqual(subjectAltNamesOf(got), [{ type: 'dns', value: 'csr.example' }, { type: 'ip', value: new Uint8Array([10, 0, 0, 1]) }]);
    const bad = await buildCsr({ subjectDer: subject.der, keys, sans: [{ type: 'dns', value: 'csr.example' }], corruptSignature: true });
    await expectCode(introduce({ peerDer: bad, ca: alphaCa, atMs: now }), 'CSR_BAD_SIGNATURE');
  });

  it('refuses a CA certificate, as certified does', async () => {
    await expectCode(introduce({ peerDer: await fixtureCertDer('orgs/beta/CA.crt'), ca: alphaCa, atMs: now }), 'INTRO_PEER_IS_CA');
    await expectCode(introduce({ peerDer: alphaCa.certDer, ca: alphaCa, atMs: now }), 'INTRO_PEER_IS_CA');
  });

  it('refuses a subject equal to our CA subject, an RSA key, garbage, and an expired CA', async () => {
    const ca = parseCertificate(alphaCa.certDer);
    const other = await createIdentity({ name: { commonName: 'Other' }, san: { hosts: ['o.example'] }, atMs: now });
    const spki = parseCertificate(other.idCertDer).subjectPublicKeyInfo;
    const mk = (subject: Uint8Array, key: Uint8Array): Promise<Uint8Array> =>
      buildCertificate({ subject, issuer: subject, subjectPublicKeyInfo: key, issuerKey: other.caKeys.privateKey, serial: randomSerial(), notBeforeMs: now, notAfterMs: now + 86_400_000, extensions: [] });
    await expectCode(introduce({ peerDer: await mk(ca.subject.der, spki), ca: alphaCa, atMs: now }), 'INTRO_SUBJECT_IS_ISSUER');
    const rsa = (await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const rsaSpki = new Uint8Array(await crypto.subtle.exportKey('spki', rsa.publicKey));
    await expectCode(introduce({ peerDer: await mk(parseCertificate(other.idCertDer).subject.der, rsaSpki), ca: alphaCa, atMs: now }), 'INTRO_UNSUPPORTED_KEY');
    await expectCode(introduce({ peerDer: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), ca: alphaCa, atMs: now }), 'INTRO_PEER_UNRECOGNISED');
    const peer = readPeerInput(await fixtureText('exchanges/beta.ident.b64'));
    await expectCode(introduce({ peerDer: peer.der, ca: alphaCa, atMs: ca.notAfterMs + 1000 }), 'INTRO_CA_EXPIRED');
    await expectCode(introduce({ peerDer: peer.der, ca: { certDer: await fixtureCertDer('orgs/alpha/id.crt'), key: alphaCa.key }, atMs: now }), 'INTRO_OUR_CA_INVALID');
  });

  it('refuses to hand out an introduction our own validator would reject (PATH_NAME_CONSTRAINTS), naming nothing signed', async () => {
    // Our CA may only certify IP addresses in 10.0.0.0/8; beta's identity is for 127.0.0.1, so the
    // re-issued certificate would fail validation under our CA: introduce refuses instead of returning it.
    const keys = await generateKeyPair('ed25519');
    const spki = await exportSpki(keys.publicKey);
    const name = buildCertifiedName({ org: 'Constrained', unit: 'PKI' }, true).der;
    const caDer = await buildCertificate({
      subject: name, issuer: name, subjectPublicKeyInfo: spki, issuerKey: keys.privateKey, serial: randomSerial(), notBeforeMs: now, notAfterMs: now + 30 * 86_400_000,
      extensions: [
        subjectKeyIdExtension(await keyIdentifier(spki)),
        basicConstraintsExtension(true, 0),
        keyUsageExtension(['digitalSignature', 'keyCertSign', 'cRLSign']),
        nameConstraintsExtension({ permitted: [{ type: 'ip', value: new Uint8Array([10, 0, 0, 0, 255, 0, 0, 0]) }] }),
      ],
    });
    const constrained = { certDer: caDer, key: keys.privateKey };
    const beta = readPeerInput(await fixtureText('exchanges/beta.ident.b64'));
    await expectCode(introduce({ peerDer: beta.der, ca: constrained, atMs: now }), 'PATH_NAME_CONSTRAINTS');
    // A peer inside the permitted names is introduced by the same CA.
    const inside = await createIdentity({ name: { commonName: 'Inside' }, san: { hosts: ['10.1.2.3'] }, atMs: now });
    const ok = await introduce({ peerDer: inside.idCertDer, ca: constrained, atMs: now });
    assert.isTrue(ok.signedCertDer.length > 100);
  });

  it('reads peer input as certified does: b64 (either alphabet, padded), PEM, DER; refuses others with codes', async () => {
    const b64 = (await fixtureText('exchanges/beta.ident.b64')).trim();
    const der = readPeerInput(`  ${b64}\n\n`).der;
    assert.isTrue(bytesEqual(readPeerInput(der).der, der));
    assert.isTrue(bytesEqual(readPeerInput(b64.replaceAll('-', '+').replaceAll('_', '/')).der, der));
    assert.isTrue(bytesEqual(readPeerInput(await fixtureText('orgs/beta/id.crt')).der, der));
    const cases: Array<{ input: string | Uint8Array; code: PkiErrorCode }> = [
      { input: b64.replace(/=+$/, ''), code: 'INPUT_BAD_PADDING' },
      { input: '', code: 'INPUT_EMPTY' },
      { input: 'x'.repeat(70_000), code: 'INTRO_TOO_LARGE' },
      { input: `${b64.slice(0, 20)}\n${b64.slice(21)}`, code: 'INPUT_BAD_BASE64' },
      { input: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', code: 'INTRO_PEER_UNRECOGNISED' },
      { input: toBase64Url(new Uint8Array([1, 2, 3]), { pad: true }), code: 'INTRO_PEER_UNRECOGNISED' },
    ];
    for (const c of cases) {
      try {
        readPeerInput(c.input);
        assert.fail(`accepted ${c.code}`);
      } catch (e) {
        assert.isTrue(isPkiError(e, c.code), `${c.code}: ${String(e)}`);
      }
    }
  });
});
