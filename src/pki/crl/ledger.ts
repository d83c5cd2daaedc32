// What one of our CAs has revoked: a small plain-data ledger (kept in IndexedDB by the app and as
// crl/revocations.json by the CLI) from which each new CRL is issued with the next CRL number.
import { PkiError } from '../errors.ts';
import { bytesEqual, fromHex, sha256, toHex } from '../bytes.ts';
import { parseCertificate, serialHex, type Certificate } from '../x509/certificate.ts';
import { verifyCertificateSignature } from '../x509/verify-signature.ts';
import { renderRfc4514 } from '../names.ts';
import { DAY_MS } from '../profile.ts';
import { issueCrl } from './issue.ts';
import { CRL_REASONS, type CrlReason } from './reasons.ts';

export interface LedgerEntry {
  readonly serialHex: string;
  readonly revokedAtMs: number;
  readonly reason: CrlReason;
  /** RFC 4514 subject of the revoked certificate, for people. */
  readonly subject: string;
  readonly certSha256: string;
}

export interface RevocationLedger {
  readonly version: 1;
  /** SHA-256 hex of the CA certificate this ledger belongs to. */
  readonly caSha256: string;
  /** Number of the last CRL issued (decimal string; 0 = none yet). */
  readonly lastCrlNumber: string;
  readonly lastCrlThisUpdateMs?: number;
  readonly lastCrlNextUpdateMs?: number;
  readonly entries: ReadonlyArray<LedgerEntry>;
}

export async function emptyLedger(caCertDer: Uint8Array): Promise<RevocationLedger> {
  return { version: 1, caSha256: toHex(await sha256(caCertDer)), lastCrlNumber: '0', entries: [] };
}

/**
 * Records the revocation of `certDer`, which must have been issued by our CA (name and signature).
 * Throws CRL_NOT_ISSUED_BY_US, CRL_ALREADY_REVOKED, CRL_LEDGER_INVALID (ledger of another CA).
 */
export async function revokeCertificate(params: {
  readonly ledger: RevocationLedger;
  readonly caCertDer: Uint8Array;
  readonly certDer: Uint8Array;
  readonly reason: CrlReason;
  readonly atMs: number;
}): Promise<RevocationLedger> {
  const { ledger } = params;
  if (ledger.caSha256 !== toHex(await sha256(params.caCertDer))) throw new PkiError('CRL_LEDGER_INVALID', 'this revocation list belongs to another CA');
  if (!(params.reason in CRL_REASONS) || params.reason === 'removeFromCRL') throw new PkiError('CRL_INVALID_REQUEST', `${params.reason} is not a reason to revoke`);
  const ca = parseCertificate(params.caCertDer);
  const cert = parseCertificate(params.certDer);
  if (!(await issuedBy(cert, ca))) throw new PkiError('CRL_NOT_ISSUED_BY_US', 'this certificate was not issued by this CA, so it cannot revoke it');
  const serial = serialHex(cert);
  if (ledger.entries.some((e) => e.serialHex === serial)) throw new PkiError('CRL_ALREADY_REVOKED', 'this certificate is already revoked');
  const entry: LedgerEntry = {
    serialHex: serial,
    revokedAtMs: Math.floor(params.atMs / 1000) * 1000,
    reason: params.reason,
    subject: renderRfc4514(cert.subject),
    certSha256: toHex(await sha256(params.certDer)),
  };
  return { ...ledger, entries: [...ledger.entries, entry] };
}

async function issuedBy(cert: Certificate, ca: Certificate): Promise<boolean> {
  if (!bytesEqual(cert.issuer.der, ca.subject.der)) return false;
  try {
    return await verifyCertificateSignature(cert, ca.subjectPublicKeyInfo);
  } catch {
    return false;
  }
}

