// A real TLS 1.3 handshake with Node `tls`, both sides requiring certificates as certified's serve and
// message do: org B's client holding an introduction signed by org A is accepted by A's server, and
// rejected once the introduction is removed (it falls back to its own id.crt) or has expired.
import { assert } from 'chai';
import { readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { describe, it, before, after } from 'node:test';
import { cli, tempDir } from '../../support/cli.ts';
import { createIdentity, introduce, toPem, readKnownServerYaml, fromCertifiedB64, checkIntroduction, type CreatedIdentity } from '../../../src/pki/index.ts';

async function pkcs8Pem(k: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', k)));
}

/** A's server: presents A's id.crt, requires a client certificate verified against A's known_clients. */
function startServer(dir: string): Promise<tls.Server> {
  const clientCas = readdirSync(join(dir, 'known_clients')).map((f) => readFileSync(join(dir, 'known_clients', f), 'utf8'));
  const server = tls.createServer(
    { key: readFileSync(join(dir, 'id.key')), cert: readFileSync(join(dir, 'id.crt')), ca: clientCas, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' },
    (socket) => socket.end('welcome\n'),
  );
  server.on('tlsClientError', () => {});
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** B's client: presents `cert` with B's id.key, trusts only `ca`, checks the host name. Resolves with what the server said, or the error. */
function connect(port: number, opts: { key: string; cert: string; ca: string }): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const s = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', key: opts.key, cert: opts.cert, ca: [opts.ca], minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' });
    s.setEncoding('utf8');
    s.on('data', (d: string) => (data += d));
    s.on('error', (e) => resolve(`error: ${e.message}`));
    s.on('close', () => resolve(data || 'closed without data'));
  });
}

describe('TLS 1.3 with introductions (Node tls, mutual authentication)', () => {
  const t = tempDir();
  const a = join(t.dir, 'org-a');
  const b = join(t.dir, 'org-b');
  let server: tls.Server;
  let port: number;
  before(async () => {
    assert.equal((await cli('init', '--dir', a, '--org', 'Org A', '--unit', 'Services', '--host', 'localhost', '--host', '127.0.0.1')).code, 0);
    assert.equal((await cli('init', '--dir', b, '--name', 'Org B Client', '--host', 'b.example', '--key', 'p256')).code, 0);
    const ident = await cli('get-ident', '--dir', b);
    writeFileSync(join(t.dir, 'b.b64'), ident.stdout);
    const intro = await cli('introduce', '--dir', a, join(t.dir, 'b.b64'), '--service', `a-api=https://localhost:1`);
    assert.equal(intro.code, 0, intro.stderr);
    writeFileSync(join(t.dir, 'intro.json'), intro.stdout);
    const add = await cli('add-intro', '--dir', b, join(t.dir, 'intro.json'));
    assert.equal(add.code, 0, add.stderr);
    server = await startServer(a);
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server?.close();
    t.cleanup();
  });

  const clientFiles = (): { key: string; introPath: string; ca: string } => {
    const rec = readKnownServerYaml(readFileSync(join(b, 'known_servers/a-api.yaml'), 'utf8'));
    return {
      key: readFileSync(join(b, 'id.key'), 'utf8'),
      introPath: join(b, 'id', `${rec.auths[0]}.crt`),
      ca: toPem('CERTIFICATE', fromCertifiedB64(rec.cert!)),
    };
  };

  it('accepts B presenting the introduction signed by A (the files add-intro wrote)', async () => {
    const f = clientFiles();
    assert.equal(await connect(port, { key: f.key, cert: readFileSync(f.introPath, 'utf8'), ca: f.ca }), 'welcome\n');
  });

  it('rejects B after the introduction is removed (B only has its own id.crt)', async () => {
    const f = clientFiles();
    rmSync(f.introPath);
    const r = await connect(port, { key: f.key, cert: readFileSync(join(b, 'id.crt'), 'utf8'), ca: f.ca });
    assert.notEqual(r, 'welcome\n');
    assert.match(r, /error|closed without data/);
  });

  it('rejects an expired introduction (and add-intro refuses to install it)', async () => {
    // Org C issued at a past time, so its introduction of D can be genuinely expired today.
    const past = Date.now() - 10 * 86_400_000;
    const c: CreatedIdentity = await createIdentity({ name: { commonName: 'Org C' }, san: { hosts: ['localhost', '127.0.0.1'] }, atMs: past, extractableKeys: true });
    const d: CreatedIdentity = await createIdentity({ name: { commonName: 'Org D' }, san: { hosts: ['d.example'] }, atMs: past, extractableKeys: true });
    const expired = await introduce({ peerDer: d.idCertDer, ca: { certDer: c.caCertDer, key: c.caKeys.privateKey }, atMs: past, validityDays: 2 });
    const check = await checkIntroduction({ json: expired.introJson, ourIdentities: [{ idCertDer: d.idCertDer }], atMs: Date.now() });
    assert.isFalse(check.ok);
    assert.deepEqual(!check.ok && check.problems.map((p) => p.code), ['INTRO_EXPIRED']);
    const cServer = tls.createServer(
      { key: await pkcs8Pem(c.idKeys.privateKey), cert: toPem('CERTIFICATE', c.idCertDer), ca: [toPem('CERTIFICATE', c.caCertDer)], requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.3' },
      (s) => s.end('welcome\n'),
    );
    cServer.on('tlsClientError', () => {});
    await new Promise<void>((r) => cServer.listen(0, '127.0.0.1', () => r()));
    try {
      const cPort = (cServer.address() as AddressInfo).port;
      const key = await pkcs8Pem(d.idKeys.privateKey);
      const r = await connect(cPort, { key, cert: toPem('CERTIFICATE', expired.signedCertDer), ca: toPem('CERTIFICATE', c.caCertDer) });
      assert.notEqual(r, 'welcome\n');
      // Control: a fresh introduction from the same CA is accepted by the same server.
      const fresh = await introduce({ peerDer: d.idCertDer, ca: { certDer: c.caCertDer, key: c.caKeys.privateKey }, atMs: Date.now(), validityDays: 2 });
      assert.equal(await connect(cPort, { key, cert: toPem('CERTIFICATE', fresh.signedCertDer), ca: toPem('CERTIFICATE', c.caCertDer) }), 'welcome\n');
    } finally {
      cServer.close();
    }
  });
});
