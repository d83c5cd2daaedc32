// Installed introductions for display (which of our identities each is for, the introducer's CA
// fingerprint, validity) and their removal. DOM-free.
import { describeCertificate, type ValidityStatus } from '../../pki/index.ts';
import { listIdentities, listIntroductions, removeIntroduction, type Db, type IntroductionDoc } from '../../store/index.ts';

export interface IntroductionRow {
  readonly doc: IntroductionDoc;
  readonly introducerDisplay: string;
  readonly caFingerprint: string;
  /** Label of our identity it re-signs ('' when that identity is gone). */
  readonly forIdentity: string;
  readonly status: ValidityStatus;
}

export async function loadIntroductionRows(db: Db, atMs: number): Promise<IntroductionRow[]> {
  const [docs, ids] = await Promise.all([listIntroductions(db), listIdentities(db)]);
  const label = new Map(ids.map((r) => [r.id, r.label]));
  const rows = await Promise.all(
    docs.map(async (doc): Promise<IntroductionRow> => {
      const [ca, signed] = await Promise.all([describeCertificate(doc.caCertDer, atMs), describeCertificate(doc.signedCertDer, atMs)]);
      return {
        doc,
        introducerDisplay: ca.subjectDisplay,
        caFingerprint: ca.fingerprintSha256.grouped,
        forIdentity: (doc.identityRef !== undefined ? label.get(doc.identityRef) : undefined) ?? '',
        status: ca.status === 'valid' ? signed.status : ca.status,
      };
    }),
  );
  return rows.sort((a, b) => a.introducerDisplay.localeCompare(b.introducerDisplay));
}

/** Removes one introduction (one transaction). Throws STORE_NOT_FOUND when it is already gone. */
export function removeIntroductionRow(db: Db, idPath: string, atMs: number): Promise<void> {
  return removeIntroduction(db, idPath, atMs);
}
