// The trust graph from the store: our identities, the introductions installed for them, the peers our
// CAs introduced (the issued register) and the partner CAs they cross-certified, with what is revoked:
// our CAs' revocation ledgers and the partners' CRLs we hold. DOM-free.
import { buildTrustGraph, type TrustGraph } from '../../pki/index.ts';
import { listCrossCertificates, listIdentities, listIntroductions, listIssued, listPartnerCrls, loadRevocationState, type Db } from '../../store/index.ts';

export async function loadTrustGraph(db: Db, atMs: number): Promise<TrustGraph> {
  const [identities, introductions, issued, crossCertificates, partnerCrls] = await Promise.all([
    listIdentities(db), listIntroductions(db), listIssued(db), listCrossCertificates(db), listPartnerCrls(db),
  ]);
  const ledgers = await Promise.all(identities.map((r) => loadRevocationState(db, r.id)));
  return buildTrustGraph({
    identities: identities.map((r) => ({ ref: r.id, idCertDer: r.idCertDer, label: r.label })),
    introductions: introductions.map((i) => ({ signedCertDer: i.signedCertDer, caCertDer: i.caCertDer, services: i.services, ...(i.identityRef !== undefined ? { identityRef: i.identityRef } : {}) })),
    // Oldest first, so a later re-introduction of the same peer wins when both are valid.
    introduced: issued.filter((d) => d.kind === 'introduction').reverse().map((d) => ({ certDer: d.certDer, identityRef: d.identityId })),
    crossCertificates: crossCertificates.map((x) => ({ certDer: x.certDer, description: x.description, ...(x.identityId !== undefined ? { identityRef: x.identityId } : {}) })),
    ourRevocations: ledgers.flatMap((s) => s.ledger.entries),
    partnerCrls: partnerCrls.map((c) => ({ caId: c.caId, crlDer: c.crlDer })),
    atMs,
  });
}
