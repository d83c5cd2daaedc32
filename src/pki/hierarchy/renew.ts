// `renew`: re-issue every leaf expiring within N days under its scope's active issuer, in ONE write
// set. Needs only the intermediate keys (what CI holds), never the root.
import { generateServiceKey } from '../escrow.ts';
import { DAY_MS } from '../profile.ts';
import { issueLeaf } from './leaves.ts';
import { applyWriteSet, type HierarchyState, type LeafRecord, type WriteSet } from './model.ts';
import { leafSpki } from './rotation.ts';

export interface RenewedLeaf {
  readonly leaf: LeafRecord;
  readonly chainPem: string;
  /** Only with `newKeys`: the service's fresh PKCS#8 PEM, to deliver and never store. */
  readonly keyPem?: string;
}

export interface RenewResult {
  readonly writes: WriteSet;
  readonly renewed: ReadonlyArray<RenewedLeaf>;
}

/**
 * Renews leaves with notAfter ≤ atMs + withinDays (or issued by a non-active authority, e.g. after
 * a rotation). Keeps each service's public key unless `newKeys`. Throws HIER_KEY_UNAVAILABLE when
 * an issuer key is not held.
 */
export async function renewExpiring(state: HierarchyState, p: { withinDays: number; newKeys?: boolean; only?: { scope: string; service: string } }, atMs: number): Promise<RenewResult> {
  const active = new Set(state.doc.authorities.filter((a) => a.status === 'active').map((a) => a.id));
  const due = state.doc.leaves.filter(
    (l) => (l.notAfterMs <= atMs + p.withinDays * DAY_MS || !active.has(l.issuerId)) && (!p.only || (l.scope === p.only.scope && l.service === p.only.service)),
  );
  let s = state;
  const renewed: RenewedLeaf[] = [];
  for (const l of due) {
    const fresh = p.newKeys ? await generateServiceKey(s.doc.environment.keyType) : undefined;
    const r = await issueLeaf(s, { scope: l.scope, service: l.service, dnsNames: l.dnsNames, spki: fresh?.spki ?? leafSpki(l.certPem) }, atMs);
    s = applyWriteSet(s, r.writes);
    renewed.push({ leaf: r.leaf, chainPem: r.chainPem, ...(fresh ? { keyPem: fresh.pkcs8Pem } : {}) });
  }
  const doc = renewed.length ? { ...s.doc, revision: state.doc.revision + 1 } : state.doc;
  return { writes: { doc, putKeys: [], deleteKeys: [] }, renewed };
}
