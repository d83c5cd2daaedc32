// Strict PKCS#10 CertificationRequest parser (RFC 2986 §4): subject, public key, self-signature.
// Requested extensions are read but never copied: the issuer decides every extension.
import { PkiError, isPkiError } from '../errors.ts';
import { TAG, children, contentOf, decodeOid, decodeSmallInteger, elementOf, readWhole, type Tlv } from '../der.ts';
import { parseNameAt, type DistinguishedName } from '../names.ts';
import { verifyX509Signature } from './verify-signature.ts';

export interface CertificationRequest {
  readonly der: Uint8Array;
  readonly subject: DistinguishedName;
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly signatureAlgorithmOid: string;
}

const MAX_CSR_BYTES = 64 * 1024;

function fail(what: string, cause?: unknown): never {
  throw new PkiError('HIER_CSR_MALFORMED', `not a valid PKCS#10 request: ${what}`, cause === undefined ? undefined : { cause });
}

function need(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) fail(`${what} missing or of the wrong type`);
  return t;
}

/**
 * Parses a DER CSR and checks its self-signature (proof of possession).
 * Throws HIER_CSR_MALFORMED for bad structure, CSR_BAD_SIGNATURE when the signature does not verify.
 */
export async function parseCertificationRequest(der: Uint8Array): Promise<CertificationRequest> {
  if (der.length > MAX_CSR_BYTES) fail('larger than 64 KiB');
  let info: Uint8Array, sigOid: string, signature: Uint8Array, subject: DistinguishedName, spki: Uint8Array;
  try {
    const top = readWhole(der, TAG.SEQUENCE);
    const [infoT, algT, sigT, ...extra] = children(der, top);
    if (extra.length) fail('extra fields after the signature');
    need(infoT, TAG.SEQUENCE, 'CertificationRequestInfo');
    const alg = children(der, need(algT, TAG.SEQUENCE, 'signatureAlgorithm'));
    sigOid = decodeOid(contentOf(der, need(alg[0], TAG.OID, 'signature algorithm OID')));
    const bits = contentOf(der, need(sigT, TAG.BIT_STRING, 'signature'));
    if (bits[0] !== 0) fail('signature BIT STRING has unused bits');
    signature = bits.subarray(1);
    const [verT, subjT, spkiT, attrT, ...more] = children(der, infoT!);
    if (more.length) fail('extra fields in CertificationRequestInfo');
    if (decodeSmallInteger(contentOf(der, need(verT, TAG.INTEGER, 'version'))) !== 0) fail('version is not v1 (0)');
    subject = parseNameAt(der, need(subjT, TAG.SEQUENCE, 'subject'));
    spki = elementOf(der, need(spkiT, TAG.SEQUENCE, 'subjectPKInfo')).slice();
    readWhole(spki, TAG.SEQUENCE);
    need(attrT, 0xa0, 'attributes [0]');
    info = elementOf(der, infoT!);
  } catch (e) {
    if (isPkiError(e, 'HIER_CSR_MALFORMED')) throw e;
    if (isPkiError(e)) fail(e.message, e);
    throw e;
  }
  let ok: boolean;
  try {
    ok = await verifyX509Signature({ issuerSpki: spki, signatureAlgorithmOid: sigOid, data: info, signature });
  } catch (cause) {
    throw new PkiError('CSR_BAD_SIGNATURE', 'the request signature cannot be checked', { cause });
  }
  if (!ok) throw new PkiError('CSR_BAD_SIGNATURE', 'the request is not signed by its own key');
  return { der: der.slice(), subject, subjectPublicKeyInfo: spki, signatureAlgorithmOid: sigOid };
}
