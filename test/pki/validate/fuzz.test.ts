// Hostile inputs: mutated DER, deep chains, many same-name issuers, huge extensions. validatePath must
// resolve (never throw), answer with a known code, and its work — counted, not timed — must stay within
// the budget and grow at most linearly with the input.
import { assert } from 'chai';
import fc from 'fast-check';
import { describe, it, before } from '../../harness.ts';
import {
  DEFAULT_WORK_LIMITS,
  PATH_REASON_CODES,
  certificatePoliciesExtension,
  nameConstraintsExtension,
  policyMappingsExtension,
  validatePath,
  type PathValidationOptions,
  type WorkCounts,
} from '../../../src/pki/index.ts';
import { AT, makeCert, makeChain, type Issued } from './chain-kit.ts';

async function run(opts: PathValidationOptions): Promise<{ code: string; counts: WorkCounts }> {
  let counts: WorkCounts | undefined;
  const r = await validatePath(opts, { onWork: (c) => (counts = { ...c }) });
  const code = r.ok ? 'ok' : r.code!;
  assert.isTrue(code === 'ok' || (PATH_REASON_CODES as ReadonlyArray<string>).includes(code), `unknown code ${code}`);
  for (const k of Object.keys(DEFAULT_WORK_LIMITS) as Array<keyof WorkCounts>) assert.isAtMost(counts![k], DEFAULT_WORK_LIMITS[k] + 1, k);
  return { code, counts: counts! };
}

describe('fuzz: mutated DER', () => {
  let chain: { root: Issued; inter: Issued; leaf: Issued };
  before(async () => {
    chain = await makeChain();
  });

  it('never throws and never accepts a changed certificate (fast-check, fixed seed)', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.constantFrom(0x00, 0x80, 0x81, 0x82, 0x84, 0xff, 0x30, 0xa0) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('leaf' as const, 'inter' as const, 'root' as const), mutation, async (which, m) => {
        const src = chain[which].der;
        const at = m.at % src.length;
        let bad: Uint8Array;
        if (m.kind === 'flip') {
          bad = src.slice();
          bad[at] = bad[at]! ^ (1 << m.bit);
        } else if (m.kind === 'truncate') bad = src.slice(0, at);
        else if (m.kind === 'insert') bad = new Uint8Array([...src.subarray(0, at), m.byte, ...src.subarray(at)]);
        else {
          bad = src.slice();
          if (bad[at] === m.byte) return;
          bad[at] = m.byte;
        }
        const parts = { leaf: chain.leaf.der, inter: chain.inter.der, root: chain.root.der, [which]: bad };
        const { code } = await run({ leaf: parts.leaf, intermediates: [parts.inter], roots: [parts.root], time: AT });
        // A changed leaf or intermediate can never verify; a changed root might still chain (only its key and name matter).
        if (which !== 'root') assert.notEqual(code, 'ok');
      }),
      { seed: 5280, numRuns: 300 },
    );
  });
});

