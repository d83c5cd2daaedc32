// The audit entries of one hierarchy step, derived from what the step changed (the document before
// and its write set after) in ONE place for every step: each certificate signed here with the key
// that signed it and its SHA-256, plus what a step published or dropped. Synchronous (SHA-256 from
// @noble/hashes) so the store can derive them inside the step's own transaction.
import { sha256 } from '@noble/hashes/sha2.js';
import { keyTypeLabel } from '../algorithms.ts';
import { bytesEqual, toHex } from '../bytes.ts';
import { renderRfc4514 } from '../names.ts';
import { parsePem } from '../pem.ts';
import { parseCertificate, serialHex } from '../x509/certificate.ts';
import type { MergeResult } from './merge.ts';
import { scopesOf, type AuthorityRecord, type EnvironmentDoc, type LeafRecord } from './model.ts';

/** Operations the scoped PKI writes to the audit log; the `*.sign`, `*.recertify`, `leaf.*` ones are signatures. */
export type HierarchyAuditOp =
  | 'hierarchy.create'
  | 'hierarchy.root.sign'
  | 'hierarchy.intermediate.sign'
  | 'hierarchy.root.recertify'
  | 'hierarchy.intermediate.recertify'
  | 'hierarchy.leaf.issue'
  | 'hierarchy.leaf.renew'
  | 'hierarchy.publish'
  | 'hierarchy.drop'
  | 'hierarchy.import'
  | 'hierarchy.key.load';

export interface HierarchyAuditEntry {
  readonly op: HierarchyAuditOp;
  /** What happened, for people. */
  readonly summary: string;
  /** Signatures (and key loads): the environment's KeyRecord id of the key used. */
  readonly keyId?: string;
  /** Signatures: lower-case hex SHA-256 of the certificate's DER. */
  readonly outputSha256?: string;
  /** Always names `environment`; signatures add the authority or SPIFFE ID, serial and notAfter. */
  readonly details: Readonly<Record<string, string | number | boolean>>;
}

interface CertFacts {
  readonly sha256: string;
  readonly serial: string;
  readonly subject: string;
  readonly spki: Uint8Array;
  readonly notAfterMs: number;
}

