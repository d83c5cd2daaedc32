// Issues X.509 v2 CRLs (RFC 5280 §5.1) signed with the CA's (non-extractable) key: CRL number and
// authority key identifier as §5.2.1 and §5.2.3 require; reason codes as entry extensions (§5.3.1),
// left out for 'unspecified' as §5.3.1 recommends.
import { PkiError } from '../errors.ts';
import { TAG, derBitString, derContext, derSequence, derSmallInteger, derTlv, derUnsignedInteger } from '../der.ts';
import { signForX509, signatureAlgorithmDer } from '../algorithms.ts';
import { encodeTime } from '../x509/build.ts';
import { OID_EXT, authorityKeyIdExtension, encodeExtensions, type ExtensionSpec } from '../x509/extensions.ts';
import { parseCertificate, subjectKeyIdOf, basicConstraintsOf, keyUsageOf } from '../x509/certificate.ts';
import { keyIdentifier } from '../x509/build.ts';
import { CRL_REASONS, type CrlReason } from './reasons.ts';

export interface RevocationEntry {
  /** Serial number INTEGER content bytes of the revoked certificate (as Certificate.serial). */
  readonly serial: Uint8Array;
  readonly revokedAtMs: number;
  readonly reason?: CrlReason;
}

export interface CrlRequest {
  readonly issuerCertDer: Uint8Array;
  readonly issuerKey: CryptoKey;
  /** Monotonically increasing CRL number (§5.2.3), non-negative. */
  readonly crlNumber: bigint;
  readonly thisUpdateMs: number;
  readonly nextUpdateMs: number;
  readonly entries: ReadonlyArray<RevocationEntry>;
}

function bigintToBytes(n: bigint): Uint8Array {
  if (n < 0n) throw new PkiError('CRL_INVALID_REQUEST', 'a CRL number cannot be negative');
  const hex = n.toString(16);
  const padded = hex.length % 2 ? `0${hex}` : hex;
  const out = new Uint8Array(padded.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(padded.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Issues a CRL. Throws CRL_INVALID_REQUEST, CRL_ISSUER_CANNOT_SIGN_CRLS. */
export async function issueCrl(req: CrlRequest): Promise<Uint8Array> {
  const issuer = parseCertificate(req.issuerCertDer);
  if (!basicConstraintsOf(issuer)?.ca) throw new PkiError('CRL_ISSUER_CANNOT_SIGN_CRLS', 'only a CA certificate can issue a CRL');
  const ku = keyUsageOf(issuer);
  if (ku && !ku.includes('cRLSign')) throw new PkiError('CRL_ISSUER_CANNOT_SIGN_CRLS', 'the CA certificate lacks the cRLSign key usage');
  if (!(req.nextUpdateMs > req.thisUpdateMs)) throw new PkiError('CRL_INVALID_REQUEST', 'nextUpdate must be after thisUpdate');
  if (req.crlNumber >= 2n ** 159n) throw new PkiError('CRL_INVALID_REQUEST', 'a CRL number is at most 20 octets (§5.2.3)');
  const seen = new Set<string>();
  const entries = req.entries.map((e) => {
    const key = Array.from(e.serial).join(',');
    if (seen.has(key)) throw new PkiError('CRL_INVALID_REQUEST', 'a serial is listed twice');
    seen.add(key);
    const exts: ExtensionSpec[] = [];
    if (e.reason && e.reason !== 'unspecified') {
      exts.push({ oid: OID_EXT.CRL_REASON, critical: false, value: derTlv(0x0a /* ENUMERATED */, new Uint8Array([CRL_REASONS[e.reason]])) });
    }
    return derSequence(derTlv(TAG.INTEGER, e.serial), encodeTime(e.revokedAtMs), ...(exts.length ? [encodeExtensions(exts)] : []));
  });
  const aki = subjectKeyIdOf(issuer) ?? (await keyIdentifier(issuer.subjectPublicKeyInfo));
  const crlExtensions: ExtensionSpec[] = [
    authorityKeyIdExtension(aki),
    { oid: OID_EXT.CRL_NUMBER, critical: false, value: derUnsignedInteger(bigintToBytes(req.crlNumber)) },
  ];
  const tbs = derSequence(
    derSmallInteger(1), // v2
    signatureAlgorithmDer(req.issuerKey),
    issuer.subject.der,
    encodeTime(req.thisUpdateMs),
    encodeTime(req.nextUpdateMs),
    ...(entries.length ? [derSequence(...entries)] : []),
    derContext(0, encodeExtensions(crlExtensions), true),
  );
  const signature = await signForX509(req.issuerKey, tbs);
  return derSequence(tbs, signatureAlgorithmDer(req.issuerKey), derBitString(signature));
}
