// Issue 10 §3: a PEM bundle of 10,000 certificates (9,000 distinct, 1,000 repeated) read the way the
// import flow reads it (parseBundleInput: size cap, strict PEM, strict DER, fingerprints, dedupe, CA and
// one-name-per-key checks), as a ratio to a bare base64 decode + @peculiar/x509 parse of the same
// blocks (reading the subject, validity and BasicConstraints our import reads). Target ≤ 1.5×.
import 'reflect-metadata';
import { BasicConstraintsExtension, PemConverter, X509Certificate } from '@peculiar/x509';
import { parseBundleInput, toPem } from '../src/pki/index.ts';
import { compareTimes, type Benchmark, type BenchResult } from './harness.ts';
import { AT, rootCertificates } from './cert-kit.ts';

const BLOCKS = 10_000;
const DISTINCT = 9_000;

async function measure(): Promise<BenchResult> {
  const certs = (await rootCertificates(BLOCKS)).slice(0, DISTINCT); // the same set the federation bench uses
  const pem = Array.from({ length: BLOCKS }, (_, i) => toPem('CERTIFICATE', certs[i < DISTINCT ? i : (i * 7919) % DISTINCT]!)).join('');
  const ours = async (): Promise<void> => {
    const b = await parseBundleInput(pem, { atMs: AT });
    if (b.roots.length !== DISTINCT) throw new Error(`expected ${DISTINCT} distinct roots, got ${b.roots.length}`);
  };
  const peculiar = async (): Promise<void> => {
    let cas = 0;
    for (const der of PemConverter.decode(pem)) {
      const c = new X509Certificate(der);
      void c.subject;
      void c.notBefore;
      void c.notAfter;
      if (c.getExtension(BasicConstraintsExtension)?.ca) cas++;
    }
    if (cas !== BLOCKS) throw new Error(`@peculiar/x509 read ${cas} CA certificates of ${BLOCKS}`);
  };
  // Three rounds, no separate warm-up: the baseline takes seconds per round, and 10,000 iterations
  // warm the JIT within the first round.
  const r = await compareTimes(ours, peculiar, { rounds: 3, warmUp: false });
  return {
    id: 'parse.pem-bundle',
    title: `PEM bundle import: parse + dedupe ${BLOCKS} certificates`,
    ratio: r.ratio,
    lowerIsBetter: true,
    target: 1.5,
    baseline: 'bare base64 decode + @peculiar/x509 parse of the same blocks',
    detail: { oursMs: r.subjectMs, peculiarMs: r.baselineMs, pemMB: pem.length / 1e6, distinct: DISTINCT },
  };
}

export const benchmarks: Benchmark[] = [{ id: 'parse', title: 'PEM bundle import (parse + dedupe)', run: async () => [await measure()] }];
