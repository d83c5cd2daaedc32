import { assert } from 'chai';
import { describe, it, before } from '../harness.ts';
import {
  createIdentity,
  issueCrl,
  parseCrl,
  checkCrlUpdate,
  crlFreshness,
  findRevocation,
  parseCertificate,
  serialHex,
  isPkiError,
  DAY_MS,
  readCrlList,
  toBase64,
  toPem,
  type CreatedIdentity,
} from '../../src/pki/index.ts';
import { expectCode as expectCodeOf } from '../support/expect-code.ts';

const at = Date.UTC(2026, 10, 25, 12);

const expectCode = (p: Promise<unknown> | (() => unknown), code: string): Promise<void> => expectCodeOf(p, code, isPkiError);

describe('CRLs (RFC 5280 §5)', () => {
  let a: CreatedIdentity;
  let b: CreatedIdentity;
  before(async () => {
    a = await createIdentity({ name: { commonName: 'CRL A' }, san: { hosts: ['a.example'] }, atMs: at });
    b = await createIdentity({ name: { commonName: 'CRL B' }, san: { hosts: ['b.example'] }, keyType: 'p256', atMs: at });
  });

  it('issues a v2 CRL with number, AKI, entries and reasons, and parses it back', async () => {
    const id = parseCertificate(a.idCertDer);
    const der = await issueCrl({
      issuerCertDer: a.caCertDer,
      issuerKey: a.caKeys.privateKey,
      crlNumber: 7n,
      thisUpdateMs: at,
      nextUpdateMs: at + 7 * DAY_MS,
      entries: [{ serial: id.serial, revokedAtMs: at - 1000, reason: 'keyCompromise' }],
    });
    const crl = parseCrl(der);
    assert.equal(crl.crlNumber, 7n);
    assert.equal(crl.entries.length, 1);
    assert.equal(crl.entries[0]!.serialHex, serialHex(id));
    assert.equal(crl.entries[0]!.reason, 'keyCompromise');
    assert.equal(crlFreshness(crl, at + DAY_MS), 'fresh');
    assert.equal(crlFreshness(crl, at + 8 * DAY_MS), 'stale');
    assert.exists(findRevocation(crl, serialHex(id)));
    assert.notExists(findRevocation(crl, serialHex(id), at - 5000), 'not yet revoked before its revocation date');
    await checkCrlUpdate({ crlDer: der, issuerCertDer: a.caCertDer });
  });

  it('refuses a CRL signed by another CA (CRL_WRONG_ISSUER)', async () => {
    const der = await issueCrl({ issuerCertDer: b.caCertDer, issuerKey: b.caKeys.privateKey, crlNumber: 1n, thisUpdateMs: at, nextUpdateMs: at + DAY_MS, entries: [] });
    await expectCode(checkCrlUpdate({ crlDer: der, issuerCertDer: a.caCertDer }), 'CRL_WRONG_ISSUER');
  });

  it('refuses a CRL whose signature was made by another key under the right name (CRL_BAD_SIGNATURE)', async () => {
    // Same CA name and certificate, but signed with B's key: the name and AKI match, the signature does not.
    const der = await issueCrl({ issuerCertDer: a.caCertDer, issuerKey: b.caKeys.privateKey, crlNumber: 1n, thisUpdateMs: at, nextUpdateMs: at + DAY_MS, entries: [] });
    await expectCode(checkCrlUpdate({ crlDer: der, issuerCertDer: a.caCertDer }), 'CRL_BAD_SIGNATURE');
  });

  it('refuses a CRL number going backwards (CRL_NUMBER_ROLLBACK)', async () => {
    const mk = (n: bigint): Promise<Uint8Array> => issueCrl({ issuerCertDer: a.caCertDer, issuerKey: a.caKeys.privateKey, crlNumber: n, thisUpdateMs: at, nextUpdateMs: at + DAY_MS, entries: [] });
    const newer = await mk(5n);
    const older = await mk(4n);
    await expectCode(checkCrlUpdate({ crlDer: older, issuerCertDer: a.caCertDer, currentCrlDer: newer }), 'CRL_NUMBER_ROLLBACK');
    await checkCrlUpdate({ crlDer: newer, issuerCertDer: a.caCertDer, currentCrlDer: older });
  });

  it('accepts the held CRL again as unchanged, and refuses another CRL with the same number (CRL_NUMBER_REUSED)', async () => {
    const mk = (entries: Parameters<typeof issueCrl>[0]['entries']): Promise<Uint8Array> =>
      issueCrl({ issuerCertDer: a.caCertDer, issuerKey: a.caKeys.privateKey, crlNumber: 3n, thisUpdateMs: at, nextUpdateMs: at + DAY_MS, entries });
    const held = await mk([]);
    assert.isTrue((await checkCrlUpdate({ crlDer: held, issuerCertDer: a.caCertDer, currentCrlDer: held })).unchanged);
    const other = await mk([{ serial: parseCertificate(a.idCertDer).serial, revokedAtMs: at }]);
    await expectCode(checkCrlUpdate({ crlDer: other, issuerCertDer: a.caCertDer, currentCrlDer: held }), 'CRL_NUMBER_REUSED');
    assert.isFalse((await checkCrlUpdate({ crlDer: other, issuerCertDer: a.caCertDer })).unchanged);
  });

  it('reads CRLs as DER, PEM (several blocks) and a base64 line; refuses other things with INPUT_ codes', async () => {
    const one = await issueCrl({ issuerCertDer: a.caCertDer, issuerKey: a.caKeys.privateKey, crlNumber: 1n, thisUpdateMs: at, nextUpdateMs: at + DAY_MS, entries: [] });
    const two = await issueCrl({ issuerCertDer: b.caCertDer, issuerKey: b.caKeys.privateKey, crlNumber: 1n, thisUpdateMs: at, nextUpdateMs: at + DAY_MS, entries: [] });
    assert.deepEqual(readCrlList(one), [one]);
    assert.deepEqual(readCrlList(`# ours\n${toPem('X509 CRL', one)}${toPem('X509 CRL', two)}`), [one, two]);
    assert.deepEqual(readCrlList(toBase64(one)), [one]);
    await expectCode(() => readCrlList(''), 'INPUT_EMPTY');
    await expectCode(() => readCrlList(toPem('CERTIFICATE', a.caCertDer)), 'INPUT_WRONG_TYPE');
    await expectCode(() => readCrlList('hello world'), 'INPUT_UNRECOGNISED');
    await expectCode(() => readCrlList(new Uint8Array([0xff, 0xfe, 0x00])), 'INPUT_BAD_DER');
  });

  const malformed: Array<{ name: string; mutate: (d: Uint8Array) => Uint8Array }> = [
    { name: 'truncated', mutate: (d) => d.subarray(0, d.length - 3) },
    { name: 'trailing garbage', mutate: (d) => Uint8Array.from([...d, 0, 0]) },
    { name: 'a certificate instead', mutate: () => a.caCertDer },
    { name: 'empty', mutate: () => new Uint8Array(0) },
  ];
  for (const m of malformed) {
    it(`rejects malformed DER: ${m.name} (CRL_MALFORMED)`, async () => {
      const der = await issueCrl({ issuerCertDer: a.caCertDer, issuerKey: a.caKeys.privateKey, crlNumber: 1n, thisUpdateMs: at, nextUpdateMs: at + DAY_MS, entries: [] });
      await expectCode(() => parseCrl(m.mutate(der)), 'CRL_MALFORMED');
    });
  }

  it('refuses to issue a CRL from a non-CA certificate (CRL_ISSUER_CANNOT_SIGN_CRLS)', async () => {
    await expectCode(
      issueCrl({ issuerCertDer: a.idCertDer, issuerKey: a.idKeys.privateKey, crlNumber: 1n, thisUpdateMs: at, nextUpdateMs: at + DAY_MS, entries: [] }),
      'CRL_ISSUER_CANNOT_SIGN_CRLS',
    );
  });
});
