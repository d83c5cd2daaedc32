#!/usr/bin/env node
// `npm run bench`: every benchmark in one run, in Node and in headless Chromium, each figure a ratio
// to a baseline measured in the same run. Writes bench/results.json and bench/RESULTS.md, prints the table.
// Usage: node scripts/bench.mjs [--only <id-substring>] [--skip-browser] [--skip-web]
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, platform, release } from 'node:os';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, extname } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium, chromiumArgs } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
const tmp = join(root, 'bench/tmp');
mkdirSync(tmp, { recursive: true });
const results = [];

// ---- Node ----
{
  const file = join(tmp, 'node.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run-node.ts', file, only], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  results.push(...JSON.parse(readFileSync(file, 'utf8')));
}

/** Serves `dir` on 127.0.0.1 (a free port); returns { url, close }. */
export function serveDir(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}

// ---- Chromium: the same bench modules, bundled ----
let chromiumVersion = '';
if (!args.includes('--skip-browser')) {
  const benchFiles = readdirSync('bench').filter((n) => n.endsWith('.bench.ts')).sort();
  const entry = join(tmp, 'browser-entry.ts');
  writeFileSync(
    entry,
    benchFiles.map((f, i) => `import * as m${i} from '../${f}';`).join('\n') +
      `\nconst mods = [${benchFiles.map((_, i) => `m${i}`).join(', ')}];\n` +
      `(globalThis as any).__bench = async (only: string) => { const out: unknown[] = [];\n` +
      `  for (const m of mods as any[]) { if (m.runtimes && !m.runtimes.includes('chromium')) continue;\n` +
      `    for (const b of m.benchmarks ?? []) { if (only && !b.id.includes(only)) continue; for (const r of await b.run()) out.push({ ...r, runtime: 'chromium' }); } }\n` +
      `  return out; };\n`,
  );
  const outdir = join(tmp, 'browser');
  await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', outfile: join(outdir, 'bench.js'), platform: 'browser', target: 'es2022', logLevel: 'warning', conditions: ['browser'] });
  writeFileSync(join(outdir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="./bench.js"></script>');
  const server = await serveDir(outdir);
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
  chromiumVersion = browser.version();
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error('[bench:chromium]', m.text()); });
  await page.goto(server.url);
  await page.waitForFunction(() => typeof globalThis.__bench === 'function');
  console.error('[bench:chromium] running the bench modules in Chromium…');
  results.push(...(await page.evaluate((o) => globalThis.__bench(o), only)));
  await browser.close();
  server.close();
}

// ---- Web app: size and startup (needs a build) ----
if (!args.includes('--skip-web') && existsSync('scripts/bench-web.mjs')) {
  const { benchWeb } = await import('./bench-web.mjs');
  results.push(...(await benchWeb({ only, serveDir })));
}

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  platform: `${platform()} ${release()}`,
  node: process.version,
  chromium: chromiumVersion,
  date: new Date().toISOString(),
};

const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const verdict = (r) => (r.target === undefined ? '—' : (r.lowerIsBetter ? r.ratio <= r.target : r.ratio >= r.target) ? 'met' : '**missed**');
const rows = results.map((r) =>
  `| ${r.title} | ${r.runtime} | ${fmt(r.ratio)} | ${r.target === undefined ? '—' : `${r.lowerIsBetter ? '≤' : '≥'} ${r.target}`} | ${verdict(r)} | ${r.baseline} | ${Object.entries(r.detail).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`).join(', ')} |`,
);
const table = ['| measure | runtime | ratio | target | verdict | baseline | detail |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
writeFileSync('bench/results.json', JSON.stringify({ machine, results }, null, 2) + '\n');
writeFileSync(
  'bench/RESULTS.md',
  `# Benchmark results\n\nLatest \`npm run bench\` (${machine.date}) on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, Chromium ${machine.chromium || 'n/a'}.\nEach ratio compares two rates measured interleaved in the same run; see \`bench/results.json\` for raw figures.\n\n${table}\n`,
);
console.log(`\n${table}\n\nWrote bench/results.json and bench/RESULTS.md`);
