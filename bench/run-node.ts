// Runs every bench/*.bench.ts module in Node and writes the results as JSON to the path in argv[2].
import { readdirSync, writeFileSync } from 'node:fs';
import type { Benchmark, BenchResult } from './harness.ts';

const dir = new URL('.', import.meta.url).pathname;
const only = process.argv[3];
const out: Array<BenchResult & { runtime: string }> = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.bench.ts')).sort()) {
  const mod = (await import(`./${f}`)) as { benchmarks?: Benchmark[]; runtimes?: ReadonlyArray<string> };
  if (mod.runtimes && !mod.runtimes.includes('node')) continue;
  for (const b of mod.benchmarks ?? []) {
    if (only && !b.id.includes(only)) continue;
    process.stderr.write(`[bench:node] ${b.title}…\n`);
    for (const r of await b.run()) out.push({ ...r, runtime: 'node' });
  }
}
writeFileSync(process.argv[2]!, JSON.stringify(out));
