// The step-ca federation scenario with real consumers: two independent CAs, a server certificate
// from CA 1, a client certificate from CA 2; Node `tls` mutual TLS and `openssl verify -CAfile`.
import { assert } from 'chai';
import { describe, it, before } from 'node:test';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { composeBundle, exportPemBundle, exportSpiffeBundles, exportStepJson, parseBundleInput, toPem, type TrustBundle } from '../../../src/pki/index.ts';
import { openssl, tempFiles } from '../../support/openssl.ts';
import { AT, makeCa, makeLeaf, prov, type TestCa } from './make-certs.ts';

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)));
}

interface Party {
  readonly cert: string;
  readonly key: string;
}

/** Resolves true when the mutual-TLS handshake completes and one byte makes the round trip. */
async function handshake(server: Party & { ca: string }, client: Party & { ca: string }): Promise<boolean> {
  const srv = tls.createServer({ cert: server.cert, key: server.key, ca: server.ca, requestCert: true, rejectUnauthorized: true }, (s) => {
    s.on('error', () => {});
    s.end('k');
  });
  srv.on('tlsClientError', () => {});
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  try {
    return await new Promise<boolean>((resolve) => {
      const c = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', cert: client.cert, key: client.key, ca: client.ca, rejectUnauthorized: true });
      let got = '';
      c.on('data', (d) => (got += d.toString()));
      c.on('end', () => resolve(got === 'k'));
      c.on('error', () => resolve(false));
      c.on('close', () => resolve(got === 'k'));
    });
  } finally {
    await new Promise<void>((r) => srv.close(() => r()));
  }
}

describe('federated bundle with real TLS and openssl', () => {
  let ca1: TestCa;
  let ca2: TestCa;
  let server: Party;
  let client: Party;
  let serverDer: Uint8Array;
  let clientDer: Uint8Array;
  let both: TrustBundle;
  before(async () => {
    ca1 = await makeCa('Cloud Root CA');
    ca2 = await makeCa('Kubernetes Root CA', { keyType: 'ed25519' });
    const s = await makeLeaf(ca1, 'foo.internal', { extractable: true, hosts: ['localhost'] });
    const c = await makeLeaf(ca2, 'bar.internal', { extractable: true, keyType: 'p384' });
    serverDer = s.der;
    clientDer = c.der;
    server = { cert: toPem('CERTIFICATE', s.der), key: await pkcs8Pem(s.keys.privateKey) };
    client = { cert: toPem('CERTIFICATE', c.der), key: await pkcs8Pem(c.keys.privateKey) };
    both = (
      await composeBundle({
        name: 'federated',
        trustDomain: 'example.org',
        atMs: Date.now(),
        candidates: [
          { certDer: ca1.der, provenance: [prov('cloud', 'own-root')] },
          { certDer: ca2.der, provenance: [prov('kubernetes', 'cross-certification')] },
        ],
      })
    ).bundle;
  });

  it('mutual TLS succeeds with the federated bundle on both sides', async () => {
    const pem = exportPemBundle(both.entries);
    assert.isTrue(await handshake({ ...server, ca: pem }, { ...client, ca: pem }));
  });

  it('mutual TLS also works from the bundle re-read from step JSON and SPIFFE', async () => {
    for (const text of [exportStepJson(both.entries), exportSpiffeBundles(both, both.entries)[0]!.json]) {
      const back = await parseBundleInput(text, { atMs: AT });
      const pem = exportPemBundle(back.roots);
      assert.isTrue(await handshake({ ...server, ca: pem }, { ...client, ca: pem }));
    }
  });

  it('fails when the server bundle lacks the client CA, or the client bundle lacks the server CA', async () => {
    const pem = exportPemBundle(both.entries);
    const only1 = toPem('CERTIFICATE', ca1.der);
    const only2 = toPem('CERTIFICATE', ca2.der);
    assert.isFalse(await handshake({ ...server, ca: only1 }, { ...client, ca: pem }), 'server without CA 2');
    assert.isFalse(await handshake({ ...server, ca: pem }, { ...client, ca: only2 }), 'client without CA 1');
  });

  it('openssl verify -CAfile bundle.pem accepts leaves of both CAs, and not with a root missing', () => {
    const t = tempFiles({
      'bundle.pem': exportPemBundle(both.entries),
      'only1.pem': toPem('CERTIFICATE', ca1.der),
      'server.pem': toPem('CERTIFICATE', serverDer),
      'client.pem': toPem('CERTIFICATE', clientDer),
    });
    try {
      const ok = openssl(['verify', '-x509_strict', '-CAfile', t.path('bundle.pem'), t.path('server.pem'), t.path('client.pem')]);
      assert.equal(ok.status, 0, ok.stdout + ok.stderr);
      assert.match(ok.stdout, /server\.pem: OK/);
      assert.match(ok.stdout, /client\.pem: OK/);
      const bad = openssl(['verify', '-CAfile', t.path('only1.pem'), t.path('client.pem')]);
      assert.notEqual(bad.status, 0);
      const count = openssl(['storeutl', '-noout', '-certs', t.path('bundle.pem')]);
      assert.match(count.stdout + count.stderr, /Total found: 2/);
    } finally {
      t.cleanup();
    }
  });
});
