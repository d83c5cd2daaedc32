// Benchmark: compose + export of 10,000 roots, as a ratio to parsing the same certificates alone,
// measured in one run. Certificates: CA:TRUE, distinct random Ed25519 public keys and names, all
// signed by one issuer key (fast to make; the signature is not what compose checks).
import {
  assessBundle,
  buildCertificate,
  buildCertifiedName,
  basicConstraintsExtension,
  composeBundle,
  exportPemBundle,
  exportSpiffeBundles,
  exportStepJson,
  generateKeyPair,
  keyUsageExtension,
  OID_ALG,
  parseCertificate,
  randomBytes,
  randomSerial,
  type BundleCandidate,
} from '../src/pki/index.ts';
import type { Benchmark, BenchResult } from './harness.ts';
import { derBitString, derSequence, encodeOid } from '../src/pki/der.ts';

const COUNT = Number(process.env['BENCH_ROOTS'] ?? 10_000);
const AT = Date.UTC(2026, 10, 25);

async function makeCerts(n: number): Promise<Uint8Array[]> {
  const issuer = await generateKeyPair('ed25519');
  const issuerName = buildCertifiedName({ commonName: 'Bench Issuer' }, true).der;
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const spki = derSequence(derSequence(encodeOid(OID_ALG.ED25519)), derBitString(randomBytes(32)));
    out.push(
      await buildCertificate({
        subject: buildCertifiedName({ commonName: `Bench Root ${i}` }, true).der,
        issuer: issuerName,
        subjectPublicKeyInfo: spki,
        issuerKey: issuer.privateKey,
        serial: randomSerial(),
        notBeforeMs: AT - 86_400_000,
        notAfterMs: AT + 365 * 86_400_000,
        extensions: [basicConstraintsExtension(true, 0), keyUsageExtension(['keyCertSign', 'cRLSign'])],
      }),
    );
  }
  return out;
}

function ms(start: number): number {
  return performance.now() - start;
}

async function measure(): Promise<BenchResult> {
  const certs = await makeCerts(COUNT);
  // Warm up both paths once on a small slice so the JIT does not favour whichever runs second.
  for (const c of certs.slice(0, 200)) parseCertificate(c);
  await composeBundle({ name: 'warm', trustDomain: 'bench.example', atMs: AT, candidates: certs.slice(0, 200).map((d) => ({ certDer: d, provenance: [] })) });

  const tParse = performance.now();
  for (const c of certs) parseCertificate(c);
  const parseMs = ms(tParse);

  const candidates: BundleCandidate[] = certs.map((d, i) => ({ certDer: d, provenance: [{ kind: 'import', detail: `bench-${i % 10}`, addedMs: AT, fingerprintConfirmed: false }] }));
  const tCompose = performance.now();
  const { bundle } = await composeBundle({ name: 'bench', trustDomain: 'bench.example', atMs: AT, candidates });
  const composeMs = ms(tCompose);
  const tExport = performance.now();
  const { included } = assessBundle(bundle, { atMs: AT });
  const pem = exportPemBundle(included);
  const json = exportStepJson(included);
  const spiffe = exportSpiffeBundles(bundle, included);
  const exportMs = ms(tExport);
  if (included.length !== COUNT) throw new Error(`expected ${COUNT} included roots, got ${included.length}`);
  return {
    id: 'federation.compose-export',
    title: `Federated bundle compose + export, ${COUNT} roots`,
    ratio: (composeMs + exportMs) / parseMs,
    lowerIsBetter: true,
    target: 1.5,
    baseline: `parsing the same ${COUNT} certificates alone`,
    detail: { parseMs, composeMs, exportMs, pemMB: pem.length / 1e6, jsonMB: json.length / 1e6, spiffeMB: (spiffe[0]?.json.length ?? 0) / 1e6 },
  };
}

export const benchmarks: Benchmark[] = [{ id: 'federation', title: 'Federated bundle compose + export', run: async () => [await measure()] }];
