// openssl interop: re-issued certificates chain to our CA for every key type; openssl's own CSRs are
// introduced; cross-certified CAs are limited as promised (names, path length) when openssl verifies.
import { assert } from 'chai';
import { describe, it, before } from 'node:test';
import { readFileSync } from 'node:fs';
import {
  KEY_TYPES, createIdentity, introduce, crossCertify, parseNameLimit, toPem, parsePem, readPeerInput, parseCertificate, subjectAltNamesOf,
  issueCertifiedEndEntity, buildCertificate, randomSerial, keyIdentifier, exportSpki, generateKeyPair, encodeName, OID_ATTR,
  subjectKeyIdExtension, basicConstraintsExtension, keyUsageExtension, authorityKeyIdExtension, type CreatedIdentity, type GeneralNameSpec,
} from '../../../src/pki/index.ts';
import { openssl, tempFiles } from '../../support/openssl.ts';

const now = Date.now();

describe('introductions verified by openssl', () => {
  for (const caType of KEY_TYPES) {
    it(`a ${caType} CA's re-issued identities (every key type) chain to it under openssl verify -x509_strict`, async () => {
      const ours = await createIdentity({ name: { org: 'Us', unit: 'PKI' }, san: { hosts: ['us.example'] }, keyType: caType, atMs: now });
      for (const peerType of KEY_TYPES) {
        const peer = await createIdentity({ name: { commonName: `Peer ${peerType}` }, san: { hosts: ['peer.example', '127.0.0.1'], emails: ['p@peer.example'] }, keyType: peerType, atMs: now });
        const r = await introduce({ peerDer: peer.idCertDer, ca: { certDer: ours.caCertDer, key: ours.caKeys.privateKey }, atMs: now, validityDays: 30 });
        const t = tempFiles({ 'ca.pem': toPem('CERTIFICATE', ours.caCertDer), 'leaf.pem': toPem('CERTIFICATE', r.signedCertDer) });
        try {
          const v = openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', t.path('ca.pem'), t.path('leaf.pem')]);
          assert.equal(v.status, 0, `${caType}→${peerType}: ${v.stdout}${v.stderr}`);
        } finally {
          t.cleanup();
        }
      }
    });
  }

  it('introduces a CSR made by openssl req (Ed25519, with SAN), and refuses one whose signature is broken', async () => {
    const ours = await createIdentity({ name: { org: 'Us', unit: 'PKI' }, san: { hosts: ['us.example'] }, atMs: now });
    const t = tempFiles({});
    try {
      const gen = openssl(['req', '-new', '-newkey', 'ed25519', '-nodes', '-keyout', t.path('k.pem'), '-subj', '/CN=Openssl Person/O=Req Org', '-addext', 'subjectAltName=DNS:req.example,IP:192.0.2.7', '-out', t.path('csr.pem')]);
      assert.equal(gen.status, 0, gen.stderr);
      const pem = readFileSync(t.path('csr.pem'), 'utf8');
      const peer = readPeerInput(pem);
      assert.equal(peer.kind, 'csr');
      const r = await introduce({ peerDer: peer.der, ca: { certDer: ours.caCertDer, key: ours.caKeys.privateKey }, atMs: now });
      const sans = subjectAltNamesOf(parseCertificate(r.signedCertDer));
      assert.deepEqual(sans, [{ type: 'dns', value: 'req.example' }, { type: 'ip', value: new Uint8Array([192, 0, 2, 7]) }]);
      const broken = parsePem(pem)[0]!.der.slice();
      broken[broken.length - 5]! ^= 0x40;
      try {
        await introduce({ peerDer: broken, ca: { certDer: ours.caCertDer, key: ours.caKeys.privateKey }, atMs: now });
        assert.fail('accepted a CSR with a bad signature');
      } catch (e) {
        assert.equal((e as { code?: string }).code, 'CSR_BAD_SIGNATURE');
      }
    } finally {
      t.cleanup();
    }
  });
});

