// Issue 10 §2 / issue 5: validatePath on a 3-certificate chain (leaf, intermediate, root) in
// validations per second, as a ratio to the raw WebCrypto verifications that chain needs (2: leaf by
// intermediate, intermediate by root; keys already imported), the two rates interleaved. Target ≥ 0.4.
import { ecdsaDerToRaw, parseCertificate, validatePath, type KeyType } from '../src/pki/index.ts';
import { AT, makeChain } from '../test/pki/validate/chain-kit.ts';
import { compareRates, type Benchmark, type BenchResult } from './harness.ts';

const LABEL: Record<KeyType, string> = { ed25519: 'Ed25519', p256: 'ECDSA P-256', p384: 'ECDSA P-384' };

async function validationFor(keyType: KeyType): Promise<BenchResult> {
  const c = await makeChain({ root: { keyType, cn: `Bench Root ${keyType}` }, inter: { keyType, cn: `Bench Inter ${keyType}` }, leaf: { keyType, cn: `Bench Leaf ${keyType}` } });
  const opts = { leaf: c.leaf.der, intermediates: [c.inter.der], roots: [c.root.der], time: AT, purpose: 'serverAuth' as const };
  const check = await validatePath(opts);
  if (!check.ok) throw new Error(`bench chain does not validate: ${check.code}`);

  const importAlg = keyType === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: keyType === 'p256' ? 'P-256' : 'P-384' };
  // certified (and so chain-kit) signs with ECDSA-SHA-256 on every curve.
  const verifyAlg = keyType === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  const size = keyType === 'p384' ? 48 : 32;
  const edges = await Promise.all(
    [
      [c.leaf.der, c.inter.spki],
      [c.inter.der, c.root.spki],
    ].map(async ([der, spki]) => {
      const cert = parseCertificate(der!);
      const key = await crypto.subtle.importKey('spki', spki!.slice(), importAlg, false, ['verify']);
      const sig = keyType === 'ed25519' ? cert.signature.slice() : ecdsaDerToRaw(cert.signature, size).slice();
      return { key, sig, data: cert.tbs.slice() };
    }),
  );
  const raw = async (): Promise<void> => {
    for (const e of edges) if (!(await crypto.subtle.verify(verifyAlg, e.key, e.sig, e.data))) throw new Error('raw verify failed');
  };
  await raw(); // proves the baseline verifies what validatePath verifies
  const r = await compareRates(() => validatePath(opts), raw);
  return {
    id: `validation.${keyType}`,
    title: `Path validation, 3 certificates, ${LABEL[keyType]}`,
    ratio: r.ratio,
    target: 0.4,
    baseline: 'the 2 raw crypto.subtle.verify calls the chain needs (keys imported)',
    detail: { validationsPerSec: Math.round(r.subjectPerSec), rawChainVerifiesPerSec: Math.round(r.baselinePerSec) },
  };
}

export const benchmarks: Benchmark[] = [
  {
    id: 'validation',
    title: 'Path validation (validatePath)',
    run: async () => [await validationFor('ed25519'), await validationFor('p256'), await validationFor('p384')],
  },
];
