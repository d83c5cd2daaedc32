// A store file written by the core in Node is used by the CLI with only the CI identity: it renews and
// issues leaves that openssl verify accepts, and it cannot open any root key. The same with a file the
// built app downloads in Chromium: test/e2e/hierarchy.test.ts.
import { assert } from 'chai';
import { mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { before, after, describe, it } from 'node:test';
import { Decrypter, armor } from 'age-encryption';
import { main } from '../../src/cli/main.ts';
import { activeRoot, isPkiError, openEscrowedKey, openStoreKeys, readStoreFile, rootBundle, trustBundle, writeStoreFile, fromBase64, type HierarchyState } from '../../src/pki/index.ts';
import { openssl, tempFiles } from '../support/openssl.ts';
import { T0, addService, makeCustody, makeEnvironment, type Custody } from '../support/hierarchy-fixture.ts';

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
  }
}

describe('crosstrust pki (CI side)', () => {
  let custody: Custody;
  let state: HierarchyState;
  const t = tempFiles({});
  before(async () => {
    custody = await makeCustody();
    state = await makeEnvironment(custody);
    state = (await addService(state, 'eu', 'shop')).state;
    writeFileSync(t.path('pki.yaml'), writeStoreFile(state.doc));
    writeFileSync(t.path('ci.key'), `# CI identity\n${custody.ciIdentity}\n`);
  });
  after(() => t.cleanup());

  it('renews a leaf with the CI identity; openssl verify accepts it (scope bundle and full chain to the root)', async () => {
    const r = await cli(['pki', 'renew', '--store', t.path('pki.yaml'), '--within', '100', '--new-keys', '--out', t.path('out')], { CROSSTRUST_AGE_IDENTITY: custody.ciIdentity });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /renewed spiffe:\/\/example\.org\/prod\/eu\/shop until/);
    const doc = readStoreFile(readFileSync(t.path('pki.yaml'), 'utf8'));
    assert.equal(doc.revision, state.doc.revision + 1);
    const chain = readFileSync(t.path('out/eu-shop.crt'), 'utf8');
    const [leafPem, intPem] = chain.split(/(?<=-----END CERTIFICATE-----\n)/);
    writeFileSync(t.path('leaf.pem'), leafPem!);
    writeFileSync(t.path('int.pem'), intPem!);
    writeFileSync(t.path('bundle.pem'), trustBundle(doc, 'eu', 'servers', Date.now()).pem);
    writeFileSync(t.path('root.pem'), rootBundle(doc));
    const v1 = openssl(['verify', '-partial_chain', '-purpose', 'sslserver', '-CAfile', t.path('bundle.pem'), t.path('leaf.pem')]);
    assert.equal(v1.status, 0, v1.stdout + v1.stderr);
    const v2 = openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', t.path('root.pem'), '-untrusted', t.path('int.pem'), t.path('leaf.pem')]);
    assert.equal(v2.status, 0, v2.stdout + v2.stderr);
    const text = openssl(['x509', '-in', t.path('leaf.pem'), '-noout', '-text']).stdout;
    assert.match(text, /URI:spiffe:\/\/example\.org\/prod\/eu\/shop/);
    assert.match(text, /TLS Web Server Authentication, TLS Web Client Authentication/);
    const days = (Date.parse(openssl(['x509', '-in', t.path('leaf.pem'), '-noout', '-enddate']).stdout.split('=')[1]!) - Date.now()) / 86_400_000;
    assert.isAbove(days, 89);
    assert.match(readFileSync(t.path('out/eu-shop.key'), 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
  });

  it('issues a leaf from an openssl CSR with --identity FILE', async () => {
    const req = openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', t.path('svc.key'), '-subj', '/CN=mail', '-out', t.path('svc.csr')]);
    assert.equal(req.status, 0, req.stderr);
    const r = await cli(['pki', 'issue', '--store', t.path('pki.yaml'), '--identity', t.path('ci.key'), '--scope', 'us', '--service', 'mail', '--dns', 'mail.us.example.org', '--csr', t.path('svc.csr')]);
    assert.equal(r.code, 0, r.err);
    writeFileSync(t.path('mail.pem'), r.out);
    const doc = readStoreFile(readFileSync(t.path('pki.yaml'), 'utf8'));
    writeFileSync(t.path('us.pem'), trustBundle(doc, 'us', 'servers', Date.now()).pem);
    const v = openssl(['verify', '-partial_chain', '-CAfile', t.path('us.pem'), t.path('mail.pem')]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    const match = openssl(['x509', '-in', t.path('mail.pem'), '-noout', '-pubkey']).stdout === openssl(['pkey', '-in', t.path('svc.key'), '-pubout']).stdout;
    assert.isTrue(match, 'the leaf certifies the CSR key');
  });

  it('refuses a DNS name outside the scope subtree (exit 1, code shown)', async () => {
    const r = await cli(['pki', 'issue', '--store', t.path('pki.yaml'), '--identity', t.path('ci.key'), '--scope', 'us', '--service', 'x', '--dns', 'x.eu.example.org', '--out', t.path('o2')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /HIER_DNS_OUTSIDE_SCOPE/);
  });

  it('the CI identity cannot decrypt any root key in the store file', async () => {
    const doc = readStoreFile(readFileSync(t.path('pki.yaml'), 'utf8'));
    const roots = doc.authorities.filter((a) => a.role === 'root');
    assert.isAbove(roots.length, 0);
    const ring = await openStoreKeys(doc, [custody.ciIdentity]);
    for (const root of roots) {
      assert.isFalse(ring.has(root.keyId));
      const k = doc.keys.find((x) => x.id === root.keyId)!;
      assert.deepEqual(k.recipients, [custody.rootRecipient], 'escrowed to the offline root recipient only');
      const dec = new Decrypter();
      dec.addIdentity(custody.ciIdentity);
      let refused = false;
      await dec.decrypt(armor.decode(k.ciphertext!)).catch(() => (refused = true));
      assert.isTrue(refused, 'age itself refuses the CI identity');
      try {
        await openEscrowedKey({ ciphertext: k.ciphertext!, identities: [custody.ciIdentity], type: k.type, spki: fromBase64(k.spkiB64) });
        assert.fail('opened');
      } catch (e) {
        assert.isTrue(isPkiError(e, 'HIER_KEY_UNAVAILABLE'));
      }
    }
    // The offline root identity does open it (so the escrow is real), and CI holds every intermediate.
    assert.isTrue((await openStoreKeys(doc, [custody.rootIdentity])).has(activeRoot(doc).keyId));
    for (const a of doc.authorities.filter((x) => x.role === 'intermediate')) assert.isTrue(ring.has(a.keyId), a.id);
  });

  it('ls and validate read the store without any identity', async () => {
    const ls = await cli(['pki', 'ls', '--store', t.path('pki.yaml')]);
    assert.equal(ls.code, 0, ls.err);
    assert.match(ls.out, /root-r1 +root .*key: offline root/);
    assert.match(ls.out, /int-eu-i1 +intermediate eu .*key: CI/);
    const v = await cli(['pki', 'validate', '--store', t.path('pki.yaml')]);
    assert.equal(v.code, 0, v.out);
    assert.match(v.out, /eu verifies servers of global, eu: int-global-i1, int-eu-i1/);
    assert.match(v.out, /result: OK/);
    const late = await cli(['pki', 'validate', '--store', t.path('pki.yaml'), '--at', new Date(T0 + 200 * 86_400_000).toISOString()]);
    assert.equal(late.code, 1);
    assert.match(late.out, /ERROR EXPIRED spiffe:\/\/example\.org\/prod\/eu\/shop/);
  });

  it('renew --new-keys writes the key and certificate files before the store: a failed store write loses no service key', async () => {
    // A second environment, so this test does not depend on the others' order.
    const c2 = await makeCustody();
    let s2 = await makeEnvironment(c2);
    s2 = (await addService(s2, 'us', 'api')).state;
    const store = t.path('order.yaml');
    const before = writeStoreFile(s2.doc);
    writeFileSync(store, before);
    // The store is written last, through `<store>.tmp-<pid>`; a directory there makes that write fail
    // exactly where a kill after the deliverables would stop the run.
    mkdirSync(`${store}.tmp-${process.pid}`);
    try {
      const failed = await cli(['pki', 'renew', '--store', store, '--within', '100', '--new-keys', '--out', t.path('order-out')], { CROSSTRUST_AGE_IDENTITY: c2.ciIdentity }).then(
        () => undefined,
        (e: unknown) => e as NodeJS.ErrnoException,
      );
      assert.equal(failed?.code, 'EISDIR', 'the store write failed');
    } finally {
      rmdirSync(`${store}.tmp-${process.pid}`);
    }
    assert.equal(readFileSync(store, 'utf8'), before, 'the store is unchanged: the next run renews again');
    const keyPem = readFileSync(t.path('order-out/us-api.key'), 'utf8');
    assert.equal(statSync(t.path('order-out/us-api.key')).mode & 0o777, 0o600);
    const chain = readFileSync(t.path('order-out/us-api.crt'), 'utf8');
    writeFileSync(t.path('order-leaf.pem'), chain.split(/(?<=-----END CERTIFICATE-----\n)/)[0]!);
    writeFileSync(t.path('order-key.pem'), keyPem);
    const pub = (f: string, kind: 'x509' | 'pkey'): string => openssl(kind === 'x509' ? ['x509', '-in', f, '-noout', '-pubkey'] : ['pkey', '-in', f, '-pubout']).stdout;
    assert.equal(pub(t.path('order-leaf.pem'), 'x509'), pub(t.path('order-key.pem'), 'pkey'), 'the key on disk belongs to the certificate on disk');
    // The rerun succeeds, replaces both files together and records the leaf in the store.
    const r = await cli(['pki', 'renew', '--store', store, '--within', '100', '--new-keys', '--out', t.path('order-out')], { CROSSTRUST_AGE_IDENTITY: c2.ciIdentity });
    assert.equal(r.code, 0, r.err);
    const doc = readStoreFile(readFileSync(store, 'utf8'));
    const recorded = doc.leaves.find((l) => l.service === 'api')!;
    assert.equal(recorded.certPem, readFileSync(t.path('order-out/us-api.crt'), 'utf8').split(/(?<=-----END CERTIFICATE-----\n)/)[0]);
    writeFileSync(t.path('order-key.pem'), readFileSync(t.path('order-out/us-api.key'), 'utf8'));
    writeFileSync(t.path('order-leaf.pem'), recorded.certPem);
    assert.equal(pub(t.path('order-leaf.pem'), 'x509'), pub(t.path('order-key.pem'), 'pkey'));
  });

  it('usage errors exit 2; a wrong identity exits 1', async () => {
    assert.equal((await cli(['pki', 'renew'])).code, 2);
    assert.equal((await cli(['pki', 'renew', '--store', t.path('pki.yaml')], { CROSSTRUST_AGE_IDENTITY: '' })).code, 2);
    const other = await makeCustody();
    const r = await cli(['pki', 'renew', '--store', t.path('pki.yaml')], { CROSSTRUST_AGE_IDENTITY: other.ciIdentity });
    assert.equal(r.code, 1);
    assert.match(r.err, /HIER_KEY_UNAVAILABLE/);
  });
});
