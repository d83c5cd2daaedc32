// Revocation in the `documents` store: each identity CA's ledger with the last CRL it issued (kind
// 'crl-ledger') and the CRLs partners published (kind 'peer-crl', one per partner CA). Every change
// is ONE transaction with its audit entry (reason, CRL number); a refused import writes nothing.
import {
  CRL_REASON_LABELS,
  checkPartnerCrl,
  emptyLedger,
  issueNextCrl,
  parseBundleDocument,
  revokeCertificate,
  sha256,
  toHex,
  type CrlReason,
  type LedgerEntry,
  type RevocationLedger,
} from '../pki/index.ts';
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import { loadSigningCa } from './issued.ts';
import type { AuditRecord, DocumentRecord } from './schema.ts';
import { storeErrorFrom } from './tx-errors.ts';

export const LEDGER_KIND = 'crl-ledger';
export const PEER_CRL_KIND = 'peer-crl';

/** One identity CA's revocations and the newest CRL issued from them. */
export interface RevocationState {
  readonly identityId: string;
  readonly ledger: RevocationLedger;
  /** DER of the last CRL issued (absent until the first). */
  readonly crlDer?: Uint8Array;
  /** updatedMs of the stored record (undefined: nothing stored yet), for conflict detection. */
  readonly updatedMs?: number;
}

/** A partner's CRL we hold: the newest accepted for that CA. */
export interface PeerCrlDoc {
  /** caIdentityOf the issuing CA (its subject and key). */
  readonly caId: string;
  readonly issuer: string;
  /** The certificate of the CA we checked it against. */
  readonly issuerCertDer: Uint8Array;
  readonly crlDer: Uint8Array;
  readonly crlNumber?: string;
  readonly thisUpdateMs: number;
  readonly nextUpdateMs?: number;
  readonly revokedCount: number;
  readonly sha256: string;
  readonly importedMs: number;
}

const ledgerId = (identityId: string): string => `crl-ledger:${identityId}`;
const peerCrlId = (caId: string): string => `peer-crl:${caId}`;

interface LedgerData {
  readonly identityId: string;
  readonly ledger: RevocationLedger;
  readonly crlDer?: Uint8Array;
}

/** The identity's revocation state (an empty ledger when nothing was revoked or issued). Throws STORE_NOT_FOUND. */
export async function loadRevocationState(db: Db, identityId: string): Promise<RevocationState> {
  try {
    const [identity, rec] = await Promise.all([db.get('identities', identityId), db.get('documents', ledgerId(identityId))]);
    if (!identity) throw new StoreError('STORE_NOT_FOUND', `no identity ${identityId}`);
    if (!rec) return { identityId, ledger: await emptyLedger(identity.caCertDer) };
    const d = rec.data as LedgerData;
    return { identityId, ledger: d.ledger, ...(d.crlDer ? { crlDer: d.crlDer } : {}), updatedMs: rec.updatedMs };
  } catch (e) {
    throw storeErrorFrom(e, 'read revocations');
  }
}

/** Writes `records` and `audit` in one transaction after checking that the ledger record is still `expectedUpdatedMs`. */
async function commit(db: Db, check: { id: string; expectedUpdatedMs: number | undefined; what: string }, record: DocumentRecord, audit: AuditRecord): Promise<void> {
  const tx = db.transaction(['documents', 'audit'], 'readwrite');
  try {
    const current = await tx.objectStore('documents').get(check.id);
    if (current?.updatedMs !== check.expectedUpdatedMs) throw new StoreError('STORE_CONFLICT', `${check.what} changed in another tab; nothing was written`);
    await tx.objectStore('documents').put(record);
    await tx.objectStore('audit').add(audit);
    await tx.done;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    await tx.done.catch(() => undefined);
    throw storeErrorFrom(e, check.what);
  }
}

/** A ledger write may not reuse the previous updatedMs, or a concurrent write in the same millisecond would go unseen. */
const nextStamp = (atMs: number, previous: number | undefined): number => (previous !== undefined && atMs <= previous ? previous + 1 : atMs);

/**
 * Records that our identity's CA revokes `certDer` (which it must have issued), with its audit entry, in
 * one transaction. The CRL is not reissued here (issueRevocationList does that). Throws PkiError
 * CRL_NOT_ISSUED_BY_US, CRL_ALREADY_REVOKED, CRL_INVALID_REQUEST; StoreError STORE_NOT_FOUND, STORE_CONFLICT.
 */
