// Builds and signs X.509 v3 certificates (RFC 5280 §4.1) byte by byte, so that the profile is exact:
// UTCTime until 2049 (§4.1.2.5), extension order as given, our own name encodings, minimal serials.
import { PkiError } from '../errors.ts';
import { TAG, children, contentOf, derBitString, derContext, derSequence, derSmallInteger, derTlv, derUnsignedInteger, readWhole } from '../der.ts';
import { randomBytes } from '../bytes.ts';
import { sha1 } from '../legacy-sha1.ts';
import { signForX509, signatureAlgorithmDer } from '../algorithms.ts';
import { encodeExtensions, type ExtensionSpec } from './extensions.ts';

export interface CertificateSpec {
  /** Subject Name DER. */
  readonly subject: Uint8Array;
  /** Issuer Name DER (equal to subject for a self-signed certificate). */
  readonly issuer: Uint8Array;
  /** SubjectPublicKeyInfo DER of the certified key. */
  readonly subjectPublicKeyInfo: Uint8Array;
  /** The issuer's private key (non-extractable is fine). */
  readonly issuerKey: CryptoKey;
  /** Serial magnitude (big-endian, positive). */
  readonly serial: Uint8Array;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly extensions: ReadonlyArray<ExtensionSpec>;
  /**
   * Optional signer for algorithms `issuerKey` does not imply (RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA with
   * SHA-384/512): its AlgorithmIdentifier DER and a function returning the X.509 signature value.
   */
  readonly signer?: { readonly algorithm: Uint8Array; readonly sign: (tbs: Uint8Array) => Promise<Uint8Array> };
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, Zulu. */
export function encodeTime(ms: number): Uint8Array {
  if (!Number.isFinite(ms)) throw new PkiError('VALIDITY_INVALID', 'time is not a finite number');
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const y = d.getUTCFullYear();
  if (y < 1950 || y > 9999) throw new PkiError('VALIDITY_INVALID', `year ${y} cannot be encoded`);
  // Digits written straight into the TLV: building a string and mapping it through Uint8Array.from
  // was a fifth of the issuing plumbing's time (bench/RESULTS.md, issuance profile).
  const utc = y < 2050;
  const out = new Uint8Array(utc ? 15 : 17);
  out[0] = utc ? TAG.UTC_TIME : TAG.GENERALIZED_TIME;
  out[1] = out.length - 2;
  let o = 2;
  const put2 = (n: number): void => {
    out[o++] = 0x30 + Math.floor(n / 10);
    out[o++] = 0x30 + (n % 10);
  };
  if (!utc) put2(Math.floor(y / 100));
  put2(y % 100);
  put2(d.getUTCMonth() + 1);
  put2(d.getUTCDate());
  put2(d.getUTCHours());
  put2(d.getUTCMinutes());
  put2(d.getUTCSeconds());
  out[o] = 0x5a; // 'Z'
  return out;
}

/** certified's serial: 159 random bits, positive, at most 20 DER bytes (RFC 5280 §4.1.2.2). */
export function randomSerial(): Uint8Array {
  const b = randomBytes(20);
  b[0]! &= 0x7f;
  if (b.every((x) => x === 0)) b[19] = 1;
  return b;
}

/** The TBSCertificate DER for `spec`. */
export function encodeTbsCertificate(spec: CertificateSpec): Uint8Array {
  if (!(spec.notAfterMs > spec.notBeforeMs)) throw new PkiError('VALIDITY_INVALID', 'notAfter must be after notBefore');
  const parts = [
    derContext(0, derSmallInteger(2), true), // v3
    derUnsignedInteger(spec.serial),
    spec.signer?.algorithm ?? signatureAlgorithmDer(spec.issuerKey),
    spec.issuer,
    derSequence(encodeTime(spec.notBeforeMs), encodeTime(spec.notAfterMs)),
    spec.subject,
    spec.subjectPublicKeyInfo,
  ];
  if (spec.extensions.length) parts.push(derContext(3, encodeExtensions(spec.extensions), true));
  return derSequence(...parts);
}

/** Builds and signs a certificate; returns its DER. */
export async function buildCertificate(spec: CertificateSpec): Promise<Uint8Array> {
  const tbs = encodeTbsCertificate(spec);
  if (spec.signer) return derSequence(tbs, spec.signer.algorithm, derBitString(await spec.signer.sign(tbs)));
  const signature = await signForX509(spec.issuerKey, tbs);
  return derSequence(tbs, signatureAlgorithmDer(spec.issuerKey), derBitString(signature));
}

/** The subjectPublicKey BIT STRING contents (without the unused-bits octet) of an SPKI. */
export function subjectPublicKeyBits(spki: Uint8Array): Uint8Array {
  const top = readWhole(spki, TAG.SEQUENCE);
  const [alg, bits, ...rest] = children(spki, top);
  if (!alg || !bits || rest.length || alg.tag !== TAG.SEQUENCE || bits.tag !== TAG.BIT_STRING) {
    throw new PkiError('CERT_MALFORMED', 'SubjectPublicKeyInfo is malformed');
  }
  const content = contentOf(spki, bits);
  if (content.length < 1 || content[0] !== 0) throw new PkiError('CERT_MALFORMED', 'public key BIT STRING has unused bits');
  return content.subarray(1);
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. SHA-1 here is an identifier, not a security hash. */
export async function keyIdentifier(spki: Uint8Array): Promise<Uint8Array> {
  return sha1(subjectPublicKeyBits(spki));
}
