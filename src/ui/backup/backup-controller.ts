// Backup view logic: make an encrypted backup, restore one, show storage persistence, and react to
// other tabs (restore elsewhere, newer version opening). Calls the core and store only.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { decryptBackup, encryptBackup, type OmittedKey } from '../../pki/index.ts';
import { openStore, type Db } from '../../store/db.ts';
import { restoreStore, snapshotStore, type RestoreResult } from '../../store/backup.ts';
import { onStoreBroadcast } from '../../store/store-lock.ts';
import { getPersistence, requestPersistence, type PersistenceStatus } from '../../store/persistence.ts';
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

export class BackupController implements ReactiveController {
  persistence: PersistenceStatus | undefined;
  /** What the live region says. */
  status = '';
  error = '';
  running: 'backup' | 'restore' | undefined;
  lastOmitted: ReadonlyArray<OmittedKey> = [];
  lastRestore: RestoreResult | undefined;
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
    this.#stopListening = onStoreBroadcast(() => this.#say('The data was restored from a backup in another tab; views show the restored data after a reload.'));
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

  async requestPersistence(): Promise<void> {
    this.persistence = await requestPersistence();
    this.#say(this.persistence.persisted ? 'Storage is persistent: the browser will not evict it under pressure.' : 'The browser did not grant persistent storage.');
  }

  /** Builds the encrypted backup; returns the file to save, or null after announcing an error. */
  async makeBackup(passphrase: string): Promise<BackupFile | null> {
    return this.#run('backup', 'making a backup', async () => {
      const now = (this.#options.now ?? Date.now)();
      const snapshot = await snapshotStore(await this.#store(), { nowMs: now, appVersion: BUILD_INFO.version });
      const bytes = await encryptBackup(snapshot, passphrase, this.#options.workFactor === undefined ? {} : { workFactor: this.#options.workFactor });
      this.lastOmitted = snapshot.omittedKeys;
      const keys = snapshot.omittedKeys.length;
      this.#say(`Backup ready.${keys ? ` ${keys} non-extractable key${keys === 1 ? ' is' : 's are'} not in it.` : ''}`);
      const day = new Date(now).toISOString().slice(0, 10);
      return { name: `crosstrust-backup-${day}.age`, bytes };
    });
  }

  /** Decrypts, validates and restores; on any refusal nothing changes. Returns true on success. */
  async restore(file: Uint8Array, passphrase: string): Promise<boolean> {
    const result = await this.#run('restore', 'restoring a backup', async () => {
      const snapshot = await decryptBackup(file, passphrase);
      const restored = await restoreStore(await this.#store(), snapshot);
      this.lastRestore = restored;
      const c = restored.counts;
      const missing = restored.missingKeys.length;
      this.#say(`Restored ${c.identities} identities, ${c.documents} documents, ${c.settings} settings and ${c.audit} audit entries.` +
        (missing ? ` ${missing} private key${missing === 1 ? ' was' : 's were'} not in the backup; those identities can be viewed but not used to sign.` : ''));
      return true;
    });
    return result === true;
  }

  async #run<T>(kind: 'backup' | 'restore', label: string, work: () => Promise<T>): Promise<T | null> {
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