describe('cross-certified CAs verified by openssl', () => {
  let ours: CreatedIdentity;
  let peer: CreatedIdentity;
  let crossPem: string;
  let peerSki: Uint8Array;
  before(async () => {
    ours = await createIdentity({ name: { org: 'Relying Party', unit: 'PKI' }, san: { hosts: ['rp.example'] }, atMs: now, caPathLength: 1 });
    peer = await createIdentity({ name: { org: 'Partner', unit: 'PKI' }, san: { hosts: ['partner.example'] }, keyType: 'p256', atMs: now });
    const x = await crossCertify({
      peerCaDer: peer.caCertDer,
      ca: { certDer: ours.caCertDer, key: ours.caKeys.privateKey },
      atMs: now,
      limits: { pathLength: 0, permitted: [parseNameLimit('dns:partner.example'), parseNameLimit('spiffe:prod.partner.example')], excluded: [parseNameLimit('dns:secret.partner.example')], extendedKeyUsages: ['clientAuth', 'serverAuth'], validityDays: 30 },
    });
    crossPem = toPem('CERTIFICATE', x.certDer);
    peerSki = await keyIdentifier(await exportSpki(peer.caKeys.publicKey));
  });

  const leaf = async (sans: GeneralNameSpec[], issuer: { name: Uint8Array; key: CryptoKey; ski: Uint8Array } = { name: parseCertificate(peer.caCertDer).subject.der, key: peer.caKeys.privateKey, ski: peerSki }): Promise<string> => {
    const keys = await generateKeyPair('ed25519');
    return toPem('CERTIFICATE', await issueCertifiedEndEntity({
      subject: encodeName([[{ type: OID_ATTR.O, value: 'Partner', tag: 0x0c }]]).der, subjectIsEmpty: false, subjectAltNames: sans, spki: await exportSpki(keys.publicKey),
      issuerName: issuer.name, issuerKeyId: issuer.ski, issuerKey: issuer.key, notBeforeMs: now, notAfterMs: now + 86_400_000,
    }));
  };
  const verify = (leafPem: string, untrusted: string[]): { status: number; out: string } => {
    const t = tempFiles({ 'root.pem': toPem('CERTIFICATE', ours.caCertDer), 'chain.pem': untrusted.join(''), 'leaf.pem': leafPem });
    try {
      const r = openssl(['verify', '-x509_strict', '-CAfile', t.path('root.pem'), '-untrusted', t.path('chain.pem'), t.path('leaf.pem')]);
      return { status: r.status, out: r.stdout + r.stderr };
    } finally {
      t.cleanup();
    }
  };

  it('accepts a partner leaf inside the permitted names (DNS and SPIFFE URI)', async () => {
    const r = verify(await leaf([{ type: 'dns', value: 'api.partner.example' }, { type: 'uri', value: 'spiffe://prod.partner.example/ns/web' }]), [crossPem]);
    assert.equal(r.status, 0, r.out);
  });

  it('rejects partner leaves outside the permitted names or inside an exclusion', async () => {
    for (const sans of [[{ type: 'dns', value: 'bank.example' }], [{ type: 'dns', value: 'x.secret.partner.example' }], [{ type: 'uri', value: 'spiffe://other.example/ns/web' }]] as GeneralNameSpec[][]) {
      const r = verify(await leaf(sans), [crossPem]);
      assert.notEqual(r.status, 0, JSON.stringify(sans));
      assert.match(r.out, /subtree violation|name constraint/i);
    }
  });

  it('rejects a leaf below a sub-CA the partner made (path length 0)', async () => {
    const subKeys = await generateKeyPair('ed25519');
    const subSpki = await exportSpki(subKeys.publicKey);
    const subName = encodeName([[{ type: OID_ATTR.O, value: 'Partner' }], [{ type: OID_ATTR.OU, value: 'Sub CA' }]].map((r) => r.map((a) => ({ ...a, tag: 0x0c })))).der;
    const subSki = await keyIdentifier(subSpki);
    const sub = toPem('CERTIFICATE', await buildCertificate({
      subject: subName, issuer: parseCertificate(peer.caCertDer).subject.der, subjectPublicKeyInfo: subSpki, issuerKey: peer.caKeys.privateKey,
      serial: randomSerial(), notBeforeMs: now, notAfterMs: now + 86_400_000,
      extensions: [subjectKeyIdExtension(subSki), basicConstraintsExtension(true, 0), keyUsageExtension(['keyCertSign', 'cRLSign']), authorityKeyIdExtension(peerSki)],
    }));
    const deep = await leaf([{ type: 'dns', value: 'api.partner.example' }], { name: subName, key: subKeys.privateKey, ski: subSki });
    const r = verify(deep, [crossPem, sub]);
    assert.notEqual(r.status, 0);
    assert.match(r.out, /path length/i);
  });
});
