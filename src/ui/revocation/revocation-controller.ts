// Controller of the revocation view (DOM-free): what our CA signed and its revocation state, our CRL
// and its reminder, partners' CRLs, and the revocation audit trail. Store and core do the work.
import {
  CRL_REASON_LABELS,
  crlReissueState,
  fingerprintOf,
  parseCertificate,
  parseCrl,
  readCrlList,
  renderRfc4514,
  serialHex,
  sha256,
  toHex,
  toPem,
  type CrlReason,
  type LedgerEntry,
} from '../../pki/index.ts';
import {
  importPartnerCrl,
  issueRevocationList,
  listAudit,
  listIdentities,
  listIssued,
  listPartnerCrls,
  loadRevocationState,
  revokeIssued,
  type AuditRecord,
  type Db,
  type IdentityRecord,
  type IssuedDoc,
  type PeerCrlDoc,
} from '../../store/index.ts';
import { fileStem } from '../../exchange/index.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { busyRegistry, type BusyRegistry } from '../update/busy-registry.ts';

/** Reasons offered when revoking (RFC 5280 §5.3.1; removeFromCRL is not a reason to revoke). */
export const REVOKE_REASONS: ReadonlyArray<{ readonly value: CrlReason; readonly label: string; readonly hint: string }> = [
  { value: 'unspecified', label: 'Unspecified', hint: 'No reason given.' },
  { value: 'keyCompromise', label: 'Key compromised', hint: 'The holder’s private key was lost or exposed.' },
  { value: 'affiliationChanged', label: 'Affiliation changed', hint: 'The holder no longer belongs to the organisation named.' },
  { value: 'superseded', label: 'Superseded', hint: 'A new certificate replaces this one.' },
  { value: 'cessationOfOperation', label: 'No longer operated', hint: 'The service or partnership has ended.' },
  { value: 'privilegeWithdrawn', label: 'Privilege withdrawn', hint: 'You no longer want to vouch for the holder.' },
  { value: 'cACompromise', label: 'CA compromised', hint: 'For a cross-certificate: the partner CA’s key was exposed.' },
  { value: 'certificateHold', label: 'On hold', hint: 'Suspended for now (a later CRL may lift it).' },
];

export const DEFAULT_NEXT_UPDATE_DAYS = 7;

/** A certificate our CA signed: the identity certificate, or one from the register (introductions, cross-certificates). */
export interface IssuedRow {
  readonly kind: 'identity' | IssuedDoc['kind'];
  readonly kindWord: string;
  readonly certDer: Uint8Array;
  readonly subject: string;
  readonly serialHex: string;
  readonly sha256: string;
  readonly notAfterMs: number;
  readonly fingerprint: string;
  readonly revoked?: LedgerEntry;
  /** Revoked, but not in the latest CRL yet. */
  readonly unpublished: boolean;
  readonly expired: boolean;
}

export interface OurCrl {
  readonly der: Uint8Array;
  readonly pem: string;
  readonly number: string;
  readonly thisUpdateMs: number;
  readonly nextUpdateMs: number;
  readonly revokedCount: number;
  readonly fileStem: string;
}

export interface Reminder {
  readonly level: 'ok' | 'warn' | 'bad' | 'info';
  readonly sentence: string;
}

export interface PartnerRow {
  readonly doc: PeerCrlDoc;
  readonly stale: boolean;
}

export interface RevocationPage {
  readonly identities: ReadonlyArray<IdentityRecord>;
  readonly identity?: IdentityRecord;
  readonly issued: ReadonlyArray<IssuedRow>;
  readonly crl?: OurCrl;
  readonly unpublished: number;
  readonly reminder?: Reminder;
  readonly partners: ReadonlyArray<PartnerRow>;
  readonly audit: ReadonlyArray<AuditRecord>;
}

const DAY_MS = 86_400_000;
const KIND_WORDS: Readonly<Record<IssuedRow['kind'], string>> = { identity: 'Identity certificate', introduction: 'Introduction', 'cross-cert': 'Cross-certificate' };
const days = (ms: number): string => {
  const d = Math.round(ms / DAY_MS);
  return d <= 0 ? 'less than a day' : d === 1 ? '1 day' : `${d} days`;
};