function certFacts(pem: string): CertFacts {
  const der = parsePem(pem)[0]?.der ?? new Uint8Array();
  const cert = parseCertificate(der);
  return { sha256: toHex(sha256(der)), serial: serialHex(cert), subject: renderRfc4514(cert.subject), spki: cert.subjectPublicKeyInfo, notAfterMs: cert.notAfterMs };
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const names = (ids: ReadonlyArray<string>): string => (ids.length <= 2 ? ids.join(' and ') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`);
const scopeWords = (a: AuthorityRecord): string => (a.role === 'intermediate' ? ` (scope ${a.scope})` : '');

/**
 * The entries for the write that turns `before` (null: the environment is new) into `after`, as the
 * browser's own step: certificates that are new or changed were signed here. Do not use it for an
 * imported store file, whose leaves CI signed (`importAuditEntries`). Order: creation, authorities,
 * re-certifications, leaves, publish, drop.
 */
export function hierarchyAuditEntries(before: EnvironmentDoc | null, after: EnvironmentDoc): HierarchyAuditEntry[] {
  const env = after.environment;
  const base = { environment: env.name };
  const out: HierarchyAuditEntry[] = [];
  const oldAuth = new Map((before?.authorities ?? []).map((a) => [a.id, a]));
  const newAuth = new Map(after.authorities.map((a) => [a.id, a]));
  const anyAuth = (id: string): AuthorityRecord | undefined => newAuth.get(id) ?? oldAuth.get(id);

  if (!before) {
    const root = after.authorities.find((a) => a.role === 'root');
    const recoverable = !!root && !!after.keys.find((k) => k.id === root.keyId)?.recipients.includes(env.custodians.rootRecipient);
    const custody = env.topology === 'root-only' ? 'root key escrowed to CI' : recoverable ? 'root recoverable by the offline holder' : 'root kept in this browser only';
    out.push({
      op: 'hierarchy.create',
      summary: `Created environment ${env.name} (${env.topology}, scopes ${scopesOf(env).join(', ')}; ${keyTypeLabel(env.keyType)} keys; ${custody})`,
      details: { ...base, trustDomain: env.trustDomain, topology: env.topology, keyType: env.keyType, scopes: scopesOf(env).join(',') },
    });
  }

  const recertified: HierarchyAuditEntry[] = [];
  for (const a of after.authorities) {
    const was = oldAuth.get(a.id);
    if (was && was.certPem === a.certPem) continue;
    const c = certFacts(a.certPem);
    const signer = a.role === 'root' ? a : anyAuth(a.parentId);
    const by = a.role === 'root' ? 'self-signed' : `signed by ${a.parentId}`;
    const details = { ...base, authorityId: a.id, role: a.role, ...(a.scope ? { scope: a.scope } : {}), status: a.status, serial: c.serial, subject: c.subject, notAfterMs: c.notAfterMs, ...(a.role === 'intermediate' ? { issuerId: a.parentId } : {}) };
    const signed = { ...(signer ? { keyId: signer.keyId } : {}), outputSha256: c.sha256 };
    if (!was) {
      out.push({
        op: a.role === 'root' ? 'hierarchy.root.sign' : 'hierarchy.intermediate.sign',
        summary: `Signed the ${a.status === 'pending' ? 'pending ' : ''}${a.role} certificate ${a.id}${scopeWords(a)} of ${env.name}, ${by}, for a new key`,
        ...signed,
        details,
      });
    } else {
      recertified.push({
        op: a.role === 'root' ? 'hierarchy.root.recertify' : 'hierarchy.intermediate.recertify',
        summary: `Re-certified ${a.role} ${a.id}${scopeWords(a)} of ${env.name}, ${by}; same subject and key`,
        ...signed,
        details,
      });
    }
  }
  out.push(...recertified);

  const oldLeaves = new Map((before?.leaves ?? []).map((l) => [`${l.scope}/${l.service}`, l]));
  for (const l of after.leaves) {
    const was = oldLeaves.get(`${l.scope}/${l.service}`);
    if (was && was.certPem === l.certPem) continue;
    out.push(leafEntry(env.name, l, was, anyAuth(l.issuerId)?.keyId));
  }

  const published = after.authorities.filter((a) => a.status === 'active' && oldAuth.get(a.id)?.status === 'pending').map((a) => a.id);
  const retired = after.authorities.filter((a) => a.status === 'previous' && oldAuth.get(a.id)?.status === 'active').map((a) => a.id);
  if (published.length || retired.length) {
    const parts = [
      ...(published.length ? [`published ${names(published)} (now issuing and in bundles)`] : []),
      ...(retired.length ? [`retired ${names(retired)} (kept in bundles until ${retired.length === 1 ? 'its' : 'their'} leaves expire)`] : []),
    ];
    const text = parts.join('; ');
    out.push({ op: 'hierarchy.publish', summary: `${env.name}: ${text[0]!.toUpperCase()}${text.slice(1)}`, details: { ...base, published: published.join(','), retired: retired.join(',') } });
  }

  const dropped = (before?.authorities ?? []).filter((a) => !newAuth.has(a.id)).map((a) => a.id);
  if (dropped.length) {
    const keptLeaves = new Set(after.leaves.map((l) => l.spiffeId));
    const goneLeaves = (before?.leaves ?? []).filter((l) => !keptLeaves.has(l.spiffeId)).map((l) => l.spiffeId);
    const op = before?.operation;
    const why = op && !after.operation
      ? op.kind === 'rotate-root' && op.step === 'finalize' ? 'the root rotation is finished' : 'the rotation was rolled back'
      : 'retired, no valid leaf left under them';
    const gone = (before?.keys ?? []).filter((k) => !after.keys.some((x) => x.id === k.id)).map((k) => k.id);
    out.push({
      op: 'hierarchy.drop',
      summary: `${env.name}: dropped ${names(dropped)} and ${gone.length === 1 ? 'its key' : 'their keys'} (${why})${goneLeaves.length ? `; ${count(goneLeaves.length, 'leaf record', 'leaf records')} under them removed` : ''}`,
      details: { ...base, dropped: dropped.join(','), keys: gone.join(','), leaves: goneLeaves.join(',') },
    });
  }
  return out;
}

function leafEntry(environment: string, l: LeafRecord, was: LeafRecord | undefined, keyId: string | undefined): HierarchyAuditEntry {
  const c = certFacts(l.certPem);
  const sameKey = was ? bytesEqual(certFacts(was.certPem).spki, c.spki) : false;
  return {
    op: was ? 'hierarchy.leaf.renew' : 'hierarchy.leaf.issue',
    summary: was
      ? `Renewed the leaf for ${l.spiffeId}, signed by ${l.issuerId} (${sameKey ? 'same' : 'new'} service key)`
      : `Issued a leaf for ${l.spiffeId}${l.dnsNames.length ? ` (DNS ${l.dnsNames.join(', ')})` : ''}, signed by ${l.issuerId}`,
    ...(keyId ? { keyId } : {}),
    outputSha256: c.sha256,
    details: { environment, spiffeId: l.spiffeId, scope: l.scope, service: l.service, issuerId: l.issuerId, serial: c.serial, notAfterMs: c.notAfterMs, ...(was ? { sameKey } : {}) },
  };
}

/**
 * The entries for importing a store file: nothing was signed here, so one `hierarchy.import` entry
 * saying what came in (CI's leaves) and one `hierarchy.key.load` per escrowed key this browser now holds.
 */
export function importAuditEntries(p: { readonly file: EnvironmentDoc; readonly created: boolean; readonly merge: MergeResult; readonly keysLoaded: ReadonlyArray<string> }): HierarchyAuditEntry[] {
  const name = p.file.environment.name;
  const m = p.merge;
  const out: HierarchyAuditEntry[] = [];
  if (p.created || m.changed) {
    out.push({
      op: 'hierarchy.import',
      summary: p.created
        ? `Imported environment ${name} from a store file (revision ${p.file.revision}; ${count(p.file.authorities.length, 'authority', 'authorities')}, ${count(p.file.leaves.length, 'leaf', 'leaves')})`
        : `Merged store file revision ${m.fileRevision} into ${name}: ${count(m.added.length, 'leaf', 'leaves')} added, ${m.updated.length} renewed (signed by CI, not here)`,
      details: { environment: name, fileRevision: m.fileRevision, added: m.added.join(','), updated: m.updated.join(','), created: p.created },
    });
  }
  for (const id of p.keysLoaded) {
    out.push({ op: 'hierarchy.key.load', summary: `Loaded the escrowed key ${id} of ${name} with your age identity; held non-extractable here`, keyId: id, details: { environment: name } });
  }
  return out;
}
