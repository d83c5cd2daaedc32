// The crosstrust CLI on certified config directories: round trips with the real certified fixtures
// in both directions, every certified refusal refused (exit 1, one line, nothing changed), usage errors.
import { assert } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, copyOrg, snapshot, tempDir } from '../support/cli.ts';
import { CERTIFIED_FIXTURES, openssl } from '../support/openssl.ts';
import { fromCertifiedB64, parseCertificate, parseIntroJson, parsePem, toPem } from '../../src/pki/index.ts';

const ex = (f: string): string => join(CERTIFIED_FIXTURES, 'exchanges', f);
// The fixtures are dated (365 days from GENERATED.txt): run the CLI and openssl one day after they were made.
const fixtureMs = parseCertificate(parsePem(readFileSync(join(CERTIFIED_FIXTURES, 'orgs/alpha/id.crt'), 'utf8'))[0]!.der).notBeforeMs + 86_400_000;
process.env['CROSSTRUST_NOW'] = new Date(fixtureMs).toISOString();
const atTime = ['-attime', String(Math.floor(fixtureMs / 1000))];

describe('crosstrust CLI with certified directories', () => {
  it('add-intro installs certified\'s intro.json for alpha\'s key, writing the same bytes certified wrote', async () => {
    const t = tempDir();
    try {
      const alpha = copyOrg('alpha', join(t.dir, 'alpha'), { fresh: true });
      for (const signer of ['beta', 'gamma']) {
        const r = await cli('add-intro', '--dir', alpha, ex(`intro.${signer}-signs-alpha.services.json`));
        assert.equal(r.code, 0, r.stderr);
      }
      for (const f of ['id/P=Signing Certificate,CN=Beta Person.crt', 'id/P=Signing Certificate,DC=example,DC=gamma,L=Köln,C=DE,UID=gamma,CN=\\#1 \\"Gamma\\" \\<Ops\\>\\; R\\+D\\, Zoë\\ .crt', 'known_servers/beta-api.yaml', 'known_servers/gamma-api.yaml', 'known_servers/gamma-docs.yaml']) {
        assert.equal(readFileSync(join(alpha, f), 'utf8'), readFileSync(join(CERTIFIED_FIXTURES, 'orgs/alpha', f), 'utf8'), f);
        assert.equal(statSync(join(alpha, f)).mode & 0o777, 0o644, f);
      }
      // Replacing needs --overwrite; without it nothing changes.
      const before = snapshot(alpha);
      const again = await cli('add-intro', '--dir', alpha, ex('intro.beta-signs-alpha.services.json'));
      assert.equal(again.code, 1);
      assert.match(again.stderr, /^crosstrust add-intro: INTRO_EXISTS: .*\n$/);
      assert.deepEqual(snapshot(alpha), before);
      assert.equal((await cli('add-intro', '--dir', alpha, '--overwrite', ex('intro.beta-signs-alpha.services.json'))).code, 0);
    } finally {
      t.cleanup();
    }
  });

  it('get-ident is byte-identical to certified\'s; introduce output verifies with openssl under alpha\'s CA', async () => {
    const t = tempDir();
    try {
      const alpha = copyOrg('alpha', join(t.dir, 'alpha'));
      const g = await cli('get-ident', '--dir', alpha);
      assert.equal(g.stdout, readFileSync(ex('alpha.ident.b64'), 'utf8'));
      for (const org of ['beta', 'gamma']) {
        const r = await cli('introduce', '--dir', alpha, ex(`${org}.ident.b64`), '--service', 'alpha-api=https://127.0.0.1:8471', '--days', '30');
        assert.equal(r.code, 0, r.stderr);
        const doc = parseIntroJson(r.stdout);
        writeFileSync(join(t.dir, 'leaf.pem'), toPem('CERTIFICATE', doc.signedCertDer));
        const v = openssl(['verify', ...atTime, '-x509_strict', '-CAfile', join(alpha, 'CA.crt'), join(t.dir, 'leaf.pem')]);
        assert.equal(v.status, 0, v.stdout + v.stderr);
        assert.deepEqual(doc.services, [{ alias: 'alpha-api', url: 'https://127.0.0.1:8471' }]);
        // …and the subject's own certified directory accepts it (beta has no keys: add-intro needs none).
        if (org === 'beta') {
          const beta = copyOrg('beta', join(t.dir, 'beta'), { fresh: true });
          writeFileSync(join(t.dir, 'intro.json'), r.stdout);
          const a = await cli('add-intro', '--dir', beta, join(t.dir, 'intro.json'));
          assert.equal(a.code, 0, a.stderr);
          assert.isTrue(existsSync(join(beta, 'id/P=Signing Certificate,OU=Research,O=Alpha Labs\\, Inc..crt')));
          // Byte-identical to the YAML certified wrote when beta installed alpha's own introduction.
          assert.equal(readFileSync(join(beta, 'known_servers/alpha-api.yaml'), 'utf8'), readFileSync(join(CERTIFIED_FIXTURES, 'orgs/beta/known_servers/alpha-api.yaml'), 'utf8'));
        }
      }
      const ca = await cli('introduce', '--dir', alpha, join(CERTIFIED_FIXTURES, 'orgs/beta/CA.crt'));
      assert.equal(ca.code, 1);
      assert.match(ca.stderr, /^crosstrust introduce: INTRO_PEER_IS_CA: /);
    } finally {
      t.cleanup();
    }
  });

  const refusals: Array<[string, string]> = [
    ['bad-signature', 'INTRO_BAD_SIGNATURE'],
    ['ca-as-identity', 'INTRO_SIGNED_IS_CA'],
    ['service-no-scheme', 'INTRO_SERVICE_URL_INVALID'],
    ['service-with-query', 'INTRO_SERVICE_URL_INVALID'],
    ['unpadded-b64', 'INPUT_BAD_PADDING'],
    ['wrong-issuer', 'INTRO_ISSUER_MISMATCH'],
  ];
  for (const [name, code] of refusals) {
    it(`add-intro refuses certified's ${name} (exit 1, one line naming ${code}) and leaves nothing behind`, async () => {
      const t = tempDir();
      try {
        const beta = copyOrg('beta', join(t.dir, 'beta'), { fresh: true });
        const before = snapshot(beta);
        const r = await cli('add-intro', '--dir', beta, join(CERTIFIED_FIXTURES, 'refusals', `${name}.json`));
        assert.equal(r.code, 1);
        assert.equal(r.stderr.split('\n').length, 2, r.stderr);
        assert.include(r.stderr, code);
        assert.deepEqual(snapshot(beta), before);
      } finally {
        t.cleanup();
      }
    });
  }

  it('refuses hostile files with specific codes and changes nothing', async () => {
    const t = tempDir();
    try {
      const beta = copyOrg('beta', join(t.dir, 'beta'), { fresh: true });
      const before = snapshot(beta);
      const files: Array<[string, string | Uint8Array, string]> = [
        ['someone-else.json', readFileSync(ex('intro.beta-signs-alpha.services.json')), 'INTRO_NOT_OUR_KEY'],
        ['malformed.json', '{"signed_cert": "x",', 'INTRO_BAD_JSON'],
        ['huge.json', `{"x": "${'A'.repeat(400_000)}"}`, 'INTRO_TOO_LARGE'],
        ['binary.json', new Uint8Array([0xff, 0xfe, 0x00, 0x01]), 'INTRO_BAD_JSON'],
      ];
      const doc = JSON.parse(readFileSync(ex('intro.alpha-signs-beta.services.json'), 'utf8')) as Record<string, unknown>;
      files.push(['escape.json', JSON.stringify({ ...doc, services: { '../../x': 'https://h.example' } }), 'INTRO_ALIAS_INVALID']);
      files.push(['swapped.json', JSON.stringify({ signed_cert: doc['ca_cert'], ca_cert: doc['signed_cert'] }), 'INTRO_SIGNED_IS_CA']);
      for (const [n, content, code] of files) {
        writeFileSync(join(t.dir, n), content);
        const r = await cli('add-intro', '--dir', beta, join(t.dir, n));
        assert.equal(r.code, 1, n);
        assert.include(r.stderr, code, n);
        assert.deepEqual(snapshot(beta), before, n);
      }
    } finally {
      t.cleanup();
    }
  });

  it('init builds a certified directory (modes, names, SANs) that round-trips introductions with the fixtures', async () => {
    const t = tempDir();
    try {
      const d = join(t.dir, 'org');
      const r = await cli('init', '--dir', d, '--org', 'Delta Corp', '--unit', 'Ops', '--host', 'localhost', '--host', '127.0.0.1', '--email', 'ops@delta.example', '--key', 'p256', '--domain', 'delta.example');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `Generated new config for DC=example,DC=delta,OU=Ops,O=Delta Corp at ${d}.\n`);
      assert.equal(statSync(join(d, 'CA.key')).mode & 0o777, 0o600);
      assert.equal(statSync(join(d, 'id.crt')).mode & 0o777, 0o644);
      assert.equal(readFileSync(join(d, 'known_servers/self.crt'), 'utf8'), readFileSync(join(d, 'CA.crt'), 'utf8'));
      const text = openssl(['x509', '-in', join(d, 'id.crt'), '-noout', '-text']).stdout;
      assert.match(text, /email:ops@delta.example, DNS:localhost, IP Address:127.0.0.1/);
      const ca = openssl(['x509', '-in', join(d, 'CA.crt'), '-noout', '-subject', '-nameopt', 'RFC2253']).stdout;
      assert.include(ca, 'pseudonym=Signing Certificate,DC=example,DC=delta,OU=Ops,O=Delta Corp');
      assert.equal((await cli('init', '--dir', d, '--name', 'X', '--host', 'x')).code, 1, 'refuses a non-empty dir');
      // Our org introduces alpha (certified's fixture); alpha's intro for us from certified's side is covered above.
      const i = await cli('introduce', '--dir', d, ex('alpha.ident.b64'));
      assert.equal(i.code, 0, i.stderr);
      const alpha = copyOrg('alpha', join(t.dir, 'alpha'), { fresh: true });
      writeFileSync(join(t.dir, 'i.json'), i.stdout);
      assert.equal((await cli('add-intro', '--dir', alpha, join(t.dir, 'i.json'))).code, 0);
      assert.isTrue(existsSync(join(alpha, 'id/P=Signing Certificate,DC=example,DC=delta,OU=Ops,O=Delta Corp.crt')));
      // Loose key permissions are refused like certified does.
      chmodSync(join(d, 'CA.key'), 0o644);
      const loose = await cli('introduce', '--dir', d, ex('beta.ident.b64'));
      assert.equal(loose.code, 1);
      assert.include(loose.stderr, 'KEY_PERMISSIONS');
    } finally {
      t.cleanup();
    }
  });

  it('cross-certify prints a limited CA certificate and the limits in words; inspect describes files', async () => {
    const t = tempDir();
    try {
      const alpha = copyOrg('alpha', join(t.dir, 'alpha'));
      const refused = await cli('cross-certify', '--dir', alpha, join(CERTIFIED_FIXTURES, 'orgs/beta/CA.crt'));
      assert.equal(refused.code, 1);
      assert.include(refused.stderr, 'XCERT_OUR_CA_PATH_LENGTH'); // certified's CA has pathLen 0
      const ours = join(t.dir, 'ours');
      assert.equal((await cli('init', '--dir', ours, '--org', 'Cross', '--unit', 'PKI', '--host', 'cross.example', '--ca-path-len', '1')).code, 0);
      const r = await cli('cross-certify', '--dir', ours, join(CERTIFIED_FIXTURES, 'orgs/beta/CA.crt'), '--permit', 'dns:beta.example', '--exclude', 'ip:10.0.0.0/8', '--eku', 'clientAuth', '--days', '30');
      assert.equal(r.code, 0, r.stderr);
      assert.include(r.stderr, 'end entities only');
      writeFileSync(join(t.dir, 'x.pem'), r.stdout);
      const text = openssl(['x509', '-in', join(t.dir, 'x.pem'), '-noout', '-text']).stdout;
      assert.match(text, /Name Constraints: critical\s+Permitted:\s+DNS:beta.example\s+Excluded:\s+IP:10.0.0.0\/255.0.0.0/);
      assert.equal(openssl(['verify', ...atTime, '-CAfile', join(ours, 'CA.crt'), join(t.dir, 'x.pem')]).status, 0);
      assert.equal((await cli('cross-certify', '--dir', ours, ex('beta.ident.b64'))).code, 1);
      assert.equal((await cli('cross-certify', '--dir', ours, join(CERTIFIED_FIXTURES, 'orgs/beta/CA.crt'), '--permit', 'bogus')).code, 1);
      const i = await cli('inspect', ex('intro.beta-signs-alpha.services.json'));
      assert.equal(i.code, 0);
      assert.include(i.stdout, 'issuer:      P=Signing Certificate,CN=Beta Person');
      assert.include(i.stdout, 'service: beta-api → https://127.0.0.1:8472');
      const c = await cli('inspect', ex('gamma.ident.b64'));
      assert.include(c.stdout, 'end-entity certificate');
      assert.include(c.stdout, 'SHA-256:');
      const y = await cli('inspect', join(CERTIFIED_FIXTURES, 'orgs/alpha/known_servers/gamma-docs.yaml'));
      assert.include(y.stdout, 'url:   https://127.0.0.1:8474/docs');
      writeFileSync(join(t.dir, 'junk'), 'hello world');
      assert.equal((await cli('inspect', join(t.dir, 'junk'))).code, 1);
    } finally {
      t.cleanup();
    }
  });

  it('usage errors exit 2; bin/crosstrust.mjs runs the same CLI', async () => {
    assert.equal((await cli('introduce')).code, 2);
    assert.equal((await cli('add-intro', '--dir', '/nonexistent', '--bogus', 'x')).code, 2);
    assert.equal((await cli('no-such-command')).code, 2);
    const bin = spawnSync(process.execPath, ['bin/crosstrust.mjs', 'get-ident', '--dir', join(CERTIFIED_FIXTURES, 'orgs/gamma')], { encoding: 'utf8' });
    assert.equal(bin.status, 0, bin.stderr);
    assert.equal(bin.stdout, readFileSync(ex('gamma.ident.b64'), 'utf8'));
    assert.isTrue(parseCertificate(fromCertifiedB64(bin.stdout.trim())).version === 3);
  });
});
