// Creating an environment and minting its authorities (root, per-scope intermediates). Root keys are
// non-extractable; intermediate keys are escrowed at birth to CI (src/pki/escrow.ts) — docs/hierarchy.md.
import { PkiError } from '../errors.ts';
import { exportSpki, generateKeyPair, KEY_TYPES, type KeyType } from '../algorithms.ts';
import { fromBase64, toBase64 } from '../bytes.ts';
import { parsePem, toPem } from '../pem.ts';
import { normaliseDnsName } from '../hosts.ts';
import { validityWindow } from '../profile.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { generateEscrowedKey } from '../escrow.ts';
import { assertIssuedCertificate } from '../validate/check-issued.ts';
import { authorityName, intermediateLabel, issueIntermediateCertificate, issueRootCertificate } from './certificates.ts';
import {
  GLOBAL_SCOPE,
  INTERMEDIATE_VALIDITY_DAYS,
  ROOT_VALIDITY_DAYS,
  checkSegment,
  keyRecordById,
  nextGeneration,
  privateKeyFor,
  scopesOf,
  type AuthorityRecord,
  type AuthorityStatus,
  type EnvironmentConfig,
  type EnvironmentDoc,
  type HierarchyState,
  type KeyRecord,
  type KeyRing,
  type Topology,
  type WriteSet,
} from './model.ts';

const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** Validates and normalises an environment. Throws HIER_ENV_INVALID. */
export function checkEnvironment(input: {
  readonly name: string;
  readonly trustDomain: string;
  readonly topology: Topology;
  readonly regions?: ReadonlyArray<string>;
  readonly keyType?: KeyType;
  readonly custodians: { readonly rootRecipient: string; readonly ciRecipient: string; readonly backupRecipient?: string };
  readonly dnsSubtrees?: Readonly<Record<string, ReadonlyArray<string>>>;
}): EnvironmentConfig {
  checkSegment(input.name, 'environment name');
  if (input.topology !== 'two-tier' && input.topology !== 'root-only') throw new PkiError('HIER_ENV_INVALID', 'topology must be two-tier or root-only');
  let trustDomain: string;
  try {
    trustDomain = normaliseDnsName(input.trustDomain);
  } catch (cause) {
    throw new PkiError('HIER_ENV_INVALID', 'the base domain is not a DNS name', { cause });
  }
  if (trustDomain.startsWith('*.') || trustDomain !== input.trustDomain) {
    throw new PkiError('HIER_ENV_INVALID', 'the base domain must be a lower-case DNS name without wildcard (it is the SPIFFE trust domain)');
  }
  const regions = [...(input.regions ?? [])];
  if (input.topology === 'root-only' && regions.length) throw new PkiError('HIER_ENV_INVALID', 'a root-only environment has no regions');
  for (const r of regions) checkSegment(r, 'region');
  if (regions.includes(GLOBAL_SCOPE) || new Set(regions).size !== regions.length) {
    throw new PkiError('HIER_ENV_INVALID', 'regions must be distinct and not named global');
  }
  const keyType = input.keyType ?? 'p256';
  if (!KEY_TYPES.includes(keyType)) throw new PkiError('HIER_ENV_INVALID', `unknown key type ${String(keyType)}`);
  const c = input.custodians;
  for (const r of [c.rootRecipient, c.ciRecipient, ...(c.backupRecipient ? [c.backupRecipient] : [])]) {
    if (!AGE_RECIPIENT.test(r)) throw new PkiError('HIER_ENV_INVALID', 'custodians must be age X25519 recipients (age1…)');
  }
  if (c.rootRecipient === c.ciRecipient) throw new PkiError('HIER_ENV_INVALID', 'the offline root recipient must differ from the CI recipient');
  const env0 = { name: input.name, trustDomain, topology: input.topology, regions, keyType };
  const scopes = scopesOf({ ...env0, custodians: c, dnsSubtrees: {} });
  const dnsSubtrees: Record<string, ReadonlyArray<string>> = {};
  for (const [scope, list] of Object.entries(input.dnsSubtrees ?? {})) {
    if (!scopes.includes(scope)) throw new PkiError('HIER_ENV_INVALID', `DNS subtrees given for unknown scope ${JSON.stringify(scope)}`);
    if (list.length === 0) continue;
    dnsSubtrees[scope] = list.map((d) => {
      const n = normaliseDnsName(d);
      if (n.startsWith('*.') || n !== d) throw new PkiError('HIER_ENV_INVALID', `DNS subtree ${JSON.stringify(d)} must be a lower-case DNS name`);
      return n;
    });
  }
  const custodians = { rootRecipient: c.rootRecipient, ciRecipient: c.ciRecipient, ...(c.backupRecipient ? { backupRecipient: c.backupRecipient } : {}) };
  return { ...env0, custodians, dnsSubtrees };
}

