// Strict CRL parser (RFC 5280 §5.1) and the checks for accepting a CRL from a partner: signed by the
// CA we hold (name, key identifier, signature, cRLSign), never older than the one we have (§5.2.3).
import { PkiError, isPkiError } from '../errors.ts';
import { TAG, children, contentOf, decodeOid, elementOf, readWhole, type Tlv } from '../der.ts';
import { parseNameAt, type DistinguishedName } from '../names.ts';
import { decodeTime, parseCertificate, subjectKeyIdOf, keyUsageOf, basicConstraintsOf, type Certificate, type RawExtension } from '../x509/certificate.ts';
import { verifyX509Signature } from '../x509/verify-signature.ts';
import { OID_EXT } from '../x509/extensions.ts';
import { bytesEqual, toHex } from '../bytes.ts';
import { crlReasonFromCode, type CrlReason } from './reasons.ts';

export interface CrlEntry {
  /** Serial INTEGER content bytes, lower-case hex (compare with serialHex of a certificate). */
  readonly serialHex: string;
  readonly revokedAtMs: number;
  readonly reason?: CrlReason;
}

export interface Crl {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithmOid: string;
  /** The whole signature AlgorithmIdentifier DER (RSASSA-PSS needs its parameters). */
  readonly signatureAlgorithm: Uint8Array;
  readonly signature: Uint8Array;
  readonly issuer: DistinguishedName;
  readonly thisUpdateMs: number;
  readonly nextUpdateMs?: number;
  readonly crlNumber?: bigint;
  readonly authorityKeyId?: Uint8Array;
  readonly entries: ReadonlyArray<CrlEntry>;
}

function fail(what: string): never {
  throw new PkiError('CRL_MALFORMED', `not a valid CRL: ${what}`);
}

function parseExtensionList(bytes: Uint8Array, seq: Tlv): RawExtension[] {
  if (seq.tag !== TAG.SEQUENCE) fail('extensions');
  return children(bytes, seq).map((e) => {
    const parts = children(bytes, e);
    if (parts[0]?.tag !== TAG.OID) fail('extension OID');
    const oid = decodeOid(contentOf(bytes, parts[0]));
    let i = 1;
    let critical = false;
    if (parts[i]?.tag === TAG.BOOLEAN) {
      critical = contentOf(bytes, parts[i]!)[0] === 0xff;
      i++;
    }
    if (parts[i]?.tag !== TAG.OCTET_STRING || parts.length !== i + 1) fail('extension value');
    return { oid, critical, value: contentOf(bytes, parts[i]!) };
  });
}

function integerToBigint(content: Uint8Array): bigint {
  if (content.length === 0 || content[0]! & 0x80) fail('CRL number must be a non-negative INTEGER');
  return BigInt(`0x${toHex(content) || '0'}`);
}

/** Parses a DER CRL. Throws CRL_MALFORMED, CRL_UNKNOWN_CRITICAL_EXTENSION. */
export function parseCrl(der: Uint8Array): Crl {
  try {
    return parseCrlInner(der);
  } catch (e) {
    if (isPkiError(e, 'CRL_MALFORMED') || isPkiError(e, 'CRL_UNKNOWN_CRITICAL_EXTENSION')) throw e;
    if (isPkiError(e)) throw new PkiError('CRL_MALFORMED', `not a valid CRL: ${e.message}`, { cause: e });
    throw e;
  }
}

