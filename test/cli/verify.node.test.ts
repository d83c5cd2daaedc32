// `crosstrust verify`: exit 0 with the chain, 1 with the reason code, 2 for usage; PEM, DER and b64 files.
import { assert } from 'chai';
import { spawnSync } from 'node:child_process';
import { describe, it, before, after } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { OID_EKU, fingerprintOf, toCertifiedB64, toPem } from '../../src/pki/index.ts';
import { tempFiles } from '../support/openssl.ts';
import { DAY, T, makeCert, makeChain } from '../pki/validate/chain-kit.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['verify', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('crosstrust verify', () => {
  let files: ReturnType<typeof tempFiles>;
  let leafFp: string;
  before(async () => {
    const c = await makeChain({ leaf: { cn: 'CLI Leaf', san: [{ type: 'dns', value: 'www.example.com' }], eku: [OID_EKU.serverAuth] } });
    const other = await makeCert({ cn: 'CLI Other Root', ca: true });
    const expired = await makeCert({ cn: 'CLI Old Leaf', issuer: c.inter, notBeforeMs: T - 9 * DAY, notAfterMs: T - DAY });
    leafFp = (await fingerprintOf(c.leaf.der)).grouped;
    files = tempFiles({
      'leaf.pem': toPem('CERTIFICATE', c.leaf.der),
      'fullchain.pem': toPem('CERTIFICATE', c.leaf.der) + toPem('CERTIFICATE', c.inter.der),
      'inter.der': c.inter.der,
      'root.b64': `${toCertifiedB64(c.root.der)}\n`,
      'bundle.pem': `# trust bundle\n${toPem('CERTIFICATE', other.der)}${toPem('CERTIFICATE', c.root.der)}`,
      'other.pem': toPem('CERTIFICATE', other.der),
      'expired.pem': toPem('CERTIFICATE', expired.der),
      'garbage.pem': '-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n',
    });
  });
  after(() => files.cleanup());
  const at = new Date(T).toISOString();

  it('accepts and prints the chain with fingerprints (PEM leaf, DER intermediate, b64 root)', async () => {
    const r = await cli([files.path('leaf.pem'), '--untrusted', files.path('inter.der'), '--roots', files.path('root.b64'), '--at', at, '--purpose', 'serverAuth', '--name', 'dns:www.example.com']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^accepted: chain found/);
    assert.match(r.out, /0 {2}leaf: CN=CLI Leaf/);
    assert.match(r.out, /1 {2}intermediate: CN=Inter CA/);
    assert.match(r.out, /2 {2}trust anchor: CN=Root CA/);
    assert.include(r.out, leafFp);
  });

  it('reads a PEM bundle of roots and a leaf file that carries its chain', async () => {
    const r = await cli([files.path('fullchain.pem'), '--roots', files.path('bundle.pem'), '--at', at]);
    assert.equal(r.code, 0, r.err);
  });

  const refusals: Array<{ name: string; args: () => string[]; code: string }> = [
    { name: 'wrong roots', args: () => [files.path('leaf.pem'), '--untrusted', files.path('inter.der'), '--roots', files.path('other.pem'), '--at', at], code: 'PATH_NO_ISSUER' },
    { name: 'expired leaf', args: () => [files.path('expired.pem'), '--untrusted', files.path('inter.der'), '--roots', files.path('root.b64'), '--at', at], code: 'PATH_EXPIRED' },
    { name: 'name mismatch', args: () => [files.path('fullchain.pem'), '--roots', files.path('root.b64'), '--at', at, '--name', 'dns:mail.example.com'], code: 'PATH_NAME_MISMATCH' },
    { name: 'purpose', args: () => [files.path('fullchain.pem'), '--roots', files.path('root.b64'), '--at', at, '--purpose', 'clientAuth'], code: 'PATH_EKU' },
    { name: 'malformed certificate', args: () => [files.path('garbage.pem'), '--roots', files.path('root.b64'), '--at', at], code: 'PATH_MALFORMED' },
  ];
  for (const c of refusals) {
    it(`rejects (exit 1) with the code: ${c.name}`, async () => {
      const r = await cli(c.args());
      assert.equal(r.code, 1);
      assert.match(r.err, new RegExp(`^crosstrust verify: ${c.code}: `));
      assert.equal(r.out, '');
    });
  }

  const usage: Array<{ name: string; args: () => string[] }> = [
    { name: 'no roots', args: () => [files.path('leaf.pem')] },
    { name: 'no leaf', args: () => ['--roots', files.path('root.b64')] },
    { name: 'bad purpose', args: () => [files.path('leaf.pem'), '--roots', files.path('root.b64'), '--purpose', 'codeSigning'] },
    { name: 'bad name', args: () => [files.path('leaf.pem'), '--roots', files.path('root.b64'), '--name', 'www.example.com'] },
    { name: 'bad time', args: () => [files.path('leaf.pem'), '--roots', files.path('root.b64'), '--at', 'yesterday'] },
    { name: 'missing file', args: () => [files.path('nope.pem'), '--roots', files.path('root.b64')] },
    { name: 'unreadable CRL file', args: () => [files.path('leaf.pem'), '--roots', files.path('root.b64'), '--crl', files.path('nope.crl')] },
    { name: 'unknown option', args: () => [files.path('leaf.pem'), '--roots', files.path('root.b64'), '--crls', 'x'] },
  ];
  for (const c of usage) {
    it(`usage error (exit 2): ${c.name}`, async () => {
      const r = await cli(c.args());
      assert.equal(r.code, 2);
      assert.include(r.err, 'usage: crosstrust verify');
    });
  }

  it('the installed bin exits with the same status', () => {
    const bin = new URL('../../bin/crosstrust.mjs', import.meta.url).pathname;
    const ok = spawnSync(process.execPath, [bin, 'verify', files.path('fullchain.pem'), '--roots', files.path('root.b64'), '--at', at], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    const bad = spawnSync(process.execPath, [bin, 'verify', files.path('fullchain.pem'), '--roots', files.path('other.pem'), '--at', at], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
  });
});
