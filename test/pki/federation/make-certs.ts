// Test certificates for the federation suites: certified-profile CAs and leaves made with our builder.
import {
  DAY_MS,
  buildCertifiedName,
  exportSpki,
  generateKeyPair,
  issueCertifiedCa,
  issueCertifiedEndEntity,
  keyIdentifier,
  type BundleProvenance,
  type KeyType,
} from '../../../src/pki/index.ts';

export const AT = Date.UTC(2026, 10, 25, 12, 0, 0);

export interface TestCa {
  readonly der: Uint8Array;
  readonly keys: CryptoKeyPair;
  readonly name: Uint8Array;
  readonly spki: Uint8Array;
}

export async function makeCa(cn: string, o: { keyType?: KeyType; fromMs?: number; days?: number; keys?: CryptoKeyPair; extractable?: boolean } = {}): Promise<TestCa> {
  const keys = o.keys ?? (await generateKeyPair(o.keyType ?? 'p256', { extractable: o.extractable ?? false }));
  const spki = await exportSpki(keys.publicKey);
  const name = buildCertifiedName({ commonName: cn }, true).der;
  const notBeforeMs = Math.floor((o.fromMs ?? AT - DAY_MS) / 1000) * 1000;
  const der = await issueCertifiedCa({ name, keys, spki, notBeforeMs, notAfterMs: notBeforeMs + (o.days ?? 365) * DAY_MS });
  return { der, keys, name, spki };
}

export async function makeLeaf(ca: TestCa, cn: string, o: { keyType?: KeyType; extractable?: boolean; hosts?: string[] } = {}): Promise<{ der: Uint8Array; keys: CryptoKeyPair }> {
  const keys = await generateKeyPair(o.keyType ?? 'p256', { extractable: o.extractable ?? false });
  const notBeforeMs = Math.floor((AT - DAY_MS) / 1000) * 1000;
  const der = await issueCertifiedEndEntity({
    subject: buildCertifiedName({ commonName: cn }, false).der,
    subjectIsEmpty: false,
    subjectAltNames: (o.hosts ?? ['localhost']).map((h) => ({ type: 'dns' as const, value: h })),
    spki: await exportSpki(keys.publicKey),
    issuerName: ca.name,
    issuerKeyId: await keyIdentifier(ca.spki),
    issuerKey: ca.keys.privateKey,
    notBeforeMs,
    notAfterMs: notBeforeMs + 365 * DAY_MS,
  });
  return { der, keys };
}

export const prov = (detail: string, kind: BundleProvenance['kind'] = 'import'): BundleProvenance => ({ kind, detail, addedMs: AT, fingerprintConfirmed: false });