function parseCrlInner(der: Uint8Array): Crl {
  const top = readWhole(der, TAG.SEQUENCE);
  const [tbsT, algT, sigT, ...extra] = children(der, top);
  if (!tbsT || !algT || !sigT || extra.length || tbsT.tag !== TAG.SEQUENCE || algT.tag !== TAG.SEQUENCE || sigT.tag !== TAG.BIT_STRING) fail('structure');
  const f = children(der, tbsT);
  let i = 0;
  if (f[i]?.tag === TAG.INTEGER) {
    const v = contentOf(der, f[i]!);
    if (v.length !== 1 || v[0] !== 1) fail('version must be v2');
    i++;
  }
  const innerAlg = f[i++];
  if (innerAlg?.tag !== TAG.SEQUENCE || !bytesEqual(elementOf(der, innerAlg), elementOf(der, algT))) fail('signature algorithms differ');
  const issuerT = f[i++];
  if (issuerT?.tag !== TAG.SEQUENCE) fail('issuer');
  const thisT = f[i++];
  if (!thisT) fail('thisUpdate');
  const thisUpdateMs = decodeTime(thisT, der);
  let nextUpdateMs: number | undefined;
  if (f[i] && (f[i]!.tag === TAG.UTC_TIME || f[i]!.tag === TAG.GENERALIZED_TIME)) nextUpdateMs = decodeTime(f[i++]!, der);
  const entries: CrlEntry[] = [];
  if (f[i]?.tag === TAG.SEQUENCE) {
    for (const e of children(der, f[i++]!)) {
      const [serialT, dateT, extsT, ...x] = children(der, e);
      if (!serialT || serialT.tag !== TAG.INTEGER || !dateT || x.length) fail('revoked entry');
      let reason: CrlReason | undefined;
      if (extsT) {
        for (const ext of parseExtensionList(der, extsT)) {
          if (ext.oid === OID_EXT.CRL_REASON) {
            const t = readWhole(ext.value, 0x0a);
            const c = contentOf(ext.value, t);
            if (c.length !== 1) fail('reason code');
            reason = crlReasonFromCode(c[0]!);
            if (!reason) fail(`unknown reason code ${c[0]}`);
          } else if (ext.critical) {
            throw new PkiError('CRL_UNKNOWN_CRITICAL_EXTENSION', `CRL entry has an unknown critical extension ${ext.oid}`);
          }
        }
      }
      entries.push({ serialHex: toHex(contentOf(der, serialT)), revokedAtMs: decodeTime(dateT, der), ...(reason ? { reason } : {}) });
    }
  }
  let crlNumber: bigint | undefined;
  let authorityKeyId: Uint8Array | undefined;
  if (f[i]?.tag === 0xa0) {
    const [seq, ...x] = children(der, f[i++]!);
    if (!seq || x.length) fail('crlExtensions');
    for (const ext of parseExtensionList(der, seq)) {
      if (ext.oid === OID_EXT.CRL_NUMBER) crlNumber = integerToBigint(contentOf(ext.value, readWhole(ext.value, TAG.INTEGER)));
      else if (ext.oid === OID_EXT.AUTHORITY_KEY_ID) {
        const kid = children(ext.value, readWhole(ext.value, TAG.SEQUENCE)).find((t) => t.tag === 0x80);
        if (kid) authorityKeyId = contentOf(ext.value, kid);
      } else if (ext.critical) {
        throw new PkiError('CRL_UNKNOWN_CRITICAL_EXTENSION', `CRL has an unknown critical extension ${ext.oid} (e.g. a delta or partitioned CRL)`);
      }
    }
  }
  if (i !== f.length) fail('unexpected fields');
  const sig = contentOf(der, sigT);
  if (sig[0] !== 0) fail('signature BIT STRING');
  const algParts = children(der, algT);
  if (algParts[0]?.tag !== TAG.OID) fail('algorithm');
  return {
    der,
    tbs: elementOf(der, tbsT),
    signatureAlgorithmOid: decodeOid(contentOf(der, algParts[0])),
    signatureAlgorithm: elementOf(der, algT),
    signature: sig.subarray(1),
    issuer: parseNameAt(der, issuerT),
    thisUpdateMs,
    ...(nextUpdateMs !== undefined ? { nextUpdateMs } : {}),
    ...(crlNumber !== undefined ? { crlNumber } : {}),
    ...(authorityKeyId ? { authorityKeyId } : {}),
    entries,
  };
}

/**
 * Checks that `crl` was issued by `issuer` (name, key identifier when both carry one, signature,
 * cRLSign). Throws CRL_WRONG_ISSUER, CRL_BAD_SIGNATURE, CRL_ISSUER_CANNOT_SIGN_CRLS.
 */
