// Backup view logic: make an encrypted backup, check a backup and show what restoring it would do,
// restore (a merge: nothing here is deleted), recover escrowed keys with the recovery key, show
// storage persistence, and re-read when another tab restored. Calls the core and store only.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { decryptBackup, encryptBackup, parseRecoveryKey, type BackupSnapshot, type OmittedKey, type RestorePlan } from '../../pki/index.ts';
import {
  getPersistence, listIdentities, listKeyEscrows, onStoreBroadcast, openStore, planRestore, recoverKeys, requestPersistence,
  restoreStore, snapshotStore, type Db, type IdentityRecord, type KeyRecoveryResult, type PersistenceStatus, type RestoreResult,
  type StoredKeyEscrow,
} from '../../store/index.ts';
import { busyRegistry, type BusyRegistry } from '../update/busy-registry.ts';
import { BUILD_INFO } from '../update/build-info.ts';
import { backupErrorMessage } from './backup-messages.ts';

export interface BackupFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface BackupControllerOptions {
  /** A database handle; when absent the controller opens the app's store. */
  readonly db?: Db;
  readonly registry?: BusyRegistry;
  /** scrypt log2 N (age default 18); tests pass less. */
  readonly workFactor?: number;
  readonly now?: () => number;
}

/** What this browser holds, as far as backups are concerned. */
export interface BackupSummary {
  readonly identities: ReadonlyArray<IdentityRecord>;
  readonly escrows: ReadonlyArray<StoredKeyEscrow>;
  /** Identities with a key that is not escrowed: that key is not in any backup. */
  readonly notRecoverable: ReadonlyArray<IdentityRecord>;
  /** Escrowed keys this browser does not hold (after a restore): recoverable with the recovery key. */
  readonly missingEscrowed: ReadonlyArray<StoredKeyEscrow>;
}

/** A checked backup waiting for the user's confirmation. */
export interface PendingRestore {
  readonly fileName: string;
  readonly snapshot: BackupSnapshot;
  readonly plan: RestorePlan;
}

type Running = 'backup' | 'check' | 'restore' | 'recover';

