// Strict PKCS#10 certification request reader (RFC 2986 §4) with signature check, for `introduce`.
// Only what certified takes from a CSR: subject, public key and the requested SubjectAltName.
import { PkiError, isPkiError } from '../errors.ts';
import { TAG, children, contentOf, decodeOid, decodeSmallInteger, elementOf, readWhole, type Tlv } from '../der.ts';
import { parseNameAt, type DistinguishedName } from '../names.ts';
import { OID_EXT } from './extensions.ts';
import { verifyX509Signature } from './verify-signature.ts';

const MAX_CSR_BYTES = 64 * 1024;
const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

export interface CertificationRequest {
  readonly der: Uint8Array;
  readonly info: Uint8Array;
  readonly subject: DistinguishedName;
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly publicKeyAlgorithmOid: string;
  readonly publicKeyCurveOid?: string;
  readonly signatureAlgorithmOid: string;
  readonly signature: Uint8Array;
  /** SubjectAltName extnValue (the GeneralNames SEQUENCE) from an extensionRequest, if any. */
  readonly subjectAltNameValue?: Uint8Array;
}

function fail(what: string, cause?: unknown): never {
  throw new PkiError('CSR_MALFORMED', `not a valid PKCS#10 request: ${what}`, cause === undefined ? undefined : { cause });
}

function expect(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) fail(`${what} missing or of the wrong type`);
  return t;
}

/** Parses a DER PKCS#10 request. Throws CSR_MALFORMED. Does not check the signature. */
export function parseCsr(der: Uint8Array): CertificationRequest {
  if (der.length > MAX_CSR_BYTES) fail('larger than 64 KiB');
  try {
    return parseInner(der);
  } catch (e) {
    if (isPkiError(e, 'CSR_MALFORMED')) throw e;
    if (isPkiError(e)) fail(e.message, e);
    throw e;
  }
}

function parseInner(der: Uint8Array): CertificationRequest {
  const top = readWhole(der, TAG.SEQUENCE);
  const [infoT, algT, sigT, ...extra] = children(der, top);
  if (extra.length) fail('extra fields after the signature');
  expect(infoT, TAG.SEQUENCE, 'certificationRequestInfo');
  expect(algT, TAG.SEQUENCE, 'signatureAlgorithm');
  expect(sigT, TAG.BIT_STRING, 'signature');
  const [versionT, subjectT, spkiT, attrsT, ...more] = children(der, infoT!);
  if (more.length) fail('extra fields in certificationRequestInfo');
  if (decodeSmallInteger(contentOf(der, expect(versionT, TAG.INTEGER, 'version'))) !== 0) fail('version is not 1');
  expect(subjectT, TAG.SEQUENCE, 'subject');
  expect(spkiT, TAG.SEQUENCE, 'subjectPKInfo');
  expect(attrsT, 0xa0, 'attributes');
  const [spkiAlg] = children(der, spkiT!);
  const algParts = children(der, expect(spkiAlg, TAG.SEQUENCE, 'key algorithm'));
  const publicKeyAlgorithmOid = decodeOid(contentOf(der, expect(algParts[0], TAG.OID, 'key algorithm OID')));
  const curve = algParts[1]?.tag === TAG.OID ? decodeOid(contentOf(der, algParts[1])) : undefined;
  let subjectAltNameValue: Uint8Array | undefined;
  for (const attr of children(der, attrsT!)) {
    const [typeT, valuesT, ...x] = children(der, expect(attr, TAG.SEQUENCE, 'attribute'));
    if (x.length) fail('attribute has extra fields');
    const type = decodeOid(contentOf(der, expect(typeT, TAG.OID, 'attribute type')));
    const values = children(der, expect(valuesT, TAG.SET, 'attribute values'));
    if (type !== OID_EXTENSION_REQUEST) continue;
    if (values.length !== 1) fail('extensionRequest must have one value');
    for (const ext of children(der, expect(values[0], TAG.SEQUENCE, 'extensions'))) {
      const parts = children(der, expect(ext, TAG.SEQUENCE, 'extension'));
      const oid = decodeOid(contentOf(der, expect(parts[0], TAG.OID, 'extension OID')));
      const valueT = parts[parts.length - 1];
      const value = contentOf(der, expect(valueT, TAG.OCTET_STRING, 'extension value'));
      if (oid === OID_EXT.SUBJECT_ALT_NAME) {
        if (subjectAltNameValue) fail('SubjectAltName requested twice');
        readWhole(value, TAG.SEQUENCE);
        subjectAltNameValue = value;
      }
    }
  }
  const [sigAlgOid] = children(der, algT!);
  const sig = contentOf(der, sigT!);
  if (sig.length < 1 || sig[0] !== 0) fail('signature BIT STRING has unused bits');
  return {
    der,
    info: elementOf(der, infoT!),
    subject: parseNameAt(der, subjectT!),
    subjectPublicKeyInfo: elementOf(der, spkiT!),
    publicKeyAlgorithmOid,
    ...(curve ? { publicKeyCurveOid: curve } : {}),
    signatureAlgorithmOid: decodeOid(contentOf(der, expect(sigAlgOid, TAG.OID, 'signature algorithm OID'))),
    signature: sig.subarray(1),
    ...(subjectAltNameValue ? { subjectAltNameValue } : {}),
  };
}

/** True when the request is signed by its own key (proof of possession). */
export async function verifyCsrSignature(csr: CertificationRequest): Promise<boolean> {
  return verifyX509Signature({
    issuerSpki: csr.subjectPublicKeyInfo,
    signatureAlgorithmOid: csr.signatureAlgorithmOid,
    data: csr.info,
    signature: csr.signature,
  });
}

/**
 * Parses a CSR and checks its self-signature (proof of possession) in one step, for issuers that
 * take only the key from it (hierarchy leaves). Throws CSR_MALFORMED, CSR_BAD_SIGNATURE.
 */
export async function parseCertificationRequest(der: Uint8Array): Promise<CertificationRequest> {
  const csr = parseCsr(der);
  if (!(await verifyCsrSignature(csr))) throw new PkiError('CSR_BAD_SIGNATURE', 'the request is not signed by the key it asks to certify');
  return csr;
}