/** Recipients of an issuing (online) key: CI plus the optional offline backup. */
export function issuerRecipients(env: EnvironmentConfig): string[] {
  return [env.custodians.ciRecipient, ...(env.custodians.backupRecipient ? [env.custodians.backupRecipient] : [])];
}

export interface Minted {
  readonly authority: AuthorityRecord;
  readonly keyRecord: KeyRecord;
  readonly key: CryptoKey;
}

/** Mints a root. Two-tier: non-extractable, escrowed to the offline root recipient only if `escrow`. Root-only: escrowed to CI. */
export async function mintRoot(doc: Pick<EnvironmentDoc, 'environment' | 'authorities'>, p: { escrow: boolean; status: AuthorityStatus; atMs: number }): Promise<Minted> {
  const env = doc.environment;
  const generation = nextGeneration(doc as EnvironmentDoc, 'root');
  const id = `root-r${generation}`;
  let key: CryptoKey, spki: Uint8Array, recipients: string[] = [], ciphertext: string | undefined;
  if (env.topology === 'root-only' || p.escrow) {
    recipients = env.topology === 'root-only' ? issuerRecipients(env) : [env.custodians.rootRecipient];
    const e = await generateEscrowedKey(env.keyType, recipients);
    ({ privateKey: key, spki, ciphertext } = e);
  } else {
    const pair = await generateKeyPair(env.keyType);
    key = pair.privateKey;
    spki = await exportSpki(pair.publicKey);
  }
  const validity = validityWindow(p.atMs, ROOT_VALIDITY_DAYS);
  const der = await issueRootCertificate({ env, generation, spki, key, validity });
  const keyRecord: KeyRecord = { id: `key-${id}`, type: env.keyType, spkiB64: toBase64(spki), recipients, ...(ciphertext ? { ciphertext } : {}) };
  const authority: AuthorityRecord = { id, role: 'root', generation, status: p.status, keyId: keyRecord.id, parentId: id, certPem: toPem('CERTIFICATE', der), notAfterMs: validity.notAfterMs };
  return { authority, keyRecord, key };
}

export function certDerOf(a: AuthorityRecord): Uint8Array {
  const b = parsePem(a.certPem)[0];
  if (!b) throw new PkiError('HIER_STORE_INCONSISTENT', `authority ${a.id} has no certificate`);
  return b.der;
}

/** Signs an intermediate certificate for `scope` over an existing key (used by mint and recover). */
export async function certifyIntermediate(p: {
  readonly env: EnvironmentConfig;
  readonly scope: string;
  readonly generation: number;
  readonly spki: Uint8Array;
  readonly root: AuthorityRecord;
  readonly rootKeyRecord: KeyRecord;
  readonly rootKey: CryptoKey;
  readonly atMs: number;
}): Promise<{ pem: string; notAfterMs: number }> {
  const validity = validityWindow(p.atMs, INTERMEDIATE_VALIDITY_DAYS);
  const notAfterMs = Math.min(validity.notAfterMs, p.root.notAfterMs);
  const der = await issueIntermediateCertificate({
    env: p.env,
    scope: p.scope,
    subject: authorityName(p.env, intermediateLabel(p.env, p.scope, p.generation)),
    spki: p.spki,
    issuerName: parseCertificate(certDerOf(p.root)).subject.der,
    issuerSpki: fromBase64(p.rootKeyRecord.spkiB64),
    issuerKey: p.rootKey,
    validity: { notBeforeMs: validity.notBeforeMs, notAfterMs },
  });
  // Refuse an intermediate our own validator would reject under its root (e.g. a root record whose
  // certificate does not match the key that signed, or a root that may not issue CAs any more).
  await assertIssuedCertificate({ certificate: der, issuerChain: [], roots: [certDerOf(p.root)], atMs: p.atMs });
  return { pem: toPem('CERTIFICATE', der), notAfterMs };
}