describe('fuzz: adversarial shapes, bounded work', () => {
  it('deep chains: signatures and edges grow linearly with depth, and depth is capped', async () => {
    const root = await makeCert({ cn: 'Deep Root', ca: true });
    const inters: Issued[] = [];
    let issuer = root;
    for (let i = 0; i < 20; i++) {
      issuer = await makeCert({ cn: `Deep ${i}`, ca: true, issuer });
      inters.push(issuer);
    }
    const leafAt = async (depth: number): Promise<Issued> => makeCert({ cn: `Deep Leaf ${depth}`, key: 'Deep Leaf', issuer: inters[depth - 1]! });
    const sigs: number[] = [];
    for (const depth of [4, 8, 16]) {
      const leaf = await leafAt(depth);
      const r = await run({ leaf: leaf.der, intermediates: [...inters].reverse().map((x) => x.der), roots: [root.der], time: AT, maxChainDepth: 32 });
      assert.equal(r.code, 'ok');
      sigs.push(r.counts.signatures);
      assert.equal(r.counts.signatures, depth + 1);
      assert.isAtMost(r.counts.edges, depth + 1);
    }
    const tooDeep = await run({ leaf: (await leafAt(20)).der, intermediates: inters.map((x) => x.der), roots: [root.der], time: AT });
    assert.equal(tooDeep.code, 'PATH_TOO_DEEP');
  });

  it('many same-name issuers with different keys: one signature per candidate, then the budget stops it', async () => {
    const root = await makeCert({ cn: 'Crowd Root', ca: true });
    const real = await makeCert({ cn: 'Crowd CA', ca: true, issuer: root, noKeyIds: true });
    const leaf = await makeCert({ cn: 'Crowd Leaf', issuer: real, noKeyIds: true });
    const fakes: Uint8Array[] = [];
    for (let i = 0; i < 100; i++) fakes.push((await makeCert({ cn: 'Crowd CA', key: `Crowd Fake ${i}`, ca: true, issuer: root, noKeyIds: true, notAfterMs: AT.getTime() + 400 * 86_400_000 + i * 1000 })).der);
    const counts: number[] = [];
    for (const k of [10, 20, 40]) {
      // The fakes are more attractive (later notAfter), so they are all tried before the real one.
      const r = await run({ leaf: leaf.der, intermediates: [real.der, ...fakes.slice(0, k)], roots: [root.der], time: AT });
      assert.equal(r.code, 'ok');
      counts.push(r.counts.signatures);
      assert.isAtMost(r.counts.signatures, k + 2);
    }
    const crowd = await run({ leaf: leaf.der, intermediates: [real.der, ...fakes], roots: [root.der], time: AT });
    assert.equal(crowd.code, 'PATH_LIMIT_EXCEEDED');
  });

  it('a lattice of mutually cross-signed CAs cannot make path building explode', async () => {
    const root = await makeCert({ cn: 'Lattice Root', ca: true });
    const layers: Issued[][] = [];
    let above: Issued[] = [root];
    const all: Uint8Array[] = [];
    for (let l = 0; l < 5; l++) {
      const layer: Issued[] = [];
      for (let j = 0; j < 4; j++) {
        for (const issuer of above) {
          const c = await makeCert({ cn: `Lattice L${l}`, key: `Lattice L${l} ${j}`, ca: true, issuer, noKeyIds: true });
          all.push(c.der);
          if (issuer === above[0]) layer.push(c);
        }
      }
      layers.push(layer);
      above = layer;
    }
    const leaf = await makeCert({ cn: 'Lattice Leaf', issuer: above[0]!, noKeyIds: true });
    const other = await makeCert({ cn: 'Lattice Other Root', ca: true });
    // No path to this anchor: every path must be explored or the budget must stop the search.
    const r = await run({ leaf: leaf.der, intermediates: all, roots: [other.der], time: AT });
    assert.include(['PATH_NO_ISSUER', 'PATH_LIMIT_EXCEEDED'], r.code);
    const ok = await run({ leaf: leaf.der, intermediates: all, roots: [root.der], time: AT });
    assert.include(['ok', 'PATH_LIMIT_EXCEEDED'], ok.code);
  });

  it('huge extensions: name-constraint comparisons are counted and capped', async () => {
    const permitted = Array.from({ length: 300 }, (_, i) => ({ type: 'dns' as const, value: `p${i}.example.com` }));
    const nc = nameConstraintsExtension({ permitted });
    const comparisons: number[] = [];
    for (const n of [10, 20, 40]) {
      const san = Array.from({ length: n }, (_, i) => ({ type: 'dns' as const, value: `h${i}.p${i}.example.com` }));
      const c = await makeChain({ inter: { extra: [nc] }, leaf: { san, cn: `Big Leaf ${n}` } });
      const r = await run({ leaf: c.leaf.der, intermediates: [c.inter.der], roots: [c.root.der], time: AT });
      assert.equal(r.code, 'ok');
      comparisons.push(r.counts.nameComparisons);
    }
    // Linear in the number of names: each DNS name meets the 300 DNS constraints once; the subject DN one count.
    assert.deepEqual(comparisons, [10, 20, 40].map((n) => n * 300 + 1));
    const san = Array.from({ length: 400 }, (_, i) => ({ type: 'dns' as const, value: `h${i}.p1.example.com` }));
    const c = await makeChain({ inter: { extra: [nc] }, leaf: { san, cn: 'Huge Leaf' } });
    const r = await run({ leaf: c.leaf.der, intermediates: [c.inter.der], roots: [c.root.der], time: AT });
    assert.equal(r.code, 'PATH_LIMIT_EXCEEDED');
  });

  it('policy mappings that multiply the policy tree hit the node budget (CVE-2023-0464 shape)', async () => {
    const policies = Array.from({ length: 40 }, (_, i) => `1.3.6.1.4.1.99999.8.${i}`);
    const mappings = policies.flatMap((a) => policies.slice(0, 10).map((b) => ({ issuerDomainPolicy: a, subjectDomainPolicy: b })));
    const extra = [certificatePoliciesExtension(policies), policyMappingsExtension(mappings)];
    const root = await makeCert({ cn: 'Policy Root', ca: true });
    let issuer = root;
    const inters: Uint8Array[] = [];
    for (let i = 0; i < 5; i++) {
      issuer = await makeCert({ cn: `Policy CA ${i}`, ca: true, issuer, extra });
      inters.push(issuer.der);
    }
    const leaf = await makeCert({ cn: 'Policy Leaf', issuer, extra: [certificatePoliciesExtension(policies)] });
    const r = await run({ leaf: leaf.der, intermediates: inters, roots: [root.der], time: AT });
    assert.include(['ok', 'PATH_LIMIT_EXCEEDED'], r.code);
    assert.isAtMost(r.counts.policyNodes, DEFAULT_WORK_LIMITS.policyNodes + 1);
  });

  it('input sizes are capped before parsing', async () => {
    const c = await makeChain();
    const many = Array.from({ length: 300 }, () => c.inter.der);
    assert.equal((await run({ leaf: c.leaf.der, intermediates: many, roots: [c.root.der], time: AT })).code, 'PATH_LIMIT_EXCEEDED');
    const huge = new Uint8Array(300 * 1024);
    assert.equal((await run({ leaf: huge, roots: [c.root.der], time: AT })).code, 'PATH_MALFORMED');
  });
});
