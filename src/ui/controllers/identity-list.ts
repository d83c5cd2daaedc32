// Loads identities with a display summary of each identity certificate, whether this browser holds
// both private keys (not after a restore without them), and whether they were escrowed at birth.
import { describeCertificate, type CertificateSummary } from '../../pki/index.ts';
import { listIdentities, listKeyEscrows, listKeys, type Db, type IdentityRecord } from '../../store/index.ts';

export interface IdentityRow {
  readonly record: IdentityRecord;
  readonly summary: CertificateSummary;
  /** Both private keys are in this browser: the identity can sign. */
  readonly keysHeld: boolean;
  /** Both keys were escrowed at birth: recoverable from a backup with the recovery key. */
  readonly recoverable: boolean;
}

export async function loadIdentityRows(db: Db, atMs: number): Promise<ReadonlyArray<IdentityRow>> {
  const [records, keys, escrows] = await Promise.all([listIdentities(db), listKeys(db), listKeyEscrows(db)]);
  const held = new Set(keys.map((k) => k.id));
  const escrowed = new Set(escrows.map((e) => e.keyId));
  return Promise.all(records.map(async (record) => ({
    record,
    summary: await describeCertificate(record.idCertDer, atMs),
    keysHeld: held.has(record.caKeyId) && held.has(record.idKeyId),
    recoverable: escrowed.has(record.caKeyId) && escrowed.has(record.idKeyId),
  })));
}
