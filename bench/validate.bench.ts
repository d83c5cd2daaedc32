// Benchmark: validatePath on a 3-certificate chain (leaf, intermediate, root) in validations per second,
// as a ratio to the raw WebCrypto verifications that chain needs (2: leaf by intermediate, intermediate
// by root; keys already imported), measured in the same run. Run: node --import tsx bench/validate.bench.ts
import { ecdsaDerToRaw, parseCertificate, validatePath, type KeyType } from '../src/pki/index.ts';
import { AT, makeChain } from '../test/pki/validate/chain-kit.ts';

const DURATION_MS = Number(process.env.BENCH_MS ?? 1500);

async function rate(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    await fn();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

async function benchKeyType(keyType: KeyType): Promise<void> {
  const c = await makeChain({ root: { keyType, cn: `Bench Root ${keyType}` }, inter: { keyType, cn: `Bench Inter ${keyType}` }, leaf: { keyType, cn: `Bench Leaf ${keyType}` } });
  const opts = { leaf: c.leaf.der, intermediates: [c.inter.der], roots: [c.root.der], time: AT, purpose: 'serverAuth' as const };
  const check = await validatePath(opts);
  if (!check.ok) throw new Error(`bench chain does not validate: ${check.code}`);

  const alg = keyType === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: keyType === 'p256' ? 'P-256' : 'P-384' };
  const verifyAlg = keyType === 'ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  const size = keyType === 'p384' ? 48 : 32;
  const edges = await Promise.all(
    [
      [c.leaf.der, c.inter.spki],
      [c.inter.der, c.root.spki],
    ].map(async ([der, spki]) => {
      const cert = parseCertificate(der!);
      const key = await crypto.subtle.importKey('spki', spki!.slice(), alg, false, ['verify']);
      const sig = keyType === 'ed25519' ? cert.signature.slice() : ecdsaDerToRaw(cert.signature, size).slice();
      return { key, sig, data: cert.tbs.slice() };
    }),
  );
  const raw = await rate(async () => {
    for (const e of edges) if (!(await crypto.subtle.verify(verifyAlg, e.key, e.sig, e.data))) throw new Error('raw verify failed');
  });
  const full = await rate(() => validatePath(opts));
  console.log(
    `${keyType.padEnd(8)} validatePath: ${full.toFixed(0).padStart(6)} validations/s | raw verify x2: ${raw.toFixed(0).padStart(6)} chains/s | ratio ${(full / raw).toFixed(2)}`,
  );
}

console.log(`validatePath, 3-certificate chain, ${DURATION_MS} ms per measurement (${process.version})`);
for (const k of ['ed25519', 'p256', 'p384'] as const) await benchKeyType(k);
