// checkIntroduction decides trust with the path validator: what a relying party's RFC 5280 validator
// would reject (issuer key usage, name constraints, a revocation the introducer published) is refused.
import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import {
  checkIntroduction,
  createIdentity,
  issueCrl,
  nameConstraintsExtension,
  parseCertificate,
  toCertifiedB64,
  type CreatedIdentity,
  type IntroCheck,
} from '../../../src/pki/index.ts';
import { DAY, T, makeCert } from '../validate/chain-kit.ts';

const codes = (c: IntroCheck): string[] => (c.ok ? [] : c.problems.map((p) => p.code));

describe('checkIntroduction uses validatePath', () => {
  let ours: CreatedIdentity;
  let spki: Uint8Array;
  before(async () => {
    ours = await createIdentity({ name: { org: 'Ours', unit: 'Ops' }, san: { hosts: ['ours.example'] }, atMs: T - DAY });
    spki = parseCertificate(ours.idCertDer).subjectPublicKeyInfo;
  });
  const json = (signed: Uint8Array, ca: Uint8Array): unknown => ({ signed_cert: toCertifiedB64(signed), ca_cert: toCertifiedB64(ca) });
  const check = (j: unknown, extra: { crls?: Uint8Array[] } = {}): Promise<IntroCheck> =>
    checkIntroduction({ json: j, ourIdentities: [{ idCertDer: ours.idCertDer }], atMs: T, ...extra });

  it('accepts a well-formed introduction', async () => {
    const ca = await makeCert({ cn: 'Good Introducer', ca: true });
    const signed = await makeCert({ cn: 'Ours', issuer: ca, spki, san: [{ type: 'dns', value: 'ours.example' }] });
    const c = await check(json(signed.der, ca.der));
    assert.isTrue(c.ok, codes(c).join());
  });

  it('PATH_KEY_USAGE: an introducer whose key usage does not allow certificate signing (the old check let it through)', async () => {
    const ca = await makeCert({ cn: 'No CertSign Introducer', ca: true, keyUsage: ['digitalSignature', 'cRLSign'] });
    const signed = await makeCert({ cn: 'Ours', issuer: ca, spki });
    assert.deepEqual(codes(await check(json(signed.der, ca.der))), ['PATH_KEY_USAGE']);
  });

  it('PATH_NAME_CONSTRAINTS: an introducer constrained away from our names', async () => {
    const ca = await makeCert({ cn: 'Constrained Introducer', ca: true, extra: [nameConstraintsExtension({ excluded: [{ type: 'dns', value: 'ours.example' }] })] });
    const signed = await makeCert({ cn: 'Ours', issuer: ca, spki, san: [{ type: 'dns', value: 'ours.example' }] });
    assert.deepEqual(codes(await check(json(signed.der, ca.der))), ['PATH_NAME_CONSTRAINTS']);
  });

  it('keeps the introduction codes: another issuer, expiry', async () => {
    const ca = await makeCert({ cn: 'Introducer A', ca: true });
    const other = await makeCert({ cn: 'Introducer B', ca: true });
    const signed = await makeCert({ cn: 'Ours', issuer: ca, spki });
    assert.include(codes(await check(json(signed.der, other.der))), 'INTRO_ISSUER_MISMATCH');
    const old = await makeCert({ cn: 'Ours', issuer: ca, spki, notBeforeMs: T - 9 * DAY, notAfterMs: T - DAY });
    assert.include(codes(await check(json(old.der, ca.der))), 'INTRO_EXPIRED');
  });

  it('PATH_REVOKED: an introduction the introducer has revoked, given its CRL; accepted with the earlier CRL', async () => {
    const ca = await makeCert({ cn: 'Revoking Introducer', ca: true });
    const signed = await makeCert({ cn: 'Ours', issuer: ca, spki });
    const crl = (n: bigint, revoked: boolean): Promise<Uint8Array> =>
      issueCrl({
        issuerCertDer: ca.der,
        issuerKey: ca.keys.privateKey,
        crlNumber: n,
        thisUpdateMs: T - DAY / 2,
        nextUpdateMs: T + DAY,
        entries: revoked ? [{ serial: parseCertificate(signed.der).serial, revokedAtMs: T - DAY / 4, reason: 'privilegeWithdrawn' }] : [],
      });
    const r = await check(json(signed.der, ca.der), { crls: [await crl(2n, true)] });
    assert.deepEqual(codes(r), ['PATH_REVOKED']);
    if (!r.ok) assert.include(r.problems[0]!.message, 'privilege withdrawn');
    assert.isTrue((await check(json(signed.der, ca.der), { crls: [await crl(1n, false)] })).ok);
  });
});
