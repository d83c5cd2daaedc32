// The store file: one environment as YAML (certificates in plain PEM, private keys as age ciphertext
// for their recipients, metadata), deterministic for diffs. The reader validates strictly.
import { PkiError, isPkiError } from '../errors.ts';
import { KEY_TYPES, type KeyType } from '../algorithms.ts';
import { bytesEqual, fromBase64 } from '../bytes.ts';
import { openEscrowedKey } from '../escrow.ts';
import { parsePem } from '../pem.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { checkEnvironment } from './authorities.ts';
import { emitYaml, parseYaml, type YamlValue } from './yaml-subset.ts';
import type { AuthorityRecord, EnvironmentDoc, KeyRecord, KeyRing, LeafRecord, Operation } from './model.ts';

const MAX_STORE_BYTES = 4 * 1024 * 1024;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Serialises an environment document. Same document → same bytes. */
export function writeStoreFile(doc: EnvironmentDoc): string {
  const e = doc.environment;
  const v: Record<string, YamlValue> = {
    version: doc.version,
    revision: doc.revision,
    environment: {
      name: e.name,
      trustDomain: e.trustDomain,
      topology: e.topology,
      keyType: e.keyType,
      regions: [...e.regions],
      custodians: { rootRecipient: e.custodians.rootRecipient, ciRecipient: e.custodians.ciRecipient, ...(e.custodians.backupRecipient ? { backupRecipient: e.custodians.backupRecipient } : {}) },
      dnsSubtrees: Object.fromEntries(Object.entries(e.dnsSubtrees).map(([k, list]) => [k, [...list]])),
    },
    authorities: doc.authorities.map((a) => ({
      id: a.id, role: a.role, ...(a.scope ? { scope: a.scope } : {}), generation: a.generation, status: a.status, keyId: a.keyId, parentId: a.parentId,
      notAfter: iso(a.notAfterMs), ...(a.retireAfterMs !== undefined ? { retireAfter: iso(a.retireAfterMs) } : {}), cert: a.certPem,
    })),
    keys: doc.keys.map((k) => ({ id: k.id, type: k.type, spki: k.spkiB64, recipients: [...k.recipients], ...(k.ciphertext ? { ciphertext: k.ciphertext } : {}) })),
    leaves: doc.leaves.map((l) => ({ scope: l.scope, service: l.service, spiffeId: l.spiffeId, dnsNames: [...l.dnsNames], issuerId: l.issuerId, notAfter: iso(l.notAfterMs), cert: l.certPem })),
  };
  if (doc.operation) v['operation'] = { ...doc.operation } as Record<string, YamlValue>;
  return emitYaml(v, ['crosstrust pki store: certificates are public PEM; private keys are age ciphertext for the listed recipients.', 'Written by crosstrust; edit with crosstrust, not by hand.']);
}

type Obj = { readonly [k: string]: YamlValue };

function bad(path: string, what: string): never {
  throw new PkiError('HIER_STORE_SCHEMA', `${path}: ${what}`, { details: { path } });
}

