// Introductions, their introducers' CAs and cross-certificates in the `documents` store (kinds
// 'introduction', 'peer-ca', 'cross-cert'). Installing is one IndexedDB transaction: all or nothing.
import { sha256, toHex, type IntroPlan } from '../pki/index.ts';
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import type { DocumentRecord } from './schema.ts';

export interface IntroductionDoc {
  readonly idPath: string;
  readonly introducer: string;
  readonly signedCertDer: Uint8Array;
  readonly caCertDer: Uint8Array;
  readonly peerCaId: string;
  readonly identityRef?: string;
  readonly services: ReadonlyArray<{ readonly alias: string; readonly url: string }>;
  readonly notAfterMs: number;
  readonly installedMs: number;
}

export interface PeerCaDoc {
  readonly name: string;
  readonly certDer: Uint8Array;
}

export interface CrossCertDoc {
  readonly peerCa: string;
  readonly certDer: Uint8Array;
  readonly description: ReadonlyArray<string>;
  readonly notAfterMs: number;
  readonly issuedMs: number;
}

const introId = (idPath: string): string => `introduction:${idPath}`;

/**
 * Stores a checked plan (from checkIntroduction) in one transaction: the introduction, its
 * introducer's CA, and an audit entry. Refuses (STORE_CONFLICT) to replace an introduction from the
 * same CA or reuse a service alias of another introduction unless `overwrite`; nothing is written then.
 */
export async function installIntroduction(db: Db, plan: IntroPlan, opts: { atMs: number; overwrite?: boolean }): Promise<IntroductionDoc> {
  const peerCaId = `peer-ca:${toHex(await sha256(plan.caCertDer))}`;
  const doc: IntroductionDoc = {
    idPath: plan.idPath,
    introducer: plan.introducer,
    signedCertDer: plan.signedCertDer.slice(),
    caCertDer: plan.caCertDer.slice(),
    peerCaId,
    ...(plan.identityRef !== undefined ? { identityRef: plan.identityRef } : {}),
    services: plan.services.map((s) => ({ alias: s.alias, url: s.url })),
    notAfterMs: plan.notAfterMs,
    installedMs: opts.atMs,
  };
  const tx = db.transaction(['documents', 'audit'], 'readwrite');
  const docs = tx.objectStore('documents');
  try {
    const existing = await docs.get(introId(plan.idPath));
    if (existing && !opts.overwrite) throw new StoreError('STORE_CONFLICT', `an introduction from ${plan.introducer} is already installed`);
    const others = (await docs.index('byKind').getAll('introduction')).filter((r) => r.id !== introId(plan.idPath));
    for (const o of others) {
      const taken = (o.data as IntroductionDoc).services.find((s) => doc.services.some((d) => d.alias === s.alias));
      if (taken && !opts.overwrite) throw new StoreError('STORE_CONFLICT', `service alias ${taken.alias} belongs to another introduction`);
    }
    await docs.put({ id: peerCaId, kind: 'peer-ca', updatedMs: opts.atMs, data: { name: plan.introducer, certDer: doc.caCertDer } satisfies PeerCaDoc });
    await docs.put({ id: introId(plan.idPath), kind: 'introduction', updatedMs: opts.atMs, data: doc });
    await tx.objectStore('audit').add({ timeMs: opts.atMs, op: 'intro.install', summary: `introduction from ${plan.introducer}`, details: { services: doc.services.length } });
    await tx.done;
    return doc;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already finished */
    }
    await tx.done.catch(() => undefined);
    if (e instanceof StoreError) throw e;
    throw new StoreError('STORE_TRANSACTION_FAILED', 'the introduction could not be stored', { cause: e });
  }
}

export async function listIntroductions(db: Db): Promise<IntroductionDoc[]> {
  return (await db.getAllFromIndex('documents', 'byKind', 'introduction')).map((r) => r.data as IntroductionDoc);
}

/** Paths already taken, in certified's layout terms, for checkIntroduction's `existingPaths`. */
export async function installedIntroductionPaths(db: Db): Promise<Set<string>> {
  const out = new Set<string>();
  for (const d of await listIntroductions(db)) {
    out.add(d.idPath);
    for (const s of d.services) out.add(`known_servers/${s.alias}.yaml`);
  }
  return out;
}

/** Removes an introduction (and its introducer's CA when nothing else refers to it). STORE_NOT_FOUND when absent. */
export async function removeIntroduction(db: Db, idPath: string, atMs: number): Promise<void> {
  const tx = db.transaction(['documents', 'audit'], 'readwrite');
  const docs = tx.objectStore('documents');
  const rec = await docs.get(introId(idPath));
  if (!rec) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new StoreError('STORE_NOT_FOUND', 'no such introduction');
  }
  const doc = rec.data as IntroductionDoc;
  await docs.delete(introId(idPath));
  const stillUsed = (await docs.index('byKind').getAll('introduction')).some((r: DocumentRecord) => (r.data as IntroductionDoc).peerCaId === doc.peerCaId);
  if (!stillUsed) await docs.delete(doc.peerCaId);
  await tx.objectStore('audit').add({ timeMs: atMs, op: 'intro.remove', summary: `introduction from ${doc.introducer} removed` });
  await tx.done;
}

export async function saveCrossCertificate(db: Db, doc: CrossCertDoc): Promise<string> {
  const id = `cross-cert:${toHex(await sha256(doc.certDer))}`;
  const tx = db.transaction(['documents', 'audit'], 'readwrite');
  await tx.objectStore('documents').put({ id, kind: 'cross-cert', updatedMs: doc.issuedMs, data: doc });
  await tx.objectStore('audit').add({ timeMs: doc.issuedMs, op: 'xcert.issue', summary: `cross-certified ${doc.peerCa}`, outputSha256: id.slice('cross-cert:'.length) });
  await tx.done;
  return id;
}

export async function listCrossCertificates(db: Db): Promise<CrossCertDoc[]> {
  return (await db.getAllFromIndex('documents', 'byKind', 'cross-cert')).map((r) => r.data as CrossCertDoc);
}
