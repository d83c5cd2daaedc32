// `ls` and `validate`: a readable account of an environment — authorities, leaves, expiry, chains
// (each judged by the RFC 5280 path validator up to its root, against the recorded keys) and each
// scope's bundles. Credential-free.
import { bytesEqual, fromBase64 } from '../bytes.ts';
import { DAY_MS } from '../profile.ts';
import { parsePem } from '../pem.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { verifyCertificateSignature } from '../x509/verify-signature.ts';
import { validatePath } from '../validate/validate-path.ts';
import { trustBundle } from './bundles.ts';
import { scopesOf, type EnvironmentDoc } from './model.ts';

export type FindingCode = 'EXPIRED' | 'EXPIRING' | 'BAD_CHAIN' | 'NO_ISSUER' | 'NOT_IN_BUNDLE' | 'OPERATION_PENDING' | 'NO_ACTIVE_INTERMEDIATE';

export interface Finding {
  readonly level: 'error' | 'warning';
  readonly code: FindingCode;
  readonly subject: string;
  readonly message: string;
  /** For BAD_CHAIN found by the path validator: its reason code (PATH_*). */
  readonly pathCode?: string;
}

export interface ValidationReport {
  readonly ok: boolean;
  readonly findings: ReadonlyArray<Finding>;
  readonly text: string;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const left = (ms: number, atMs: number): string => `${Math.floor((ms - atMs) / DAY_MS)}d`;

/** The `ls` listing: one line per authority and leaf. */
export function listEnvironment(doc: EnvironmentDoc, atMs: number): string {
  const e = doc.environment;
  const out = [`environment ${e.name} (${e.topology}, spiffe://${e.trustDomain}, ${e.keyType}) revision ${doc.revision}`];
  out.push(`custodians: offline root ${e.custodians.rootRecipient}; CI ${e.custodians.ciRecipient}${e.custodians.backupRecipient ? `; backup ${e.custodians.backupRecipient}` : ''}`);
  if (doc.operation) out.push(`in progress: ${doc.operation.kind}, next step ${doc.operation.step}`);
  out.push('authorities:');
  for (const a of doc.authorities) {
    const key = doc.keys.find((k) => k.id === a.keyId);
    const custody = !key?.ciphertext ? 'key: this browser only' : key.recipients.includes(e.custodians.ciRecipient) ? 'key: CI' : 'key: offline root';
    out.push(`  ${a.id.padEnd(18)} ${a.role.padEnd(12)} ${(a.scope ?? '-').padEnd(10)} ${a.status.padEnd(8)} until ${day(a.notAfterMs)} (${left(a.notAfterMs, atMs)}) ${custody}`);
  }
  out.push('leaves:');
  for (const l of doc.leaves) out.push(`  ${l.spiffeId} via ${l.issuerId} until ${day(l.notAfterMs)} (${left(l.notAfterMs, atMs)})${l.dnsNames.length ? ` dns ${l.dnsNames.join(',')}` : ''}`);
  return out.join('\n') + '\n';
}

/** Validates chains, expiry and bundles. Expiring = within `warnDays`. */
export async function validateEnvironment(doc: EnvironmentDoc, atMs: number, warnDays = 30): Promise<ValidationReport> {
  const findings: Finding[] = [];
  const add = (level: Finding['level'], code: FindingCode, subject: string, message: string, pathCode?: string): void =>
    void findings.push({ level, code, subject, message, ...(pathCode ? { pathCode } : {}) });
  const spkiOf = (authorityId: string): Uint8Array | undefined => {
    const a = doc.authorities.find((x) => x.id === authorityId);
    const k = a && doc.keys.find((x) => x.id === a.keyId);
    return k && fromBase64(k.spkiB64);
  };
  const expiry = (subject: string, notAfterMs: number): void => {
    if (notAfterMs <= atMs) add('error', 'EXPIRED', subject, `expired ${day(notAfterMs)}`);
    else if (notAfterMs <= atMs + warnDays * DAY_MS) add('warning', 'EXPIRING', subject, `expires ${day(notAfterMs)} (${left(notAfterMs, atMs)})`);
  };
  const certOf = (id: string): Uint8Array | undefined => {
    const a = doc.authorities.find((x) => x.id === id);
    return a && parsePem(a.certPem)[0]?.der;
  };
  /** The chain from `pem` up to its root, judged by validatePath within the certificate's lifetime (expiry is reported apart). */
  const chain = async (subject: string, pem: string, issuerId: string): Promise<void> => {
    const spki = spkiOf(issuerId);
    const issuerDer = certOf(issuerId);
    if (!spki || !issuerDer) return add('error', 'NO_ISSUER', subject, `issuer ${issuerId} is not in the environment`);
    const der = parsePem(pem)[0]!.der;
    const cert = parseCertificate(der);
    const issuer = doc.authorities.find((x) => x.id === issuerId)!;
    if (!bytesEqual(parseCertificate(issuerDer).subjectPublicKeyInfo, spki)) {
      return add('error', 'BAD_CHAIN', subject, `the certificate of ${issuerId} does not hold its recorded key`);
    }
    if (issuer.role === 'root' && issuer.id === issuerId && issuer.parentId === issuerId && bytesEqual(der, issuerDer)) {
      // A root: the validator trusts anchors as given, so check its self-signature here.
      if (!(await verifyCertificateSignature(cert, spki))) add('error', 'BAD_CHAIN', subject, `self-signature does not verify`);
      return;
    }
    const rootDer = issuer.role === 'root' ? issuerDer : certOf(issuer.parentId);
    if (!rootDer) return add('error', 'NO_ISSUER', subject, `root ${issuer.parentId} of ${issuerId} is not in the environment`);
    const time = new Date(Math.min(Math.max(atMs, cert.notBeforeMs), cert.notAfterMs));
    const r = await validatePath({ leaf: der, intermediates: issuer.role === 'root' ? [] : [issuerDer], roots: [rootDer], time, maxChainDepth: 1 });
    if (!r.ok) add('error', 'BAD_CHAIN', subject, `${r.code}: ${r.message ?? ''}`.trim(), r.code);
  };
  if (doc.operation) add('warning', 'OPERATION_PENDING', doc.operation.kind, `next step: ${doc.operation.step}`);
  for (const a of doc.authorities) {
    if (a.status === 'pending') continue;
    if (a.status === 'active') expiry(a.id, a.notAfterMs);
    await chain(a.id, a.certPem, a.parentId);
  }
  const bundled = new Set(scopesOf(doc.environment).flatMap((s) => trustBundle(doc, s, 'clients', atMs).authorities.map((a) => a.id)));
  for (const l of doc.leaves) {
    expiry(l.spiffeId, l.notAfterMs);
    await chain(l.spiffeId, l.certPem, l.issuerId);
    if (l.notAfterMs > atMs && !bundled.has(l.issuerId)) add('error', 'NOT_IN_BUNDLE', l.spiffeId, `issuer ${l.issuerId} is no longer in any bundle`);
  }
  if (doc.environment.topology === 'two-tier') {
    for (const s of scopesOf(doc.environment)) {
      if (!doc.authorities.some((a) => a.scope === s && a.status === 'active')) add('error', 'NO_ACTIVE_INTERMEDIATE', s, 'no active intermediate');
    }
  }
  const out = [listEnvironment(doc, atMs).trimEnd(), 'bundles:'];
  for (const s of scopesOf(doc.environment)) {
    for (const dir of ['servers', 'clients'] as const) {
      const b = trustBundle(doc, s, dir, atMs);
      out.push(`  ${s} ${dir === 'servers' ? 'verifies servers of' : 'verifies clients of'} ${b.trustedScopes.join(', ')}: ${b.authorities.map((a) => `${a.id}${a.status === 'previous' ? ' (previous)' : ''}`).join(', ')}`);
    }
  }
  const ok = !findings.some((f) => f.level === 'error');
  out.push(ok ? (findings.length ? 'result: OK with warnings' : 'result: OK') : 'result: PROBLEMS');
  for (const f of findings) out.push(`  ${f.level === 'error' ? 'ERROR' : 'warn '} ${f.code} ${f.subject}: ${f.message}`);
  return { ok, findings, text: out.join('\n') + '\n' };
}
