// What restoring a backup does to the data already here: a merge that never deletes and never
// overwrites anything made or changed here since the backup. Pure data in, a plan and the records to
// write out; the store applies it in one transaction (src/store/backup.ts). No DOM, no IndexedDB.
import { BACKUP_STORES, type BackupRecord, type BackupSnapshot, type BackupStoreName, type BackupValue, type OmittedKey } from './backup.ts';

/** The records of the backed-up stores as they are in this browser now. */
export type StoreContents = { readonly [S in BackupStoreName]: ReadonlyArray<BackupRecord> };

export interface IdentityRef {
  readonly id: string;
  readonly label: string;
}

/** Per store: what the backup adds, what it updates, and what stays as it is here. */
export interface StorePlan {
  /** In the backup, not here: added. */
  readonly add: number;
  /** Documents only: here too, but the backup's copy was updated later: replaced by it. */
  readonly update: number;
  /** Identical in both. */
  readonly same: number;
  /** In both but different, and this browser's copy is kept (it is as new or newer). */
  readonly keptHere: number;
  /** Only here: kept. */
  readonly onlyHere: number;
}

export interface RestorePlan {
  readonly backupCreatedMs: number;
  readonly backupAppVersion: string;
  readonly stores: { readonly [S in BackupStoreName]: StorePlan };
  readonly identities: {
    readonly add: ReadonlyArray<IdentityRef>;
    /** Same id in both with different content (e.g. renamed here): this browser's version stays. */
    readonly keptHere: ReadonlyArray<IdentityRef>;
    /** Only in this browser (e.g. made after the backup): untouched. */
    readonly onlyHere: ReadonlyArray<IdentityRef>;
  };
  /** Documents added or updated, by kind ('introduction', 'bundle', 'key-escrow', …). */
  readonly documentKinds: Readonly<Record<string, number>>;
  /** Private keys of the backup (its browser's keys, and its identities' keys) that this browser lacks: the certificates come back, these keys only if escrowed. */
  readonly missingKeys: ReadonlyArray<OmittedKey>;
  /** Of `missingKeys`, those escrowed at birth (an escrow document is here or in the backup): recoverable with the recovery key. */
  readonly recoverableKeyIds: ReadonlyArray<string>;
  /** Records to be written in total (0: the backup holds nothing new). */
  readonly changes: number;
}

export interface RestoreWrites {
  readonly identities: ReadonlyArray<BackupRecord>;
  readonly audit: ReadonlyArray<BackupRecord>;
  readonly settings: ReadonlyArray<BackupRecord>;
  readonly documents: ReadonlyArray<BackupRecord>;
}

const KEY_FIELD: { readonly [S in BackupStoreName]: string } = { identities: 'id', audit: 'seq', settings: 'name', documents: 'id' };

/** Structural equality of plain backup values (bytes compared by content). */
export function sameBackupValue(a: BackupValue | undefined, b: BackupValue | undefined): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameBackupValue(x as BackupValue, b[i] as BackupValue));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined).sort();
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined).sort();
  return ka.join('\u0000') === kb.join('\u0000') && ka.every((k) => sameBackupValue((a as Record<string, BackupValue>)[k], (b as Record<string, BackupValue>)[k]));
}

/** An audit entry is the same event when everything but its sequence number matches. */
function auditKey(r: BackupRecord): string {
  const { seq: _seq, ...rest } = r;
  return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k] instanceof Uint8Array ? Array.from(rest[k] as Uint8Array) : rest[k]]));
}

const str = (v: BackupValue | undefined): string => (typeof v === 'string' ? v : '');
const ref = (r: BackupRecord): IdentityRef => ({ id: str(r.id), label: str(r.label) });

/**
 * Plans restoring `snapshot` into a browser holding `current` (and private keys `heldKeyIds`).
 * Rules: nothing here is deleted; identities and settings already here stay as they are; a document
 * here is replaced only by a copy the backup updated later (`updatedMs`); audit entries are merged
 * (an entry already here is not added twice; its backup sequence number is kept when free).
 */
