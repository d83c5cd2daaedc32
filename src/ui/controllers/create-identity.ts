// Creates an identity (core) and stores it with its keys in one transaction (store).
import { createIdentity, type IdentityRequest } from '../../pki/index.ts';
import { saveIdentity, type Db, type IdentityRecord } from '../../store/index.ts';

export async function createAndStoreIdentity(db: Db, request: IdentityRequest, label: string): Promise<IdentityRecord> {
  const created = await createIdentity(request);
  return saveIdentity(db, { label, created, atMs: request.atMs });
}
