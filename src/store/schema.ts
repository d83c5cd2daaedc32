// The IndexedDB schema: one database, object stores per area, versioned upgrades (db.ts applies them).
// Records are plain data (structured clone); private keys are non-extractable CryptoKeys, which
// IndexedDB stores without ever exposing their bytes. Each area owns its section below.
import type { DBSchema } from 'idb';

export const DB_NAME = 'crosstrust';
/** Bump when a store or index is added; add the step to UPGRADES in db.ts and a test from every older version. */
export const DB_VERSION = 1;

// ---- keys, identities, audit, settings (issue 3) ----

/** A private key we hold. `key` is a non-extractable CryptoKey (or, for escrowed keys, also non-extractable). */
export interface KeyRecord {
  readonly id: string;
  readonly key: CryptoKey;
  /** SPKI DER of the matching public key. */
  readonly publicKeySpki: Uint8Array;
  readonly keyType: string;
  /** What the key is for, e.g. 'identity-ca', 'identity', 'hierarchy-root', 'intermediate'. */
  readonly purpose: string;
  readonly createdMs: number;
}

export interface IdentityRecord {
  readonly id: string;
  readonly label: string;
  readonly keyType: string;
  readonly caCertDer: Uint8Array;
  readonly idCertDer: Uint8Array;
  readonly caKeyId: string;
  readonly idKeyId: string;
  readonly createdMs: number;
}

export interface AuditRecord {
  readonly seq?: number; // auto-increment key
  readonly timeMs: number;
  /** e.g. 'identity.create', 'intro.sign', 'crl.issue'. */
  readonly op: string;
  /** What was signed or changed, for people. */
  readonly summary: string;
  /** Key used, when a signature was made. */
  readonly keyId?: string;
  /** SHA-256 hex of what was produced, when it is a certificate/CRL/bundle. */
  readonly outputSha256?: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export interface SettingRecord {
  readonly name: string;
  readonly value: unknown;
}

// ---- introductions, peers, cross-certificates (issue 4) ----

/** Generic record for areas that keep JSON-like documents keyed by id (introductions, peers, bundles, …). */
export interface DocumentRecord {
  readonly id: string;
  /** Owning area/kind, e.g. 'introduction', 'peer-ca', 'cross-cert', 'bundle', 'environment', 'crl'. */
  readonly kind: string;
  readonly updatedMs: number;
  readonly data: unknown;
}

// ---- schema ----

export interface CrosstrustDb extends DBSchema {
  keys: { key: string; value: KeyRecord; indexes: { byPurpose: string } };
  identities: { key: string; value: IdentityRecord; indexes: { byCreated: number } };
  audit: { key: number; value: AuditRecord; indexes: { byTime: number } };
  settings: { key: string; value: SettingRecord };
  /** Documents of every later area, by kind (issues 4, 6, 7, 11). */
  documents: { key: string; value: DocumentRecord; indexes: { byKind: string } };
}
