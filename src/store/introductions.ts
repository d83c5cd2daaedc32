// Introductions, their introducers' CAs and cross-certificates in the `documents` store (kinds
// 'introduction', 'peer-ca', 'cross-cert'). Every user action is one IndexedDB transaction: all or nothing.
import { sha256, toHex, type IntroPlan } from '../pki/index.ts';
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import { prepareIssued } from './issued.ts';
import type { AuditRecord, DocumentRecord } from './schema.ts';
import { storeErrorFrom } from './tx-errors.ts';

export interface IntroductionDoc {
  readonly idPath: string;
  readonly introducer: string;
  readonly signedCertDer: Uint8Array;
  readonly caCertDer: Uint8Array;
  readonly peerCaId: string;
  /** The id of our identity the introduction is for (checkIntroduction's `ref`). */
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
  /** Our identity whose CA signed it (absent only on records written before the register existed). */
  readonly identityId?: string;
}

const introId = (idPath: string): string => `introduction:${idPath}`;

async function abort(tx: { abort(): void; done: Promise<void> }): Promise<void> {
  try {
    tx.abort();
  } catch {
    /* already finished */
  }
  await tx.done.catch(() => undefined);
}

/**
 * Stores a checked plan (from checkIntroduction) in one transaction: the introduction, its
 * introducer's CA, and an audit entry. Refuses (STORE_CONFLICT) to replace an introduction from the
 * same CA or reuse a service alias of another introduction unless `overwrite`; nothing is written then.
 */
export async function installIntroduction(db: Db, plan: IntroPlan, opts: { atMs: number; overwrite?: boolean }): Promise<IntroductionDoc> {
  const [doc] = await installIntroductions(db, [plan], opts);
  return doc!;
}

/**
 * Installs several checked plans (a certified layout import) in ONE transaction: all of them or none.
 * Refuses (STORE_CONFLICT) plans that clash with each other (same introducer, same alias) always, and
 * with installed introductions unless `overwrite`.
 */
export async function installIntroductions(db: Db, plans: ReadonlyArray<IntroPlan>, opts: { atMs: number; overwrite?: boolean }): Promise<IntroductionDoc[]> {
  // Hashing is async and not IndexedDB: do it before the transaction opens, or it would commit early.
  const docs: IntroductionDoc[] = [];
  for (const plan of plans) {
    docs.push({
      idPath: plan.idPath,
      introducer: plan.introducer,
      signedCertDer: plan.signedCertDer.slice(),
      caCertDer: plan.caCertDer.slice(),
      peerCaId: `peer-ca:${toHex(await sha256(plan.caCertDer))}`,
      ...(plan.identityRef !== undefined ? { identityRef: plan.identityRef } : {}),
      services: plan.services.map((s) => ({ alias: s.alias, url: s.url })),
      notAfterMs: plan.notAfterMs,
      installedMs: opts.atMs,
    });
  }
  const paths = new Set<string>();
  const aliases = new Set<string>();
  for (const d of docs) {
    if (paths.has(d.idPath)) throw new StoreError('STORE_CONFLICT', `two introductions from ${d.introducer}`);
    paths.add(d.idPath);
    for (const s of d.services) {
      if (aliases.has(s.alias)) throw new StoreError('STORE_CONFLICT', `service alias ${s.alias} appears in two introductions`);
      aliases.add(s.alias);
    }
  }
  const tx = db.transaction(['documents', 'audit'], 'readwrite');
  const store = tx.objectStore('documents');
  try {
    const installed = await store.index('byKind').getAll('introduction');
    for (const doc of docs) {
      const existing = installed.find((r) => r.id === introId(doc.idPath));
      if (existing && !opts.overwrite) throw new StoreError('STORE_CONFLICT', `an introduction from ${doc.introducer} is already installed`);
      for (const o of installed) {
        if (o.id === introId(doc.idPath)) continue;
        const taken = (o.data as IntroductionDoc).services.find((s) => doc.services.some((d) => d.alias === s.alias));
        if (taken && !opts.overwrite) throw new StoreError('STORE_CONFLICT', `service alias ${taken.alias} belongs to another introduction`);
      }
    }
    for (const doc of docs) {
      await store.put({ id: doc.peerCaId, kind: 'peer-ca', updatedMs: opts.atMs, data: { name: doc.introducer, certDer: doc.caCertDer } satisfies PeerCaDoc });
      await store.put({ id: introId(doc.idPath), kind: 'introduction', updatedMs: opts.atMs, data: doc });
      const audit: AuditRecord = {
        timeMs: opts.atMs,
        op: 'intro.install',
        summary: `Installed the introduction from ${doc.introducer}${doc.services.length ? ` with ${doc.services.length} service${doc.services.length === 1 ? '' : 's'}` : ''}`,
        details: { services: doc.services.length, ...(doc.identityRef !== undefined ? { identityId: doc.identityRef } : {}) },
      };
      await tx.objectStore('audit').add(audit);
    }
    await tx.done;
    return docs;
  } catch (e) {
    await abort(tx);
    throw storeErrorFrom(e, 'install introduction');
  }
}

