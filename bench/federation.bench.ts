// Issue 6 / issue 10 §3: federated bundle compose + export of 10,000 roots (composeBundle, assessBundle,
// PEM, step-ca JSON and SPIFFE export) as a ratio to strictly parsing the same certificates alone,
// the two timed interleaved in one run. Target: overhead ≤ 1.5×.
import {
  assessBundle,
  composeBundle,
  exportPemBundle,
  exportSpiffeBundles,
  exportStepJson,
  parseCertificate,
  type BundleCandidate,
} from '../src/pki/index.ts';
import { compareTimes, type Benchmark, type BenchResult } from './harness.ts';
import { AT, rootCertificates } from './cert-kit.ts';

const COUNT = 10_000;

async function measure(): Promise<BenchResult> {
  const certs = await rootCertificates(COUNT);
  const candidates: BundleCandidate[] = certs.map((d, i) => ({ certDer: d, provenance: [{ kind: 'import', detail: `bench-${i % 10}`, addedMs: AT, fingerprintConfirmed: false }] }));
  let sizes = { pemMB: 0, jsonMB: 0, spiffeMB: 0 };
  const composeExport = async (): Promise<void> => {
    const { bundle } = await composeBundle({ name: 'bench', trustDomain: 'bench.example', atMs: AT, candidates });
    const { included } = assessBundle(bundle, { atMs: AT });
    if (included.length !== COUNT) throw new Error(`expected ${COUNT} included roots, got ${included.length}`);
    const pem = exportPemBundle(included);
    const json = exportStepJson(included);
    const spiffe = exportSpiffeBundles(bundle, included);
    sizes = { pemMB: pem.length / 1e6, jsonMB: json.length / 1e6, spiffeMB: (spiffe[0]?.json.length ?? 0) / 1e6 };
  };
  const parseOnly = async (): Promise<void> => {
    for (const c of certs) parseCertificate(c);
  };
  const r = await compareTimes(composeExport, parseOnly);
  return {
    id: 'federation.compose-export',
    title: `Federated bundle compose + export, ${COUNT} roots`,
    ratio: r.ratio,
    lowerIsBetter: true,
    target: 1.5,
    baseline: `strictly parsing the same ${COUNT} certificates alone`,
    detail: { composeExportMs: r.subjectMs, parseMs: r.baselineMs, ...sizes },
  };
}

export const benchmarks: Benchmark[] = [{ id: 'federation', title: 'Federated bundle compose + export', run: async () => [await measure()] }];
