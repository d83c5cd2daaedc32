// validatePath with CRLs (RFC 5280 §6.3): every refusal asserts its code, in Node and in Chromium.
import { assert } from 'chai';
import { describe, it, before } from '../../harness.ts';
import { issueCrl, parseCertificate, serialHex, validatePath, type CrlReason, type PathValidationOptions } from '../../../src/pki/index.ts';
import { AT, DAY, T, makeCert, makeChain, type Issued } from './chain-kit.ts';

interface CrlSpec {
  readonly revoked?: ReadonlyArray<{ cert: Issued; reason?: CrlReason; atMs?: number }>;
  readonly number?: bigint;
  readonly thisUpdateMs?: number;
  readonly nextUpdateMs?: number;
  /** Sign with this key instead of the issuer's own (an impostor under the issuer's name). */
  readonly signWith?: Issued;
}

async function crlOf(issuer: Issued, spec: CrlSpec = {}): Promise<Uint8Array> {
  return issueCrl({
    issuerCertDer: issuer.der,
    issuerKey: (spec.signWith ?? issuer).keys.privateKey,
    crlNumber: spec.number ?? 1n,
    thisUpdateMs: spec.thisUpdateMs ?? T - DAY / 2,
    nextUpdateMs: spec.nextUpdateMs ?? T + 7 * DAY,
    entries: (spec.revoked ?? []).map((r) => ({ serial: parseCertificate(r.cert.der).serial, revokedAtMs: r.atMs ?? T - DAY / 4, ...(r.reason ? { reason: r.reason } : {}) })),
  });
}

