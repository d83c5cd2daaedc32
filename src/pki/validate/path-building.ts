// Builds candidate paths from the leaf to a trust anchor (RFC 4158 ideas): issuers found by subject
// name, skipped when key identifiers disagree, tried in a deterministic order (anchors first, then
// key-identifier matches, then those valid at the time); no certificate identity twice (no loops);
// signatures verified edge by edge and cached; every step counted by the work budget.
import { bytesEqual } from '../bytes.ts';
import { isPkiError } from '../errors.ts';
import { verifyCertificateSignature } from '../x509/verify-signature.ts';
import type { CertificateFacts } from './certificate-facts.ts';
import type { PathFailure } from './reason-codes.ts';
import type { WorkBudget } from './work-budget.ts';

export interface PathSearch {
  readonly leaf: CertificateFacts;
  /** Intermediates and anchors, deduplicated. */
  readonly pool: ReadonlyArray<CertificateFacts>;
  readonly maxIntermediates: number;
  readonly atMs: number;
  readonly budget: WorkBudget;
  /** Validates a complete path (leaf first, anchor last); returns its failure or undefined when it is valid. */
  readonly onPath: (path: ReadonlyArray<CertificateFacts>) => Promise<PathFailure | undefined>;
  /** Records a failure of a partial or complete path. */
  readonly onFailure: (f: PathFailure) => void;
}

type EdgeResult = 'ok' | 'bad' | 'unsupported' | 'malformed';

/** Depth-first search; resolves to the first valid path, or undefined. Throws WorkLimitExceeded. */
export async function searchPaths(s: PathSearch): Promise<ReadonlyArray<CertificateFacts> | undefined> {
  const bySubject = new Map<string, CertificateFacts[]>();
  for (const c of s.pool) {
    const list = bySubject.get(c.subjectKey) ?? [];
    list.push(c);
    bySubject.set(c.subjectKey, list);
  }
  const edges = new Map<string, EdgeResult>();

  const verifyEdge = async (child: CertificateFacts, issuer: CertificateFacts): Promise<EdgeResult> => {
    const key = `${child.source}${child.id}>${issuer.source}${issuer.id}`;
    const cached = edges.get(key);
    if (cached) return cached;
    s.budget.spend('signatures');
    let r: EdgeResult;
    try {
      r = (await verifyCertificateSignature(child.cert, issuer.cert.subjectPublicKeyInfo)) ? 'ok' : 'bad';
    } catch (e) {
      if (isPkiError(e, 'CERT_UNSUPPORTED_ALGORITHM')) r = 'unsupported';
      else if (isPkiError(e)) r = 'malformed';
      else r = 'bad'; // WebCrypto rejects some malformed keys/signatures with DOMException: not a valid signature either way
    }
    edges.set(key, r);
    return r;
  };

  const rank = (child: CertificateFacts, c: CertificateFacts): number[] => {
    const kidMatch = child.authorityKeyId && c.subjectKeyId && bytesEqual(child.authorityKeyId, c.subjectKeyId) ? 0 : 1;
    const valid = s.atMs >= c.cert.notBeforeMs && s.atMs <= c.cert.notAfterMs ? 0 : 1;
    return [c.source === 'root' ? 0 : 1, kidMatch, valid, -c.cert.notAfterMs, c.id];
  };
  const compare = (a: number[], b: number[]): number => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  };

  const extend = async (path: CertificateFacts[], seen: Set<string>): Promise<ReadonlyArray<CertificateFacts> | undefined> => {
    const child = path[path.length - 1]!;
    const index = path.length - 1;
    const candidates = (bySubject.get(child.issuerKey) ?? [])
      // RFC 5280 §4.2.1.1: when both identifiers are present and differ, this is not the issuing key.
      .filter((c) => !(child.authorityKeyId && c.subjectKeyId && !bytesEqual(child.authorityKeyId, c.subjectKeyId)))
      .filter((c) => !seen.has(c.identityKey))
      .map((c) => ({ c, r: rank(child, c) }))
      .sort((a, b) => compare(a.r, b.r))
      .map((x) => x.c);
    if (candidates.length === 0) {
      s.onFailure({ code: 'PATH_NO_ISSUER', message: `no issuer found for certificate ${index} in the chain among the intermediates and roots`, index });
      return undefined;
    }
    for (const c of candidates) {
      s.budget.spend('edges');
      if (c.source !== 'root' && path.length > s.maxIntermediates) {
        s.onFailure({ code: 'PATH_TOO_DEEP', message: `a chain through this issuer would have more than ${s.maxIntermediates} intermediates`, index });
        continue;
      }
      const edge = await verifyEdge(child, c);
      if (edge !== 'ok') {
        const code = edge === 'bad' ? 'PATH_BAD_SIGNATURE' : edge === 'unsupported' ? 'PATH_UNSUPPORTED_ALGORITHM' : 'PATH_MALFORMED';
        const what = edge === 'bad' ? 'does not verify' : edge === 'unsupported' ? 'uses an algorithm or key we cannot check' : 'cannot be checked (malformed key or signature)';
        s.onFailure({ code, message: `the signature on certificate ${index} by a candidate issuer ${what}`, index });
        continue;
      }
      const next = [...path, c];
      if (c.source === 'root') {
        s.budget.spend('paths');
        const failure = await s.onPath(next);
        if (!failure) return next;
        s.onFailure(failure);
        continue;
      }
      seen.add(c.identityKey);
      const found = await extend(next, seen);
      seen.delete(c.identityKey);
      if (found) return found;
    }
    return undefined;
  };

  return extend([s.leaf], new Set([s.leaf.identityKey]));
}
