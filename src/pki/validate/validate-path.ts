// validatePath: "would this peer be accepted?" — RFC 5280 §6 path validation with path building.
// Never throws for bad input: malformed certificates give PATH_MALFORMED, bad options PATH_BAD_REQUEST.
import { bytesEqual } from '../bytes.ts';
import { isPkiError } from '../errors.ts';
import { certificateFacts, type CertificateFacts } from './certificate-facts.ts';
import { checkPath, type Purpose, type RevocationHook } from './path-checks.ts';
import { searchPaths } from './path-building.ts';
import { preparePeerName, type PreparedPeerName } from './peer-name.ts';
import { PATH_REASON_SENTENCES, reasonRank, type PathFailure, type PathReasonCode } from './reason-codes.ts';
import { WorkBudget, WorkLimitExceeded, type WorkCounts, type WorkLimits } from './work-budget.ts';
import { CrlChecker, REVOCATION_MODES, prepareCrls, type RevocationCheck, type RevocationInfo, type RevocationMode } from './revocation.ts';

export interface PathValidationOptions {
  leaf: Uint8Array; // peer (end-entity) certificate, DER
  intermediates?: Uint8Array[]; // untrusted candidate intermediates, DER, any order
  roots: Uint8Array[]; // trust anchors, DER
  time?: Date; // validation time; default: now
  purpose?: 'serverAuth' | 'clientAuth'; // EKU the leaf must allow; absent: no EKU check
  peerName?: { type: 'dns' | 'ip' | 'email'; value: string }; // must match the leaf's SAN
  maxChainDepth?: number; // most intermediates allowed
  crls?: Uint8Array[]; // CRLs (DER) of any CAs; each certificate below the anchor is checked against its issuer's newest
  revocation?: RevocationMode; // default: 'if-present' when crls are given, else 'off'
}

export interface PathValidationResult {
  ok: boolean;
  chain?: Uint8Array[]; // leaf first … anchor last, when ok
  code?: string; // stable machine-readable reason when !ok (a PathReasonCode)
  message?: string; // for people
  /** When !ok: the position (0 = leaf) in the most relevant failed candidate path. */
  failedIndex?: number;
  /** When code is PATH_REVOKED (from a CRL): which certificate, when, why, and whose CRL. */
  revoked?: RevocationInfo;
  /** When ok and revocation was checked: how each certificate below the anchor stands, leaf first. */
  revocationChecks?: RevocationCheck[];
}

/** Extension points that are not part of the public options: revocation (issue 11) and work limits (tests). */
export interface PathValidationHooks {
  readonly revocation?: RevocationHook;
  readonly limits?: WorkLimits;
  /** Receives the work counters when validation ends (fuzz tests measure growth in counts). */
  readonly onWork?: (counts: Readonly<WorkCounts>) => void;
}

export const DEFAULT_MAX_CHAIN_DEPTH = 8;
export const MAX_CHAIN_DEPTH_LIMIT = 32;
const MAX_INTERMEDIATES = 256;
const MAX_ROOTS = 10_000;
const MAX_CERT_BYTES = 256 * 1024;

function reject(code: PathReasonCode, message: string, failedIndex?: number, revoked?: RevocationInfo): PathValidationResult {
  return { ok: false, code, message, ...(failedIndex === undefined ? {} : { failedIndex }), ...(revoked ? { revoked } : {}) };
}

/**
 * Validates the leaf against the roots, building paths through the intermediates. Resolves to
 * `{ ok: true, chain }` or `{ ok: false, code, message }` with a PathReasonCode; never rejects.
 */
export async function validatePath(opts: PathValidationOptions, hooks: PathValidationHooks = {}): Promise<PathValidationResult> {
  const budget = new WorkBudget(hooks.limits);
  try {
    return await validate(opts, hooks, budget);
  } catch (e) {
    // Fail closed and keep the promise: an input we did not foresee must not crash the caller.
    if (isPkiError(e)) return reject('PATH_MALFORMED', `could not be validated: ${e.message}`);
    return reject('PATH_MALFORMED', `could not be validated (${e instanceof Error ? e.name : 'unexpected error'})`);
  } finally {
    hooks.onWork?.({ ...budget.counts });
  }
}

