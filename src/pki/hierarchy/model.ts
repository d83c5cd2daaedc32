// The two-tier scoped PKI's data model (docs/hierarchy.md): environment, authorities, keys, leaves,
// the pending rotation, and the write set one step produces. Plain serialisable data; no DOM, no clock.
import { PkiError } from '../errors.ts';
import type { KeyType } from '../algorithms.ts';

export const GLOBAL_SCOPE = 'global';
export const LEAF_VALIDITY_DAYS = 90;
export const ROOT_VALIDITY_DAYS = 3650;
export const INTERMEDIATE_VALIDITY_DAYS = 730;

export type Topology = 'two-tier' | 'root-only';

export interface Custodians {
  /** age recipient of the offline root holder: escrowed root keys are encrypted only to it. */
  readonly rootRecipient: string;
  /** age recipient of CI: intermediate (and root-only issuer) keys are encrypted to it. */
  readonly ciRecipient: string;
  /** Optional offline backup recipient added to every intermediate key's ciphertext. */
  readonly backupRecipient?: string;
}

export interface EnvironmentConfig {
  /** Environment name, a SPIFFE path segment, e.g. `prod`. */
  readonly name: string;
  /** Base domain = SPIFFE trust domain, e.g. `example.org`. */
  readonly trustDomain: string;
  readonly topology: Topology;
  /** Named regions; the scopes are `global` plus these (root-only: `global` only). */
  readonly regions: ReadonlyArray<string>;
  readonly keyType: KeyType;
  readonly custodians: Custodians;
  /** Per scope, DNS subtrees its intermediate is constrained to (permitted dNSName). Absent: no DNS constraint. */
  readonly dnsSubtrees: Readonly<Record<string, ReadonlyArray<string>>>;
}

/** `active`: issues and is in bundles. `pending`: minted, not yet published. `previous`: in bundles until `retireAfterMs`. */
export type AuthorityStatus = 'pending' | 'active' | 'previous';

export interface AuthorityRecord {
  readonly id: string;
  readonly role: 'root' | 'intermediate';
  /** Intermediates: their scope. Roots: undefined. */
  readonly scope?: string;
  readonly generation: number;
  readonly status: AuthorityStatus;
  readonly keyId: string;
  /** Root id that signed it (intermediates), itself for roots. */
  readonly parentId: string;
  readonly certPem: string;
  readonly notAfterMs: number;
  /** `previous` authorities stay in bundles until this instant (latest notAfter of their leaves). */
  readonly retireAfterMs?: number;
}

export interface KeyRecord {
  readonly id: string;
  readonly type: KeyType;
  /** SubjectPublicKeyInfo, base64: lets a reader check a decrypted key belongs here. */
  readonly spkiB64: string;
  /** Who can decrypt `ciphertext`. Empty when the key was never escrowed (non-recoverable root). */
  readonly recipients: ReadonlyArray<string>;
  /** Armored age ciphertext of the PKCS#8, or undefined when not escrowed. */
  readonly ciphertext?: string;
}

export interface LeafRecord {
  readonly scope: string;
  readonly service: string;
  readonly spiffeId: string;
  readonly dnsNames: ReadonlyArray<string>;
  readonly issuerId: string;
  readonly certPem: string;
  readonly notAfterMs: number;
}

export type Operation =
  | { readonly kind: 'rotate-intermediate'; readonly scope: string; readonly step: 'publish'; readonly newId: string }
  | { readonly kind: 'rotate-root'; readonly step: 'mint-intermediates' | 'publish'; readonly newRootId: string; readonly newIds: ReadonlyArray<string> }
  | { readonly kind: 'rotate-root'; readonly step: 'finalize'; readonly newRootId: string; readonly oldRootId: string };

/** Everything about one environment except private CryptoKeys: what the store file and IndexedDB document hold. */
export interface EnvironmentDoc {
  readonly version: 1;
  /** Incremented by every step; lets the store refuse a stale write (optimistic concurrency). */
  readonly revision: number;
  readonly environment: EnvironmentConfig;
  readonly authorities: ReadonlyArray<AuthorityRecord>;
  readonly keys: ReadonlyArray<KeyRecord>;
  readonly leaves: ReadonlyArray<LeafRecord>;
  readonly operation?: Operation;
}

/** Private keys this runtime holds, by KeyRecord id (browser: all; CI: the ones its identity decrypts). */
export type KeyRing = ReadonlyMap<string, CryptoKey>;

/** One step's effects; the store applies it in ONE transaction (document + key puts + key deletes). */
export interface WriteSet {
  readonly doc: EnvironmentDoc;
  readonly putKeys: ReadonlyArray<{ readonly id: string; readonly key: CryptoKey }>;
  readonly deleteKeys: ReadonlyArray<string>;
}