export class BackupController implements ReactiveController {
  persistence: PersistenceStatus | undefined;
  summary: BackupSummary | undefined;
  /** What the live region says. */
  status = '';
  error = '';
  running: Running | undefined;
  lastOmitted: ReadonlyArray<OmittedKey> = [];
  pending: PendingRestore | undefined;
  lastRestore: RestoreResult | undefined;
  lastRecovery: KeyRecoveryResult | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #options: BackupControllerOptions;
  #db: Promise<Db> | undefined;
  #stopListening: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, options: BackupControllerOptions = {}) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    void getPersistence().then((p) => { this.persistence = p; this.#host.requestUpdate(); });
    void this.refresh();
    this.#stopListening = onStoreBroadcast(() => {
      this.#say('Data was restored in another tab; this page shows it now.');
      void this.refresh();
      // A checked backup's plan is stale now: check it again against the new data.
      if (this.pending) void this.#replan(this.pending);
    });
  }

  hostDisconnected(): void {
    this.#stopListening?.();
  }

  #store(): Promise<Db> {
    this.#db ??= this.#options.db
      ? Promise.resolve(this.#options.db)
      : openStore({ onVersionChange: () => this.#say('A newer crosstrust opened in another tab. Reload this tab to continue.') });
    return this.#db;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** Re-reads what this browser holds (identities, escrows). */
  async refresh(): Promise<void> {
    try {
      const db = await this.#store();
      const [identities, escrows] = await Promise.all([listIdentities(db), listKeyEscrows(db)]);
      const escrowed = new Set(escrows.map((e) => e.keyId));
      this.summary = {
        identities,
        escrows,
        notRecoverable: identities.filter((i) => !escrowed.has(i.caKeyId) || !escrowed.has(i.idKeyId)),
        missingEscrowed: escrows.filter((e) => !e.held),
      };
    } catch (e) {
      this.error = backupErrorMessage(e);
    }
    this.#host.requestUpdate();
  }

  async requestPersistence(): Promise<void> {
    this.persistence = await requestPersistence();
    this.#say(this.persistence.persisted ? 'Storage is persistent: the browser will not evict it under pressure.' : 'The browser did not grant persistent storage.');
  }

  /** Builds the encrypted backup; returns the file to save, or null after announcing an error. */
  async makeBackup(passphrase: string): Promise<BackupFile | null> {
    return this.#run('backup', 'making a backup', async () => {
      const now = this.#now();
      const snapshot = await snapshotStore(await this.#store(), { nowMs: now, appVersion: BUILD_INFO.version });
      const bytes = await encryptBackup(snapshot, passphrase, this.#options.workFactor === undefined ? {} : { workFactor: this.#options.workFactor });
      this.lastOmitted = snapshot.omittedKeys;
      const lost = this.summary?.notRecoverable.length ?? 0;
      this.#say(`Backup ready.${lost ? ` The private keys of ${lost} ${lost === 1 ? 'identity are' : 'identities are'} not in it (they were not made recoverable).` : ''}`);
      const day = new Date(now).toISOString().slice(0, 10);
      return { name: `crosstrust-backup-${day}.age`, bytes };
    });
  }

  /** Decrypts and validates a backup and works out what restoring it would change; changes nothing. */
  async check(file: Uint8Array, fileName: string, passphrase: string): Promise<boolean> {
    this.pending = undefined;
    this.lastRestore = undefined;
    const ok = await this.#run('check', 'checking a backup', async () => {
      const snapshot = await decryptBackup(file, passphrase);
      const plan = await planRestore(await this.#store(), snapshot);
      this.pending = { fileName, snapshot, plan };
      this.#say(plan.changes === 0
        ? 'The backup opened. Everything in it is already in this browser: there is nothing to restore.'
        : 'The backup opened. Review what restoring it will add, then confirm. Nothing has changed yet.');
      return true;
    });
    return ok === true;
  }

  /** Restores the checked backup (a merge); refuses if the data changed since the check. */
  async confirmRestore(): Promise<boolean> {
    const pending = this.pending;
    if (!pending) return false;
    const result = await this.#run('restore', 'restoring a backup', async () => {
      const restored = await restoreStore(await this.#store(), pending.snapshot, { expected: pending.plan, nowMs: this.#now() });
      this.lastRestore = restored;
      this.pending = undefined;
      const c = restored.counts;
      const recoverable = restored.plan.recoverableKeyIds.length;
      const lost = restored.missingKeys.length - recoverable;
      this.#say(`Restored: added ${c.identities} ${c.identities === 1 ? 'identity' : 'identities'}, ${c.documents} documents, ${c.settings} settings and ${c.audit} audit entries. Nothing was deleted.` +
        (recoverable ? ` ${recoverable} private ${recoverable === 1 ? 'key was' : 'keys were'} escrowed: recover ${recoverable === 1 ? 'it' : 'them'} below with your recovery key.` : '') +
        (lost > 0 ? ` ${lost} private ${lost === 1 ? 'key is' : 'keys are'} not in the backup; those identities can be viewed but not used to sign.` : ''));
      return true;
    });
    await this.refresh();
    if (result !== true && this.pending) await this.#replan(this.pending);
    return result === true;
  }

  cancelRestore(): void {
    this.pending = undefined;
    this.#say('Restore cancelled. Nothing was changed.');
  }

  /** Recovers every missing escrowed key that `recoveryKeyText` opens. */
  async recover(recoveryKeyText: string): Promise<boolean> {
    const result = await this.#run('recover', 'recovering keys', async () => {
      const key = await parseRecoveryKey(recoveryKeyText);
      const r = await recoverKeys(await this.#store(), key, this.#now());
      this.lastRecovery = r;
      const n = r.recovered.length;
      const parts = [n ? `Recovered ${n} private ${n === 1 ? 'key' : 'keys'}; ${n === 1 ? 'it is' : 'they are'} non-extractable in this browser again.` : 'No key was recovered.'];
      if (r.otherRecipient.length) parts.push(`${r.otherRecipient.length} ${r.otherRecipient.length === 1 ? 'key needs' : 'keys need'} a different recovery key.`);
      if (r.failed.length) parts.push(`${r.failed.length} escrowed ${r.failed.length === 1 ? 'key is' : 'keys are'} damaged and could not be recovered.`);
      this.#say(parts.join(' '));
      return n > 0;
    });
    await this.refresh();
    return result === true;
  }

  async #replan(pending: PendingRestore): Promise<void> {
    try {
      this.pending = { ...pending, plan: await planRestore(await this.#store(), pending.snapshot) };
    } catch {
      this.pending = undefined;
    }
    this.#host.requestUpdate();
  }

  async #run<T>(kind: Running, label: string, work: () => Promise<T>): Promise<T | null> {
    this.running = kind;
    this.error = '';
    this.status = '';
    this.#host.requestUpdate();
    try {
      return await (this.#options.registry ?? busyRegistry).run(label, work);
    } catch (e) {
      this.error = backupErrorMessage(e);
      this.#host.requestUpdate();
      return null;
    } finally {
      this.running = undefined;
      this.#host.requestUpdate();
    }
  }

  #say(text: string): void {
    this.status = text;
    this.#host.requestUpdate();
  }
}
