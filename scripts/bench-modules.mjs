// Which bench/*.bench.ts modules run where, decided from their source text without importing them:
// a module may declare `export const runtimes = ['node'] as const;` (or 'chromium'); without it, it
// runs in both. Importing a node-only module to ask it would drag node:fs and friends into the
// browser bundle, which is exactly what this must prevent.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const RUNTIMES = ['node', 'chromium'];

const DECLARATION = /^export const runtimes\b[^=]*=\s*\[([^\]]*)\]/m;

/**
 * The runtimes a module's source declares. Throws when the source mentions `runtimes` in a form this
 * reader cannot decide (so a typo cannot silently put a node-only module into the browser bundle).
 */
export function declaredRuntimes(source, file = 'module') {
  const m = source.match(DECLARATION);
  if (!m) {
    if (/\bexport\s+(const|let|var|function)\s+runtimes\b|\bexport\s*\{[^}]*\bruntimes\b/.test(source)) {
      throw new Error(`${file}: write the runtimes as \`export const runtimes = ['node' | 'chromium', …] as const;\``);
    }
    return [...RUNTIMES];
  }
  const names = [...m[1].matchAll(/'([^']*)'|"([^"]*)"/g)].map((x) => x[1] ?? x[2]);
  const leftover = m[1].replace(/'[^']*'|"[^"]*"|[\s,]/g, '');
  if (names.length === 0 || leftover !== '') throw new Error(`${file}: runtimes must be a list of string literals`);
  for (const n of names) if (!RUNTIMES.includes(n)) throw new Error(`${file}: unknown runtime '${n}' (known: ${RUNTIMES.join(', ')})`);
  return names;
}

/** The bench module file names (sorted) in `dir` that run in `runtime`. */
export function benchModulesFor(dir, runtime) {
  if (!RUNTIMES.includes(runtime)) throw new Error(`unknown runtime '${runtime}'`);
  return readdirSync(dir)
    .filter((n) => n.endsWith('.bench.ts'))
    .sort()
    .filter((n) => declaredRuntimes(readFileSync(join(dir, n), 'utf8'), n).includes(runtime));
}

/** Source of the browser entry that imports exactly `files`, found under `benchDir` (a path or './'). */
export function browserEntrySource(files, benchDir) {
  return (
    files.map((f, i) => `import * as m${i} from '${benchDir.replace(/\/$/, '')}/${f}';`).join('\n') +
    `\nconst mods = [${files.map((f, i) => `{ file: ${JSON.stringify(f)}, mod: m${i} }`).join(', ')}];\n` +
    `export async function runBench(only: string, log: (line: string) => void): Promise<unknown[]> {\n` +
    `  const out: unknown[] = [];\n` +
    `  for (const { mod } of mods as Array<{ file: string; mod: { benchmarks?: Array<{ id: string; title: string; run(): Promise<unknown[]> }> } }>) {\n` +
    `    for (const b of mod.benchmarks ?? []) {\n` +
    `      if (only && !b.id.includes(only)) continue;\n` +
    `      log(b.title);\n` +
    `      const t0 = performance.now();\n` +
    `      try { for (const r of await b.run()) out.push({ ...(r as object), runtime: 'chromium' }); }\n` +
    `      catch (e) { out.push({ id: b.id + '.error', title: b.title + ' (failed)', ratio: NaN, baseline: String((e as Error)?.stack ?? e).slice(0, 400), detail: {}, runtime: 'chromium', error: true }); }\n` +
    `      log(b.title + ' done in ' + ((performance.now() - t0) / 1000).toFixed(1) + ' s');\n` +
    `    }\n` +
    `  }\n` +
    `  return out;\n` +
    `}\n` +
    `(globalThis as { __bench?: typeof runBench }).__bench = runBench;\n`
  );
}
