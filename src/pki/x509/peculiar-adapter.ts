// The ONLY module that imports @peculiar/x509 (it needs the Reflect polyfill first and registers
// globals). It hands out our own plain types. CSRs: RFC 2986; signature checked with our verifier.
import 'reflect-metadata';
import { Pkcs10CertificateRequest } from '@peculiar/x509';
import { PkiError, isPkiError } from '../errors.ts';
import { TAG, children, contentOf, decodeOid, elementOf, readWhole } from '../der.ts';
import { copyBytes } from '../bytes.ts';
import { parseName, type DistinguishedName } from '../names.ts';
import { OID_EXT } from './extensions.ts';
import { decodeGeneralName, type GeneralName } from './certificate.ts';
import { verifyX509Signature } from './verify-signature.ts';

export interface ParsedCsr {
  readonly der: Uint8Array;
  readonly subject: DistinguishedName;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
  /** SAN entries from the extensionRequest attribute (RFC 2985 §5.4.2), empty when none. */
  readonly subjectAltNames: ReadonlyArray<GeneralName>;
  readonly signatureAlgorithmOid: string;
  /** The CSR's self-signature verifies with its own public key (proof of possession). */
  readonly signatureValid: boolean;
}

function malformed(what: string, cause?: unknown): never {
  throw new PkiError('INPUT_BAD_DER', `not a valid certificate signing request: ${what}`, cause === undefined ? undefined : { cause });
}

/** Parses a DER CSR and checks its signature. Throws INPUT_BAD_DER, INPUT_TRUNCATED, INPUT_TRAILING_DATA, CERT_UNSUPPORTED_ALGORITHM. */
export async function parseCsr(der: Uint8Array): Promise<ParsedCsr> {
  // Our strict reader first: the library is lenient (BER) and we want DER.
  const top = readWhole(der, TAG.SEQUENCE);
  const [info, alg, sig, ...extra] = children(der, top);
  if (!info || !alg || !sig || extra.length || info.tag !== TAG.SEQUENCE || alg.tag !== TAG.SEQUENCE || sig.tag !== TAG.BIT_STRING) {
    malformed('outer structure');
  }
  const [algOid] = children(der, alg);
  if (!algOid || algOid.tag !== TAG.OID) malformed('signature algorithm');
  const sigBits = contentOf(der, sig);
  if (sigBits[0] !== 0) malformed('signature BIT STRING has unused bits');

  let csr: Pkcs10CertificateRequest;
  try {
    csr = new Pkcs10CertificateRequest(copyBytes(der));
  } catch (cause) {
    malformed('the request cannot be decoded', cause);
  }
  const spki = new Uint8Array(csr.publicKey.rawData);
  const subject = parseName(new Uint8Array(csr.subjectName.toArrayBuffer()));
  const subjectAltNames: GeneralName[] = [];
  for (const ext of csr.extensions) {
    if (ext.type !== OID_EXT.SUBJECT_ALT_NAME) continue;
    const value = new Uint8Array(ext.value);
    for (const t of children(value, readWhole(value, TAG.SEQUENCE))) subjectAltNames.push(decodeGeneralName(value, t));
  }
  const signatureAlgorithmOid = decodeOid(contentOf(der, algOid));
  let signatureValid: boolean;
  try {
    signatureValid = await verifyX509Signature({ issuerSpki: spki, signatureAlgorithmOid, data: elementOf(der, info), signature: sigBits.subarray(1) });
  } catch (e) {
    if (isPkiError(e, 'CERT_MALFORMED')) signatureValid = false;
    else throw e;
  }
  return { der, subject, spki, subjectAltNames, signatureAlgorithmOid, signatureValid };
}