/** Issues the next CRL from the ledger (CRL number + 1) and returns it with the updated ledger. */
export async function issueNextCrl(params: {
  readonly ledger: RevocationLedger;
  readonly caCertDer: Uint8Array;
  readonly caKey: CryptoKey;
  readonly atMs: number;
  readonly nextUpdateDays: number;
}): Promise<{ readonly crlDer: Uint8Array; readonly ledger: RevocationLedger }> {
  const { ledger } = params;
  if (ledger.caSha256 !== toHex(await sha256(params.caCertDer))) throw new PkiError('CRL_LEDGER_INVALID', 'this revocation list belongs to another CA');
  if (!Number.isInteger(params.nextUpdateDays) || params.nextUpdateDays < 1 || params.nextUpdateDays > 366) {
    throw new PkiError('CRL_INVALID_REQUEST', 'the next update is 1 to 366 days away');
  }
  const crlNumber = BigInt(ledger.lastCrlNumber) + 1n;
  const thisUpdateMs = Math.floor(params.atMs / 1000) * 1000;
  const nextUpdateMs = thisUpdateMs + params.nextUpdateDays * DAY_MS;
  const crlDer = await issueCrl({
    issuerCertDer: params.caCertDer,
    issuerKey: params.caKey,
    crlNumber,
    thisUpdateMs,
    nextUpdateMs,
    entries: ledger.entries.map((e) => ({ serial: fromHex(e.serialHex), revokedAtMs: e.revokedAtMs, reason: e.reason })),
  });
  return { crlDer, ledger: { ...ledger, lastCrlNumber: crlNumber.toString(), lastCrlThisUpdateMs: thisUpdateMs, lastCrlNextUpdateMs: nextUpdateMs } };
}

/** 'due' when no CRL was issued yet but something is revoked, or the last one is past half its life. */
export function crlReissueState(ledger: RevocationLedger, atMs: number): 'none' | 'fresh' | 'due' | 'stale' {
  if (ledger.lastCrlNextUpdateMs === undefined) return ledger.entries.length ? 'due' : 'none';
  if (atMs > ledger.lastCrlNextUpdateMs) return 'stale';
  const half = (ledger.lastCrlThisUpdateMs ?? 0) + (ledger.lastCrlNextUpdateMs - (ledger.lastCrlThisUpdateMs ?? 0)) / 2;
  return atMs >= half ? 'due' : 'fresh';
}

/** Reads a ledger from parsed JSON (unknown). Throws CRL_LEDGER_INVALID. */
export function parseLedger(value: unknown): RevocationLedger {
  const bad = (what: string): never => {
    throw new PkiError('CRL_LEDGER_INVALID', `revocation list: ${what}`);
  };
  if (typeof value !== 'object' || value === null) bad('not an object');
  const v = value as Record<string, unknown>;
  if (v['version'] !== 1) bad('unknown version');
  if (typeof v['caSha256'] !== 'string' || !/^[0-9a-f]{64}$/.test(v['caSha256'])) bad('caSha256');
  if (typeof v['lastCrlNumber'] !== 'string' || !/^\d{1,48}$/.test(v['lastCrlNumber'])) bad('lastCrlNumber');
  const optMs = (k: string): number | undefined => {
    const x = v[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'number' || !Number.isFinite(x)) bad(k);
    return x as number;
  };
  if (!Array.isArray(v['entries']) || v['entries'].length > 100_000) bad('entries');
  const entries = (v['entries'] as unknown[]).map((e, i): LedgerEntry => {
    const r = e as Record<string, unknown>;
    if (typeof r !== 'object' || r === null) bad(`entry ${i}`);
    if (typeof r['serialHex'] !== 'string' || !/^([0-9a-f]{2}){1,21}$/.test(r['serialHex'])) bad(`entry ${i} serial`);
    if (typeof r['revokedAtMs'] !== 'number' || !Number.isFinite(r['revokedAtMs'])) bad(`entry ${i} date`);
    if (typeof r['reason'] !== 'string' || !(r['reason'] in CRL_REASONS)) bad(`entry ${i} reason`);
    if (typeof r['subject'] !== 'string' || typeof r['certSha256'] !== 'string') bad(`entry ${i}`);
    return { serialHex: r['serialHex'] as string, revokedAtMs: r['revokedAtMs'] as number, reason: r['reason'] as CrlReason, subject: r['subject'] as string, certSha256: r['certSha256'] as string };
  });
  const thisMs = optMs('lastCrlThisUpdateMs');
  const nextMs = optMs('lastCrlNextUpdateMs');
  return {
    version: 1,
    caSha256: v['caSha256'] as string,
    lastCrlNumber: v['lastCrlNumber'] as string,
    ...(thisMs !== undefined ? { lastCrlThisUpdateMs: thisMs } : {}),
    ...(nextMs !== undefined ? { lastCrlNextUpdateMs: nextMs } : {}),
    entries,
  };
}
