// Revocation through the product path: `crosstrust init` → `introduce` → `add-intro` → `revoke` → `crl`,
// then the CRL it wrote honoured by `openssl verify -crl_check`, by a real Node tls handshake (`crl:`)
// and by `crosstrust verify --crl`; every refusal exits 1 and changes nothing; the audit log says it all.
import { assert } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, before, after } from 'node:test';
import { createServer, connect } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { cli, snapshot, tempDir } from '../support/cli.ts';
import { openssl } from '../support/openssl.ts';
import { parseCertificate, parseCrl, parseIntroJson, parsePem, serialHex, toPem } from '../../src/pki/index.ts';

const HOUR = 3600_000;
// Real time (openssl and Node's TLS judge validity by the wall clock), stepped back so each CLI step has its own instant.
const T0 = Math.floor((Date.now() - 6 * HOUR) / 1000) * 1000;
const at = (ms: number): void => void (process.env['CROSSTRUST_NOW'] = new Date(ms).toISOString());

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  assert.equal(r.code, 0, `${args[0]}: ${r.stderr}`);
  return r.stdout;
}

describe('revocation through the CLI', () => {
  const t = tempDir();
  const a = join(t.dir, 'alpha');
  const b = join(t.dir, 'beta');
  const c = join(t.dir, 'gamma');
  const f = (n: string): string => join(t.dir, n);
  let introB: Uint8Array;
  let introC: Uint8Array;

  before(async () => {
    at(T0);
    await ok('init', '--dir', a, '--org', 'Alpha', '--unit', 'Ops', '--host', 'localhost', '--host', '127.0.0.1');
    await ok('init', '--dir', b, '--org', 'Beta', '--unit', 'Ops', '--host', 'beta.example');
    await ok('init', '--dir', c, '--org', 'Gamma', '--unit', 'Ops', '--host', 'gamma.example', '--key', 'p256');
    for (const [peer, out] of [[b, 'intro-beta.json'], [c, 'intro-gamma.json']] as const) {
      writeFileSync(f(out), await ok('introduce', '--dir', a, join(peer, 'id.crt'), '--days', '30'));
      await ok('add-intro', '--dir', peer, f(out));
    }
    introB = parseIntroJson(readFileSync(f('intro-beta.json'), 'utf8')).signedCertDer;
    introC = parseIntroJson(readFileSync(f('intro-gamma.json'), 'utf8')).signedCertDer;
    writeFileSync(f('beta.pem'), toPem('CERTIFICATE', introB));
    writeFileSync(f('gamma.pem'), toPem('CERTIFICATE', introC));
    // CRL 1 before anything is revoked; then beta's introduction is revoked and CRL 2 published.
    at(T0 + HOUR);
    assert.match(await ok('crl', '--dir', a), /^CRL number 1 with 0 revoked certificate\(s\), next update /);
    writeFileSync(f('crl1.pem'), readFileSync(join(a, 'crl/CA.crl.pem')));
    at(T0 + 2 * HOUR);
    const rv = await ok('revoke', '--dir', a, f('intro-beta.json'), '--reason', 'keyCompromise');
    assert.include(rv, `serial ${serialHex(parseCertificate(introB))}, keyCompromise`);
    at(T0 + 3 * HOUR);
    await ok('crl', '--dir', a, '--next-update', '3');
  });
  after(() => t.cleanup());

  it('writes CRL 2 (PEM and DER) listing the revoked introduction with its date and reason', () => {
    const pem = readFileSync(join(a, 'crl/CA.crl.pem'), 'utf8');
    const der = new Uint8Array(readFileSync(join(a, 'crl/CA.crl')));
    assert.deepEqual(parsePem(pem)[0]!.der, der);
    const crl = parseCrl(der);
    assert.equal(crl.crlNumber, 2n);
    assert.equal(crl.thisUpdateMs, T0 + 3 * HOUR);
    assert.equal(crl.nextUpdateMs, T0 + 3 * HOUR + 3 * 24 * HOUR);
    assert.deepEqual(crl.entries, [{ serialHex: serialHex(parseCertificate(introB)), revokedAtMs: T0 + 2 * HOUR, reason: 'keyCompromise' }]);
  });

  it('the audit log records the revocation (reason) and each CRL (number), at CROSSTRUST_NOW', () => {
    const lines = readFileSync(join(a, 'crl/audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string | number>);
    assert.deepEqual(lines.map((l) => [l['time'], l['op']]), [
      [new Date(T0 + HOUR).toISOString(), 'crl'],
      [new Date(T0 + 2 * HOUR).toISOString(), 'revoke'],
      [new Date(T0 + 3 * HOUR).toISOString(), 'crl'],
    ]);
    assert.equal(lines[1]!['reason'], 'keyCompromise');
    assert.equal(lines[1]!['serial'], serialHex(parseCertificate(introB)));
    assert.equal(lines[1]!['subject'], 'OU=Ops,O=Beta');
    assert.equal(lines[2]!['crlNumber'], '2');
    assert.equal(lines[2]!['serials'], serialHex(parseCertificate(introB)));
  });

  it('openssl crl reads it and verifies its signature with our CA', () => {
    const r = openssl(['crl', '-in', join(a, 'crl/CA.crl.pem'), '-CAfile', join(a, 'CA.crt'), '-noout', '-text']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr + r.stdout, /verify OK/);
    assert.match(r.stdout, /X509v3 CRL Number:\s*\n\s*2/);
    assert.match(r.stdout, /X509v3 Authority Key Identifier/);
    assert.match(r.stdout, /Key Compromise/);
  });

  it('openssl verify -crl_check rejects the revoked introduction and accepts the other', () => {
    const args = (cert: string, crl: string): string[] => ['verify', '-crl_check', '-CAfile', join(a, 'CA.crt'), '-CRLfile', crl, cert];
    const bad = openssl(args(f('beta.pem'), join(a, 'crl/CA.crl.pem')));
    assert.notEqual(bad.status, 0);
    assert.match(bad.stdout + bad.stderr, /certificate revoked/);
    const good = openssl(args(f('gamma.pem'), join(a, 'crl/CA.crl.pem')));
    assert.equal(good.status, 0, good.stdout + good.stderr);
    const before = openssl(args(f('beta.pem'), f('crl1.pem')));
    assert.equal(before.status, 0, 'the previous CRL does not list it');
  });

  async function handshake(crlPem: string, client: string): Promise<'accepted' | 'refused'> {
    const server = createServer({
      minVersion: 'TLSv1.3',
      cert: readFileSync(join(a, 'id.crt')),
      key: readFileSync(join(a, 'id.key')),
      ca: readFileSync(join(a, 'CA.crt')),
      crl: crlPem,
      requestCert: true,
      rejectUnauthorized: true,
    }, (s) => s.end('hello\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      return await new Promise((resolve) => {
        const sock = connect({
          host: '127.0.0.1',
          port,
          servername: 'localhost',
          minVersion: 'TLSv1.3',
          ca: readFileSync(join(a, 'CA.crt')),
          cert: toPem('CERTIFICATE', client === 'beta' ? introB : introC),
          key: readFileSync(join(client === 'beta' ? b : c, 'id.key')),
        });
        let data = '';
        sock.on('data', (d) => (data += d));
        sock.on('error', () => resolve('refused'));
        sock.on('close', () => resolve(data.includes('hello') ? 'accepted' : 'refused'));
      });
    } finally {
      server.close();
    }
  }

  it('a Node tls server given the CRL refuses the revoked client in a real handshake, and accepts it with the previous CRL', async () => {
    const current = readFileSync(join(a, 'crl/CA.crl.pem'), 'utf8');
    assert.equal(await handshake(current, 'beta'), 'refused');
    assert.equal(await handshake(current, 'gamma'), 'accepted');
    assert.equal(await handshake(readFileSync(f('crl1.pem'), 'utf8'), 'beta'), 'accepted');
  });

  it('crosstrust verify --crl rejects the revoked introduction with its date and reason, and reports the others as checked', async () => {
    const now = new Date(T0 + 4 * HOUR).toISOString();
    const bad = await cli('verify', f('beta.pem'), '--roots', join(a, 'CA.crt'), '--crl', join(a, 'crl/CA.crl'), '--at', now);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^crosstrust verify: PATH_REVOKED: /);
    assert.include(bad.stderr, `revoked on ${new Date(T0 + 2 * HOUR).toISOString()} (key compromised), according to CRL number 2 of P=Signing Certificate,OU=Ops,O=Alpha`);
    const good = await cli('verify', f('gamma.pem'), '--roots', join(a, 'CA.crt'), '--crl', join(a, 'crl/CA.crl.pem'), '--at', now, '--revocation', 'required');
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /revocation: leaf not revoked \(CRL number 2, next update /);
    const old = await cli('verify', f('beta.pem'), '--roots', join(a, 'CA.crt'), '--crl', f('crl1.pem'), '--at', now);
    assert.equal(old.code, 0, old.stderr);
  });

  it('crosstrust verify --revocation required: no CRL is PATH_CRL_MISSING, an out-of-date CRL is PATH_CRL_STALE', async () => {
    const missing = await cli('verify', f('gamma.pem'), '--roots', join(a, 'CA.crt'), '--revocation', 'required', '--at', new Date(T0 + 4 * HOUR).toISOString());
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^crosstrust verify: PATH_CRL_MISSING: /);
    const later = new Date(T0 + 3 * HOUR + 4 * 24 * HOUR).toISOString();
    const stale = await cli('verify', f('gamma.pem'), '--roots', join(a, 'CA.crt'), '--crl', join(a, 'crl/CA.crl'), '--revocation', 'required', '--at', later);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /^crosstrust verify: PATH_CRL_STALE: /);
    const lax = await cli('verify', f('gamma.pem'), '--roots', join(a, 'CA.crt'), '--crl', join(a, 'crl/CA.crl'), '--at', later);
    assert.equal(lax.code, 0);
    assert.match(lax.stdout, /CRL number 2 is out of date/);
  });

  it('refusals exit 1 with their code and change nothing in the directory', async () => {
    at(T0 + 5 * HOUR);
    writeFileSync(f('not-a-crl.pem'), readFileSync(join(a, 'CA.crt')));
    const cases: Array<{ args: string[]; code: string }> = [
      { args: ['revoke', '--dir', a, join(b, 'id.crt')], code: 'CRL_NOT_ISSUED_BY_US' },
      { args: ['revoke', '--dir', a, f('beta.pem'), '--reason', 'superseded'], code: 'CRL_ALREADY_REVOKED' },
      { args: ['revoke', '--dir', b, f('gamma.pem')], code: 'CRL_NOT_ISSUED_BY_US' },
      { args: ['crl', '--dir', a, '--next-update', '0'], code: 'CRL_INVALID_REQUEST' },
      { args: ['verify', f('gamma.pem'), '--roots', join(a, 'CA.crt'), '--crl', f('not-a-crl.pem')], code: 'INPUT_WRONG_TYPE' },
    ];
    for (const x of cases) {
      const before = snapshot(t.dir);
      const r = await cli(...x.args);
      assert.equal(r.code, 1, `${x.args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^crosstrust ${x.args[0]}: ${x.code}: `));
      assert.deepEqual(snapshot(t.dir), before, x.args.join(' '));
    }
  });

  it('usage errors exit 2', async () => {
    for (const args of [
      ['revoke', '--dir', a, f('gamma.pem'), '--reason', 'bored'],
      ['revoke', '--dir', a],
      ['crl', '--dir', a, '--next-update', 'soon'],
      ['verify', f('gamma.pem'), '--roots', join(a, 'CA.crt'), '--revocation', 'maybe'],
      ['verify', f('gamma.pem'), '--roots', join(a, 'CA.crt'), '--crl', f('nope.crl')],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    }
  });
});
