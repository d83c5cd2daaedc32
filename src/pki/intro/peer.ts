// A peer identity offered for introduction: certified get-ident b64, PEM certificate or CSR, or DER.
// Says what it is and shows what people must check out of band (subject, key, validity, fingerprint).
import { PkiError, isPkiError } from '../errors.ts';
import { utf8 } from '../bytes.ts';
import { parsePem } from '../pem.ts';
import { fromCertifiedB64 } from '../certified-format.ts';
import { OID_ALG } from '../algorithms.ts';
import { fingerprintOf, type Fingerprint } from '../fingerprint.ts';
import { renderRfc4514, type DistinguishedName } from '../names.ts';
import { parseCertificate, basicConstraintsOf, type Certificate } from '../x509/certificate.ts';
import { parseCsr, type CertificationRequest } from '../x509/csr.ts';

export const MAX_PEER_INPUT_BYTES = 64 * 1024;

export type PeerIdentity =
  | { readonly kind: 'certificate'; readonly der: Uint8Array; readonly cert: Certificate }
  | { readonly kind: 'csr'; readonly der: Uint8Array; readonly csr: CertificationRequest };

/** Parses DER bytes as a certificate, else as a PKCS#10 request. Throws INTRO_PEER_UNRECOGNISED. */
export function parsePeerDer(der: Uint8Array): PeerIdentity {
  try {
    return { kind: 'certificate', der, cert: parseCertificate(der) };
  } catch (e) {
    if (!isPkiError(e)) throw e;
  }
  try {
    return { kind: 'csr', der, csr: parseCsr(der) };
  } catch (e) {
    if (!isPkiError(e)) throw e;
    throw new PkiError('INTRO_PEER_UNRECOGNISED', 'the identity is neither an X.509 certificate nor a PKCS#10 request', { cause: e });
  }
}

/**
 * Reads what a peer sent: PEM (CERTIFICATE, CERTIFICATE REQUEST, NEW CERTIFICATE REQUEST; one
 * block), certified b64 text (surrounding whitespace stripped, as certified does), or raw DER.
 * Throws INTRO_TOO_LARGE, INTRO_PEER_UNRECOGNISED and the PEM/base64 codes.
 */
export function readPeerInput(input: Uint8Array | string): PeerIdentity {
  const size = typeof input === 'string' ? input.length : input.length;
  if (size > MAX_PEER_INPUT_BYTES) throw new PkiError('INTRO_TOO_LARGE', `an identity is at most ${MAX_PEER_INPUT_BYTES} bytes`);
  if (typeof input !== 'string' && input[0] === 0x30) return parsePeerDer(input);
  let text: string;
  try {
    text = typeof input === 'string' ? input : utf8.decode(input);
  } catch (cause) {
    throw new PkiError('INTRO_PEER_UNRECOGNISED', 'the identity is neither DER nor text', { cause });
  }
  if (/-----BEGIN /.test(text)) {
    const blocks = parsePem(text);
    if (blocks.length !== 1) throw new PkiError('INTRO_PEER_UNRECOGNISED', `expected one PEM block, found ${blocks.length}`);
    const b = blocks[0]!;
    if (!['CERTIFICATE', 'CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'].includes(b.label)) {
      throw new PkiError('INTRO_PEER_UNRECOGNISED', `a ${b.label} PEM block is not an identity`);
    }
    const p = parsePeerDer(b.der);
    if ((p.kind === 'csr') !== b.label.includes('REQUEST')) throw new PkiError('INTRO_PEER_UNRECOGNISED', `the ${b.label} block holds something else`);
    return p;
  }
  const trimmed = text.trim();
  if (trimmed === '') throw new PkiError('INPUT_EMPTY', 'the identity is empty');
  return parsePeerDer(fromCertifiedB64(trimmed));
}

export interface PeerSummary {
  readonly kind: 'certificate' | 'csr';
  readonly subject: string;
  readonly keyAlgorithm: string;
  readonly isCa: boolean;
  readonly notBeforeMs?: number;
  readonly notAfterMs?: number;
  /** SHA-256 of the DER the peer sent: what they read out to us out of band. */
  readonly fingerprint: Fingerprint;
}

const CURVE_NAMES: Readonly<Record<string, string>> = {
  [OID_ALG.P256]: 'ECDSA P-256',
  [OID_ALG.P384]: 'ECDSA P-384',
  [OID_ALG.P521]: 'ECDSA P-521',
  '1.3.132.0.10': 'ECDSA secp256k1',
};

/** Human key label for an SPKI algorithm; `undefined` for keys certified cannot introduce (RSA, DSA, …). */
export function introducibleKeyLabel(algOid: string, curveOid: string | undefined): string | undefined {
  if (algOid === OID_ALG.ED25519) return 'Ed25519';
  if (algOid === '1.3.101.113') return 'Ed448';
  if (algOid === OID_ALG.EC_PUBLIC_KEY && curveOid) return CURVE_NAMES[curveOid];
  return undefined;
}

export function peerSubject(p: PeerIdentity): DistinguishedName {
  return p.kind === 'certificate' ? p.cert.subject : p.csr.subject;
}

/** What to show before signing. */
export async function summarisePeer(p: PeerIdentity): Promise<PeerSummary> {
  const alg = p.kind === 'certificate' ? p.cert.publicKeyAlgorithmOid : p.csr.publicKeyAlgorithmOid;
  const curve = p.kind === 'certificate' ? p.cert.publicKeyCurveOid : p.csr.publicKeyCurveOid;
  return {
    kind: p.kind,
    subject: renderRfc4514(peerSubject(p)),
    keyAlgorithm: introducibleKeyLabel(alg, curve) ?? (alg === OID_ALG.RSA ? 'RSA (not supported)' : `${alg} (not supported)`),
    isCa: p.kind === 'certificate' ? (basicConstraintsOf(p.cert)?.ca ?? false) : false,
    ...(p.kind === 'certificate' ? { notBeforeMs: p.cert.notBeforeMs, notAfterMs: p.cert.notAfterMs } : {}),
    fingerprint: await fingerprintOf(p.der),
  };
}