export interface HierarchyState {
  readonly doc: EnvironmentDoc;
  readonly keys: KeyRing;
}

/** Applies a write set to an in-memory state: exactly what the store does in its one transaction. */
export function applyWriteSet(state: HierarchyState, writes: WriteSet): HierarchyState {
  const keys = new Map(state.keys);
  for (const id of writes.deleteKeys) keys.delete(id);
  for (const { id, key } of writes.putKeys) keys.set(id, key);
  return { doc: writes.doc, keys };
}

const SEGMENT = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const SERVICE = /^[a-z0-9]([a-z0-9._-]{0,126}[a-z0-9])?$/;

/** Checks a scope/environment name (lower-case DNS label, also a SPIFFE path segment). Throws `code`. */
export function checkSegment(value: string, what: string, code: 'HIER_ENV_INVALID' | 'HIER_SCOPE_UNKNOWN' = 'HIER_ENV_INVALID'): string {
  if (!SEGMENT.test(value)) throw new PkiError(code, `${what} ${JSON.stringify(value)} must be a lower-case DNS label`);
  return value;
}

/** Checks a service name (SPIFFE path segment: [a-z0-9._-], not `.`/`..`). Throws HIER_SERVICE_INVALID. */
export function checkService(value: string): string {
  if (!SERVICE.test(value) || value.includes('..')) {
    throw new PkiError('HIER_SERVICE_INVALID', `service ${JSON.stringify(value)} must be lower-case letters, digits, '.', '_' or '-'`);
  }
  return value;
}

/** The scopes of an environment, `global` first. */
export function scopesOf(env: EnvironmentConfig): ReadonlyArray<string> {
  return env.topology === 'root-only' ? [GLOBAL_SCOPE] : [GLOBAL_SCOPE, ...env.regions];
}

export function checkScope(env: EnvironmentConfig, scope: string): string {
  if (!scopesOf(env).includes(scope)) throw new PkiError('HIER_SCOPE_UNKNOWN', `scope ${JSON.stringify(scope)} is not in environment ${env.name}`);
  return scope;
}

/** `spiffe://<trust domain>/<env>/<scope>/<service>`. */
export function spiffeIdOf(env: EnvironmentConfig, scope: string, service: string): string {
  return `spiffe://${env.trustDomain}/${env.name}/${checkScope(env, scope)}/${checkService(service)}`;
}

export function authorityById(doc: EnvironmentDoc, id: string): AuthorityRecord {
  const a = doc.authorities.find((x) => x.id === id);
  if (!a) throw new PkiError('HIER_STORE_INCONSISTENT', `authority ${id} is missing`);
  return a;
}

export function keyRecordById(doc: EnvironmentDoc, id: string): KeyRecord {
  const k = doc.keys.find((x) => x.id === id);
  if (!k) throw new PkiError('HIER_STORE_INCONSISTENT', `key ${id} is missing`);
  return k;
}

/** The active root. Throws HIER_NO_ACTIVE_ISSUER. */
export function activeRoot(doc: EnvironmentDoc): AuthorityRecord {
  const r = doc.authorities.find((a) => a.role === 'root' && a.status === 'active');
  if (!r) throw new PkiError('HIER_NO_ACTIVE_ISSUER', 'the environment has no active root');
  return r;
}

/** The authority that signs leaves of `scope`: its active intermediate (two-tier) or the root (root-only). */
export function activeIssuer(doc: EnvironmentDoc, scope: string): AuthorityRecord {
  checkScope(doc.environment, scope);
  if (doc.environment.topology === 'root-only') return activeRoot(doc);
  const i = doc.authorities.find((a) => a.role === 'intermediate' && a.scope === scope && a.status === 'active');
  if (!i) throw new PkiError('HIER_NO_ACTIVE_ISSUER', `scope ${scope} has no active intermediate`);
  return i;
}

/** The private key for `keyId` from the ring. Throws HIER_KEY_UNAVAILABLE (e.g. CI asked for a root key). */
export function privateKeyFor(keys: KeyRing, keyId: string): CryptoKey {
  const k = keys.get(keyId);
  if (!k) throw new PkiError('HIER_KEY_UNAVAILABLE', `the private key ${keyId} is not held here`);
  return k;
}

/** Next generation number for a role/scope. */
export function nextGeneration(doc: EnvironmentDoc, role: 'root' | 'intermediate', scope?: string): number {
  const gens = doc.authorities.filter((a) => a.role === role && a.scope === scope).map((a) => a.generation);
  return Math.max(0, ...gens) + 1;
}
