// Public face of the store layer: the only place that knows IndexedDB (through idb).
export { openStore, LATEST_VERSION, type Db, type UpgradeStep } from './db.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export type { KeyRecord, IdentityRecord, AuditRecord, SettingRecord, DocumentRecord } from './schema.ts';
export { addKey, getKey, listKeys, assertStorableKey } from './keys.ts';
export { saveIdentity, listIdentities, getIdentity, renameIdentity, deleteIdentity, type SaveIdentityInput } from './identities.ts';
export { appendAudit, listAudit } from './audit.ts';
export { getSetting, putSetting } from './settings.ts';
export { loadSigningCa, recordIssued, prepareIssued, listIssued, ISSUED_KIND, type IssuedDoc, type IssuedKind, type IssuedInput, type IssuedWrite } from './issued.ts';
export {
  installIntroduction, installIntroductions, listIntroductions, installedIntroductionPaths, removeIntroduction, saveCrossCertificate, listCrossCertificates,
  type IntroductionDoc, type PeerCaDoc, type CrossCertDoc,
} from './introductions.ts';
export { listBundles, loadBundle, saveBundle, deleteBundle, bundleId, listHeldCas, loadBundleSigner, recordBundleSignature, type HeldCa } from './bundles.ts';
export { listEnvironments, loadEnvironment, applyEnvironmentWrites, runEnvironmentStep, importEnvironment, type ImportOutcome } from './hierarchy.ts';
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
// ---- backup, restore, key escrow, tabs, persistence (issue 9) ----
export { snapshotStore, planRestore, restoreStore, type RestorePlan, type RestoreResult } from './backup.ts';
export { saveKeyEscrow, getKeyEscrow, listKeyEscrows, recoverKeys, KEY_ESCROW_KIND, type StoredKeyEscrow, type KeyRecoveryResult } from './key-escrow.ts';
export { withStoreLock, broadcastStoreChange, onStoreBroadcast, type StoreBroadcast } from './store-lock.ts';
export { getPersistence, requestPersistence, type PersistenceStatus } from './persistence.ts';
