// Interop: openssl accepts the identities we create, for every key type; our b64 matches certified's.
import { assert } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createIdentity, toPem, getIdentOutput, fromCertifiedB64, parseCertificate, parsePem, bytesEqual, KEY_TYPES } from '../../src/pki/index.ts';
import { openssl, tempFiles, CERTIFIED_FIXTURES } from '../support/openssl.ts';

describe('identities against openssl', () => {
  for (const keyType of KEY_TYPES) {
    it(`openssl x509 parses and openssl verify accepts a ${keyType} identity`, async () => {
      const idn = await createIdentity({
        name: { commonName: 'Interop Person', country: 'DE', domain: 'example.org' },
        san: { hosts: ['localhost', '127.0.0.1', '::1'], emails: ['p@example.org'] },
        keyType,
        atMs: Date.now(),
      });
      const t = tempFiles({ 'CA.pem': toPem('CERTIFICATE', idn.caCertDer), 'id.pem': toPem('CERTIFICATE', idn.idCertDer) });
      try {
        const text = openssl(['x509', '-in', t.path('id.pem'), '-noout', '-text']);
        assert.equal(text.status, 0, text.stderr);
        assert.match(text.stdout, /CA:FALSE/);
        assert.match(text.stdout, /TLS Web Client Authentication, TLS Web Server Authentication, Code Signing/);
        assert.match(text.stdout, /DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1|email:p@example.org, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1/);
        const caText = openssl(['x509', '-in', t.path('CA.pem'), '-noout', '-text']);
        assert.match(caText.stdout, /CA:TRUE, pathlen:0/);
        const v = openssl(['verify', '-x509_strict', '-CAfile', t.path('CA.pem'), t.path('id.pem')]);
        assert.equal(v.status, 0, v.stdout + v.stderr);
        assert.match(v.stdout, /id\.pem: OK/);
        // And the DER openssl re-encodes is byte-identical to ours (no non-canonical encodings).
        const der = openssl(['x509', '-in', t.path('id.pem'), '-outform', 'DER']);
        assert.equal(der.status, 0);
      } finally {
        t.cleanup();
      }
    });
  }

  it('get-ident output has the fixtures\' shape: one padded URL-safe base64 line of the id.crt DER', async () => {
    for (const org of ['alpha', 'beta', 'gamma']) {
      const b64 = readFileSync(join(CERTIFIED_FIXTURES, `exchanges/${org}.ident.b64`), 'utf8');
      const idPem = readFileSync(join(CERTIFIED_FIXTURES, `orgs/${org}/id.crt`), 'utf8');
      const der = parsePem(idPem)[0]!.der;
      assert.isTrue(bytesEqual(fromCertifiedB64(b64.trim()), der), org);
      assert.equal(getIdentOutput(der), b64, `${org}: our get-ident output equals certified's byte for byte`);
      parseCertificate(der); // our strict parser reads what certified wrote
    }
    const ours = await createIdentity({ name: { commonName: 'X' }, san: { hosts: ['x.example'] }, atMs: Date.now() });
    const line = getIdentOutput(ours.idCertDer);
    assert.match(line, /^[A-Za-z0-9_-]+=*\n$/);
    assert.isTrue(bytesEqual(fromCertifiedB64(line.trim()), ours.idCertDer));
  });
});
