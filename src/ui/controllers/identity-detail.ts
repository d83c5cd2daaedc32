// Loads one identity with summaries of both certificates, its audit log and where its private keys
// can come back from (escrowed at birth to a recovery key, or nowhere: this browser only).
import { basicConstraintsOf, describeCertificate, parseCertificate, type CertificateSummary } from '../../pki/index.ts';
import { getIdentity, getKey, listAudit, listKeyEscrows, StoreError, type AuditRecord, type Db, type IdentityRecord } from '../../store/index.ts';

/**
 * Whether the identity's two private keys (CA and identity) survive the loss of this browser's data:
 * 'recoverable' when both were escrowed at birth, 'partial' when one was, 'browser-only' when none.
 * `held` says whether this browser still has both keys (false after clearing site data and restoring).
 */
export interface KeyCustody {
  readonly state: 'recoverable' | 'partial' | 'browser-only';
  /** The age recipients (recovery keys) the escrows open with. */
  readonly recipients: ReadonlyArray<string>;
  /** Which keys are escrowed. */
  readonly escrowed: { readonly ca: boolean; readonly identity: boolean };
  readonly held: boolean;
}

export interface IdentityDetail {
  readonly record: IdentityRecord;
  readonly id: CertificateSummary;
  readonly ca: CertificateSummary;
  readonly audit: ReadonlyArray<AuditRecord>;
  readonly keys: KeyCustody;
  /** Whether its CA allows a CA below it (certified's profile says pathLen 0: it cannot cross-certify). */
  readonly canCrossCertify: boolean;
}

/** Throws StoreError STORE_NOT_FOUND when there is no such identity. */
export async function loadIdentityDetail(db: Db, identityId: string, atMs: number): Promise<IdentityDetail> {
  const record = await getIdentity(db, identityId);
  if (!record) throw new StoreError('STORE_NOT_FOUND', `no identity ${identityId}`);
  const [id, ca, audit, escrows, caKey, idKey] = await Promise.all([
    describeCertificate(record.idCertDer, atMs),
    describeCertificate(record.caCertDer, atMs),
    listAudit(db, { identityId }),
    listKeyEscrows(db),
    getKey(db, record.caKeyId),
    getKey(db, record.idKeyId),
  ]);
  const pathLength = basicConstraintsOf(parseCertificate(record.caCertDer))?.pathLength;
  return { record, id, ca, audit, keys: keyCustody(record, escrows, !!caKey && !!idKey), canCrossCertify: pathLength === undefined || pathLength >= 1 };
}

function keyCustody(record: IdentityRecord, escrows: Awaited<ReturnType<typeof listKeyEscrows>>, held: boolean): KeyCustody {
  // A damaged escrow (escrow null) cannot bring a key back: it does not count.
  const ca = escrows.find((e) => e.keyId === record.caKeyId && e.escrow);
  const idk = escrows.find((e) => e.keyId === record.idKeyId && e.escrow);
  const recipients = [...new Set([ca, idk].flatMap((e) => (e ? [e.recipient] : [])))];
  const both = !!ca && !!idk;
  return { state: both ? 'recoverable' : ca || idk ? 'partial' : 'browser-only', recipients, escrowed: { ca: !!ca, identity: !!idk }, held };
}