/** Mints an intermediate for `scope` under `rootId`: fresh key escrowed to CI (+ backup), then the certificate. */
export async function mintIntermediate(doc: EnvironmentDoc, keys: KeyRing, p: { scope: string; rootId: string; status: AuthorityStatus; atMs: number; extraRoot?: Minted }): Promise<Minted> {
  const env = doc.environment;
  const root = p.extraRoot?.authority ?? doc.authorities.find((a) => a.id === p.rootId);
  if (!root) throw new PkiError('HIER_STORE_INCONSISTENT', `root ${p.rootId} is missing`);
  const rootKeyRecord = p.extraRoot?.keyRecord ?? keyRecordById(doc, root.keyId);
  const rootKey = p.extraRoot?.key ?? privateKeyFor(keys, root.keyId);
  const generation = nextGeneration(doc, 'intermediate', p.scope);
  const id = `int-${p.scope}-i${generation}`;
  const e = await generateEscrowedKey(env.keyType, issuerRecipients(env));
  const cert = await certifyIntermediate({ env, scope: p.scope, generation, spki: e.spki, root, rootKeyRecord, rootKey, atMs: p.atMs });
  const keyRecord: KeyRecord = { id: `key-${id}`, type: env.keyType, spkiB64: toBase64(e.spki), recipients: e.recipients, ciphertext: e.ciphertext };
  const authority: AuthorityRecord = {
    id, role: 'intermediate', scope: p.scope, generation, status: p.status, keyId: keyRecord.id, parentId: root.id, certPem: cert.pem, notAfterMs: cert.notAfterMs,
  };
  return { authority, keyRecord, key: e.privateKey };
}

/**
 * Creates an environment: the root (non-extractable; escrowed to the offline root recipient when
 * `escrowRoot`) and, for two-tier, one intermediate per scope escrowed to CI. Returns the first write set.
 */
export async function createEnvironment(p: { readonly environment: EnvironmentConfig; readonly escrowRoot: boolean; readonly atMs: number }): Promise<WriteSet> {
  const base: EnvironmentDoc = { version: 1, revision: 0, environment: p.environment, authorities: [], keys: [], leaves: [] };
  const root = await mintRoot(base, { escrow: p.escrowRoot, status: 'active', atMs: p.atMs });
  let doc: EnvironmentDoc = { ...base, authorities: [root.authority], keys: [root.keyRecord] };
  const putKeys = [{ id: root.keyRecord.id, key: root.key }];
  if (p.environment.topology === 'two-tier') {
    const ring = new Map([[root.keyRecord.id, root.key]]);
    for (const scope of scopesOf(p.environment)) {
      const m = await mintIntermediate(doc, ring, { scope, rootId: root.authority.id, status: 'active', atMs: p.atMs });
      doc = { ...doc, authorities: [...doc.authorities, m.authority], keys: [...doc.keys, m.keyRecord] };
      putKeys.push({ id: m.keyRecord.id, key: m.key });
    }
  }
  return { doc: { ...doc, revision: 1 }, putKeys, deleteKeys: [] };
}

/** Empty state, for `applyWriteSet(emptyState(), await createEnvironment(...))`. */
export function emptyState(doc: EnvironmentDoc): HierarchyState {
  return { doc, keys: new Map() };
}
