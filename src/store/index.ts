// Public face of the store layer: the only place that knows IndexedDB (through idb).
export { openStore, LATEST_VERSION, type Db, type UpgradeStep } from './db.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export type { KeyRecord, IdentityRecord, AuditRecord, SettingRecord, DocumentRecord } from './schema.ts';
export { addKey, getKey, listKeys, assertStorableKey } from './keys.ts';
export { saveIdentity, listIdentities, getIdentity, renameIdentity, deleteIdentity, type SaveIdentityInput } from './identities.ts';
export { appendAudit, listAudit } from './audit.ts';
export { getSetting, putSetting } from './settings.ts';
export { loadSigningCa, recordIssued, listIssued, ISSUED_KIND, type IssuedDoc, type IssuedKind } from './issued.ts';
export {
  loadRevocationState,
  revokeIssued,
  issueRevocationList,
  importPartnerCrl,
  listPartnerCrls,
  partnerCaCertificates,
  heldCrls,
  LEDGER_KIND,
  PEER_CRL_KIND,
  type RevocationState,
  type PeerCrlDoc,
} from './revocation.ts';
