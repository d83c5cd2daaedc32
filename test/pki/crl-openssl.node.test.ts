// Interop: openssl reads our CRLs and honours them in verify -crl_check; a Node TLS server given our
// CRL refuses a revoked client in a real TLS 1.3 handshake and accepts it with the previous CRL.
import { assert } from 'chai';
import { describe, it, before } from 'node:test';
import { createServer, connect } from 'node:tls';
import type { AddressInfo } from 'node:net';
import {
  createIdentity,
  issueCrl,
  parseCertificate,
  toPem,
  issueCertifiedEndEntity,
  buildCertifiedName,
  hostToGeneralName,
  keyIdentifier,
  generateKeyPair,
  exportSpki,
  DAY_MS,
  type CreatedIdentity,
} from '../../src/pki/index.ts';
import { openssl, tempFiles } from '../support/openssl.ts';

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)));
}

describe('CRLs against openssl and Node tls', () => {
  let org: CreatedIdentity;
  let client1: Uint8Array;
  let client2: Uint8Array;
  let clientKeys: CryptoKeyPair;
  let emptyCrl: Uint8Array;
  let revokingCrl: Uint8Array;
  const now = Date.now();

  before(async () => {
    org = await createIdentity({ name: { commonName: 'TLS Org' }, san: { hosts: ['localhost', '127.0.0.1'] }, atMs: now, extractableKeys: true });
    const ca = parseCertificate(org.caCertDer);
    clientKeys = await generateKeyPair('ed25519', { extractable: true });
    const mk = async (cn: string): Promise<Uint8Array> =>
      issueCertifiedEndEntity({
        subject: buildCertifiedName({ commonName: cn }, false).der,
        subjectIsEmpty: false,
        subjectAltNames: [hostToGeneralName(`${cn}.example`)],
        spki: await exportSpki(clientKeys.publicKey),
        issuerName: ca.subject.der,
        issuerKeyId: await keyIdentifier(ca.subjectPublicKeyInfo),
        issuerKey: org.caKeys.privateKey,
        notBeforeMs: now - 60_000,
        notAfterMs: now + 30 * DAY_MS,
      });
    client1 = await mk('client1');
    client2 = await mk('client2');
    const base = { issuerCertDer: org.caCertDer, issuerKey: org.caKeys.privateKey, thisUpdateMs: now - 1000, nextUpdateMs: now + 7 * DAY_MS };
    emptyCrl = await issueCrl({ ...base, crlNumber: 1n, entries: [] });
    revokingCrl = await issueCrl({ ...base, crlNumber: 2n, entries: [{ serial: parseCertificate(client1).serial, revokedAtMs: now - 500, reason: 'keyCompromise' }] });
  });

  it('openssl crl parses our CRL and verifies its signature', () => {
    const t = tempFiles({ 'crl.pem': toPem('X509 CRL', revokingCrl), 'ca.pem': toPem('CERTIFICATE', org.caCertDer) });
    try {
      const r = openssl(['crl', '-in', t.path('crl.pem'), '-CAfile', t.path('ca.pem'), '-noout', '-text']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr + r.stdout, /verify OK/);
      assert.match(r.stdout, /X509v3 CRL Number:\s*\n\s*2/);
      assert.match(r.stdout, /Key Compromise/);
    } finally {
      t.cleanup();
    }
  });

  it('openssl verify -crl_check rejects the revoked introduction and accepts the other', () => {
    const t = tempFiles({
      'crl.pem': toPem('X509 CRL', revokingCrl),
      'ca.pem': toPem('CERTIFICATE', org.caCertDer),
      'c1.pem': toPem('CERTIFICATE', client1),
      'c2.pem': toPem('CERTIFICATE', client2),
    });
    try {
      const bad = openssl(['verify', '-crl_check', '-CAfile', t.path('ca.pem'), '-CRLfile', t.path('crl.pem'), t.path('c1.pem')]);
      assert.notEqual(bad.status, 0);
      assert.match(bad.stdout + bad.stderr, /certificate revoked/);
      const good = openssl(['verify', '-crl_check', '-CAfile', t.path('ca.pem'), '-CRLfile', t.path('crl.pem'), t.path('c2.pem')]);
      assert.equal(good.status, 0, good.stdout + good.stderr);
    } finally {
      t.cleanup();
    }
  });

  async function handshake(crl: Uint8Array, clientCert: Uint8Array): Promise<'accepted' | 'refused'> {
    const server = createServer({
      minVersion: 'TLSv1.3',
      cert: toPem('CERTIFICATE', org.idCertDer),
      key: await pkcs8Pem(org.idKeys.privateKey),
      ca: toPem('CERTIFICATE', org.caCertDer),
      crl: toPem('X509 CRL', crl),
      requestCert: true,
      rejectUnauthorized: true,
    }, (s) => s.end('hello\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const clientKey = await pkcs8Pem(clientKeys.privateKey);
    try {
      return await new Promise((resolve) => {
        const sock = connect({ host: '127.0.0.1', port, servername: 'localhost', minVersion: 'TLSv1.3', ca: toPem('CERTIFICATE', org.caCertDer), cert: toPem('CERTIFICATE', clientCert), key: clientKey });
        let data = '';
        sock.on('data', (d) => (data += d));
        sock.on('error', () => resolve('refused'));
        sock.on('close', () => resolve(data.includes('hello') ? 'accepted' : 'refused'));
      });
    } finally {
      server.close();
    }
  }

  it('a Node tls server with our CRL refuses the revoked client, and accepts it with the previous CRL', async () => {
    assert.equal(await handshake(revokingCrl, client1), 'refused');
    assert.equal(await handshake(revokingCrl, client2), 'accepted');
    assert.equal(await handshake(emptyCrl, client1), 'accepted');
  });
});
