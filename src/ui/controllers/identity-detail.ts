// Loads one identity with summaries of both certificates and its audit log.
import { describeCertificate, type CertificateSummary } from '../../pki/index.ts';
import { getIdentity, listAudit, StoreError, type AuditRecord, type Db, type IdentityRecord } from '../../store/index.ts';

export interface IdentityDetail {
  readonly record: IdentityRecord;
  readonly id: CertificateSummary;
  readonly ca: CertificateSummary;
  readonly audit: ReadonlyArray<AuditRecord>;
}

/** Throws StoreError STORE_NOT_FOUND when there is no such identity. */
export async function loadIdentityDetail(db: Db, identityId: string, atMs: number): Promise<IdentityDetail> {
  const record = await getIdentity(db, identityId);
  if (!record) throw new StoreError('STORE_NOT_FOUND', `no identity ${identityId}`);
  const [id, ca, audit] = await Promise.all([
    describeCertificate(record.idCertDer, atMs),
    describeCertificate(record.caCertDer, atMs),
    listAudit(db, { identityId }),
  ]);
  return { record, id, ca, audit };
}
