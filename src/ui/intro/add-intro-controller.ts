// Add an introduction, as data: judge an intro.json against our identities and what is installed, say
// exactly what installing it would trust (introducer, its CA fingerprint, services, validity, which of
// our identities it is for), and install the checked plan in one transaction.
import { checkIntroduction, describeCertificate, type IntroPlan, type OurIdentity } from '../../pki/index.ts';
import { installIntroduction, installedIntroductionPaths, listIdentities, type Db, type IntroductionDoc } from '../../store/index.ts';
import { PKI_MESSAGES } from '../messages.ts';

/** One of our identities as add-intro needs it: the certificate to match and a label to name it. */
export interface OurIdentityChoice extends OurIdentity {
  readonly ref: string;
  readonly label: string;
}

export interface IntroReviewProblem {
  readonly code: string;
  /** The sentence for people. */
  readonly sentence: string;
  /** The specific detail (which certificate, which URL). */
  readonly detail: string;
}

export type IntroReview =
  | {
      readonly ok: true;
      readonly plan: IntroPlan;
      readonly introducerDisplay: string;
      readonly caFingerprint: string;
      readonly caNotAfterMs: number;
      /** The label of our identity it re-signs. */
      readonly forIdentity: string;
      readonly notBeforeMs: number;
      readonly notAfterMs: number;
    }
  | {
      readonly ok: false;
      readonly problems: ReadonlyArray<IntroReviewProblem>;
      /** Every problem is "already installed": the user may confirm replacing it. */
      readonly replaceable: boolean;
    };

/** Our identities and the installed paths, as checkIntroduction needs them. */
export async function loadAddIntroContext(db: Db): Promise<{ ourIdentities: OurIdentityChoice[]; existingPaths: Set<string> }> {
  const [ids, existingPaths] = await Promise.all([listIdentities(db), installedIntroductionPaths(db)]);
  return { ourIdentities: ids.map((r) => ({ ref: r.id, label: r.label, idCertDer: r.idCertDer })), existingPaths };
}

/** Judges `json` (never throws for bad input) and describes the result for display. */
export async function reviewIntroduction(req: {
  readonly json: string;
  readonly ourIdentities: ReadonlyArray<OurIdentityChoice>;
  readonly existingPaths: ReadonlySet<string>;
  readonly atMs: number;
  readonly overwrite: boolean;
}): Promise<IntroReview> {
  const check = await checkIntroduction({ json: req.json, ourIdentities: req.ourIdentities, atMs: req.atMs, existingPaths: req.existingPaths, overwrite: req.overwrite });
  if (!check.ok) {
    const problems = check.problems.map((p) => ({ code: p.code, sentence: PKI_MESSAGES[p.code], detail: p.message }));
    return { ok: false, problems, replaceable: problems.every((p) => p.code === 'INTRO_EXISTS' || p.code === 'INTRO_SERVICE_EXISTS') };
  }
  const ca = await describeCertificate(check.plan.caCertDer, req.atMs);
  return {
    ok: true,
    plan: check.plan,
    introducerDisplay: ca.subjectDisplay,
    caFingerprint: ca.fingerprintSha256.grouped,
    caNotAfterMs: ca.notAfterMs,
    forIdentity: req.ourIdentities.find((i) => i.ref === check.plan.identityRef)?.label ?? 'one of your identities',
    notBeforeMs: check.plan.notBeforeMs,
    notAfterMs: check.plan.notAfterMs,
  };
}

/** Installs a reviewed plan (one transaction). Throws StoreError STORE_CONFLICT when it clashes and `overwrite` is false. */
export function installReviewed(db: Db, plan: IntroPlan, atMs: number, overwrite: boolean): Promise<IntroductionDoc> {
  return installIntroduction(db, plan, { atMs, overwrite });
}
