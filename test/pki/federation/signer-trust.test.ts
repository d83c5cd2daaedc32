// A bundle signer is trusted as our path validator judges it: directly, or under one trusted CA that may
// issue it (key usage, validity, name constraints), and not when that CA's CRL revokes it.
import { assert } from 'chai';
import { describe, it } from '../../harness.ts';
import { checkSignerTrusted, isPkiError, issueCrl, parseCertificate, sha256, toHex } from '../../../src/pki/index.ts';
import { DAY, T, makeCert } from '../validate/chain-kit.ts';

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.isTrue(isPkiError(e, 'BUNDLE_SIGNER_UNTRUSTED'), String(e));
    return String((e as { details?: Record<string, unknown> }).details?.['pathCode']);
  }
  assert.fail('expected BUNDLE_SIGNER_UNTRUSTED');
}

describe('checkSignerTrusted uses validatePath', () => {
  it('trusts the signer itself and a signer under a trusted CA, naming the certificate that vouched', async () => {
    const ca = await makeCert({ cn: 'Signer CA', ca: true });
    const signer = await makeCert({ cn: 'Bundle Signer', issuer: ca });
    assert.equal(await checkSignerTrusted(parseCertificate(signer.der), [ca.der], T), toHex(await sha256(ca.der)));
    assert.equal(await checkSignerTrusted(parseCertificate(signer.der), [signer.der], T), toHex(await sha256(signer.der)));
  });

  it('refuses with the validator\'s reason: untrusted, expired, an issuer that may not sign certificates, revoked', async () => {
    const ca = await makeCert({ cn: 'Signer CA 2', ca: true });
    const other = await makeCert({ cn: 'Other CA', ca: true });
    const signer = await makeCert({ cn: 'Bundle Signer 2', issuer: ca });
    assert.equal(await refusal(checkSignerTrusted(parseCertificate(signer.der), [other.der], T)), 'PATH_NO_ISSUER');
    assert.equal(await refusal(checkSignerTrusted(parseCertificate(signer.der), [ca.der], T + 400 * DAY)), 'PATH_EXPIRED');
    const noSign = await makeCert({ cn: 'Weak CA', ca: true, keyUsage: ['digitalSignature'] });
    const underWeak = await makeCert({ cn: 'Bundle Signer 3', issuer: noSign });
    assert.equal(await refusal(checkSignerTrusted(parseCertificate(underWeak.der), [noSign.der], T)), 'PATH_KEY_USAGE');
    const crl = await issueCrl({
      issuerCertDer: ca.der, issuerKey: ca.keys.privateKey, crlNumber: 1n, thisUpdateMs: T - DAY, nextUpdateMs: T + DAY,
      entries: [{ serial: parseCertificate(signer.der).serial, revokedAtMs: T - DAY, reason: 'keyCompromise' }],
    });
    assert.equal(await refusal(checkSignerTrusted(parseCertificate(signer.der), [ca.der], T, [crl])), 'PATH_REVOKED');
  });
});