describe('validatePath: revocation with CRLs', () => {
  let c: Awaited<ReturnType<typeof makeChain>>;
  let sibling: Issued;
  let opts: (extra: Partial<PathValidationOptions>) => PathValidationOptions;
  before(async () => {
    c = await makeChain({ root: { cn: 'Rev Root' }, inter: { cn: 'Rev Inter' }, leaf: { cn: 'Rev Leaf' } });
    sibling = await makeCert({ cn: 'Rev Sibling', issuer: c.inter });
    opts = (extra) => ({ leaf: c.leaf.der, intermediates: [c.inter.der], roots: [c.root.der], time: AT, ...extra });
  });

  it('accepts with current CRLs that list nothing, and says how each certificate stands', async () => {
    const r = await validatePath(opts({ crls: [await crlOf(c.inter, { number: 4n }), await crlOf(c.root)], revocation: 'required' }));
    assert.isTrue(r.ok, `${r.code}: ${r.message}`);
    assert.deepEqual(r.revocationChecks, [
      { index: 0, status: 'good', crlNumber: '4', nextUpdateMs: T + 7 * DAY },
      { index: 1, status: 'good', crlNumber: '1', nextUpdateMs: T + 7 * DAY },
    ]);
  });

  it('PATH_REVOKED: the leaf, with the revocation date, reason and CRL in the result', async () => {
    const revokedAt = T - 3 * 3600_000;
    const r = await validatePath(opts({ crls: [await crlOf(c.inter, { number: 9n, revoked: [{ cert: c.leaf, reason: 'keyCompromise', atMs: revokedAt }] })] }));
    assert.isFalse(r.ok);
    assert.equal(r.code, 'PATH_REVOKED');
    assert.equal(r.failedIndex, 0);
    assert.deepEqual(r.revoked, {
      index: 0,
      subject: 'CN=Rev Leaf',
      serialHex: serialHex(parseCertificate(c.leaf.der)),
      revokedAtMs: revokedAt,
      reason: 'keyCompromise',
      crlIssuer: 'CN=Rev Inter',
      crlNumber: '9',
    });
    assert.include(r.message, new Date(revokedAt).toISOString());
    assert.include(r.message, 'key compromised');
    assert.include(r.message, 'CRL number 9 of CN=Rev Inter');
  });

  it('PATH_REVOKED: a revoked intermediate rejects every certificate below it', async () => {
    const crls = [await crlOf(c.root, { revoked: [{ cert: c.inter, reason: 'cACompromise' }] }), await crlOf(c.inter)];
    for (const leaf of [c.leaf, sibling]) {
      const r = await validatePath({ ...opts({ crls }), leaf: leaf.der });
      assert.equal(r.code, 'PATH_REVOKED');
      assert.equal(r.failedIndex, 1);
      assert.equal(r.revoked?.subject, 'CN=Rev Inter');
      assert.equal(r.revoked?.reason, 'cACompromise');
    }
    // The intermediate itself, presented as a leaf, is rejected too.
    const r = await validatePath({ leaf: c.inter.der, roots: [c.root.der], time: AT, crls });
    assert.equal(r.code, 'PATH_REVOKED');
    assert.equal(r.failedIndex, 0);
  });

  it('a revoked intermediate does not block another path: the re-issued intermediate (same key, new serial) is used', async () => {
    const reissued = await makeCert({ cn: 'Rev Inter', ca: true, issuer: c.root });
    const crls = [await crlOf(c.root, { revoked: [{ cert: c.inter, reason: 'superseded' }] })];
    const r = await validatePath(opts({ intermediates: [c.inter.der, reissued.der], crls }));
    assert.isTrue(r.ok, `${r.code}: ${r.message}`);
    assert.deepEqual(r.chain?.[1], reissued.der);
    assert.deepEqual(r.revocationChecks?.map((x) => x.status), ['no-crl', 'good']);
  });

  it('PATH_CRL_STALE: under required, a CRL past its next update rejects; if-present accepts and says so', async () => {
    const stale = await crlOf(c.inter, { thisUpdateMs: T - 10 * DAY, nextUpdateMs: T - DAY });
    const root = await crlOf(c.root);
    const req = await validatePath(opts({ crls: [stale, root], revocation: 'required' }));
    assert.equal(req.code, 'PATH_CRL_STALE');
    assert.equal(req.failedIndex, 0);
    assert.include(req.message, new Date(T - DAY).toISOString());
    const lax = await validatePath(opts({ crls: [stale, root], revocation: 'if-present' }));
    assert.isTrue(lax.ok, lax.message);
    assert.equal(lax.revocationChecks?.[0]?.status, 'stale-crl');
  });

  it('a stale CRL still revokes what it lists, even under if-present', async () => {
    const stale = await crlOf(c.inter, { thisUpdateMs: T - 10 * DAY, nextUpdateMs: T - DAY, revoked: [{ cert: c.leaf, atMs: T - 9 * DAY }] });
    const r = await validatePath(opts({ crls: [stale] }));
    assert.equal(r.code, 'PATH_REVOKED');
    assert.equal(r.revoked?.reason, 'unspecified');
  });

  it('PATH_CRL_MISSING: under required, every certificate below the anchor needs its issuer\'s CRL', async () => {
    const onlyInter = await validatePath(opts({ crls: [await crlOf(c.inter)], revocation: 'required' }));
    assert.equal(onlyInter.code, 'PATH_CRL_MISSING');
    assert.equal(onlyInter.failedIndex, 1);
    assert.include(onlyInter.message, 'CN=Rev Root');
    const none = await validatePath(opts({ revocation: 'required' }));
    assert.equal(none.code, 'PATH_CRL_MISSING');
  });

  it('a CRL under the issuer\'s name signed by another key is not honoured (and is no CRL under required)', async () => {
    const impostor = await makeCert({ cn: 'Impostor', ca: true });
    const forged = await crlOf(c.inter, { revoked: [{ cert: c.leaf }], signWith: impostor });
    const lax = await validatePath(opts({ crls: [forged] }));
    assert.isTrue(lax.ok, 'a forged CRL must not revoke');
    assert.equal(lax.revocationChecks?.[0]?.status, 'no-crl');
    const req = await validatePath(opts({ crls: [forged, await crlOf(c.root)], revocation: 'required' }));
    assert.equal(req.code, 'PATH_CRL_MISSING');
    assert.include(req.message, 'does not verify');
  });

  it('a CRL from a CA whose key usage lacks cRLSign is not honoured', async () => {
    const root = await makeCert({ cn: 'NoCrlSign Root', ca: true });
    const inter = await makeCert({ cn: 'NoCrlSign Inter', ca: true, issuer: root, keyUsage: ['keyCertSign'] });
    const leaf = await makeCert({ cn: 'NoCrlSign Leaf', issuer: inter });
    // issueCrl itself refuses such an issuer; sign under a cRLSign-capable twin certificate of the same key.
    const twin = await makeCert({ cn: 'NoCrlSign Inter', ca: true, issuer: root });
    const crl = await crlOf(twin, { revoked: [{ cert: leaf }] });
    const r = await validatePath({ leaf: leaf.der, intermediates: [inter.der], roots: [root.der], time: AT, crls: [crl, await crlOf(root)], revocation: 'required' });
    assert.equal(r.code, 'PATH_CRL_MISSING');
    assert.include(r.message, 'cRLSign');
  });

  it('the newest CRL decides: a hold lifted by a later CRL no longer rejects', async () => {
    const held = await crlOf(c.inter, { number: 1n, revoked: [{ cert: c.leaf, reason: 'certificateHold' }] });
    const lifted = await crlOf(c.inter, { number: 2n });
    assert.equal((await validatePath(opts({ crls: [held] }))).revoked?.reason, 'certificateHold');
    const r = await validatePath(opts({ crls: [lifted, held] }));
    assert.isTrue(r.ok, r.message);
    assert.equal(r.revocationChecks?.[0]?.crlNumber, '2');
  });

  it('a revocation dated after the validation time does not apply yet', async () => {
    const later = await crlOf(c.inter, { revoked: [{ cert: c.leaf, atMs: T + DAY }] });
    assert.isTrue((await validatePath(opts({ crls: [later] }))).ok);
    assert.equal((await validatePath(opts({ crls: [later], time: new Date(T + 2 * DAY) }))).code, 'PATH_REVOKED');
  });

  it("revocation 'off' ignores CRLs; the default without CRLs checks nothing", async () => {
    const revoking = await crlOf(c.inter, { revoked: [{ cert: c.leaf }] });
    const off = await validatePath(opts({ crls: [revoking], revocation: 'off' }));
    assert.isTrue(off.ok);
    assert.isUndefined(off.revocationChecks);
    assert.isUndefined((await validatePath(opts({}))).revocationChecks);
  });

  it('ECDSA P-256 CAs: their CRLs verify and revoke', async () => {
    const p = await makeChain({ root: { cn: 'P Root', keyType: 'p256' }, inter: { cn: 'P Inter', keyType: 'p256' }, leaf: { cn: 'P Leaf' } });
    const crl = await crlOf(p.inter, { revoked: [{ cert: p.leaf, reason: 'affiliationChanged' }] });
    const r = await validatePath({ leaf: p.leaf.der, intermediates: [p.inter.der], roots: [p.root.der], time: AT, crls: [crl, await crlOf(p.root)], revocation: 'required' });
    assert.equal(r.code, 'PATH_REVOKED');
    assert.equal(r.revoked?.reason, 'affiliationChanged');
  });

  const bad: Array<{ name: string; crls: () => Promise<unknown>; revocation?: string; want: string }> = [
    { name: 'a truncated CRL', crls: async () => [(await crlOf(c.inter)).subarray(0, 40)], want: 'PATH_MALFORMED' },
    { name: 'a certificate given as a CRL', crls: async () => [c.inter.der], want: 'PATH_MALFORMED' },
    { name: 'CRLs that are not bytes', crls: async () => ['crl'], want: 'PATH_BAD_REQUEST' },
    { name: 'an unknown revocation mode', crls: async () => [], revocation: 'sometimes', want: 'PATH_BAD_REQUEST' },
    { name: 'too many CRLs', crls: async () => Array.from({ length: 65 }, () => new Uint8Array([0x30, 0])), want: 'PATH_LIMIT_EXCEEDED' },
  ];
  for (const b of bad) {
    it(`${b.want}: ${b.name}`, async () => {
      const r = await validatePath(opts({ crls: (await b.crls()) as Uint8Array[], ...(b.revocation ? { revocation: b.revocation as 'off' } : {}) }));
      assert.equal(r.code, b.want, r.message);
    });
  }
});
