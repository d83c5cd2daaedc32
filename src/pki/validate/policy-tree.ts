// Certificate policy processing (RFC 5280 §6.1.2 (a)(d)(e)(f), §6.1.3 (d)(e)(f), §6.1.4 (a)(b)(h)(i)(j),
// §6.1.5 (a)(b)(g)) with the user's initial policy set anyPolicy. The tree is kept level by level and
// its size is bounded by the work budget (the policy-tree blow-up of CVE-2023-0464 cannot spin here).
import { TAG, children, contentOf, decodeOid, decodeSmallInteger, readWhole } from '../der.ts';
import { PkiError } from '../errors.ts';
import { OID_ANY_POLICY } from '../x509/constraint-extensions.ts';
import type { WorkBudget } from './work-budget.ts';

export interface PolicyInputs {
  /** CertificatePolicies OIDs, or undefined when the extension is absent. */
  readonly policies?: ReadonlyArray<string>;
  readonly mappings?: ReadonlyArray<readonly [issuerDomain: string, subjectDomain: string]>;
  readonly requireExplicitPolicy?: number;
  readonly inhibitPolicyMapping?: number;
  readonly inhibitAnyPolicy?: number;
  readonly selfIssued: boolean;
}

interface Node {
  readonly validPolicy: string;
  expected: Set<string>;
  readonly parent: Node | undefined;
  childCount: number;
}

const malformed = (what: string): never => {
  throw new PkiError('CERT_MALFORMED', what);
};

export function decodeCertificatePolicies(v: Uint8Array): string[] {
  const top = readWhole(v, TAG.SEQUENCE);
  const out = children(v, top).map((pi) => {
    if (pi.tag !== TAG.SEQUENCE) malformed('PolicyInformation');
    const [oid] = children(v, pi);
    if (!oid || oid.tag !== TAG.OID) malformed('policyIdentifier');
    return decodeOid(contentOf(v, oid!));
  });
  if (out.length === 0) malformed('empty CertificatePolicies');
  if (new Set(out).size !== out.length) malformed('a policy appears twice in CertificatePolicies (RFC 5280 §4.2.1.4)');
  return out;
}

export function decodePolicyMappings(v: Uint8Array): Array<[string, string]> {
  const top = readWhole(v, TAG.SEQUENCE);
  const out = children(v, top).map((m): [string, string] => {
    if (m.tag !== TAG.SEQUENCE) malformed('PolicyMapping');
    const [a, b, ...x] = children(v, m);
    if (!a || !b || x.length || a.tag !== TAG.OID || b.tag !== TAG.OID) malformed('PolicyMapping');
    return [decodeOid(contentOf(v, a!)), decodeOid(contentOf(v, b!))];
  });
  if (out.length === 0) malformed('empty PolicyMappings');
  return out;
}

export function decodePolicyConstraints(v: Uint8Array): { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } {
  const top = readWhole(v, TAG.SEQUENCE);
  const out: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } = {};
  let last = 0;
  for (const f of children(v, top)) {
    if ((f.tag !== 0x80 && f.tag !== 0x81) || f.tag <= last) malformed('PolicyConstraints field');
    last = f.tag;
    const n = decodeSmallInteger(contentOf(v, f));
    if (f.tag === 0x80) out.requireExplicitPolicy = n;
    else out.inhibitPolicyMapping = n;
  }
  // §4.2.1.11: conforming CAs MUST NOT issue an empty PolicyConstraints.
  if (last === 0) malformed('empty PolicyConstraints');
  return out;
}

export function decodeInhibitAnyPolicy(v: Uint8Array): number {
  return decodeSmallInteger(contentOf(v, readWhole(v, TAG.INTEGER)));
}

/**
 * Runs policy processing over the path's certificates (anchor excluded), first below the anchor first.
 * Returns undefined when the path satisfies policy, else a sentence. Throws WorkLimitExceeded.
 */
