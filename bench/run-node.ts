// Runs the given bench modules in Node and writes their results as JSON.
// Usage (from scripts/bench.mjs): node --import tsx bench/run-node.ts OUT.json ONLY FILE.bench.ts...
// A benchmark that throws becomes a result with `error: true`, so one failure does not hide the rest.
import { writeFileSync } from 'node:fs';
import type { Benchmark, BenchResult } from './harness.ts';

const [outFile, only, ...files] = process.argv.slice(2);
const out: Array<BenchResult & { runtime: string; error?: boolean }> = [];
const started = performance.now();
for (const f of files) {
  const mod = (await import(`./${f}`)) as { benchmarks?: Benchmark[] };
  for (const b of mod.benchmarks ?? []) {
    if (only && !b.id.includes(only)) continue;
    process.stderr.write(`[bench:node] ${b.title}…\n`);
    const t0 = performance.now();
    try {
      for (const r of await b.run()) out.push({ ...r, runtime: 'node' });
    } catch (e) {
      process.stderr.write(`[bench:node] ${b.title} failed: ${(e as Error)?.stack ?? String(e)}\n`);
      out.push({ id: `${b.id}.error`, title: `${b.title} (failed)`, ratio: NaN, baseline: String((e as Error)?.message ?? e).slice(0, 200), detail: {}, runtime: 'node', error: true });
    }
    process.stderr.write(`[bench:node] ${b.title} done in ${((performance.now() - t0) / 1000).toFixed(1)} s (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
}
writeFileSync(outFile!, JSON.stringify(out));
