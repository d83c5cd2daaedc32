import { assert } from 'chai';
import { describe, it } from '../harness.ts';
import {
  createIdentity,
  parseCertificate,
  basicConstraintsOf,
  keyUsageOf,
  extKeyUsageOf,
  subjectAltNamesOf,
  subjectKeyIdOf,
  authorityKeyIdOf,
  renderRfc4514,
  toCertifiedB64,
  fromCertifiedB64,
  bytesEqual,
  OID_EKU,
  isPkiError,
  KEY_TYPES,
  DAY_MS,
  verifyCertificateSignature,
} from '../../src/pki/index.ts';

const at = Date.UTC(2026, 10, 25, 12, 0, 0, 500);

describe('createIdentity (certified profile)', () => {
  for (const keyType of KEY_TYPES) {
    it(`issues a CA and identity certificate for ${keyType}`, async () => {
      const idn = await createIdentity({
        name: { org: 'Alpha Labs, Inc.', unit: 'Research' },
        san: { hosts: ['127.0.0.1', 'localhost'] },
        keyType,
        atMs: at,
      });
      const ca = parseCertificate(idn.caCertDer);
      const id = parseCertificate(idn.idCertDer);
      assert.equal(renderRfc4514(ca.subject), 'P=Signing Certificate,OU=Research,O=Alpha Labs\\, Inc.');
      assert.equal(renderRfc4514(id.subject), 'OU=Research,O=Alpha Labs\\, Inc.');
      assert.isTrue(bytesEqual(ca.subject.der, ca.issuer.der));
      assert.isTrue(bytesEqual(id.issuer.der, ca.subject.der));
      assert.deepEqual(basicConstraintsOf(ca), { ca: true, pathLength: 0 });
      assert.deepEqual(basicConstraintsOf(id), { ca: false });
      assert.deepEqual(keyUsageOf(ca), ['digitalSignature', 'keyCertSign', 'cRLSign']);
      assert.deepEqual(keyUsageOf(id), ['digitalSignature', 'keyEncipherment']);
      assert.deepEqual(extKeyUsageOf(id), [OID_EKU.clientAuth, OID_EKU.serverAuth, OID_EKU.codeSigning]);
      assert.deepEqual(ca.extensions.map((e) => [e.oid, e.critical]), [
        ['2.5.29.14', false],
        ['2.5.29.19', true],
        ['2.5.29.15', true],
      ]);
      assert.deepEqual(id.extensions.map((e) => e.oid), ['2.5.29.14', '2.5.29.19', '2.5.29.15', '2.5.29.37', '2.5.29.35', '2.5.29.17']);
      assert.isTrue(bytesEqual(authorityKeyIdOf(id)!, subjectKeyIdOf(ca)!));
      const san = subjectAltNamesOf(id)!;
      assert.equal(san[0]!.type, 'ip');
      assert.deepEqual(san[1], { type: 'dns', value: 'localhost' });
      assert.equal(id.notBeforeMs, Date.UTC(2026, 10, 25, 12, 0, 0));
      assert.equal(id.notAfterMs - id.notBeforeMs, 365 * DAY_MS);
      assert.isAtMost(id.serial.length, 20);
      assert.isTrue(bytesEqual(fromCertifiedB64(toCertifiedB64(idn.idCertDer)), idn.idCertDer));
    });
  }

  it('creates non-extractable private keys', async () => {
    const idn = await createIdentity({ name: { commonName: 'K' }, san: { emails: ['k@example.org'] }, atMs: at });
    assert.isFalse(idn.caKeys.privateKey.extractable);
    assert.isFalse(idn.idKeys.privateKey.extractable);
  });

  const refusals: Array<{ name: string; input: Parameters<typeof createIdentity>[0]; want: string }> = [
    { name: 'no name', input: { name: {}, san: { hosts: ['a.example'] }, atMs: at }, want: 'NAME_EMPTY' },
    { name: 'no SAN', input: { name: { commonName: 'A' }, san: {}, atMs: at }, want: 'SAN_REQUIRED' },
    { name: 'bad host', input: { name: { commonName: 'A' }, san: { hosts: ['a b'] }, atMs: at }, want: 'SAN_INVALID' },
    { name: 'org without unit', input: { name: { org: 'O' }, san: { hosts: ['a.example'] }, atMs: at }, want: 'NAME_INVALID' },
    { name: 'zero days', input: { name: { commonName: 'A' }, san: { hosts: ['a.example'] }, validityDays: 0, atMs: at }, want: 'VALIDITY_INVALID' },
  ];
  for (const c of refusals) {
    it(`refuses ${c.name} with ${c.want}`, async () => {
      try {
        await createIdentity(c.input);
        assert.fail('expected a refusal');
      } catch (e) {
        assert.isTrue(isPkiError(e), String(e));
        assert.equal((e as { code: string }).code, c.want);
      }
    });
  }
});

describe('verifyCertificateSignature', () => {
  for (const keyType of KEY_TYPES) {
    it(`accepts our ${keyType} identity under its CA and refuses it under another key`, async () => {
      const a = await createIdentity({ name: { commonName: 'A' }, san: { hosts: ['a.example'] }, keyType, atMs: at });
      const b = await createIdentity({ name: { commonName: 'B' }, san: { hosts: ['b.example'] }, keyType, atMs: at });
      const id = parseCertificate(a.idCertDer);
      assert.isTrue(await verifyCertificateSignature(id, parseCertificate(a.caCertDer).subjectPublicKeyInfo));
      assert.isFalse(await verifyCertificateSignature(id, parseCertificate(b.caCertDer).subjectPublicKeyInfo));
      const tampered = new Uint8Array(a.idCertDer);
      tampered[tampered.length - 5]! ^= 1;
      assert.isFalse(await verifyCertificateSignature(parseCertificate(tampered), parseCertificate(a.caCertDer).subjectPublicKeyInfo));
    });
  }
});
