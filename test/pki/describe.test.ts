import { assert } from 'chai';
import { before, describe, it } from '../harness.ts';
import { readSharedText } from '../support/fixtures.ts';
import {
  createIdentity,
  describeCertificate,
  describeCsr,
  describeCrl,
  inspectCsr,
  parsePem,
  fromBase64,
  formatIp,
  DAY_MS,
  isPkiError,
  type CertificateSummary,
} from '../../src/pki/index.ts';
import { CONSTRAINED_CA_PEM, CRL_PEM, ED25519_CSR_BAD_SIG_B64, ED25519_CSR_PEM, P256_CSR_PEM, RSA_CERT_PEM } from './fixtures/openssl-inputs.ts';

const der = (pem: string): Uint8Array => parsePem(pem)[0]!.der;
const ext = (s: CertificateSummary, name: string) => s.extensions.find((e) => e.name === name);
let gammaPem = '';
before(async () => {
  gammaPem = await readSharedText('fixtures/certified/orgs/gamma/id.crt');
});

describe('describeCertificate', () => {
  it('summarises a certificate we create, judged at the time given', async () => {
    const at = Date.UTC(2026, 0, 1);
    const idn = await createIdentity({ name: { commonName: 'Ada Example' }, san: { hosts: ['ada.example', '::1'], emails: ['ada@example.org'] }, keyType: 'p256', atMs: at });
    const id = await describeCertificate(idn.idCertDer, at + DAY_MS);
    assert.equal(id.subject, 'CN=Ada Example');
    assert.equal(id.subjectDisplay, 'Ada Example');
    assert.equal(id.issuer, 'P=Signing Certificate,CN=Ada Example');
    assert.equal(id.status, 'valid');
    assert.deepEqual(id.key, { type: 'ECDSA P-256', sizeBits: 256 });
    assert.equal(id.signatureAlgorithm, 'ECDSA with SHA-256');
    assert.isFalse(id.isCa);
    assert.isFalse(id.selfIssued);
    assert.isFalse(id.selfSigned);
    assert.deepEqual(ext(id, 'Subject alternative names')?.lines, ['Email: ada@example.org', 'DNS: ada.example', 'IP: ::1']);
    assert.deepEqual(ext(id, 'Basic constraints')?.lines, ['Not a CA (end-entity certificate)']);
    assert.deepEqual(ext(id, 'Key usage')?.lines, ['Digital signature', 'Key encipherment']);
    assert.deepEqual(ext(id, 'Extended key usage')?.lines, ['TLS client authentication', 'TLS server authentication', 'Code signing']);
    assert.isTrue(ext(id, 'Key usage')?.critical);
    assert.match(ext(id, 'Subject key identifier')!.lines[0]!, /^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    assert.match(id.fingerprintSha256.grouped, /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    assert.match(id.fingerprintSha256.colon, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal((await describeCertificate(idn.idCertDer, at - DAY_MS)).status, 'not-yet-valid');
    assert.equal((await describeCertificate(idn.idCertDer, at + 400 * DAY_MS)).status, 'expired');
    const ca = await describeCertificate(idn.caCertDer, at);
    assert.isTrue(ca.isCa && ca.selfIssued && ca.selfSigned);
    assert.deepEqual(ext(ca, 'Basic constraints')?.lines, ['CA, path length 0']);
  });

  it('shows name constraints in words and raw, and RSA key sizes', async () => {
    const ca = await describeCertificate(der(CONSTRAINED_CA_PEM), Date.UTC(2027, 0, 1));
    const nc = ext(ca, 'Name constraints')!;
    assert.isTrue(nc.critical);
    assert.deepEqual(nc.lines.slice(0, 3), ['Permitted: DNS: example.org', 'Permitted: IP: 10.0.0.0/255.0.0.0', 'Excluded: Email: bad.example']);
    assert.match(nc.lines[3]!, /^Raw: 30/);
    const rsa = await describeCertificate(der(RSA_CERT_PEM), Date.UTC(2027, 0, 1));
    assert.deepEqual(rsa.key, { type: 'RSA', sizeBits: 2048 });
    assert.equal(rsa.signatureAlgorithm, 'RSA PKCS#1 v1.5 with SHA-256');
    assert.isTrue(rsa.selfSigned);
  });

  it('renders names exactly as certified does (gamma fixture)', async () => {
    const g = await describeCertificate(der(gammaPem), 0);
    assert.equal(g.subject, 'DC=example,DC=gamma,L=Köln,C=DE,UID=gamma,CN=\\#1 \\"Gamma\\" \\<Ops\\>\\; R\\+D\\, Zoë\\ ');
    assert.deepEqual(g.key, { type: 'ECDSA P-384', sizeBits: 384 });
  });

  it('formats IPv6 per RFC 5952', () => {
    const v6 = new Uint8Array(16);
    v6[0] = 0x20; v6[1] = 0x01; v6[2] = 0x0d; v6[3] = 0xb8; v6[15] = 1;
    assert.equal(formatIp(v6), '2001:db8::1');
    assert.equal(formatIp(new Uint8Array([192, 0, 2, 1])), '192.0.2.1');
  });

  it('throws CERT_MALFORMED for what is not a certificate', async () => {
    try {
      await describeCertificate(der(P256_CSR_PEM), 0);
      assert.fail('expected CERT_MALFORMED');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'CERT_MALFORMED'), String(e));
    }
  });
});

describe('CSRs and CRLs', () => {
  it('parses an Ed25519 CSR with SANs and checks its signature', async () => {
    const csr = await inspectCsr(der(ED25519_CSR_PEM));
    assert.isTrue(csr.signatureValid);
    assert.equal(csr.subject.rdns.length, 2);
    assert.deepEqual(csr.subjectAltNames.map((g) => g.type), ['dns', 'ip', 'email']);
    const s = await describeCsr(der(ED25519_CSR_PEM));
    assert.equal(s.subject, 'OU=Ops,O=Delta Org');
    assert.deepEqual(s.subjectAltNames, ['DNS: delta.example', 'IP: 10.0.0.1', 'Email: ops@delta.example']);
    assert.deepEqual(s.key, { type: 'Ed25519', sizeBits: 256 });
  });

  it('parses a P-256 CSR without extensions', async () => {
    const s = await describeCsr(der(P256_CSR_PEM));
    assert.isTrue(s.signatureValid);
    assert.equal(s.subject, 'CN=Epsilon');
    assert.deepEqual(s.subjectAltNames, []);
  });

  it('reports a CSR whose signature was tampered with', async () => {
    const csr = await inspectCsr(fromBase64(ED25519_CSR_BAD_SIG_B64));
    assert.isFalse(csr.signatureValid);
  });

  it('refuses a CSR with trailing bytes', async () => {
    try {
      await inspectCsr(new Uint8Array([...der(P256_CSR_PEM), 0]));
      assert.fail('expected CSR_MALFORMED');
    } catch (e) {
      assert.isTrue(isPkiError(e, 'CSR_MALFORMED'), String(e));
    }
  });

  it('summarises a CRL', async () => {
    const c = await describeCrl(der(CRL_PEM));
    assert.equal(c.issuer, 'CN=Test CRL CA');
    assert.equal(c.revokedCount, 0);
    assert.equal(c.nextUpdateMs! - c.thisUpdateMs, 30 * DAY_MS);
  });
});
