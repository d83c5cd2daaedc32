// Builds a small two-tier environment (global + eu + us) with generated age custodians, for tests.
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { applyWriteSet, checkEnvironment, createEnvironment, emptyState, generateServiceKey, issueLeaf, type HierarchyState } from '../../src/pki/index.ts';

export interface Custody {
  readonly rootIdentity: string;
  readonly ciIdentity: string;
  readonly rootRecipient: string;
  readonly ciRecipient: string;
}

export async function makeCustody(): Promise<Custody> {
  const rootIdentity = await generateIdentity();
  const ciIdentity = await generateIdentity();
  return { rootIdentity, ciIdentity, rootRecipient: await identityToRecipient(rootIdentity), ciRecipient: await identityToRecipient(ciIdentity) };
}

/** "Now" for tests that hand certificates to openssl/Node TLS, which judge time by the real clock. */
export const T0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;

export async function makeEnvironment(custody: Custody, atMs = T0, escrowRoot = true): Promise<HierarchyState> {
  const environment = checkEnvironment({
    name: 'prod',
    trustDomain: 'example.org',
    topology: 'two-tier',
    regions: ['eu', 'us'],
    custodians: { rootRecipient: custody.rootRecipient, ciRecipient: custody.ciRecipient },
    dnsSubtrees: { eu: ['eu.example.org'], us: ['us.example.org'], global: ['global.example.org'] },
  });
  const ws = await createEnvironment({ environment, escrowRoot, atMs });
  return applyWriteSet(emptyState(ws.doc), ws);
}

export interface ServiceCredentials {
  readonly scope: string;
  readonly service: string;
  readonly host: string;
  readonly chainPem: string;
  readonly keyPem: string;
}

/** Issues a leaf with a generated key; returns the new state and what a TLS endpoint needs. */
export async function addService(state: HierarchyState, scope: string, service: string, atMs = T0): Promise<{ state: HierarchyState; creds: ServiceCredentials }> {
  const host = `${service}.${scope}.example.org`;
  const key = await generateServiceKey(state.doc.environment.keyType);
  const r = await issueLeaf(state, { scope, service, dnsNames: [host], spki: key.spki }, atMs);
  return { state: applyWriteSet(state, r.writes), creds: { scope, service, host, chainPem: r.chainPem, keyPem: key.pkcs8Pem } };
}
