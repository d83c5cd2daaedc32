// The checks of RFC 5280 §6.1 on one candidate path whose signatures already verify, in the order of
// relevance of their reason codes (reason-codes.ts): validity, CA, path length, key usage, critical
// extensions, name constraints, policies, extended key usage, revocation (CRLs, then the hook), peer name.
import { OID_EKU, type KeyUsageName } from '../x509/extensions.ts';
import { renderRfc4514 } from '../names.ts';
import type { CertificateFacts } from './certificate-facts.ts';
import { NameConstraintState, constrainedNames } from './name-constraints.ts';
import { peerNameMatches, type PreparedPeerName } from './peer-name.ts';
import { processPolicies } from './policy-tree.ts';
import type { PathFailure, PathReasonCode } from './reason-codes.ts';
import type { WorkBudget } from './work-budget.ts';
import type { CrlChecker } from './revocation.ts';

export type Purpose = 'serverAuth' | 'clientAuth';

/** Called once per certificate of a candidate path (leaf first) once every other check but the peer name passed. */
export type RevocationHook = (input: {
  readonly certificate: Uint8Array;
  readonly issuer: Uint8Array;
  /** 0 = leaf. */
  readonly index: number;
  readonly atMs: number;
}) => Promise<{ readonly code: PathReasonCode; readonly message: string } | undefined>;

export interface PathCheckContext {
  readonly atMs: number;
  readonly purpose?: Purpose;
  readonly peerName?: PreparedPeerName;
  readonly budget: WorkBudget;
  readonly revocation?: RevocationHook;
  /** CRL checking (the crls/revocation options), before the hook. */
  readonly crls?: CrlChecker;
}

/** RFC 5280 §4.2.1.3 with the TLS usages of RFC 5246 §7.4.2 (as OpenSSL and Go apply them). */
const LEAF_KEY_USAGES: Readonly<Record<Purpose, ReadonlyArray<KeyUsageName>>> = {
  serverAuth: ['digitalSignature', 'keyEncipherment', 'keyAgreement'],
  clientAuth: ['digitalSignature', 'keyAgreement'],
};

const who = (f: CertificateFacts, index: number): string =>
  `${index === 0 ? 'the leaf' : f.source === 'root' ? 'the trust anchor' : `intermediate ${index}`} (${renderRfc4514(f.cert.subject) || 'empty subject'})`;

const fail = (code: PathReasonCode, message: string, index: number): PathFailure => ({ code, message, index });

function ekuAllows(eku: ReadonlyArray<string> | undefined, purpose: Purpose): boolean {
  // RFC 5280 §4.2.1.12 lets applications that need a particular purpose reject anyExtendedKeyUsage
  // without it; OpenSSL does, so we do too (docs/validation.md): the purpose must be listed.
  return !eku || eku.includes(OID_EKU[purpose]);
}