export function planRestore(current: StoreContents, snapshot: BackupSnapshot, heldKeyIds: ReadonlySet<string>): { plan: RestorePlan; writes: RestoreWrites } {
  const stores = {} as Record<BackupStoreName, StorePlan>;
  const writes = { identities: [], audit: [], settings: [], documents: [] } as Record<BackupStoreName, BackupRecord[]>;
  const identities = { add: [] as IdentityRef[], keptHere: [] as IdentityRef[], onlyHere: [] as IdentityRef[] };
  const documentKinds: Record<string, number> = {};

  for (const name of BACKUP_STORES) {
    const plan = { add: 0, update: 0, same: 0, keptHere: 0, onlyHere: 0 };
    const field = KEY_FIELD[name];
    if (name === 'audit') {
      const here = new Set(current.audit.map(auditKey));
      const seqsHere = new Set(current.audit.map((r) => r.seq));
      const matched = new Set<string>();
      for (const r of snapshot.stores.audit) {
        const k = auditKey(r);
        if (here.has(k)) { plan.same++; matched.add(k); continue; }
        plan.add++;
        if (seqsHere.has(r.seq)) {
          const { seq: _seq, ...rest } = r;
          writes.audit.push(rest);
        } else {
          writes.audit.push(r);
          seqsHere.add(r.seq);
        }
      }
      plan.onlyHere = current.audit.filter((r) => !matched.has(auditKey(r))).length;
      stores.audit = plan;
      continue;
    }
    const here = new Map(current[name].map((r) => [str(r[field]), r]));
    const inBackup = new Set<string>();
    for (const r of snapshot.stores[name]) {
      const key = str(r[field]);
      inBackup.add(key);
      const mine = here.get(key);
      if (!mine) {
        plan.add++;
        writes[name].push(r);
        if (name === 'identities') identities.add.push(ref(r));
        if (name === 'documents') documentKinds[str(r.kind)] = (documentKinds[str(r.kind)] ?? 0) + 1;
      } else if (sameBackupValue(mine, r)) {
        plan.same++;
      } else if (name === 'documents' && typeof r.updatedMs === 'number' && typeof mine.updatedMs === 'number' && r.updatedMs > mine.updatedMs) {
        plan.update++;
        writes.documents.push(r);
        documentKinds[str(r.kind)] = (documentKinds[str(r.kind)] ?? 0) + 1;
      } else {
        plan.keptHere++;
        if (name === 'identities') identities.keptHere.push(ref(mine));
      }
    }
    for (const [key, r] of here) {
      if (inBackup.has(key)) continue;
      plan.onlyHere++;
      if (name === 'identities') identities.onlyHere.push(ref(r));
    }
    stores[name] = plan;
  }

  const escrowed = new Set(
    [...current.documents, ...snapshot.stores.documents]
      .filter((d) => d.kind === 'key-escrow')
      .map((d) => str((d.data as { keyId?: BackupValue } | null)?.keyId)),
  );
  // Keys the backup says its browser held, and the keys of every identity it brings, that are not here.
  const missing = new Map(snapshot.omittedKeys.filter((k) => !heldKeyIds.has(k.id)).map((k) => [k.id, k]));
  for (const r of snapshot.stores.identities) {
    for (const [field, purpose] of [['caKeyId', 'identity-ca'], ['idKeyId', 'identity']] as const) {
      const id = str(r[field]);
      if (id && !heldKeyIds.has(id) && !missing.has(id)) missing.set(id, { id, keyType: str(r.keyType), purpose });
    }
  }
  const missingKeys = [...missing.values()];
  const changes = BACKUP_STORES.reduce((n, s) => n + writes[s].length, 0);
  // People read these lists: a stable order, not the store's (random id) key order.
  const byLabel = (a: IdentityRef, b: IdentityRef) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
  for (const list of [identities.add, identities.keptHere, identities.onlyHere]) list.sort(byLabel);
  return {
    plan: {
      backupCreatedMs: snapshot.createdMs,
      backupAppVersion: snapshot.appVersion,
      stores,
      identities,
      documentKinds,
      missingKeys,
      recoverableKeyIds: missingKeys.filter((k) => escrowed.has(k.id)).map((k) => k.id),
      changes,
    },
    writes,
  };
}

/** Whether two plans would write the same things (the store re-plans inside its transaction and compares). */
export function sameRestorePlan(a: RestorePlan, b: RestorePlan): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