export async function revokeIssued(db: Db, input: { readonly identityId: string; readonly certDer: Uint8Array; readonly reason: CrlReason; readonly atMs: number }): Promise<LedgerEntry> {
  const state = await loadRevocationState(db, input.identityId);
  const identity = await db.get('identities', input.identityId);
  if (!identity) throw new StoreError('STORE_NOT_FOUND', `no identity ${input.identityId}`);
  const ledger = await revokeCertificate({ ledger: state.ledger, caCertDer: identity.caCertDer, certDer: input.certDer, reason: input.reason, atMs: input.atMs });
  const entry = ledger.entries[ledger.entries.length - 1]!;
  const updatedMs = nextStamp(input.atMs, state.updatedMs);
  const data: LedgerData = { identityId: input.identityId, ledger, ...(state.crlDer ? { crlDer: state.crlDer } : {}) };
  await commit(
    db,
    { id: ledgerId(input.identityId), expectedUpdatedMs: state.updatedMs, what: 'the revocation list' },
    { id: ledgerId(input.identityId), kind: LEDGER_KIND, updatedMs, data },
    {
      timeMs: input.atMs,
      op: 'crl.revoke',
      summary: `Revoked ${entry.subject || 'a certificate'} (${CRL_REASON_LABELS[entry.reason]})`,
      details: { identityId: input.identityId, serial: entry.serialHex, subject: entry.subject, reason: entry.reason, certSha256: entry.certSha256 },
    },
  );
  return entry;
}

/**
 * Issues the identity CA's next CRL (number + 1) with its non-extractable key, and stores it with the
 * ledger and an audit entry (CRL number, count, key) in one transaction. Throws PkiError CRL_INVALID_REQUEST,
 * CRL_ISSUER_CANNOT_SIGN_CRLS; StoreError STORE_NOT_FOUND, STORE_CONFLICT.
 */
export async function issueRevocationList(db: Db, input: { readonly identityId: string; readonly atMs: number; readonly nextUpdateDays: number }): Promise<RevocationState & { readonly crlDer: Uint8Array }> {
  const state = await loadRevocationState(db, input.identityId);
  const ca = await loadSigningCa(db, input.identityId);
  const { crlDer, ledger } = await issueNextCrl({ ledger: state.ledger, caCertDer: ca.certDer, caKey: ca.key, atMs: input.atMs, nextUpdateDays: input.nextUpdateDays });
  const updatedMs = nextStamp(input.atMs, state.updatedMs);
  const data: LedgerData = { identityId: input.identityId, ledger, crlDer };
  const n = ledger.entries.length;
  await commit(
    db,
    { id: ledgerId(input.identityId), expectedUpdatedMs: state.updatedMs, what: 'the revocation list' },
    { id: ledgerId(input.identityId), kind: LEDGER_KIND, updatedMs, data },
    {
      timeMs: input.atMs,
      op: 'crl.issue',
      summary: `Issued CRL number ${ledger.lastCrlNumber} (${n} revoked certificate${n === 1 ? '' : 's'})`,
      keyId: ca.identity.caKeyId,
      outputSha256: toHex(await sha256(crlDer)),
      details: {
        identityId: input.identityId,
        crlNumber: ledger.lastCrlNumber,
        revoked: n,
        serials: ledger.entries.map((e) => e.serialHex).join(','),
        nextUpdateMs: ledger.lastCrlNextUpdateMs!,
      },
    },
  );
  return { identityId: input.identityId, ledger, crlDer, updatedMs };
}

/** Certificates of the partner CAs we hold: introducers' CAs, cross-certified CAs, and trust-bundle roots. */
export async function partnerCaCertificates(db: Db): Promise<Uint8Array[]> {
  const docs = await db.getAllFromIndex('documents', 'byKind', 'peer-ca');
  const cross = await db.getAllFromIndex('documents', 'byKind', 'cross-cert');
  const bundles = await db.getAllFromIndex('documents', 'byKind', 'bundle');
  const out: Uint8Array[] = [];
  for (const d of docs) {
    const der = (d.data as { certDer?: unknown }).certDer;
    if (der instanceof Uint8Array) out.push(der);
  }
  for (const d of cross) {
    const der = (d.data as { certDer?: unknown }).certDer;
    if (der instanceof Uint8Array) out.push(der);
  }
  for (const b of bundles) {
    const text = (b.data as { document?: unknown }).document;
    if (typeof text !== 'string') continue;
    try {
      for (const e of (await parseBundleDocument(text)).entries) if (e.isCa) out.push(e.der);
    } catch {
      // a damaged bundle vouches for nothing; the bundle view reports it
    }
  }
  return out;
}

