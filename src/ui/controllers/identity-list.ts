// Loads identities with a display summary of each identity certificate.
import { describeCertificate, type CertificateSummary } from '../../pki/index.ts';
import { listIdentities, type Db, type IdentityRecord } from '../../store/index.ts';

export interface IdentityRow {
  readonly record: IdentityRecord;
  readonly summary: CertificateSummary;
}

export async function loadIdentityRows(db: Db, atMs: number): Promise<ReadonlyArray<IdentityRow>> {
  const records = await listIdentities(db);
  return Promise.all(records.map(async (record) => ({ record, summary: await describeCertificate(record.idCertDer, atMs) })));
}