export async function listIntroductions(db: Db): Promise<IntroductionDoc[]> {
  try {
    return (await db.getAllFromIndex('documents', 'byKind', 'introduction')).map((r) => r.data as IntroductionDoc);
  } catch (e) {
    throw storeErrorFrom(e, 'list introductions');
  }
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
  try {
    const rec = await docs.get(introId(idPath));
    if (!rec) throw new StoreError('STORE_NOT_FOUND', 'no such introduction');
    const doc = rec.data as IntroductionDoc;
    await docs.delete(introId(idPath));
    const stillUsed = (await docs.index('byKind').getAll('introduction')).some((r: DocumentRecord) => (r.data as IntroductionDoc).peerCaId === doc.peerCaId);
    if (!stillUsed) await docs.delete(doc.peerCaId);
    await tx.objectStore('audit').add({
      timeMs: atMs,
      op: 'intro.remove',
      summary: `Removed the introduction from ${doc.introducer}`,
      ...(doc.identityRef !== undefined ? { details: { identityId: doc.identityRef } } : {}),
    });
    await tx.done;
  } catch (e) {
    await abort(tx);
    throw storeErrorFrom(e, 'remove introduction');
  }
}

/**
 * Stores a cross-certificate that our identity's (`identityId`) CA signed, its entry in the register
 * of issued certificates, and the audit entry, in ONE transaction. Returns the document id.
 * Throws STORE_NOT_FOUND (no such identity) and the other StoreError codes; nothing is written then.
 */
export async function saveCrossCertificate(db: Db, doc: CrossCertDoc & { readonly identityId: string }): Promise<string> {
  const issued = await prepareIssued(db, { identityId: doc.identityId, kind: 'cross-cert', certDer: doc.certDer, atMs: doc.issuedMs, summary: `Cross-certified ${doc.peerCa}` });
  const id = `cross-cert:${issued.doc.sha256}`;
  const record: DocumentRecord = { id, kind: 'cross-cert', updatedMs: doc.issuedMs, data: { ...doc, certDer: doc.certDer.slice(), description: [...doc.description] } satisfies CrossCertDoc };
  const tx = db.transaction(['documents', 'audit'], 'readwrite');
  try {
    await Promise.all([tx.objectStore('documents').put(record), tx.objectStore('documents').put(issued.record), tx.objectStore('audit').add(issued.audit), tx.done]);
    return id;
  } catch (e) {
    await abort(tx);
    throw storeErrorFrom(e, 'save cross-certificate');
  }
}

export async function listCrossCertificates(db: Db): Promise<CrossCertDoc[]> {
  try {
    return (await db.getAllFromIndex('documents', 'byKind', 'cross-cert')).map((r) => r.data as CrossCertDoc).sort((a, b) => b.issuedMs - a.issuedMs);
  } catch (e) {
    throw storeErrorFrom(e, 'list cross-certificates');
  }
}
