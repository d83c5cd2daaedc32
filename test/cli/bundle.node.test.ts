// The bundle CLI over real files: compose → export (signed) → verify → diff → import, and refusals.
import { assert } from 'chai';
import { describe, it, before, after } from 'node:test';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { main } from '../../src/cli/main.ts';
import { createIdentity, toPem, parseBundleDocument } from '../../src/pki/index.ts';
import { tempFiles, CERTIFIED_FIXTURES } from '../support/openssl.ts';
import { join } from 'node:path';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('crosstrust bundle', () => {
  const t = tempFiles({});
  const p = t.path;
  before(async () => {
    const at = Date.now();
    const a = await createIdentity({ name: { commonName: 'Alpha' }, san: { hosts: ['localhost'] }, atMs: at, extractableKeys: true, keyType: 'p256' });
    const b = await createIdentity({ name: { commonName: 'Beta' }, san: { hosts: ['localhost'] }, atMs: at });
    const c = await createIdentity({ name: { commonName: 'Gamma' }, san: { hosts: ['localhost'] }, atMs: at });
    writeFileSync(p('a.crt'), toPem('CERTIFICATE', a.caCertDer));
    writeFileSync(p('b.crt'), toPem('CERTIFICATE', b.caCertDer));
    writeFileSync(p('c.crt'), toPem('CERTIFICATE', c.caCertDer));
    writeFileSync(p('leaf.crt'), toPem('CERTIFICATE', a.idCertDer));
    writeFileSync(p('id.key'), toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', a.idKeys.privateKey))));
  });
  after(() => t.cleanup());

  it('composes, flags the leaf, exports signed PEM and SPIFFE JWS, and verifies them', async () => {
    const r = await cli('bundle', 'compose', '--name', 'fed', '--trust-domain', 'example.org', '--own', p('a.crt'), '--cross', p('b.crt'), '--import', p('leaf.crt'), '-o', p('bundle.json'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /EXCLUDED .*\[not-ca\]/);
    assert.match(r.out, /2 of 3 roots exported; earliest expiry /);
    const e = await cli('bundle', 'export', p('bundle.json'), '--format', 'pem', '-o', p('out/fed.pem'), '--sign-key', p('id.key'), '--sign-cert', p('leaf.crt'));
    assert.equal(e.code, 0, e.err);
    const v = await cli('bundle', 'verify', p('out/fed.pem'), '--signature', p('out/fed.pem.sig.json'), '--trust', p('a.crt'));
    assert.equal(v.code, 0, v.err);
    assert.match(v.out, /signature OK \(ES256\)[\s\S]*trusted via/);
    const j = await cli('bundle', 'export', p('bundle.json'), '--format', 'spiffe', '--jws', 'compact', '-o', p('out/fed.json'), '--sign-key', p('id.key'), '--sign-cert', p('leaf.crt'));
    assert.equal(j.code, 0, j.err);
    assert.equal((await cli('bundle', 'verify', p('out/fed.jws'), '--trust', p('a.crt'))).code, 0);
    writeFileSync(p('out/tampered.pem'), readFileSync(p('out/fed.pem'), 'utf8') + '\n');
    const bad = await cli('bundle', 'verify', p('out/tampered.pem'), '--signature', p('out/fed.pem.sig.json'));
    assert.equal(bad.code, 1);
    assert.match(bad.err, /BUNDLE_SIGNATURE_INVALID/);
  });

  it('diffs and imports accepted entries; a refused import leaves the bundle file unchanged', async () => {
    writeFileSync(p('incoming.pem'), readFileSync(p('a.crt'), 'utf8') + readFileSync(p('c.crt'), 'utf8'));
    const d = await cli('bundle', 'diff', p('bundle.json'), p('incoming.pem'));
    assert.equal(d.code, 0, d.err);
    assert.match(d.out, /\+ new .*CN=Gamma/);
    assert.match(d.out, /- gone .*CN=Beta/);
    const before = readFileSync(p('bundle.json'), 'utf8');
    writeFileSync(p('leafy.pem'), readFileSync(p('c.crt'), 'utf8') + readFileSync(p('leaf.crt'), 'utf8'));
    const refused = await cli('bundle', 'import', p('bundle.json'), p('leafy.pem'), '--accept', 'all');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /BUNDLE_LEAF_CERTIFICATE/);
    assert.equal(readFileSync(p('bundle.json'), 'utf8'), before);
    const gammaFp = /\+ new\s+([0-9a-f]{64})/.exec(d.out)![1]!;
    const ok = await cli('bundle', 'import', p('bundle.json'), p('incoming.pem'), '--accept', gammaFp, '--source', 'partner', '--confirmed-by', 'Ann');
    assert.equal(ok.code, 0, ok.err);
    const held = await parseBundleDocument(readFileSync(p('bundle.json'), 'utf8'));
    assert.deepEqual(held.entries.map((e) => e.displayName).sort(), ['Alpha', 'Alpha', 'Beta', 'Gamma'], 'CA and flagged leaf of Alpha, Beta kept, Gamma added');
    assert.isTrue(held.entries.some((e) => e.displayName === 'Gamma' && e.provenance[0]!.confirmedBy === 'Ann'));
    assert.isTrue(held.entries.some((e) => e.displayName === 'Beta'), 'the removal was not accepted');
    assert.equal(held.sequences['example.org'], 2);
    assert.isFalse(existsSync(p('bundle.json.tmp-' + process.pid)));
  });

  it('composes from certified intro.json files and writes certified known_servers / id files', async () => {
    const ex = (n: string): string => join(CERTIFIED_FIXTURES, 'exchanges', n);
    const at = ['--at', '2027-01-01T00:00:00Z'];
    const c = await cli('bundle', 'compose', ...at, '--name', 'alpha', '--trust-domain', 'alpha.example', '--intro', ex('intro.beta-signs-alpha.services.json'), '-o', p('alpha.json'));
    assert.equal(c.code, 0, c.err);
    const e = await cli('bundle', 'export', ...at, p('alpha.json'), '--format', 'certified', '-o', p('certified'));
    assert.equal(e.code, 0, e.err);
    const alpha = join(CERTIFIED_FIXTURES, 'orgs', 'alpha');
    assert.equal(readFileSync(p('certified/known_servers/beta-api.yaml'), 'utf8'), readFileSync(join(alpha, 'known_servers/beta-api.yaml'), 'utf8'));
    const idName = 'id/P=Signing Certificate,CN=Beta Person.crt';
    assert.equal(readFileSync(p(`certified/${idName}`), 'utf8'), readFileSync(join(alpha, idName), 'utf8'));
    // gamma's name is non-ASCII: the minimal YAML writer refuses rather than guess.
    await cli('bundle', 'compose', ...at, '--name', 'g', '--trust-domain', 'alpha.example', '--intro', ex('intro.gamma-signs-alpha.services.json'), '-o', p('g.json'));
    const g = await cli('bundle', 'export', ...at, p('g.json'), '--format', 'certified', '-o', p('certified-g'));
    assert.equal(g.code, 1);
    assert.match(g.err, /BUNDLE_CERTIFIED_YAML_UNSUPPORTED/);
  });

  it('usage errors exit 2', async () => {
    assert.equal((await cli('bundle', 'export', p('bundle.json'))).code, 2);
    assert.equal((await cli('bundle', 'frobnicate')).code, 2);
  });
});
