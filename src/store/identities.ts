// Organisation identities: create (keys + identity + audit [+ key escrows] in ONE transaction: all or
// nothing if the tab dies), list, get, rename, delete with their keys. Keys arrive already made by src/pki.
import { exportSpki, keyTypeLabel, sha256, toHex, type CreatedIdentity, type IdentityEscrows } from '../pki/index.ts';
import { keyEscrowDocument } from './key-escrow.ts';
import type { Db } from './db.ts';
import type { AuditRecord, IdentityRecord, KeyRecord } from './schema.ts';
import { StoreError } from './errors.ts';
import { assertStorableKey } from './keys.ts';
import { storeOp } from './tx-errors.ts';

export interface SaveIdentityInput {
  /** Defaults to a random UUID. Key ids are `<id>/ca` and `<id>/id`. */
  readonly id?: string;
  readonly label: string;
  readonly created: CreatedIdentity;
  readonly atMs: number;
  /** "Backup at birth": the escrows of both keys (createEscrowedIdentity), written in the same transaction. */
  readonly escrows?: IdentityEscrows;
}

/**
 * Stores a newly created identity, its two private keys and audit entries for the two signatures, in
 * one transaction. Throws StoreError STORE_CONFLICT (id taken, extractable key), STORE_QUOTA,
 * STORE_TRANSACTION_FAILED; on any error nothing is written.
 */
export async function saveIdentity(db: Db, input: SaveIdentityInput): Promise<IdentityRecord> {
  const id = input.id ?? crypto.randomUUID();
  const { created, atMs } = input;
  const label = input.label.trim();
  if (label === '') throw new StoreError('STORE_CONFLICT', 'an identity needs a label');
  // Everything async that is not IndexedDB happens first: a transaction commits at the first idle tick.
  const [caSpki, idSpki, caHash, idHash] = await Promise.all([
    exportSpki(created.caKeys.publicKey),
    exportSpki(created.idKeys.publicKey),
    sha256(created.caCertDer),
    sha256(created.idCertDer),
  ]);
  const keyRecord = (suffix: 'ca' | 'id', key: CryptoKey, publicKeySpki: Uint8Array): KeyRecord => ({
    id: `${id}/${suffix}`,
    key,
    publicKeySpki,
    keyType: created.keyType,
    purpose: suffix === 'ca' ? 'identity-ca' : 'identity',
    createdMs: atMs,
  });
  const keys = [keyRecord('ca', created.caKeys.privateKey, caSpki), keyRecord('id', created.idKeys.privateKey, idSpki)];
  keys.forEach(assertStorableKey);
  const record: IdentityRecord = {
    id,
    label,
    keyType: created.keyType,
    caCertDer: created.caCertDer,
    idCertDer: created.idCertDer,
    caKeyId: keys[0]!.id,
    idKeyId: keys[1]!.id,
    createdMs: atMs,
  };
  const audit: AuditRecord[] = [
    { timeMs: atMs, op: 'identity.create', summary: `Created identity “${label}” with ${keyTypeLabel(created.keyType)} keys`, details: { identityId: id } },
    { timeMs: atMs, op: 'cert.sign', summary: 'Signed the CA certificate (self-signed)', keyId: record.caKeyId, outputSha256: toHex(caHash), details: { identityId: id } },
    { timeMs: atMs, op: 'cert.sign', summary: 'Signed the identity certificate', keyId: record.caKeyId, outputSha256: toHex(idHash), details: { identityId: id } },
  ];
  const escrowDocs = input.escrows
    ? [keyEscrowDocument(record.caKeyId, input.escrows.ca, atMs, { purpose: 'identity-ca', identityId: id }),
        keyEscrowDocument(record.idKeyId, input.escrows.id, atMs, { purpose: 'identity', identityId: id })]
    : [];
  if (input.escrows) {
    audit.push({ timeMs: atMs, op: 'key.escrow', summary: `Escrowed both private keys to the recovery key ${input.escrows.ca.recipient.slice(0, 12)}…`, details: { identityId: id } });
  }
  return storeOp('create identity', async () => {
    const tx = db.transaction(['keys', 'identities', 'audit', 'documents'], 'readwrite');
    // Issue every request before awaiting, then wait for the commit: any failure aborts them all.
    const requests = [
      ...keys.map((k) => tx.objectStore('keys').add(k)),
      tx.objectStore('identities').add(record),
      ...audit.map((a) => tx.objectStore('audit').add(a)),
      ...escrowDocs.map((d) => tx.objectStore('documents').add(d)),
    ];
    await Promise.all([...requests, tx.done]);
    return record;
  });
}

/** Every identity, oldest first. */
export async function listIdentities(db: Db): Promise<ReadonlyArray<IdentityRecord>> {
  return storeOp('list identities', () => db.getAllFromIndex('identities', 'byCreated'));
}

/** The identity, or undefined when there is none with that id. */
export async function getIdentity(db: Db, id: string): Promise<IdentityRecord | undefined> {
  return storeOp('read identity', () => db.get('identities', id));
}

/** Renames an identity (and logs it). Throws STORE_NOT_FOUND, STORE_CONFLICT (empty label). */
export async function renameIdentity(db: Db, id: string, label: string, atMs: number): Promise<IdentityRecord> {
  const clean = label.trim();
  if (clean === '') throw new StoreError('STORE_CONFLICT', 'an identity needs a label');
  return storeOp('rename identity', async () => {
    const tx = db.transaction(['identities', 'audit'], 'readwrite');
    const old = await tx.objectStore('identities').get(id);
    if (!old) throw new StoreError('STORE_NOT_FOUND', `no identity ${id}`); // nothing was written; the transaction just ends
    const next: IdentityRecord = { ...old, label: clean };
    await Promise.all([
      tx.objectStore('identities').put(next),
      tx.objectStore('audit').add({ timeMs: atMs, op: 'identity.rename', summary: `Renamed “${old.label}” to “${clean}”`, details: { identityId: id } }),
      tx.done,
    ]);
    return next;
  });
}

/** Deletes an identity and both its private keys (for good), logging it. Throws STORE_NOT_FOUND. */
export async function deleteIdentity(db: Db, id: string, atMs: number): Promise<void> {
  const old = await getIdentity(db, id);
  if (!old) throw new StoreError('STORE_NOT_FOUND', `no identity ${id}`);
  await storeOp('delete identity', async () => {
    const tx = db.transaction(['identities', 'keys', 'audit'], 'readwrite');
    await Promise.all([
      tx.objectStore('keys').delete(old.caKeyId),
      tx.objectStore('keys').delete(old.idKeyId),
      tx.objectStore('identities').delete(id),
      tx.objectStore('audit').add({ timeMs: atMs, op: 'identity.delete', summary: `Deleted identity “${old.label}” and its private keys`, details: { identityId: id } }),
      tx.done,
    ]);
  });
}
