// Revocation checking with CRLs (RFC 5280 §6.3, full CRLs only): for each certificate below the trust
// anchor, the newest CRL that its own issuer signed decides. A revoked intermediate therefore rejects
// every path through it; under 'required' a missing or stale CRL rejects too. No network, ever.
import { isPkiError } from '../errors.ts';
import { renderRfc4514 } from '../names.ts';
import { serialHex } from '../x509/certificate.ts';
import { verifyX509Signature } from '../x509/verify-signature.ts';
import { bytesEqual } from '../bytes.ts';
import { parseCrl, type Crl } from '../crl/parse.ts';
import type { CrlReason } from '../crl/reasons.ts';
import { CRL_REASON_LABELS } from '../crl/reasons.ts';
import type { CertificateFacts } from './certificate-facts.ts';
import { nameKey } from './name-compare.ts';
import type { PathFailure } from './reason-codes.ts';
import type { WorkBudget } from './work-budget.ts';

/**
 * 'off': CRLs are not consulted. 'if-present': a CRL from the certificate's issuer, when given, is
 * honoured (even past its next update: what it revoked stays revoked). 'required': every certificate
 * below the anchor needs a current CRL from its issuer (PATH_CRL_MISSING, PATH_CRL_STALE).
 */
export type RevocationMode = 'off' | 'if-present' | 'required';
export const REVOCATION_MODES: ReadonlyArray<RevocationMode> = ['off', 'if-present', 'required'];

/** Why a certificate of the path is revoked (in the result of a PATH_REVOKED rejection). */
export interface RevocationInfo {
  /** Position in the rejected path, 0 = leaf. */
  readonly index: number;
  /** RFC 4514 subject of the revoked certificate. */
  readonly subject: string;
  readonly serialHex: string;
  readonly revokedAtMs: number;
  /** 'unspecified' when the CRL entry gives no reason (RFC 5280 §5.3.1). */
  readonly reason: CrlReason;
  /** RFC 4514 name of the CA whose CRL lists it. */
  readonly crlIssuer: string;
  /** Decimal CRL number, when the CRL has one. */
  readonly crlNumber?: string;
}

/** How each certificate of an accepted path stands (when revocation checking ran). */
export interface RevocationCheck {
  /** Position in the chain, 0 = leaf. */
  readonly index: number;
  /** good: a current CRL of its issuer does not list it; stale-crl: only a CRL past its next update; no-crl: none given. */
  readonly status: 'good' | 'stale-crl' | 'no-crl';
  readonly crlNumber?: string;
  readonly nextUpdateMs?: number;
}

export const MAX_CRLS = 64;
export const MAX_CRL_BYTES = 16 * 1024 * 1024;

interface PreparedCrl {
  readonly id: number;
  readonly crl: Crl;
  readonly issuerKey: string;
  readonly bySerial: ReadonlyMap<string, Crl['entries'][number]>;
}

/** Parses the CRLs strictly. Returns the failure (PATH_MALFORMED, PATH_LIMIT_EXCEEDED) for bad input. */
export function prepareCrls(crls: ReadonlyArray<Uint8Array>): PreparedCrl[] | PathFailure {
  if (crls.length > MAX_CRLS) return { code: 'PATH_LIMIT_EXCEEDED', message: `more than ${MAX_CRLS} CRLs offered` };
  const out: PreparedCrl[] = [];
  for (const [id, der] of crls.entries()) {
    if (der.length > MAX_CRL_BYTES) return { code: 'PATH_MALFORMED', message: `CRL ${id + 1} is larger than ${MAX_CRL_BYTES / 1024 / 1024} MiB` };
    let crl: Crl;
    try {
      crl = parseCrl(der);
    } catch (e) {
      if (!isPkiError(e)) throw e;
      return { code: 'PATH_MALFORMED', message: `CRL ${id + 1} cannot be used (${e.code}): ${e.message}` };
    }
    out.push({ id, crl, issuerKey: nameKey(crl.issuer), bySerial: new Map(crl.entries.map((e) => [e.serialHex, e])) });
  }
  return out;
}

export interface CrlCheckerOptions {
  readonly crls: ReadonlyArray<PreparedCrl>;
  readonly mode: Exclude<RevocationMode, 'off'>;
  readonly atMs: number;
  readonly budget: WorkBudget;
}

type Verdict =
  | { readonly kind: 'revoked'; readonly info: Omit<RevocationInfo, 'index'> }
  | { readonly kind: 'good' | 'stale-crl'; readonly crl: Crl }
  | { readonly kind: 'no-crl'; readonly why: string };

const who = (f: CertificateFacts): string => renderRfc4514(f.cert.subject) || 'empty subject';
const day = (ms: number): string => new Date(ms).toISOString();

/** One checker per validation: CRL signatures are verified once per issuer and cached. */
export class CrlChecker {
  private readonly authentic = new Map<string, boolean>();
  private readonly verdicts = new Map<string, Verdict>();
  constructor(private readonly o: CrlCheckerOptions) {}

