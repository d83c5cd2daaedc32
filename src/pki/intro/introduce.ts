// certified's `introduce`: re-issue a peer's identity (subject, SAN, key kept) under our CA, as
// FORMATS.md "Re-issued certificate" describes — except that we never outlive our own CA.
import { PkiError } from '../errors.ts';
import { bytesEqual } from '../bytes.ts';
import { TAG, children, elementOf, readWhole } from '../der.ts';
import { DEFAULT_VALIDITY_DAYS, issueCertifiedEndEntity, validityWindow } from '../profile.ts';
import { fingerprintMatches } from '../fingerprint.ts';
import { keyIdentifier } from '../x509/build.ts';
import { OID_EXT, type GeneralNameSpec } from '../x509/extensions.ts';
import { basicConstraintsOf, findExtension, parseCertificate, subjectKeyIdOf } from '../x509/certificate.ts';
import { verifyCsrSignature } from '../x509/csr.ts';
import { introducibleKeyLabel, parsePeerDer, peerSubject, summarisePeer, type PeerSummary } from './peer.ts';
import { writeIntroJson } from './intro-json.ts';
import { assertIssuedCertificate } from '../validate/check-issued.ts';
import type { ServiceEntry } from './services.ts';

/** Our signing CA: its certificate and private key (non-extractable is fine). */
export interface SigningCa {
  readonly certDer: Uint8Array;
  readonly key: CryptoKey;
}

export interface IntroduceRequest {
  /** The peer's certificate or PKCS#10 request, DER (see readPeerInput for text forms). */
  readonly peerDer: Uint8Array;
  readonly ca: SigningCa;
  readonly atMs: number;
  /** Default 365 (certified). Clamped to our CA's notAfter. */
  readonly validityDays?: number;
  readonly services?: ReadonlyArray<ServiceEntry>;
  /** When given, the SHA-256 fingerprint the user got out of band; must match the peer's DER. */
  readonly confirmedFingerprint?: string;
}

export interface Introduction {
  readonly signedCertDer: Uint8Array;
  readonly caCertDer: Uint8Array;
  /** intro.json text, byte-exact with certified (plus services when given). */
  readonly introJson: string;
  readonly peer: PeerSummary;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  /** True when the requested validity was cut to end with our CA. */
  readonly clampedToCa: boolean;
}

/** Splits a GeneralNames SEQUENCE into its elements, copied verbatim. */
function rawGeneralNames(value: Uint8Array): GeneralNameSpec[] {
  const top = readWhole(value, TAG.SEQUENCE);
  return children(value, top).map((t) => ({ type: 'raw', value: elementOf(value, t).slice() }));
}

/**
 * Re-issues the peer's identity under our CA. Throws INTRO_PEER_UNRECOGNISED, INTRO_PEER_IS_CA,
 * INTRO_SUBJECT_IS_ISSUER, INTRO_UNSUPPORTED_KEY, CSR_BAD_SIGNATURE, INTRO_FINGERPRINT_MISMATCH,
 * INTRO_OUR_CA_INVALID, INTRO_CA_EXPIRED, SAN_REQUIRED, VALIDITY_INVALID, INTRO_* service codes, and the
 * validator's PATH_* code when our own validator would reject the re-issued certificate under our CA
 * (e.g. our CA's name constraints exclude the peer's names): nothing is handed out then.
 */
export async function introduce(req: IntroduceRequest): Promise<Introduction> {
  const peer = parsePeerDer(req.peerDer);
  const summary = await summarisePeer(peer);
  if (req.confirmedFingerprint !== undefined && !fingerprintMatches(summary.fingerprint, req.confirmedFingerprint)) {
    throw new PkiError('INTRO_FINGERPRINT_MISMATCH', 'the fingerprint you confirmed is not the fingerprint of this identity');
  }
  const ca = parseCertificate(req.ca.certDer);
  if (basicConstraintsOf(ca)?.ca !== true) throw new PkiError('INTRO_OUR_CA_INVALID', 'our CA certificate is not a CA (BasicConstraints CA:TRUE)');
  if (req.atMs >= ca.notAfterMs) throw new PkiError('INTRO_CA_EXPIRED', 'our CA certificate has expired; it cannot introduce anyone');

  let spki: Uint8Array;
  let sanValue: Uint8Array | undefined;
  if (peer.kind === 'certificate') {
    if (basicConstraintsOf(peer.cert)?.ca) {
      throw new PkiError('INTRO_PEER_IS_CA', 'this is a CA certificate; introduce an identity (id.crt), or cross-certify the CA instead');
    }
    spki = peer.cert.subjectPublicKeyInfo;
    sanValue = findExtension(peer.cert, OID_EXT.SUBJECT_ALT_NAME)?.value;
    if (!introducibleKeyLabel(peer.cert.publicKeyAlgorithmOid, peer.cert.publicKeyCurveOid)) {
      throw new PkiError('INTRO_UNSUPPORTED_KEY', `unsupported key type (${summary.keyAlgorithm}); certified introduces Ed25519, Ed448 and EC keys`);
    }
  } else {
    if (!introducibleKeyLabel(peer.csr.publicKeyAlgorithmOid, peer.csr.publicKeyCurveOid)) {
      throw new PkiError('INTRO_UNSUPPORTED_KEY', `unsupported key type (${summary.keyAlgorithm}); certified introduces Ed25519, Ed448 and EC keys`);
    }
    if (!(await verifyCsrSignature(peer.csr))) throw new PkiError('CSR_BAD_SIGNATURE', 'the request is not signed by its own key');
    spki = peer.csr.subjectPublicKeyInfo;
    sanValue = peer.csr.subjectAltNameValue;
  }
  const subject = peerSubject(peer);
  if (bytesEqual(subject.der, ca.subject.der)) {
    throw new PkiError('INTRO_SUBJECT_IS_ISSUER', 'the identity has the same name as our CA; a certificate cannot have subject == issuer');
  }
  const window = validityWindow(req.atMs, req.validityDays ?? DEFAULT_VALIDITY_DAYS);
  const clampedToCa = window.notAfterMs > ca.notAfterMs;
  const notAfterMs = clampedToCa ? ca.notAfterMs : window.notAfterMs;
  if (!(notAfterMs > window.notBeforeMs)) throw new PkiError('INTRO_CA_EXPIRED', 'our CA expires within the second; it cannot introduce anyone');
  const signedCertDer = await issueCertifiedEndEntity({
    subject: subject.der,
    subjectIsEmpty: subject.rdns.length === 0,
    subjectAltNames: sanValue ? rawGeneralNames(sanValue) : [],
    spki,
    issuerName: ca.subject.der,
    issuerKeyId: subjectKeyIdOf(ca) ?? (await keyIdentifier(ca.subjectPublicKeyInfo)),
    issuerKey: req.ca.key,
    notBeforeMs: window.notBeforeMs,
    notAfterMs,
  });
  // Refuse at signing time what we would reject (docs/validation.md): the partner validates it against our CA.
  await assertIssuedCertificate({ certificate: signedCertDer, issuerChain: [], roots: [req.ca.certDer], atMs: window.notBeforeMs });
  const caCertDer = req.ca.certDer.slice();
  const introJson = writeIntroJson({ signedCertDer, caCertDer, ...(req.services ? { services: req.services } : {}) });
  return { signedCertDer, caCertDer, introJson, peer: summary, notBeforeMs: window.notBeforeMs, notAfterMs, clampedToCa };
}