/** What the reminder says, from the ledger state at `atMs`. */
export function reminderFor(p: { readonly crl?: OurCrl; readonly unpublished: number; readonly revokedCount: number; readonly atMs: number; readonly state: ReturnType<typeof crlReissueState> }): Reminder {
  const pending = p.unpublished === 1 ? '1 revocation is' : `${p.unpublished} revocations are`;
  if (!p.crl) {
    return p.revokedCount
      ? { level: 'warn', sentence: `${pending} not published yet. Issue a CRL and send it to your partners.` }
      : { level: 'info', sentence: 'No CRL issued yet. Issue one so partners who require revocation checks accept what this CA signed.' };
  }
  const c = p.crl;
  if (p.state === 'stale') {
    return { level: 'bad', sentence: `CRL number ${c.number} went out of date on ${formatDateTime(c.nextUpdateMs)}. Partners who require revocation checks now refuse what this CA signed. Issue a new CRL and send it to them.` };
  }
  if (p.unpublished) return { level: 'warn', sentence: `${pending} not in CRL number ${c.number} yet. Issue a new CRL and send it to your partners.` };
  if (p.state === 'due') {
    return { level: 'warn', sentence: `CRL number ${c.number} expires on ${formatDateTime(c.nextUpdateMs)}, in ${days(c.nextUpdateMs - p.atMs)}. Issue a new one and send it to your partners before then.` };
  }
  return { level: 'ok', sentence: `CRL number ${c.number} is current until ${formatDateTime(c.nextUpdateMs)}.` };
}

/**
 * Everything the view shows for one identity (the first when `identityId` is absent or unknown).
 * Throws StoreError.
 */
export async function loadRevocationPage(db: Db, options: { readonly identityId?: string; readonly atMs: number }): Promise<RevocationPage> {
  const identities = await listIdentities(db);
  const identity = identities.find((i) => i.id === options.identityId) ?? identities[0];
  const [partnerDocs, allAudit] = await Promise.all([listPartnerCrls(db), listAudit(db, { limit: 500 })]);
  const partners = partnerDocs.map((doc) => ({ doc, stale: doc.nextUpdateMs === undefined || options.atMs > doc.nextUpdateMs }));
  const audit = allAudit.filter((a) => a.op.startsWith('crl.') && (a.op === 'crl.import' || a.details?.['identityId'] === identity?.id)).slice(0, 50);
  if (!identity) return { identities, issued: [], unpublished: 0, partners, audit };
  const [state, docs] = await Promise.all([loadRevocationState(db, identity.id), listIssued(db, { identityId: identity.id })]);
  const { ledger } = state;
  const parsedCrl = state.crlDer ? parseCrl(state.crlDer) : undefined;
  const published = new Set(parsedCrl?.entries.map((e) => e.serialHex) ?? []);
  const isUnpublished = (e: LedgerEntry): boolean => !published.has(e.serialHex);
  // Our own identity certificate is signed by this CA too: revoke it if the identity key is lost.
  const idCert = parseCertificate(identity.idCertDer);
  const own = { kind: 'identity' as const, certDer: identity.idCertDer, subject: renderRfc4514(idCert.subject), serialHex: serialHex(idCert), sha256: toHex(await sha256(identity.idCertDer)), notAfterMs: idCert.notAfterMs };
  const issued = await Promise.all(
    [own, ...docs.filter((d) => d.sha256 !== own.sha256)].map(async (d): Promise<IssuedRow> => {
      const revoked = ledger.entries.find((e) => e.serialHex === d.serialHex);
      return {
        kind: d.kind,
        kindWord: KIND_WORDS[d.kind],
        certDer: d.certDer,
        subject: d.subject,
        serialHex: d.serialHex,
        sha256: d.sha256,
        notAfterMs: d.notAfterMs,
        fingerprint: (await fingerprintOf(d.certDer)).grouped,
        ...(revoked ? { revoked } : {}),
        unpublished: revoked ? isUnpublished(revoked) : false,
        expired: options.atMs > d.notAfterMs,
      };
    }),
  );
  let crl: OurCrl | undefined;
  if (state.crlDer && parsedCrl) {
    const parsed = parsedCrl;
    crl = {
      der: state.crlDer,
      pem: toPem('X509 CRL', state.crlDer),
      number: ledger.lastCrlNumber,
      thisUpdateMs: parsed.thisUpdateMs,
      nextUpdateMs: parsed.nextUpdateMs ?? parsed.thisUpdateMs,
      revokedCount: parsed.entries.length,
      fileStem: `${fileStem(identity.label)}-crl-${ledger.lastCrlNumber}`,
    };
  }
  const unpublished = ledger.entries.filter(isUnpublished).length;
  const reminder = reminderFor({ ...(crl ? { crl } : {}), unpublished, revokedCount: ledger.entries.length, atMs: options.atMs, state: crlReissueState(ledger, options.atMs) });
  return { identities, identity, issued, ...(crl ? { crl } : {}), unpublished, reminder, partners, audit };
}

