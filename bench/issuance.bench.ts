// Issue 10 §1: leaf certificates per second (build + sign + DER encode) as a ratio to raw
// crypto.subtle.sign calls per second with the same key on the same size of data. Target ≥ 0.5.
import { compareRates, type Benchmark, type BenchResult } from './harness.ts';
import {
  createIdentity,
  exportSpki,
  generateKeyPair,
  issueCertifiedEndEntity,
  keyIdentifier,
  parseCertificate,
  encodeTbsCertificate,
  randomSerial,
  buildCertifiedName,
  hostToGeneralName,
  copyBytes,
  type KeyType,
} from '../src/pki/index.ts';

async function issuanceFor(keyType: Exclude<KeyType, 'p384'>): Promise<BenchResult> {
  const at = Date.now();
  const ca = await createIdentity({ name: { commonName: 'Bench CA' }, san: { hosts: ['ca.bench.example'] }, keyType, atMs: at });
  const caCert = parseCertificate(ca.caCertDer);
  const caKeyId = await keyIdentifier(caCert.subjectPublicKeyInfo);
  const leafKeys = await generateKeyPair(keyType);
  const leafSpki = await exportSpki(leafKeys.publicKey);
  const subject = buildCertifiedName({ commonName: 'leaf' }, false);
  const sans = [hostToGeneralName('leaf.bench.example')];
  const issue = (): Promise<Uint8Array> =>
    issueCertifiedEndEntity({
      subject: subject.der,
      subjectIsEmpty: false,
      subjectAltNames: sans,
      spki: leafSpki,
      issuerName: caCert.subject.der,
      issuerKeyId: caKeyId,
      issuerKey: ca.caKeys.privateKey,
      notBeforeMs: at,
      notAfterMs: at + 90 * 86_400_000,
    });
  // Raw baseline: sign data of the same size as the TBS we sign, with the same key.
  const sample = parseCertificate(await issue());
  const tbsSize = encodeTbsCertificate({
    subject: subject.der,
    issuer: caCert.subject.der,
    subjectPublicKeyInfo: leafSpki,
    issuerKey: ca.caKeys.privateKey,
    serial: randomSerial(),
    notBeforeMs: at,
    notAfterMs: at + 1000,
    extensions: [],
  }).length;
  const data = copyBytes(new Uint8Array(sample.tbs.length || tbsSize).fill(7));
  const params = keyType === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  const raw = (): Promise<ArrayBuffer> => crypto.subtle.sign(params, ca.caKeys.privateKey, data);
  const r = await compareRates(issue, raw);
  return {
    id: `issuance.${keyType}`,
    title: `Leaf issuance, ${keyType === 'ed25519' ? 'Ed25519' : 'ECDSA P-256'}`,
    ratio: r.ratio,
    target: 0.5,
    baseline: `raw crypto.subtle.sign of ${data.length} bytes with the same key`,
    detail: { certsPerSec: Math.round(r.subjectPerSec), rawSignsPerSec: Math.round(r.baselinePerSec) },
  };
}

export const benchmarks: Benchmark[] = [
  { id: 'issuance', title: 'Leaf certificate issuance', run: async () => [await issuanceFor('ed25519'), await issuanceFor('p256')] },
];
