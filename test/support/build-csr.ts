// Test helper: a PKCS#10 request (RFC 2986) signed by `keys`, with an optional SAN extensionRequest.
import { derContext, derSequence, derSet, derSmallInteger, derBitString, derOctetString, encodeOid } from '../../src/pki/der.ts';
import { exportSpki, signForX509, signatureAlgorithmDer, encodeGeneralName, type GeneralNameSpec } from '../../src/pki/index.ts';

export async function buildCsr(opts: { subjectDer: Uint8Array; keys: CryptoKeyPair; sans?: ReadonlyArray<GeneralNameSpec>; corruptSignature?: boolean }): Promise<Uint8Array> {
  const spki = await exportSpki(opts.keys.publicKey);
  const attrs = opts.sans?.length
    ? derSequence(encodeOid('1.2.840.113549.1.9.14'), derSet(derSequence(derSequence(encodeOid('2.5.29.17'), derOctetString(derSequence(...opts.sans.map(encodeGeneralName)))))))
    : undefined;
  const info = derSequence(derSmallInteger(0), opts.subjectDer, spki, derContext(0, attrs ?? new Uint8Array(), true));
  const sig = await signForX509(opts.keys.privateKey, info);
  if (opts.corruptSignature) sig[sig.length - 3]! ^= 1;
  return derSequence(info, signatureAlgorithmDer(opts.keys.privateKey), derBitString(sig));
}