/**
 * Revokes a row of the page (the certificate it shows), holding `busy` so an app update waits.
 * Throws StoreError, PkiError CRL_* (e.g. CRL_NOT_ISSUED_BY_US).
 */
export async function revokeRow(db: Db, input: { readonly identityId: string; readonly row: Pick<IssuedRow, 'certDer'>; readonly reason: CrlReason; readonly atMs: number }, busy: BusyRegistry = busyRegistry): Promise<LedgerEntry> {
  return busy.run('recording a revocation', () => revokeIssued(db, { identityId: input.identityId, certDer: input.row.certDer, reason: input.reason, atMs: input.atMs }));
}

/** Reads the next-update field: a whole number of days from 1 to 366, or a sentence saying what is wrong. */
export function readNextUpdateDays(text: string): number | string {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t)) return 'Enter a whole number of days, from 1 to 366.';
  const n = Number(t);
  return n >= 1 && n <= 366 ? n : 'Enter a whole number of days, from 1 to 366.';
}

/** Signs and stores our next CRL, holding `busy` so an app update waits. Throws PkiError CRL_*, StoreError. */
export async function publishCrl(db: Db, input: { readonly identityId: string; readonly nextUpdateDays: number; readonly atMs: number }, busy: BusyRegistry = busyRegistry): Promise<{ readonly number: string; readonly revokedCount: number }> {
  return busy.run('signing a revocation list', async () => {
    const r = await issueRevocationList(db, input);
    return { number: r.ledger.lastCrlNumber, revokedCount: r.ledger.entries.length };
  });
}

export type ImportOutcome = { readonly doc: PeerCrlDoc; readonly unchanged: boolean; readonly sentence: string };

/**
 * Imports one partner CRL from pasted text or file bytes. Throws PkiError (INPUT_*, CRL_*), StoreError;
 * on any refusal nothing is stored.
 */
export async function importCrlInput(db: Db, input: { readonly data: string | Uint8Array; readonly atMs: number }): Promise<ImportOutcome> {
  const list = readCrlList(input.data);
  if (list.length !== 1) throw new MultipleCrlsError(list.length);
  const r = await importPartnerCrl(db, { crlDer: list[0]!, atMs: input.atMs });
  const number = r.doc.crlNumber !== undefined ? `CRL number ${r.doc.crlNumber}` : 'The CRL';
  const sentence = r.unchanged
    ? `${number} of ${r.doc.issuer} is the one already held; nothing changed.`
    : `${number} of ${r.doc.issuer} imported: ${r.doc.revokedCount} revoked, next update ${r.doc.nextUpdateMs !== undefined ? formatDate(r.doc.nextUpdateMs) : 'not given'}.`;
  return { ...r, sentence };
}

/** More than one CRL in one import: the view asks for one at a time (each is checked and stored on its own). */
export class MultipleCrlsError extends Error {
  constructor(readonly count: number) {
    super(`${count} CRLs were given; import one at a time`);
  }
}

/** Words for an audit entry of the revocation trail. */
export function auditWords(a: AuditRecord): { readonly what: string; readonly crlNumber: string; readonly reason: string } {
  const d = a.details ?? {};
  const reason = typeof d['reason'] === 'string' && d['reason'] in CRL_REASON_LABELS ? CRL_REASON_LABELS[d['reason'] as CrlReason] : '';
  return { what: a.summary, crlNumber: d['crlNumber'] !== undefined && d['crlNumber'] !== '' ? String(d['crlNumber']) : '', reason };
}