async function validate(opts: PathValidationOptions, hooks: PathValidationHooks, budget: WorkBudget): Promise<PathValidationResult> {
  // ---- the request ----
  if (!opts || !(opts.leaf instanceof Uint8Array)) return reject('PATH_BAD_REQUEST', 'the leaf certificate (DER bytes) is missing');
  if (!Array.isArray(opts.roots) || !opts.roots.every((r) => r instanceof Uint8Array)) return reject('PATH_BAD_REQUEST', 'roots must be a list of DER certificates');
  const intermediates = opts.intermediates ?? [];
  if (!Array.isArray(intermediates) || !intermediates.every((r) => r instanceof Uint8Array)) {
    return reject('PATH_BAD_REQUEST', 'intermediates must be a list of DER certificates');
  }
  const atMs = opts.time === undefined ? Date.now() : opts.time instanceof Date ? opts.time.getTime() : NaN;
  if (!Number.isFinite(atMs)) return reject('PATH_BAD_REQUEST', 'the validation time is not a valid date');
  const maxDepth = opts.maxChainDepth ?? DEFAULT_MAX_CHAIN_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > MAX_CHAIN_DEPTH_LIMIT) {
    return reject('PATH_BAD_REQUEST', `maxChainDepth must be a whole number from 0 to ${MAX_CHAIN_DEPTH_LIMIT}`);
  }
  const purpose: Purpose | undefined = opts.purpose;
  if (purpose !== undefined && purpose !== 'serverAuth' && purpose !== 'clientAuth') return reject('PATH_BAD_REQUEST', 'purpose must be serverAuth or clientAuth');
  let peerName: PreparedPeerName | undefined;
  if (opts.peerName !== undefined) {
    const p = opts.peerName && typeof opts.peerName.value === 'string' && ['dns', 'ip', 'email'].includes(opts.peerName.type) ? preparePeerName(opts.peerName) : 'the peer name needs a type (dns, ip, email) and a value';
    if (typeof p === 'string') return reject('PATH_BAD_REQUEST', p);
    peerName = p;
  }
  const crlList = opts.crls ?? [];
  if (!Array.isArray(crlList) || !crlList.every((c) => c instanceof Uint8Array)) return reject('PATH_BAD_REQUEST', 'crls must be a list of DER CRLs');
  const mode: RevocationMode = opts.revocation ?? (crlList.length ? 'if-present' : 'off');
  if (!REVOCATION_MODES.includes(mode)) return reject('PATH_BAD_REQUEST', `revocation must be one of ${REVOCATION_MODES.join(', ')}`);
  if (intermediates.length > MAX_INTERMEDIATES) return reject('PATH_LIMIT_EXCEEDED', `more than ${MAX_INTERMEDIATES} intermediates offered`);
  if (opts.roots.length > MAX_ROOTS) return reject('PATH_LIMIT_EXCEEDED', `more than ${MAX_ROOTS} roots offered`);
  if (opts.roots.length === 0) return reject('PATH_NO_ISSUER', 'no trust anchors were given');

  // ---- parse everything strictly, once ----
  const parse = (der: Uint8Array, id: number, source: CertificateFacts['source']): CertificateFacts | PathValidationResult => {
    const what = source === 'leaf' ? 'the leaf certificate' : `${source} ${id + 1}`;
    if (der.length > MAX_CERT_BYTES) return reject('PATH_MALFORMED', `${what} is larger than ${MAX_CERT_BYTES / 1024} KiB`);
    try {
      return certificateFacts(der, id, source);
    } catch (e) {
      if (!isPkiError(e)) throw e;
      return reject('PATH_MALFORMED', `${what} is malformed: ${e.message}`, source === 'leaf' ? 0 : undefined);
    }
  };
  const leaf = parse(opts.leaf, 0, 'leaf');
  if ('ok' in leaf) return leaf;
  const pool: CertificateFacts[] = [];
  const seenDer: Uint8Array[] = [opts.leaf];
  let leafIsRoot: CertificateFacts | undefined;
  for (const [source, list] of [['root', opts.roots], ['intermediate', intermediates]] as const) {
    for (let i = 0; i < list.length; i++) {
      const der = list[i]!;
      if (source === 'root' && bytesEqual(der, opts.leaf)) {
        const f = parse(der, i, 'root');
        if ('ok' in f) return f;
        leafIsRoot = f;
        continue;
      }
      if (seenDer.some((d) => d.length === der.length && bytesEqual(d, der))) continue;
      const f = parse(der, i, source);
      if ('ok' in f) return f;
      seenDer.push(der);
      pool.push(f);
    }
  }

  let crls: CrlChecker | undefined;
  if (mode !== 'off') {
    const prepared = prepareCrls(crlList);
    if (!Array.isArray(prepared)) return reject(prepared.code, prepared.message);
    crls = new CrlChecker({ crls: prepared, mode, atMs, budget });
  }

  // ---- search and check ----
  let best: PathFailure | undefined;
  const record = (f: PathFailure): void => {
    if (!best || reasonRank(f.code) > reasonRank(best.code)) best = f;
  };
  const ctx = { atMs, purpose, peerName, budget, revocation: hooks.revocation, crls };
  try {
    let found: ReadonlyArray<CertificateFacts> | undefined;
    if (leafIsRoot) {
      // The peer presents a trust anchor itself: a path of one certificate.
      const failure = await checkPath([leafIsRoot], ctx);
      if (failure) record(failure);
      else found = [leafIsRoot];
    }
    found ??= await searchPaths({ leaf, pool, maxIntermediates: maxDepth, atMs, budget, onPath: (p) => checkPath(p, ctx), onFailure: record });
    if (found) {
      const chain = found.map((f) => f.cert.der.slice());
      return crls ? { ok: true, chain, revocationChecks: await crls.statuses(found) } : { ok: true, chain };
    }
  } catch (e) {
    if (e instanceof WorkLimitExceeded) {
      const seen = best ? ` (most relevant problem so far: ${best.code})` : '';
      return reject('PATH_LIMIT_EXCEEDED', `gave up after too much work (${e.counter})${seen}`);
    }
    throw e;
  }
  const f = best ?? { code: 'PATH_NO_ISSUER' as const, message: 'no issuer found', index: 0 };
  return reject(f.code, `${PATH_REASON_SENTENCES[f.code]} ${capitalise(f.message)}.`, f.index, f.revoked);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