  /** The failure for this path (leaf first, anchor last), or undefined when revocation allows it. */
  async checkPath(path: ReadonlyArray<CertificateFacts>): Promise<PathFailure | undefined> {
    const last = path.length - 1;
    let missing: PathFailure | undefined;
    // From the anchor down: the highest revoked certificate is the one to report.
    for (let i = last - 1; i >= 0; i--) {
      const v = await this.verdict(path[i]!, path[i + 1]!);
      if (v.kind === 'revoked') {
        const info: RevocationInfo = { index: i, ...v.info };
        const what = i === 0 ? 'the leaf' : `intermediate ${i}`;
        const crl = info.crlNumber !== undefined ? `CRL number ${info.crlNumber}` : 'the CRL';
        return {
          code: 'PATH_REVOKED',
          message: `${what} (${info.subject}) was revoked on ${day(info.revokedAtMs)} (${CRL_REASON_LABELS[info.reason]}), according to ${crl} of ${info.crlIssuer}`,
          index: i,
          revoked: info,
        };
      }
      if (this.o.mode === 'required' && !missing) {
        if (v.kind === 'no-crl') missing = { code: 'PATH_CRL_MISSING', message: `no usable CRL for ${who(path[i]!)}: ${v.why}`, index: i };
        else if (v.kind === 'stale-crl') {
          missing = {
            code: 'PATH_CRL_STALE',
            message: `the newest CRL of ${renderRfc4514(v.crl.issuer)}${v.crl.crlNumber !== undefined ? ` (number ${v.crl.crlNumber})` : ''} was due to be replaced ${v.crl.nextUpdateMs === undefined ? '(it has no next update)' : `on ${day(v.crl.nextUpdateMs)}`}`,
            index: i,
          };
        }
      }
    }
    return missing;
  }

  /** Per-certificate status of an accepted path (from the cache filled by checkPath). */
  async statuses(path: ReadonlyArray<CertificateFacts>): Promise<RevocationCheck[]> {
    const out: RevocationCheck[] = [];
    for (let i = 0; i < path.length - 1; i++) {
      const v = await this.verdict(path[i]!, path[i + 1]!);
      if (v.kind === 'revoked') continue; // not reached for an accepted path
      if (v.kind === 'no-crl') out.push({ index: i, status: 'no-crl' });
      else {
        out.push({
          index: i,
          status: v.kind,
          ...(v.crl.crlNumber !== undefined ? { crlNumber: v.crl.crlNumber.toString() } : {}),
          ...(v.crl.nextUpdateMs !== undefined ? { nextUpdateMs: v.crl.nextUpdateMs } : {}),
        });
      }
    }
    return out;
  }

  private async verdict(cert: CertificateFacts, issuer: CertificateFacts): Promise<Verdict> {
    const key = `${cert.source}${cert.id}>${issuer.source}${issuer.id}`;
    let v = this.verdicts.get(key);
    if (!v) {
      v = await this.decide(cert, issuer);
      this.verdicts.set(key, v);
    }
    return v;
  }

  private async decide(cert: CertificateFacts, issuer: CertificateFacts): Promise<Verdict> {
    const named = this.o.crls.filter((c) => c.issuerKey === cert.issuerKey);
    if (named.length === 0) return { kind: 'no-crl', why: `no CRL of ${renderRfc4514(cert.cert.issuer) || 'its issuer'} was given` };
    const authentic: PreparedCrl[] = [];
    let problem = '';
    for (const c of named) {
      const p = await this.authenticity(c, issuer);
      if (p) problem = p;
      else authentic.push(c);
    }
    if (authentic.length === 0) return { kind: 'no-crl', why: problem };
    // The newest CRL decides (RFC 5280 §5.2.3: a higher CRL number is more recent); a later one may lift a hold.
    const newest = authentic.reduce((a, b) => (newer(b.crl, a.crl) ? b : a));
    const entry = newest.bySerial.get(serialHex(cert.cert));
    if (entry && entry.reason !== 'removeFromCRL' && entry.revokedAtMs <= this.o.atMs) {
      return {
        kind: 'revoked',
        info: {
          subject: who(cert),
          serialHex: entry.serialHex,
          revokedAtMs: entry.revokedAtMs,
          reason: entry.reason ?? 'unspecified',
          crlIssuer: renderRfc4514(newest.crl.issuer),
          ...(newest.crl.crlNumber !== undefined ? { crlNumber: newest.crl.crlNumber.toString() } : {}),
        },
      };
    }
    // A CRL issued a little after the validation time (clock skew, or validating in the past) still
    // says what it says; only a CRL past its nextUpdate is stale (§5.1.2.5).
    const fresh = newest.crl.nextUpdateMs !== undefined && this.o.atMs <= newest.crl.nextUpdateMs;
    return { kind: fresh ? 'good' : 'stale-crl', crl: newest.crl };
  }

  /** undefined when `issuer` signed the CRL and may sign CRLs; else why not. */
  private async authenticity(c: PreparedCrl, issuer: CertificateFacts): Promise<string | undefined> {
    const key = `${c.id}>${issuer.identityKey}`;
    let ok = this.authentic.get(key);
    const name = renderRfc4514(issuer.cert.subject);
    if (issuer.subjectKeyId && c.crl.authorityKeyId && !bytesEqual(issuer.subjectKeyId, c.crl.authorityKeyId)) {
      return `the CRL of ${name} was signed by another key (authority key identifier)`;
    }
    if (issuer.keyUsage && !issuer.keyUsage.includes('cRLSign')) return `${name} may not sign CRLs (no cRLSign key usage)`;
    if (ok === undefined) {
      this.o.budget.spend('signatures');
      try {
        ok = await verifyX509Signature({
          issuerSpki: issuer.cert.subjectPublicKeyInfo,
          signatureAlgorithmOid: c.crl.signatureAlgorithmOid,
          signatureAlgorithm: c.crl.signatureAlgorithm,
          data: c.crl.tbs,
          signature: c.crl.signature,
        });
      } catch {
        ok = false;
      }
      this.authentic.set(key, ok);
    }
    return ok ? undefined : `the signature on the CRL of ${name} does not verify`;
  }
}

function newer(a: Crl, b: Crl): boolean {
  if (a.crlNumber !== undefined && b.crlNumber !== undefined && a.crlNumber !== b.crlNumber) return a.crlNumber > b.crlNumber;
  return a.thisUpdateMs > b.thisUpdateMs;
}
