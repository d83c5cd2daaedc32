// The audit log as the views show it (DOM-free): every entry with its area, a label for its operation,
// the identity or environment it is about, the key it used in words, and the output's fingerprint;
// filters by area, operation and identity/environment; and the log as JSON lines for download.
import { formatFingerprint, fromHex } from '../../pki/index.ts';
import { listAudit, listIdentities, type AuditRecord, type Db, type IdentityRecord } from '../../store/index.ts';
import { fileStem } from '../../exchange/index.ts';

export type AuditArea = 'identities' | 'partners' | 'bundles' | 'revocation' | 'pki' | 'backup' | 'other';

/** Areas in the order the filter offers them. */
export const AUDIT_AREAS: ReadonlyArray<{ readonly id: AuditArea; readonly label: string }> = [
  { id: 'identities', label: 'Identities' },
  { id: 'partners', label: 'Partners & introductions' },
  { id: 'bundles', label: 'Trust bundles' },
  { id: 'revocation', label: 'Revocation' },
  { id: 'pki', label: 'Scoped PKI' },
  { id: 'backup', label: 'Backup & key recovery' },
  { id: 'other', label: 'Other' },
];

const AREA_OF_PREFIX: Readonly<Record<string, AuditArea>> = {
  identity: 'identities', cert: 'identities', intro: 'partners', crosscert: 'partners', bundle: 'bundles',
  crl: 'revocation', hierarchy: 'pki', key: 'backup', backup: 'backup',
};

/** What each operation is, in a few words (an operation without a label shows as written). */
export const OP_LABELS: Readonly<Record<string, string>> = {
  'identity.create': 'Identity created',
  'identity.rename': 'Identity renamed',
  'identity.delete': 'Identity deleted',
  'cert.sign': 'Certificate signed',
  'key.escrow': 'Keys escrowed for recovery',
  'key.recover': 'Key recovered from escrow',
  'intro.sign': 'Introduction signed',
  'intro.install': 'Introduction added',
  'intro.remove': 'Introduction removed',
  'crosscert.sign': 'Cross-certificate signed',
  'bundle.create': 'Bundle created',
  'bundle.compose': 'Roots added to a bundle',
  'bundle.import': 'Bundle changes accepted',
  'bundle.keep': 'Flagged root kept or dropped',
  'bundle.remove': 'Root removed from a bundle',
  'bundle.delete': 'Bundle deleted',
  'bundle.sign': 'Bundle export signed',
  'crl.revoke': 'Certificate revoked',
  'crl.issue': 'CRL signed',
  'crl.import': 'Partner CRL imported',
  'hierarchy.create': 'Environment created',
  'hierarchy.root.sign': 'Root certificate signed',
  'hierarchy.intermediate.sign': 'Intermediate certificate signed',
  'hierarchy.root.recertify': 'Root re-certified',
  'hierarchy.intermediate.recertify': 'Intermediate re-certified',
  'hierarchy.leaf.issue': 'Leaf issued',
  'hierarchy.leaf.renew': 'Leaf renewed',
  'hierarchy.publish': 'Authorities published',
  'hierarchy.drop': 'Authorities dropped',
  'hierarchy.import': 'Store file imported',
  'hierarchy.key.load': 'Escrowed key loaded',
  'backup.restore': 'Backup restored',
};

/** `identity:<id>` or `environment:<name>`: what an entry is about, as the filter and the route name it. */
export type SubjectKey = `identity:${string}` | `environment:${string}`;

export interface AuditRow {
  readonly entry: AuditRecord;
  readonly area: AuditArea;
  readonly areaLabel: string;
  readonly opLabel: string;
  /** The identity or environment the entry is about, when it names one. */
  readonly subject?: { readonly key: SubjectKey; readonly label: string };
  /** The key used, in words (e.g. CA key of “Alpha”), with its id. */
  readonly key?: { readonly id: string; readonly label: string };
  /** A signature: made with `key`, producing the output fingerprinted. */
  readonly signature: boolean;
  /** The output's SHA-256 in groups of four, when recorded. */
  readonly fingerprint?: string;
}

export interface AuditFilter {
  readonly area?: AuditArea | '';
  readonly op?: string;
  readonly subject?: SubjectKey | '';
  readonly signaturesOnly?: boolean;
}

export interface AuditLog {
  /** Newest first (the order written). */
  readonly rows: ReadonlyArray<AuditRow>;
  /** Identities and environments named by entries, for the filter. */
  readonly subjects: ReadonlyArray<{ readonly key: SubjectKey; readonly label: string }>;
}

export function areaOf(op: string): AuditArea {
  return AREA_OF_PREFIX[op.split('.')[0] ?? ''] ?? 'other';
}

const areaLabel = (a: AuditArea): string => AUDIT_AREAS.find((x) => x.id === a)!.label;

/** The key id in words: identity keys by their identity's label, scoped-PKI keys by authority and environment. */
export function describeKey(keyId: string, identities: ReadonlyMap<string, IdentityRecord>): string {
  const own = /^(.+)\/(ca|id)$/.exec(keyId);
  if (own) {
    const who = identities.get(own[1]!);
    const which = own[2] === 'ca' ? 'CA key' : 'Identity key';
    return who ? `${which} of “${who.label}”` : `${which} of an identity no longer here`;
  }
  const pki = /^hierarchy:([^:]+):key-(root|int)-(.+)$/.exec(keyId);
  if (pki) return `${pki[2] === 'root' ? 'Root' : 'Intermediate'} key ${pki[2]}-${pki[3]} of ${pki[1]}`;
  return keyId;
}