export async function verifyCrlIssuer(crl: Crl, issuer: Certificate): Promise<void> {
  if (!bytesEqual(crl.issuer.der, issuer.subject.der)) throw new PkiError('CRL_WRONG_ISSUER', 'the CRL names a different issuer than this CA');
  const ski = subjectKeyIdOf(issuer);
  if (ski && crl.authorityKeyId && !bytesEqual(ski, crl.authorityKeyId)) {
    throw new PkiError('CRL_WRONG_ISSUER', "the CRL's authority key identifier is not this CA's key");
  }
  if (!basicConstraintsOf(issuer)?.ca) throw new PkiError('CRL_ISSUER_CANNOT_SIGN_CRLS', 'the issuer is not a CA');
  const ku = keyUsageOf(issuer);
  if (ku && !ku.includes('cRLSign')) throw new PkiError('CRL_ISSUER_CANNOT_SIGN_CRLS', 'the CA may not sign CRLs (no cRLSign key usage)');
  let ok = false;
  try {
    ok = await verifyX509Signature({ issuerSpki: issuer.subjectPublicKeyInfo, signatureAlgorithmOid: crl.signatureAlgorithmOid, signatureAlgorithm: crl.signatureAlgorithm, data: crl.tbs, signature: crl.signature });
  } catch {
    ok = false;
  }
  if (!ok) throw new PkiError('CRL_BAD_SIGNATURE', 'the CRL signature does not verify with this CA');
}

/**
 * Accepting a partner's CRL: parsed, signed by the CA we hold, and newer than the CRL we already have
 * for that CA (§5.2.3: CRL numbers increase). The same CRL again is accepted (`unchanged`: nothing to
 * store); another CRL with the same number is refused. Throws CRL_MALFORMED,
 * CRL_UNKNOWN_CRITICAL_EXTENSION, CRL_WRONG_ISSUER, CRL_BAD_SIGNATURE, CRL_ISSUER_CANNOT_SIGN_CRLS,
 * CRL_NUMBER_ROLLBACK, CRL_NUMBER_REUSED.
 */
export async function checkCrlUpdate(params: { readonly crlDer: Uint8Array; readonly issuerCertDer: Uint8Array; readonly currentCrlDer?: Uint8Array }): Promise<Crl & { readonly unchanged: boolean }> {
  const crl = parseCrl(params.crlDer);
  await verifyCrlIssuer(crl, parseCertificate(params.issuerCertDer));
  if (!params.currentCrlDer) return { ...crl, unchanged: false };
  if (bytesEqual(params.currentCrlDer, params.crlDer)) return { ...crl, unchanged: true };
  const current = parseCrl(params.currentCrlDer);
  const byNumber = current.crlNumber !== undefined && crl.crlNumber !== undefined;
  const order = byNumber ? compare(crl.crlNumber!, current.crlNumber!) : compare(crl.thisUpdateMs, current.thisUpdateMs);
  if (order < 0) {
    const what = byNumber ? `number ${crl.crlNumber} is lower than the held CRL's ${current.crlNumber}` : 'it was issued before the held CRL';
    throw new PkiError('CRL_NUMBER_ROLLBACK', `this CRL is older than the one already held for this CA (${what})`);
  }
  if (order === 0) {
    throw new PkiError('CRL_NUMBER_REUSED', `this CRL differs from the held CRL ${byNumber ? `with the same number ${crl.crlNumber}` : 'issued at the same time'}`);
  }
  return { ...crl, unchanged: false };
}

function compare(a: bigint | number, b: bigint | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 'stale' once nextUpdate has passed (or when there is none), else 'fresh'. */
export function crlFreshness(crl: Crl, atMs: number): 'fresh' | 'stale' {
  return crl.nextUpdateMs !== undefined && atMs <= crl.nextUpdateMs ? 'fresh' : 'stale';
}

/** The entry revoking the certificate with this serial (hex of INTEGER content), if any, at `atMs`. */
export function findRevocation(crl: Crl, serialHex: string, atMs?: number): CrlEntry | undefined {
  const e = crl.entries.find((x) => x.serialHex === serialHex);
  if (!e || e.reason === 'removeFromCRL') return undefined;
  return atMs === undefined || e.revokedAtMs <= atMs ? e : undefined;
}
