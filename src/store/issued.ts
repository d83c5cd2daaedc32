// What our identities' CAs signed for others (introductions, cross-certificates), in the `documents`
// store (kind 'issued'), and the signing CA a flow needs. Revocation lists and the trust graph's
// "whom we introduced" read this register; each entry is written with its audit entry in ONE
// transaction, so the register and the audit log never disagree.
import { parseCertificate, renderRfc4514, serialHex, sha256, toHex, type SigningCa } from '../pki/index.ts';
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import type { AuditRecord, DocumentRecord, IdentityRecord } from './schema.ts';
import { storeOp } from './tx-errors.ts';

export const ISSUED_KIND = 'issued';

/** What kind of certificate our CA signed. */
export type IssuedKind = 'introduction' | 'cross-cert';

export interface IssuedDoc {
  /** Our identity whose CA signed it. */
  readonly identityId: string;
  readonly kind: IssuedKind;
  readonly certDer: Uint8Array;
  /** Lower-case hex of the serial's INTEGER content bytes. */
  readonly serialHex: string;
  /** RFC 4514 subject of the certificate we signed. */
  readonly subject: string;
  /** Lower-case hex SHA-256 of certDer. */
  readonly sha256: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly issuedMs: number;
}

const issuedId = (sha: string): string => `issued:${sha}`;

/** Our identity's CA certificate and its non-extractable signing key. Throws STORE_NOT_FOUND. */
export async function loadSigningCa(db: Db, identityId: string): Promise<SigningCa & { readonly identity: IdentityRecord }> {
  return storeOp('read signing CA', async () => {
    const identity = await db.get('identities', identityId);
    if (!identity) throw new StoreError('STORE_NOT_FOUND', `no identity ${identityId}`);
    const key = await db.get('keys', identity.caKeyId);
    if (!key) throw new StoreError('STORE_NOT_FOUND', `the CA key of identity “${identity.label}” is missing`);
    return { identity, certDer: identity.caCertDer, key: key.key };
  });
}

/** What recordIssued writes, prepared outside any transaction (parsing and hashing are async and would end it). */
export interface IssuedWrite {
  readonly doc: IssuedDoc;
  readonly record: DocumentRecord;
  readonly audit: AuditRecord;
}

export interface IssuedInput {
  readonly identityId: string;
  readonly kind: IssuedKind;
  readonly certDer: Uint8Array;
  readonly atMs: number;
  readonly summary: string;
}

/**
 * Prepares the register entry and its audit entry, for callers that write them inside their own
 * transaction together with other records (one transaction per user action). Throws STORE_NOT_FOUND.
 */
export async function prepareIssued(db: Db, input: IssuedInput): Promise<IssuedWrite> {
  const cert = parseCertificate(input.certDer);
  const sha = toHex(await sha256(input.certDer));
  const identity = await storeOp('read identity', () => db.get('identities', input.identityId));
  if (!identity) throw new StoreError('STORE_NOT_FOUND', `no identity ${input.identityId}`);
  const doc: IssuedDoc = {
    identityId: input.identityId,
    kind: input.kind,
    certDer: input.certDer.slice(),
    serialHex: serialHex(cert),
    subject: renderRfc4514(cert.subject),
    sha256: sha,
    notBeforeMs: cert.notBeforeMs,
    notAfterMs: cert.notAfterMs,
    issuedMs: input.atMs,
  };
  const record: DocumentRecord = { id: issuedId(sha), kind: ISSUED_KIND, updatedMs: input.atMs, data: doc };
  const audit: AuditRecord = {
    timeMs: input.atMs,
    op: input.kind === 'introduction' ? 'intro.sign' : 'crosscert.sign',
    summary: input.summary,
    keyId: identity.caKeyId,
    outputSha256: sha,
    details: { identityId: input.identityId, serial: doc.serialHex, subject: doc.subject },
  };
  return { doc, record, audit };
}

/**
 * Records a certificate our CA (of `identityId`) signed, with an audit entry naming the CA key, in one
 * transaction. Recording the same certificate twice is a no-op for the register (the audit entry is
 * still written: it was signed again). Throws StoreError; on error nothing is written.
 */
export async function recordIssued(db: Db, input: IssuedInput): Promise<IssuedDoc> {
  const { doc, record, audit } = await prepareIssued(db, input);
  return storeOp('record issued certificate', async () => {
    const tx = db.transaction(['documents', 'audit'], 'readwrite');
    await Promise.all([tx.objectStore('documents').put(record), tx.objectStore('audit').add(audit), tx.done]);
    return doc;
  });
}

/** Everything our CAs signed, newest first; with `identityId`, only what that identity's CA signed. */
export async function listIssued(db: Db, options: { identityId?: string } = {}): Promise<IssuedDoc[]> {
  return storeOp('list issued certificates', async () => {
    const docs = (await db.getAllFromIndex('documents', 'byKind', ISSUED_KIND)).map((r) => r.data as IssuedDoc);
    return docs
      .filter((d) => options.identityId === undefined || d.identityId === options.identityId)
      .sort((a, b) => b.issuedMs - a.issuedMs || a.serialHex.localeCompare(b.serialHex));
  });
}
