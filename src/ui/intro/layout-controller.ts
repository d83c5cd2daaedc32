// certified's config directory as a zip, both ways: export one identity's public trust state (CA.crt,
// id.crt, id/, known_servers/; never keys), and read such a zip back as introductions that go through
// the same checks as a pasted intro.json before one transaction installs them all.
import {
  describeCertificate, exportCertifiedLayoutZip, importCertifiedLayoutFiles, introductionsFromLayout, readCertifiedLayoutZip, writeIntroJson,
  type IntroPlan,
} from '../../pki/index.ts';
import { fileStem } from '../../exchange/index.ts';
import { getIdentity, installIntroductions, listIntroductions, StoreError, type Db, type IntroductionDoc } from '../../store/index.ts';
import { errorCode, messageFor } from '../messages.ts';
import { loadAddIntroContext, reviewIntroduction, type IntroReview } from './add-intro-controller.ts';

export interface LayoutExport {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly introductions: number;
  readonly services: number;
}

/** The zip of one identity's certified directory. Throws STORE_NOT_FOUND, and PkiError on clashing names. */
export async function exportLayout(db: Db, identityId: string): Promise<LayoutExport> {
  const record = await getIdentity(db, identityId);
  if (!record) throw new StoreError('STORE_NOT_FOUND', `no identity ${identityId}`);
  const intros = (await listIntroductions(db)).filter((i) => i.identityRef === identityId);
  const bytes = await exportCertifiedLayoutZip({
    caCertDer: record.caCertDer,
    idCertDer: record.idCertDer,
    introductions: intros.map((i) => ({ signedCertDer: i.signedCertDer, caCertDer: i.caCertDer, services: i.services })),
  });
  return { bytes, fileName: `${fileStem(record.label)}.certified.zip`, introductions: intros.length, services: intros.reduce((n, i) => n + i.services.length, 0) };
}

export interface LayoutImportReview {
  readonly source: string;
  /** The directory's own identity (id.crt), shown for orientation; it is not imported. */
  readonly ownIdentity?: string;
  readonly reviews: ReadonlyArray<{ readonly services: ReadonlyArray<string>; readonly review: IntroReview }>;
  /** id/ certificates no known_servers file refers to (certified keeps the introducer's CA only there). */
  readonly orphans: ReadonlyArray<string>;
  readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

export type LayoutReading =
  | { readonly ok: true; readonly value: LayoutImportReview }
  | { readonly ok: false; readonly source: string; readonly code: string; readonly sentence: string; readonly detail: string };

/** Reads a certified directory zip and checks each introduction in it; never throws for bad input, writes nothing. */
export async function reviewLayoutZip(db: Db, source: string, zip: Uint8Array, atMs: number, overwrite: boolean): Promise<LayoutReading> {
  try {
    const imported = importCertifiedLayoutFiles(readCertifiedLayoutZip(zip));
    const { documents, orphans } = await introductionsFromLayout(imported);
    const ctx = await loadAddIntroContext(db);
    const reviews = [];
    for (const doc of documents) {
      const review = await reviewIntroduction({ json: writeIntroJson(doc), ...ctx, atMs, overwrite });
      reviews.push({ services: (doc.services ?? []).map((s) => s.alias), review });
    }
    const own = imported.idCertDer ? (await describeCertificate(imported.idCertDer, atMs)).subjectDisplay : undefined;
    return { ok: true, value: { source, ...(own !== undefined ? { ownIdentity: own } : {}), reviews, orphans, skipped: imported.skipped } };
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined) throw e;
    return { ok: false, source, code, sentence: messageFor(e), detail: (e as Error).message };
  }
}

/** The plans of every acceptable introduction in a review. */
export function acceptedPlans(r: LayoutImportReview): IntroPlan[] {
  return r.reviews.flatMap((x) => (x.review.ok ? [x.review.plan] : []));
}

/** Installs the accepted introductions in ONE transaction (all or none). */
export function installLayout(db: Db, plans: ReadonlyArray<IntroPlan>, atMs: number, overwrite: boolean): Promise<IntroductionDoc[]> {
  return installIntroductions(db, plans, { atMs, overwrite });
}
