// Introduce, as data: read what a peer sent (what to check out of band), then sign with the chosen
// identity's CA while holding the update registry, and record the certificate in the issued register.
import {
  OID_EXT, describeCertificate, describeCsr, introduce, readPeerInput, summarisePeer,
  type Introduction, type PeerSummary, type ServiceEntry,
} from '../../pki/index.ts';
import { loadSigningCa, recordIssued, type Db, type IssuedDoc } from '../../store/index.ts';
import { busyRegistry, type BusyRegistry } from '../update/busy-registry.ts';
import { errorCode, messageFor } from '../messages.ts';

export interface PeerReview {
  readonly peerDer: Uint8Array;
  readonly summary: PeerSummary;
  /** Where the identity is used (SubjectAltName entries in words). */
  readonly names: ReadonlyArray<string>;
  /** Where it came from: "Pasted text", a file name. */
  readonly source: string;
}

export type PeerReading =
  | { readonly ok: true; readonly review: PeerReview }
  | { readonly ok: false; readonly source: string; readonly code: string; readonly sentence: string };

/** Reads a peer's identity (certified b64, PEM certificate or CSR, DER); never throws for bad input. */
export async function readPeer(source: string, input: string | Uint8Array): Promise<PeerReading> {
  try {
    const peer = readPeerInput(input);
    const summary = await summarisePeer(peer);
    const names =
      peer.kind === 'certificate'
        ? ((await describeCertificate(peer.der, summary.notBeforeMs ?? 0)).extensions.find((e) => e.oid === OID_EXT.SUBJECT_ALT_NAME)?.lines ?? [])
        : (await describeCsr(peer.der)).subjectAltNames;
    return { ok: true, review: { peerDer: peer.der, summary, names, source } };
  } catch (e) {
    const code = errorCode(e);
    if (code === undefined) throw e;
    return { ok: false, source, code, sentence: messageFor(e) };
  }
}

export interface SignIntroductionRequest {
  readonly identityId: string;
  readonly peerDer: Uint8Array;
  /** What the user typed or pasted; the core refuses (INTRO_FINGERPRINT_MISMATCH) when it differs. */
  readonly confirmedFingerprint: string;
  readonly validityDays: number;
  readonly services: ReadonlyArray<ServiceEntry>;
  readonly atMs: number;
}

export interface SignedIntroduction {
  readonly introduction: Introduction;
  readonly issued: IssuedDoc;
  /** certified's conventional name for what `introduce` prints. */
  readonly fileName: string;
}

/**
 * Signs the introduction with our identity's CA (its key never leaves the store) and records it in
 * the issued register with its audit entry. Holds `busy` so an app update waits. Throws PkiError
 * (refusals, PATH_* when our validator would reject the result) or StoreError; nothing is recorded then.
 */
export async function signIntroduction(db: Db, req: SignIntroductionRequest, busy: BusyRegistry = busyRegistry): Promise<SignedIntroduction> {
  return busy.run('signing an introduction', async () => {
    const ca = await loadSigningCa(db, req.identityId);
    const introduction = await introduce({
      peerDer: req.peerDer,
      ca,
      atMs: req.atMs,
      validityDays: req.validityDays,
      confirmedFingerprint: req.confirmedFingerprint,
      ...(req.services.length ? { services: req.services } : {}),
    });
    const issued = await recordIssued(db, {
      identityId: req.identityId,
      kind: 'introduction',
      certDer: introduction.signedCertDer,
      atMs: req.atMs,
      summary: `Introduced ${introduction.peer.subject}${req.services.length ? ` with ${req.services.length} service${req.services.length === 1 ? '' : 's'}` : ''}`,
    });
    return { introduction, issued, fileName: 'intro.json' };
  });
}