function obj(v: YamlValue | undefined, path: string, required: ReadonlyArray<string>, optional: ReadonlyArray<string> = []): Obj {
  if (v === undefined || typeof v !== 'object' || Array.isArray(v)) bad(path, 'must be a mapping');
  const o = v as Obj;
  for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) bad(`${path}.${k}`, 'unknown field');
  for (const k of required) if (!(k in o)) bad(`${path}.${k}`, 'missing');
  return o;
}
function str(v: YamlValue | undefined, path: string, re?: RegExp): string {
  if (typeof v !== 'string') bad(path, 'must be a string');
  if (re && !re.test(v)) bad(path, 'has an invalid value');
  return v;
}
function int(v: YamlValue | undefined, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) bad(path, 'must be a non-negative integer');
  return v;
}
function list(v: YamlValue | undefined, path: string): ReadonlyArray<YamlValue> {
  if (!Array.isArray(v)) bad(path, 'must be a sequence');
  return v as ReadonlyArray<YamlValue>;
}
function time(v: YamlValue | undefined, path: string): number {
  const s = str(v, path, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const ms = Date.parse(s);
  if (!Number.isFinite(ms) || iso(ms) !== s) bad(path, 'is not a valid instant');
  return ms;
}
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Reads a store file. Throws HIER_STORE_TOO_LARGE, HIER_STORE_SYNTAX (not our YAML subset),
 * HIER_STORE_VERSION, HIER_STORE_SCHEMA (wrong shape), HIER_ENV_INVALID, HIER_STORE_INCONSISTENT
 * (dangling ids, a certificate not matching its key or metadata).
 */
export function readStoreFile(text: string): EnvironmentDoc {
  if (text.length > MAX_STORE_BYTES) throw new PkiError('HIER_STORE_TOO_LARGE', 'the store file is larger than 4 MiB');
  const top = parseYaml(text);
  if (top['version'] !== 1) throw new PkiError('HIER_STORE_VERSION', `unsupported store version ${JSON.stringify(top['version'] ?? null)}`);
  const t = obj(top, '$', ['version', 'revision', 'environment', 'authorities', 'keys', 'leaves'], ['operation']);
  const e = obj(t['environment'], 'environment', ['name', 'trustDomain', 'topology', 'keyType', 'regions', 'custodians', 'dnsSubtrees']);
  const c = obj(e['custodians'], 'environment.custodians', ['rootRecipient', 'ciRecipient'], ['backupRecipient']);
  const subtrees = obj(e['dnsSubtrees'], 'environment.dnsSubtrees', [], Object.keys(e['dnsSubtrees'] as object));
  const keyType = str(e['keyType'], 'environment.keyType') as KeyType;
  if (!KEY_TYPES.includes(keyType)) bad('environment.keyType', 'unknown key type');
  const environment = checkEnvironment({
    name: str(e['name'], 'environment.name'),
    trustDomain: str(e['trustDomain'], 'environment.trustDomain'),
    topology: str(e['topology'], 'environment.topology') as 'two-tier',
    keyType,
    regions: list(e['regions'], 'environment.regions').map((r, i) => str(r, `environment.regions[${i}]`)),
    custodians: {
      rootRecipient: str(c['rootRecipient'], 'environment.custodians.rootRecipient'),
      ciRecipient: str(c['ciRecipient'], 'environment.custodians.ciRecipient'),
      ...(c['backupRecipient'] !== undefined ? { backupRecipient: str(c['backupRecipient'], 'environment.custodians.backupRecipient') } : {}),
    },
    dnsSubtrees: Object.fromEntries(Object.entries(subtrees).map(([k, v]) => [k, list(v, `environment.dnsSubtrees.${k}`).map((d, i) => str(d, `environment.dnsSubtrees.${k}[${i}]`))])),
  });
  const keys: KeyRecord[] = list(t['keys'], 'keys').map((v, i) => {
    const p = `keys[${i}]`;
    const k = obj(v, p, ['id', 'type', 'spki', 'recipients'], ['ciphertext']);
    const type = str(k['type'], `${p}.type`) as KeyType;
    if (!KEY_TYPES.includes(type)) bad(`${p}.type`, 'unknown key type');
    const ciphertext = k['ciphertext'] === undefined ? undefined : str(k['ciphertext'], `${p}.ciphertext`, /^-----BEGIN AGE ENCRYPTED FILE-----\n[A-Za-z0-9+/=\n]+-----END AGE ENCRYPTED FILE-----\n$/);
    const recipients = list(k['recipients'], `${p}.recipients`).map((r, j) => str(r, `${p}.recipients[${j}]`, /^age1[02-9ac-hj-np-z]{58}$/));
    if ((ciphertext === undefined) !== (recipients.length === 0)) bad(p, 'recipients and ciphertext must come together');
    const spkiB64 = str(k['spki'], `${p}.spki`, /^[A-Za-z0-9+/]+=*$/);
    return { id: str(k['id'], `${p}.id`, ID), type, spkiB64, recipients, ...(ciphertext ? { ciphertext } : {}) };
  });
  const authorities: AuthorityRecord[] = list(t['authorities'], 'authorities').map((v, i) => {
    const p = `authorities[${i}]`;
    const a = obj(v, p, ['id', 'role', 'generation', 'status', 'keyId', 'parentId', 'notAfter', 'cert'], ['scope', 'retireAfter']);
    const role = str(a['role'], `${p}.role`, /^(root|intermediate)$/) as 'root' | 'intermediate';
    if ((role === 'intermediate') !== (a['scope'] !== undefined)) bad(`${p}.scope`, 'intermediates have a scope, roots do not');
    return {
      id: str(a['id'], `${p}.id`, ID), role, ...(a['scope'] !== undefined ? { scope: str(a['scope'], `${p}.scope`) } : {}),
      generation: int(a['generation'], `${p}.generation`), status: str(a['status'], `${p}.status`, /^(pending|active|previous)$/) as 'active',
      keyId: str(a['keyId'], `${p}.keyId`, ID), parentId: str(a['parentId'], `${p}.parentId`, ID), notAfterMs: time(a['notAfter'], `${p}.notAfter`),
      ...(a['retireAfter'] !== undefined ? { retireAfterMs: time(a['retireAfter'], `${p}.retireAfter`) } : {}), certPem: str(a['cert'], `${p}.cert`),
    };
  });
  const leaves: LeafRecord[] = list(t['leaves'], 'leaves').map((v, i) => {
    const p = `leaves[${i}]`;
    const l = obj(v, p, ['scope', 'service', 'spiffeId', 'dnsNames', 'issuerId', 'notAfter', 'cert']);
    return {
      scope: str(l['scope'], `${p}.scope`), service: str(l['service'], `${p}.service`), spiffeId: str(l['spiffeId'], `${p}.spiffeId`),
      dnsNames: list(l['dnsNames'], `${p}.dnsNames`).map((d, j) => str(d, `${p}.dnsNames[${j}]`)), issuerId: str(l['issuerId'], `${p}.issuerId`, ID),
      notAfterMs: time(l['notAfter'], `${p}.notAfter`), certPem: str(l['cert'], `${p}.cert`),
    };
  });
  const operation = t['operation'] === undefined ? undefined : readOperation(t['operation']);
  const doc: EnvironmentDoc = { version: 1, revision: int(t['revision'], 'revision'), environment, authorities, keys, leaves, ...(operation ? { operation } : {}) };
  checkConsistency(doc);
  return doc;
}

function readOperation(v: YamlValue): Operation {
  const kind = str((v as Obj)['kind'], 'operation.kind', /^(rotate-intermediate|rotate-root)$/);
  if (kind === 'rotate-intermediate') {
    const o = obj(v, 'operation', ['kind', 'scope', 'step', 'newId']);
    return { kind, scope: str(o['scope'], 'operation.scope'), step: str(o['step'], 'operation.step', /^publish$/) as 'publish', newId: str(o['newId'], 'operation.newId', ID) };
  }
  const step = str((v as Obj)['step'], 'operation.step', /^(mint-intermediates|publish|finalize)$/);
  if (step === 'finalize') {
    const o = obj(v, 'operation', ['kind', 'step', 'newRootId', 'oldRootId']);
    return { kind: 'rotate-root', step, newRootId: str(o['newRootId'], 'operation.newRootId', ID), oldRootId: str(o['oldRootId'], 'operation.oldRootId', ID) };
  }
  const o = obj(v, 'operation', ['kind', 'step', 'newRootId', 'newIds']);
  return { kind: 'rotate-root', step: step as 'publish', newRootId: str(o['newRootId'], 'operation.newRootId', ID), newIds: list(o['newIds'], 'operation.newIds').map((x, i) => str(x, `operation.newIds[${i}]`, ID)) };
}

function inconsistent(what: string, cause?: unknown): never {
  throw new PkiError('HIER_STORE_INCONSISTENT', what, cause === undefined ? undefined : { cause });
}

function certOf(pem: string, where: string) {
  try {
    const blocks = parsePem(pem);
    if (blocks.length !== 1 || blocks[0]!.label !== 'CERTIFICATE') inconsistent(`${where}: expected one CERTIFICATE block`);
    return parseCertificate(blocks[0]!.der);
  } catch (e) {
    if (isPkiError(e, 'HIER_STORE_INCONSISTENT')) throw e;
    return inconsistent(`${where}: the certificate cannot be read`, e);
  }
}

/** Cross-checks ids, keys and certificates. Throws HIER_STORE_INCONSISTENT. */
export function checkConsistency(doc: EnvironmentDoc): void {
  const ids = new Set<string>();
  for (const x of [...doc.authorities.map((a) => a.id), ...doc.keys.map((k) => k.id)]) {
    if (ids.has(x)) inconsistent(`duplicate id ${x}`);
    ids.add(x);
  }
  const scopes = new Set(['global', ...doc.environment.regions]);
  for (const a of doc.authorities) {
    const key = doc.keys.find((k) => k.id === a.keyId) ?? inconsistent(`authority ${a.id}: key ${a.keyId} is missing`);
    if (!doc.authorities.some((p) => p.id === a.parentId && p.role === 'root')) inconsistent(`authority ${a.id}: parent ${a.parentId} is not a root here`);
    if (a.scope !== undefined && !scopes.has(a.scope)) inconsistent(`authority ${a.id}: unknown scope ${a.scope}`);
    const cert = certOf(a.certPem, `authority ${a.id}`);
    if (!bytesEqual(cert.subjectPublicKeyInfo, fromBase64(key.spkiB64))) inconsistent(`authority ${a.id}: certificate does not match key ${key.id}`);
    if (cert.notAfterMs !== a.notAfterMs) inconsistent(`authority ${a.id}: notAfter does not match its certificate`);
  }
  for (const l of doc.leaves) {
    if (!scopes.has(l.scope)) inconsistent(`leaf ${l.scope}/${l.service}: unknown scope`);
    if (!doc.authorities.some((a) => a.id === l.issuerId)) inconsistent(`leaf ${l.scope}/${l.service}: issuer ${l.issuerId} is missing`);
    const cert = certOf(l.certPem, `leaf ${l.scope}/${l.service}`);
    if (cert.notAfterMs !== l.notAfterMs) inconsistent(`leaf ${l.scope}/${l.service}: notAfter does not match its certificate`);
  }
}

/**
 * Decrypts every key the given age identities can open and imports it non-extractable. Keys for
 * other recipients (e.g. the cold root, for CI) are skipped. Throws HIER_AGE_IDENTITY_INVALID.
 */
export async function openStoreKeys(doc: EnvironmentDoc, identities: ReadonlyArray<string>): Promise<KeyRing> {
  const ring = new Map<string, CryptoKey>();
  for (const k of doc.keys) {
    if (!k.ciphertext) continue;
    try {
      ring.set(k.id, await openEscrowedKey({ ciphertext: k.ciphertext, identities, type: k.type, spki: fromBase64(k.spkiB64) }));
    } catch (e) {
      if (isPkiError(e, 'HIER_KEY_UNAVAILABLE')) continue;
      throw e;
    }
  }
  return ring;
}
