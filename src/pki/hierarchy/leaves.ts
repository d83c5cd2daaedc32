// Leaf issuance: a 90-day SPIFFE leaf for a service in a scope, from a CSR or a public key, signed by
// the scope's active intermediate. One write set: the leaf record replaces the service's previous one.
import { PkiError } from '../errors.ts';
import { fromBase64 } from '../bytes.ts';
import { toPem } from '../pem.ts';
import { normaliseDnsName } from '../hosts.ts';
import { DAY_MS, validityWindow } from '../profile.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { parseCertificationRequest } from '../x509/csr.ts';
import { issueLeafCertificate } from './certificates.ts';
import { assertIssuedCertificate } from '../validate/check-issued.ts';
import { certDerOf } from './authorities.ts';
import { dnsNameWithin } from './name-constraints.ts';
import { LEAF_VALIDITY_DAYS, activeIssuer, keyRecordById, privateKeyFor, spiffeIdOf, type HierarchyState, type LeafRecord, type WriteSet } from './model.ts';

export interface LeafRequest {
  readonly scope: string;
  readonly service: string;
  readonly dnsNames?: ReadonlyArray<string>;
  /** Either the service's PKCS#10 request (DER) … */
  readonly csrDer?: Uint8Array;
  /** … or its SubjectPublicKeyInfo (e.g. from `generateServiceKey`). */
  readonly spki?: Uint8Array;
  readonly validityDays?: number;
}

export interface IssuedLeaf {
  readonly writes: WriteSet;
  readonly leaf: LeafRecord;
  /** Leaf then its intermediate (what a TLS server presents); the root is never included. */
  readonly chainPem: string;
}

/** Checks and normalises DNS names against the scope's DNS subtrees. Throws SAN_INVALID, HIER_DNS_OUTSIDE_SCOPE. */
export function checkLeafDnsNames(subtrees: ReadonlyArray<string> | undefined, names: ReadonlyArray<string>): string[] {
  const out = [...new Set(names.map((n) => normaliseDnsName(n.trim())))];
  if (subtrees && subtrees.length) {
    for (const n of out) {
      if (!subtrees.some((s) => dnsNameWithin(n, s))) {
        throw new PkiError('HIER_DNS_OUTSIDE_SCOPE', `${n} is outside the scope's DNS subtrees (${subtrees.join(', ')})`);
      }
    }
  }
  return out;
}

/**
 * Issues a leaf. The notAfter is capped at the issuer's notAfter. Throws HIER_SCOPE_UNKNOWN,
 * HIER_SERVICE_INVALID, HIER_DNS_OUTSIDE_SCOPE, HIER_NO_ACTIVE_ISSUER, HIER_KEY_UNAVAILABLE,
 * HIER_CSR_MALFORMED, CSR_BAD_SIGNATURE, VALIDITY_INVALID.
 */
export async function issueLeaf(state: HierarchyState, req: LeafRequest, atMs: number): Promise<IssuedLeaf> {
  const { doc } = state;
  const env = doc.environment;
  const spiffeId = spiffeIdOf(env, req.scope, req.service);
  const dnsNames = checkLeafDnsNames(env.dnsSubtrees[req.scope], req.dnsNames ?? []);
  if ((req.csrDer === undefined) === (req.spki === undefined)) throw new PkiError('HIER_CSR_MALFORMED', 'give exactly one of a CSR or a public key');
  const spki = req.csrDer ? (await parseCertificationRequest(req.csrDer)).subjectPublicKeyInfo : req.spki!;
  const issuer = activeIssuer(doc, req.scope);
  const issuerKey = privateKeyFor(state.keys, issuer.keyId);
  const issuerDer = certDerOf(issuer);
  const issuerCert = parseCertificate(issuerDer);
  const w = validityWindow(atMs, req.validityDays ?? LEAF_VALIDITY_DAYS);
  if (issuer.notAfterMs <= w.notBeforeMs + DAY_MS) throw new PkiError('HIER_NO_ACTIVE_ISSUER', `the ${req.scope} issuer expires within a day; rotate it first`);
  const validity = { notBeforeMs: w.notBeforeMs, notAfterMs: Math.min(w.notAfterMs, issuer.notAfterMs) };
  const der = await issueLeafCertificate({
    env,
    scope: req.scope,
    service: req.service,
    spiffeId,
    dnsNames,
    spki,
    issuerName: issuerCert.subject.der,
    issuerSpki: fromBase64(keyRecordById(doc, issuer.keyId).spkiB64),
    issuerKey,
    validity,
  });
  // Refuse what relying parties would reject: the leaf through its intermediate to the root, for both
  // purposes it is issued for, presenting each of its DNS names (name constraints, validity, key usage).
  const parent = issuer.role === 'intermediate' ? doc.authorities.find((a) => a.id === issuer.parentId) : issuer;
  if (!parent) throw new PkiError('HIER_STORE_INCONSISTENT', `root ${issuer.parentId} of ${issuer.id} is missing`);
  const issuerChain = issuer.role === 'intermediate' ? [issuerDer] : [];
  for (const purpose of ['serverAuth', 'clientAuth'] as const) {
    await assertIssuedCertificate({ certificate: der, issuerChain, roots: [certDerOf(parent)], atMs, purpose, ...(dnsNames[0] ? { peerName: { type: 'dns', value: dnsNames[0] } } : {}) });
  }
  const leaf: LeafRecord = { scope: req.scope, service: req.service, spiffeId, dnsNames, issuerId: issuer.id, certPem: toPem('CERTIFICATE', der), notAfterMs: validity.notAfterMs };
  const leaves = [...doc.leaves.filter((l) => !(l.scope === leaf.scope && l.service === leaf.service)), leaf].sort(compareLeaves);
  const authorities = doc.authorities.map((a) => (a.status === 'previous' ? { ...a, retireAfterMs: retireAfter(leaves, a.id, a.retireAfterMs) } : a));
  return {
    writes: { doc: { ...doc, revision: doc.revision + 1, leaves, authorities }, putKeys: [], deleteKeys: [] },
    leaf,
    chainPem: leaf.certPem + (issuer.role === 'intermediate' ? issuer.certPem : ''),
  };
}

function compareLeaves(a: LeafRecord, b: LeafRecord): number {
  return a.scope === b.scope ? (a.service < b.service ? -1 : a.service > b.service ? 1 : 0) : a.scope < b.scope ? -1 : 1;
}

/** Latest notAfter among the leaves an authority still backs (at least `floor`). */
export function retireAfter(leaves: ReadonlyArray<LeafRecord>, authorityId: string, floor = 0): number {
  return Math.max(floor, ...leaves.filter((l) => l.issuerId === authorityId).map((l) => l.notAfterMs));
}