/** `path` is leaf first, trust anchor last. Returns the first failure, or undefined when the path is valid. */
export async function checkPath(path: ReadonlyArray<CertificateFacts>, ctx: PathCheckContext): Promise<PathFailure | undefined> {
  const last = path.length - 1;
  const top = (): number[] => path.map((_, i) => last - i); // anchor first, leaf last

  for (const i of top()) {
    const c = path[i]!.cert;
    if (ctx.atMs > c.notAfterMs) return fail('PATH_EXPIRED', `${who(path[i]!, i)} expired on ${new Date(c.notAfterMs).toISOString()}`, i);
    if (ctx.atMs < c.notBeforeMs) return fail('PATH_NOT_YET_VALID', `${who(path[i]!, i)} is valid only from ${new Date(c.notBeforeMs).toISOString()}`, i);
  }

  // §6.1.4 (k): every issuer is a CA. Version 1 trust anchors are accepted as anchors (no extensions to say otherwise).
  for (let i = last; i >= 1; i--) {
    const f = path[i]!;
    if (f.basicConstraints?.ca) continue;
    if (f.source === 'root' && f.cert.version === 1) continue;
    return fail('PATH_NOT_CA', `${who(f, i)} is not a CA (basic constraints)`, i);
  }

  // §6.1.4 (l)(m): path length, counting the anchor's own constraint as RFC 5937 does.
  let maxLength = path[last]!.basicConstraints?.pathLength ?? Infinity;
  for (let i = last - 1; i >= 1; i--) {
    const f = path[i]!;
    if (!f.selfIssued) {
      if (maxLength <= 0) return fail('PATH_LENGTH_EXCEEDED', `${who(f, i)} is one CA too many for the path length its issuers allow`, i);
      maxLength--;
    }
    if (f.basicConstraints?.pathLength !== undefined) maxLength = Math.min(maxLength, f.basicConstraints.pathLength);
  }

  // §6.1.4 (n) and §4.2.1.3.
  for (let i = last; i >= 1; i--) {
    const ku = path[i]!.keyUsage;
    if (ku && !ku.includes('keyCertSign')) return fail('PATH_KEY_USAGE', `${who(path[i]!, i)} may not sign certificates (key usage lacks keyCertSign)`, i);
  }
  const leaf = path[0]!;
  if (ctx.purpose && leaf.keyUsage && !LEAF_KEY_USAGES[ctx.purpose].some((u) => leaf.keyUsage!.includes(u))) {
    return fail('PATH_KEY_USAGE', `${who(leaf, 0)} key usage does not allow ${ctx.purpose}`, 0);
  }

  // §6.1.4 (o) / §6.1.5 (f).
  for (const i of top()) {
    const u = path[i]!.unknownCritical[0];
    if (u) return fail('PATH_UNKNOWN_CRITICAL_EXTENSION', `${who(path[i]!, i)} has the critical extension ${u}, which we do not process`, i);
  }

  // §6.1.3 (b)(c), §6.1.4 (g).
  const nc = new NameConstraintState();
  for (const i of top()) {
    const f = path[i]!;
    if (i !== last && (i === 0 || !f.selfIssued) && !nc.empty) {
      const problem = nc.check(constrainedNames(f.cert.subject, f.subjectAltNames), ctx.budget);
      if (problem) return fail('PATH_NAME_CONSTRAINTS', `${who(f, i)}: ${problem}`, i);
    }
    if (i !== 0 && f.nameConstraints) nc.add(f.nameConstraints);
  }

  // §6.1.3 (d)-(f), §6.1.4 (a)(b)(h)-(j), §6.1.5: the anchor is not part of the path.
  const below = path.slice(0, last).reverse();
  const policy = processPolicies(
    below.map((f) => ({
      policies: f.policies,
      mappings: f.policyMappings,
      requireExplicitPolicy: f.requireExplicitPolicy,
      inhibitPolicyMapping: f.inhibitPolicyMapping,
      inhibitAnyPolicy: f.inhibitAnyPolicy,
      selfIssued: f.selfIssued,
    })),
    ctx.budget,
  );
  if (policy.failure) {
    const i = last - (policy.index ?? last);
    return fail('PATH_POLICY', `${who(path[i]!, i)}: ${policy.failure}`, i);
  }

  // Extended key usage: the leaf's, and every issuer's as a constraint (as OpenSSL, Go and browsers do).
  if (ctx.purpose) {
    for (const i of top()) {
      if (!ekuAllows(path[i]!.extKeyUsage, ctx.purpose)) return fail('PATH_EKU', `${who(path[i]!, i)} does not allow ${ctx.purpose} (extended key usage)`, i);
    }
  }

  if (ctx.crls) {
    const r = await ctx.crls.checkPath(path);
    if (r) return r;
  }
  if (ctx.revocation) {
    for (let i = 0; i < last; i++) {
      const r = await ctx.revocation({ certificate: path[i]!.cert.der, issuer: path[i + 1]!.cert.der, index: i, atMs: ctx.atMs });
      if (r) return fail(r.code, r.message, i);
    }
  }

  if (ctx.peerName && !peerNameMatches(leaf.subjectAltNames, ctx.peerName)) {
    return fail('PATH_NAME_MISMATCH', `${who(leaf, 0)} does not name the expected peer in its subject alternative names`, 0);
  }
  return undefined;
}