/** Partner CRLs we hold, by issuer name. */
export async function listPartnerCrls(db: Db): Promise<PeerCrlDoc[]> {
  try {
    const recs = await db.getAllFromIndex('documents', 'byKind', PEER_CRL_KIND);
    return recs.map((r) => r.data as PeerCrlDoc).sort((a, b) => a.issuer.localeCompare(b.issuer));
  } catch (e) {
    throw storeErrorFrom(e, 'read partner CRLs');
  }
}

/**
 * Accepts a partner's CRL: issued by a partner CA we hold, signature valid, newer than the one held.
 * Stores it with an audit entry in one transaction; the same CRL again changes nothing (`unchanged`).
 * Any refusal (PkiError CRL_MALFORMED, CRL_WRONG_ISSUER, CRL_BAD_SIGNATURE, CRL_NUMBER_ROLLBACK,
 * CRL_NUMBER_REUSED, …; StoreError STORE_CONFLICT) writes nothing.
 */
export async function importPartnerCrl(db: Db, input: { readonly crlDer: Uint8Array; readonly atMs: number }): Promise<{ readonly doc: PeerCrlDoc; readonly unchanged: boolean }> {
  const [candidates, held] = await Promise.all([partnerCaCertificates(db), db.getAllFromIndex('documents', 'byKind', PEER_CRL_KIND)]);
  const heldById = new Map(held.map((r) => [r.id, r]));
  const checked = await checkPartnerCrl({
    crlDer: input.crlDer,
    candidates,
    heldCrlFor: (caId) => (heldById.get(peerCrlId(caId))?.data as PeerCrlDoc | undefined)?.crlDer,
  });
  const id = peerCrlId(checked.caId);
  const previous = heldById.get(id);
  if (checked.crl.unchanged && previous) return { doc: previous.data as PeerCrlDoc, unchanged: true };
  const c = checked.crl;
  const doc: PeerCrlDoc = {
    caId: checked.caId,
    issuer: checked.issuer,
    issuerCertDer: checked.issuerCertDer,
    crlDer: input.crlDer.slice(),
    ...(c.crlNumber !== undefined ? { crlNumber: c.crlNumber.toString() } : {}),
    thisUpdateMs: c.thisUpdateMs,
    ...(c.nextUpdateMs !== undefined ? { nextUpdateMs: c.nextUpdateMs } : {}),
    revokedCount: c.entries.filter((e) => e.reason !== 'removeFromCRL').length,
    sha256: toHex(await sha256(input.crlDer)),
    importedMs: input.atMs,
  };
  await commit(
    db,
    { id, expectedUpdatedMs: previous?.updatedMs, what: `the CRL of ${doc.issuer}` },
    { id, kind: PEER_CRL_KIND, updatedMs: nextStamp(input.atMs, previous?.updatedMs), data: doc },
    {
      timeMs: input.atMs,
      op: 'crl.import',
      summary: `Imported CRL${doc.crlNumber !== undefined ? ` number ${doc.crlNumber}` : ''} of ${doc.issuer} (${doc.revokedCount} revoked)`,
      outputSha256: doc.sha256,
      details: { issuer: doc.issuer, caId: doc.caId, crlNumber: doc.crlNumber ?? '', revoked: doc.revokedCount, ...(doc.nextUpdateMs !== undefined ? { nextUpdateMs: doc.nextUpdateMs } : {}) },
    },
  );
  return { doc, unchanged: false };
}

/** DER of every CRL we hold (partners' and our own identities' latest), for validatePath's `crls`. */
export async function heldCrls(db: Db): Promise<Uint8Array[]> {
  const [peers, ledgers] = await Promise.all([db.getAllFromIndex('documents', 'byKind', PEER_CRL_KIND), db.getAllFromIndex('documents', 'byKind', LEDGER_KIND)]);
  return [...peers.map((r) => (r.data as PeerCrlDoc).crlDer), ...ledgers.map((r) => (r.data as LedgerData).crlDer).filter((d): d is Uint8Array => d instanceof Uint8Array)];
}

