// Trust bundles in the documents store (kind 'bundle'). A bundle is kept as its JSON document and
// re-read through the core, so stored data is checked like any input. Accepting an import is one
// transaction over the bundle and the audit log: all of it lands, or none of it.
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import type { AuditRecord, DocumentRecord } from './schema.ts';
import type { CrossCertDoc, IntroductionDoc } from './introductions.ts';
import { parseBundleDocument, serializeBundle, sha256, toHex, utf8, type TrustBundle } from '../pki/index.ts';

export const BUNDLE_KIND = 'bundle';

/** The document id of a bundle (its name is unique among bundles). */
export function bundleId(name: string): string {
  return `bundle:${name}`;
}

interface BundleData {
  readonly document: string;
}

function recordOf(bundle: TrustBundle): DocumentRecord {
  const data: BundleData = { document: serializeBundle(bundle) };
  return { id: bundleId(bundle.name), kind: BUNDLE_KIND, updatedMs: bundle.updatedMs, data };
}

async function bundleOf(rec: DocumentRecord): Promise<TrustBundle> {
  const doc = (rec.data as Partial<BundleData> | undefined)?.document;
  if (rec.kind !== BUNDLE_KIND || typeof doc !== 'string') throw new StoreError('STORE_NOT_FOUND', `${rec.id} is not a bundle`);
  return parseBundleDocument(doc);
}

/** Every stored bundle, by name. */
export async function listBundles(db: Db): Promise<TrustBundle[]> {
  const recs = await db.getAllFromIndex('documents', 'byKind', BUNDLE_KIND);
  const out = await Promise.all(recs.map(bundleOf));
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The bundle called `name`, or null when there is none. */
export async function loadBundle(db: Db, name: string): Promise<TrustBundle | null> {
  const rec = await db.get('documents', bundleId(name));
  return rec ? bundleOf(rec) : null;
}

/**
 * Stores `next` in place of the bundle last read with `expectedUpdatedMs` (undefined: a new bundle),
 * and appends an audit record, in one transaction. Throws StoreError STORE_CONFLICT when the stored
 * bundle changed meanwhile (another tab), STORE_TRANSACTION_FAILED otherwise; nothing is written then.
 */
export async function saveBundle(db: Db, next: TrustBundle, options: { expectedUpdatedMs?: number; op: string; summary: string }): Promise<void> {
  const rec = recordOf(next);
  const digest = toHex(await sha256(utf8.encode((rec.data as BundleData).document)));
  const tx = db.transaction(['documents', 'audit'], 'readwrite');
  try {
    const current = await tx.objectStore('documents').get(rec.id);
    if ((current?.updatedMs ?? undefined) !== options.expectedUpdatedMs) {
      throw new StoreError('STORE_CONFLICT', `bundle ${next.name} changed since it was read`);
    }
    await tx.objectStore('documents').put(rec);
    await tx.objectStore('audit').add({ timeMs: next.updatedMs, op: options.op, summary: options.summary, outputSha256: digest });
    await tx.done;
  } catch (cause) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    await tx.done.catch(() => undefined);
    if (cause instanceof StoreError) throw cause;
    throw new StoreError('STORE_TRANSACTION_FAILED', 'the bundle could not be saved', { cause });
  }
}

/** Removes a bundle (and audits it) in one transaction. */
export async function deleteBundle(db: Db, name: string, atMs: number): Promise<void> {
  const tx = db.transaction(['documents', 'audit'], 'readwrite');
  await tx.objectStore('documents').delete(bundleId(name));
  await tx.objectStore('audit').add({ timeMs: atMs, op: 'bundle.delete', summary: `deleted bundle ${name}` });
  await tx.done;
}

/** A CA certificate the store already holds, to compose a bundle from (read-only view). */
export interface HeldCa {
  /** Where it is held: one of our identities, an installed introduction's introducer, a cross-certificate we issued. */
  readonly kind: 'own-root' | 'introduction' | 'cross-certification';
  readonly certDer: Uint8Array;
  /** The identity label, introducer name or cross-certified partner. */
  readonly label: string;
  /** When it entered the store. */
  readonly heldSinceMs: number;
  /** Introductions only: what certified needs to write its files again. */
  readonly introduction?: {
    readonly signedCertDer: Uint8Array;
    readonly services: ReadonlyArray<{ readonly alias: string; readonly url: string }>;
  };
}

/**
 * Every CA certificate the store holds, in one read transaction: our identities' CAs, the CAs of
 * installed introductions (src/store/introductions.ts) and the cross-certificates our CAs issued.
 */
export async function listHeldCas(db: Db): Promise<HeldCa[]> {
  const tx = db.transaction(['identities', 'documents'], 'readonly');
  const [identities, intros, crosses] = await Promise.all([
    tx.objectStore('identities').getAll(),
    tx.objectStore('documents').index('byKind').getAll('introduction'),
    tx.objectStore('documents').index('byKind').getAll('cross-cert'),
    tx.done,
  ]);
  const out: HeldCa[] = identities.map((i) => ({ kind: 'own-root', certDer: i.caCertDer, label: i.label, heldSinceMs: i.createdMs }));
  for (const r of intros) {
    const d = r.data as IntroductionDoc;
    out.push({ kind: 'introduction', certDer: d.caCertDer, label: d.introducer, heldSinceMs: d.installedMs, introduction: { signedCertDer: d.signedCertDer, services: d.services } });
  }
  for (const r of crosses) {
    const d = r.data as CrossCertDoc;
    out.push({ kind: 'cross-certification', certDer: d.certDer, label: d.peerCa, heldSinceMs: d.issuedMs });
  }
  return out;
}

/**
 * The key and certificate that sign bundles for identity `identityId`: its identity key (non-
 * extractable) and identity certificate, which our CA issued, so a partner who trusts our CA trusts
 * the signature. Throws StoreError STORE_NOT_FOUND.
 */
export async function loadBundleSigner(db: Db, identityId: string): Promise<{ readonly key: CryptoKey; readonly certDer: Uint8Array; readonly keyId: string; readonly label: string }> {
  const identity = await db.get('identities', identityId);
  if (!identity) throw new StoreError('STORE_NOT_FOUND', `no identity ${identityId}`);
  const key = await db.get('keys', identity.idKeyId);
  if (!key) throw new StoreError('STORE_NOT_FOUND', `the key of identity “${identity.label}” is missing`);
  return { key: key.key, certDer: identity.idCertDer, keyId: identity.idKeyId, label: identity.label };
}

/** Audits a bundle signature (which key, what it signed). Throws StoreError. */
export async function recordBundleSignature(db: Db, entry: { readonly identityId: string; readonly keyId: string; readonly signedSha256: string; readonly summary: string; readonly atMs: number }): Promise<void> {
  await db.add('audit', {
    timeMs: entry.atMs,
    op: 'bundle.sign',
    summary: entry.summary,
    keyId: entry.keyId,
    outputSha256: entry.signedSha256,
    details: { identityId: entry.identityId },
  } as AuditRecord);
}