/** Rows for entries (newest first as given); `identities` names keys and identities in words. */
export function auditRows(entries: ReadonlyArray<AuditRecord>, identities: ReadonlyArray<IdentityRecord>): AuditRow[] {
  const byId = new Map(identities.map((i) => [i.id, i]));
  return entries.map((entry) => {
    const area = areaOf(entry.op);
    const identityId = entry.details?.['identityId'];
    const environment = entry.details?.['environment'];
    const subject = typeof identityId === 'string'
      ? { key: `identity:${identityId}` as const, label: byId.get(identityId)?.label ?? 'An identity no longer here' }
      : typeof environment === 'string' ? { key: `environment:${environment}` as const, label: `Environment ${environment}` } : undefined;
    const fingerprint = entry.outputSha256 && /^[0-9a-f]{64}$/.test(entry.outputSha256) ? formatFingerprint(fromHex(entry.outputSha256)).grouped : undefined;
    return {
      entry,
      area,
      areaLabel: areaLabel(area),
      opLabel: OP_LABELS[entry.op] ?? entry.op,
      ...(subject ? { subject } : {}),
      ...(entry.keyId ? { key: { id: entry.keyId, label: describeKey(entry.keyId, byId) } } : {}),
      signature: !!entry.keyId && !!entry.outputSha256,
      ...(fingerprint ? { fingerprint } : {}),
    };
  });
}

/** The whole log (or one identity's entries), newest first, with what the filters can offer. Throws StoreError. */
export async function loadAuditLog(db: Db, options: { readonly identityId?: string } = {}): Promise<AuditLog> {
  const [entries, identities] = await Promise.all([listAudit(db, options), listIdentities(db)]);
  const rows = auditRows(entries, identities);
  const subjects = new Map<SubjectKey, string>();
  // Every identity here, then whatever else entries name (environments, identities deleted since).
  for (const i of identities) subjects.set(`identity:${i.id}`, i.label);
  for (const r of rows) if (r.subject && !subjects.has(r.subject.key)) subjects.set(r.subject.key, r.subject.label);
  const order = (k: SubjectKey): number => (k.startsWith('identity:') ? 0 : 1);
  return {
    rows,
    subjects: [...subjects].map(([key, label]) => ({ key, label })).sort((a, b) => order(a.key) - order(b.key) || a.label.localeCompare(b.label)),
  };
}

export function filterRows(rows: ReadonlyArray<AuditRow>, f: AuditFilter): AuditRow[] {
  return rows.filter((r) =>
    (!f.area || r.area === f.area) &&
    (!f.op || r.entry.op === f.op) &&
    (!f.subject || r.subject?.key === f.subject) &&
    (!f.signaturesOnly || r.signature));
}

/** Areas present in `rows`, in their order, with counts. */
export function areasIn(rows: ReadonlyArray<AuditRow>): Array<{ readonly id: AuditArea; readonly label: string; readonly count: number }> {
  return AUDIT_AREAS.map((a) => ({ ...a, count: rows.filter((r) => r.area === a.id).length })).filter((a) => a.count > 0);
}

/** Operations present in `rows` (of `area` when given), by label, with counts. */
export function opsIn(rows: ReadonlyArray<AuditRow>, area?: AuditArea | ''): Array<{ readonly op: string; readonly label: string; readonly count: number }> {
  const counts = new Map<string, number>();
  for (const r of rows) if (!area || r.area === area) counts.set(r.entry.op, (counts.get(r.entry.op) ?? 0) + 1);
  return [...counts].map(([op, count]) => ({ op, label: OP_LABELS[op] ?? op, count })).sort((a, b) => a.label.localeCompare(b.label));
}

/** A route parameter (`identity:<id>`, `environment:<name>`) as a subject filter; '' for anything else. */
export function subjectFromParam(param: string): SubjectKey | '' {
  return /^(identity|environment):.+$/.test(param) ? (param as SubjectKey) : '';
}

/**
 * The entries as JSON lines (one object per line, `\n`-terminated): seq, time (ISO 8601 UTC), timeMs,
 * op, summary, keyId, outputSha256, details — absent fields left out. Newest first, as shown.
 */
export function auditJsonLines(rows: ReadonlyArray<AuditRow>): string {
  return rows.map(({ entry: e }) => JSON.stringify({
    seq: e.seq,
    time: new Date(e.timeMs).toISOString(),
    timeMs: e.timeMs,
    op: e.op,
    summary: e.summary,
    ...(e.keyId ? { keyId: e.keyId } : {}),
    ...(e.outputSha256 ? { outputSha256: e.outputSha256 } : {}),
    ...(e.details ? { details: e.details } : {}),
  }) + '\n').join('');
}

/** File name of a download made at `atMs`, e.g. `crosstrust-audit-2026-05-01.jsonl`. */
export function auditFileName(atMs: number, subjectLabel?: string): string {
  const day = new Date(atMs).toISOString().slice(0, 10);
  const stem = subjectLabel ? `-${fileStem(subjectLabel)}` : '';
  return `crosstrust-audit${stem}-${day}.jsonl`;
}
