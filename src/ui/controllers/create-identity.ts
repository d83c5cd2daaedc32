// Creates an identity (core) and stores it with its keys in one transaction (store); with a recovery
// recipient the keys are escrowed at birth and the escrows are written in that same transaction.
// Holds the update registry while it generates and signs.
import { createEscrowedIdentity, createIdentity, type IdentityRequest } from '../../pki/index.ts';
import { saveIdentity, type Db, type IdentityRecord } from '../../store/index.ts';
import { busyRegistry, type BusyRegistry } from '../update/busy-registry.ts';

export interface CreateIdentityOptions {
  /** age recipient (age1…) to escrow both private keys to ("backup at birth"); absent: keys exist only here. */
  readonly recoveryRecipient?: string;
}

/**
 * Holds `busy` (an app update waits) from key generation until the identity is stored. Throws PkiError
 * (name, SAN, validity, BACKUP_ESCROW_BAD_RECIPIENT) or StoreError; on any error nothing is stored.
 */
export async function createAndStoreIdentity(db: Db, request: IdentityRequest, label: string, options: CreateIdentityOptions = {}, busy: BusyRegistry = busyRegistry): Promise<IdentityRecord> {
  return busy.run('creating an identity (generating keys and signing)', async () => {
    if (options.recoveryRecipient) {
      const { created, escrows } = await createEscrowedIdentity(request, options.recoveryRecipient);
      return saveIdentity(db, { label, created, escrows, atMs: request.atMs });
    }
    const created = await createIdentity(request);
    return saveIdentity(db, { label, created, atMs: request.atMs });
  });
}