export function processPolicies(certs: ReadonlyArray<PolicyInputs>, budget: WorkBudget): { failure?: string; index?: number } {
  const n = certs.length;
  let explicitPolicy = n + 1;
  let policyMapping = n + 1;
  let inhibitAny = n + 1;
  const root: Node = { validPolicy: OID_ANY_POLICY, expected: new Set([OID_ANY_POLICY]), parent: undefined, childCount: 0 };
  let levels: Node[][] | undefined = [[root]];

  const prune = (fromDepth: number): void => {
    if (!levels) return;
    for (let d = fromDepth; d >= 0; d--) {
      const keep: Node[] = [];
      for (const node of levels[d]!) {
        if (node.childCount > 0) keep.push(node);
        else if (node.parent) node.parent.childCount--;
      }
      levels[d] = keep;
    }
    if (levels[0]!.length === 0) levels = undefined;
  };
  const addChild = (parent: Node, policy: string, expected: Set<string>, into: Node[]): void => {
    budget.spend('policyNodes');
    parent.childCount++;
    into.push({ validPolicy: policy, expected, parent, childCount: 0 });
  };

  for (let i = 1; i <= n; i++) {
    const c = certs[i - 1]!;
    const isLast = i === n;
    // §6.1.3 (d)
    if (c.policies && levels) {
      const prev = levels[i - 1]!;
      const next: Node[] = [];
      for (const p of c.policies) {
        if (p === OID_ANY_POLICY) continue;
        const matches = prev.filter((node) => node.expected.has(p));
        if (matches.length) for (const node of matches) addChild(node, p, new Set([p]), next);
        else for (const node of prev) if (node.validPolicy === OID_ANY_POLICY) addChild(node, p, new Set([p]), next);
      }
      if (c.policies.includes(OID_ANY_POLICY) && (inhibitAny > 0 || (!isLast && c.selfIssued))) {
        for (const node of prev) {
          const have = new Set(next.filter((x) => x.parent === node).map((x) => x.validPolicy));
          for (const e of node.expected) if (!have.has(e)) addChild(node, e, new Set([e]), next);
        }
      }
      levels.push(next);
      prune(i - 1);
    } else if (!c.policies) {
      levels = undefined; // §6.1.3 (e)
    }
    // §6.1.3 (f)
    if (explicitPolicy === 0 && !levels) return { failure: 'no acceptable certificate policy while an explicit policy is required', index: i };
    if (isLast) break;
    // §6.1.4 (a)(b)
    if (c.mappings) {
      for (const [from, to] of c.mappings) {
        if (from === OID_ANY_POLICY || to === OID_ANY_POLICY) return { failure: 'a policy mapping involves anyPolicy (RFC 5280 §6.1.4 (a))', index: i };
      }
      const byIssuer = new Map<string, Set<string>>();
      for (const [from, to] of c.mappings) byIssuer.set(from, (byIssuer.get(from) ?? new Set()).add(to));
      for (const [idp, targets] of byIssuer) {
        if (!levels) break;
        const level = levels[i]!;
        if (policyMapping > 0) {
          const hits = level.filter((node) => node.validPolicy === idp);
          if (hits.length) for (const node of hits) node.expected = new Set(targets);
          else {
            const any = level.find((node) => node.validPolicy === OID_ANY_POLICY);
            if (any?.parent) addChild(any.parent, idp, new Set(targets), level);
          }
        } else {
          const keep: Node[] = [];
          for (const node of level) {
            if (node.validPolicy === idp) node.parent!.childCount--;
            else keep.push(node);
          }
          levels[i] = keep;
          prune(i - 1);
        }
      }
    }
    // §6.1.4 (h)(i)(j)
    if (!c.selfIssued) {
      if (explicitPolicy > 0) explicitPolicy--;
      if (policyMapping > 0) policyMapping--;
      if (inhibitAny > 0) inhibitAny--;
    }
    if (c.requireExplicitPolicy !== undefined) explicitPolicy = Math.min(explicitPolicy, c.requireExplicitPolicy);
    if (c.inhibitPolicyMapping !== undefined) policyMapping = Math.min(policyMapping, c.inhibitPolicyMapping);
    if (c.inhibitAnyPolicy !== undefined) inhibitAny = Math.min(inhibitAny, c.inhibitAnyPolicy);
  }
  // §6.1.5 (a)(b)
  const last = certs[n - 1];
  if (explicitPolicy > 0) explicitPolicy--;
  if (last?.requireExplicitPolicy === 0) explicitPolicy = 0;
  if (explicitPolicy === 0 && !levels) return { failure: 'no acceptable certificate policy while an explicit policy is required', index: n };
  return {};
}
