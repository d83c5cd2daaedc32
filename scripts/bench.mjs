#!/usr/bin/env node
// `npm run bench`: every benchmark in one run, in Node and in headless Chromium, each figure a ratio
// to a baseline measured in the same run. Writes bench/results.json and bench/RESULTS.md, prints the
// table. A missed target is reported, not a failure; a benchmark that throws makes the run exit 1.
// Usage: node scripts/bench.mjs [--only <id-substring>] [--skip-node] [--skip-browser] [--skip-web] [--profile]
// --profile writes CPU profiles (Node: --cpu-prof; Chromium: the DevTools protocol's Profiler) to
// bench/tmp/profiles/ and prints their top functions; use it with --only to find where time goes.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join, extname } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium, chromiumArgs } from './chromium.mjs';
import { benchModulesFor, browserEntrySource } from './bench-modules.mjs';
import { formatSummary, summariseProfile } from './cpuprofile-summary.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
const profile = args.includes('--profile');
const profileDir = join(root, 'bench/tmp/profiles');
const started = performance.now();
const loadAtStart = loadavg()[0];
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const results = [];

/** Serves `dir` on 127.0.0.1 (a free port); returns { url, close }. */
export function serveDir(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}

/**
 * esbuild plugin for Vite-style `import url from 'pkg/file.wasm?url'`: copies the file beside the
 * bundle and exports its relative URL, so the app's own lazy-loading code runs unchanged.
 */
export function assetUrlPlugin(outdir) {
  return {
    name: 'asset-url',
    setup(build) {
      build.onResolve({ filter: /\?url$/ }, async (a) => {
        const r = await build.resolve(a.path.slice(0, -'?url'.length), { kind: a.kind, resolveDir: a.resolveDir });
        return r.errors.length ? { errors: r.errors } : { path: r.path, namespace: 'asset-url' };
      });
      build.onLoad({ filter: /.*/, namespace: 'asset-url' }, (a) => {
        mkdirSync(outdir, { recursive: true });
        copyFileSync(a.path, join(outdir, basename(a.path)));
        return { contents: `export default ${JSON.stringify(`./${basename(a.path)}`)};`, loader: 'js' };
      });
    },
  };
}

/** Bundles the Chromium bench entry (only modules that run in Chromium) into `outdir`; returns the esbuild metafile. */
export async function buildBrowserBench(outdir) {
  const files = benchModulesFor(join(root, 'bench'), 'chromium');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  // The entry goes to esbuild on stdin: no generated .ts file for tsc to find later.
  const r = await esbuild.build({
    stdin: { contents: browserEntrySource(files, '.'), resolveDir: join(root, 'bench'), sourcefile: 'bench-entry.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    outfile: join(outdir, 'bench.js'),
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
    conditions: ['browser'],
    metafile: true,
    plugins: [assetUrlPlugin(outdir)],
  });
  writeFileSync(join(outdir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"><script type="module" src="./bench.js"></script>');
  return { files, metafile: r.metafile };
}

async function runNode() {
  const files = benchModulesFor(join(root, 'bench'), 'node');
  const out = join(root, 'bench/tmp/node.json');
  mkdirSync(join(root, 'bench/tmp'), { recursive: true });
  console.error(`[bench] Node ${process.version}: ${files.join(', ')}`);
  const prof = profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=node.cpuprofile'] : [];
  if (profile) rmSync(join(profileDir, 'node.cpuprofile'), { force: true });
  const r = spawnSync(process.execPath, [...prof, '--import', 'tsx', 'bench/run-node.ts', out, only, ...files], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error(`the Node bench runner exited with ${r.status}`);
  if (profile) printProfile(join(profileDir, 'node.cpuprofile'));
  return JSON.parse(readFileSync(out, 'utf8'));
}

async function runChromium() {
  const outdir = join(root, 'bench/tmp/browser');
  const { files } = await buildBrowserBench(outdir);
  console.error(`[bench] Chromium: ${files.join(', ')}`);
  const server = await serveDir(outdir);
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.error('[bench:chromium]', m.text()); });
    page.on('pageerror', (e) => console.error('[bench:chromium] page error:', e.message));
    await page.exposeFunction('__benchLog', (line) => console.error(`[bench:chromium] ${line}  (${elapsed()})`));
    await page.goto(server.url);
    await page.waitForFunction(() => typeof globalThis.__bench === 'function');
    const cdp = profile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const results = await page.evaluate((o) => globalThis.__bench(o, (l) => globalThis.__benchLog(l)), only);
    if (cdp) {
      const { profile: p } = await cdp.send('Profiler.stop');
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(join(profileDir, 'chromium.cpuprofile'), JSON.stringify(p));
      printProfile(join(profileDir, 'chromium.cpuprofile'));
    }
    return { version: browser.version(), results };
  } finally {
    await browser.close();
    server.close();
  }
}

function printProfile(file) {
  console.error(`[bench] profile ${file} (open it in Chrome DevTools' Performance panel)\n${formatSummary(summariseProfile(JSON.parse(readFileSync(file, 'utf8')), 30))}`);
}

function machineInfo(chromiumVersion) {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${release()}`,
    node: process.version,
    chromium: chromiumVersion,
    // 1-minute load average at the start and end: other processes on a shared machine move every rate.
    loadAverage: [Number(loadAtStart.toFixed(1)), Number(loadavg()[0].toFixed(1))],
    date: new Date().toISOString(),
  };
}

const fmt = (x) => (typeof x !== 'number' ? String(x) : !Number.isFinite(x) ? '—' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/** 'met' | 'missed' | 'failed' | '' (no target). */
export function verdictOf(r) {
  if (r.error) return 'failed';
  if (r.target === undefined) return '';
  return (r.lowerIsBetter ? r.ratio <= r.target : r.ratio >= r.target) ? 'met' : 'missed';
}

export function resultsTable(results) {
  const shown = { met: 'met', missed: '**missed**', failed: '**FAILED**', '': '—' };
  const rows = results.map((r) =>
    `| ${r.title} | ${r.runtime} | ${fmt(r.ratio)} | ${r.target === undefined ? '—' : `${r.lowerIsBetter ? '≤' : '≥'} ${r.target}`} | ${shown[verdictOf(r)]} | ${r.baseline} | ${Object.entries(r.detail).map(([k, v]) => `${k}=${fmt(v)}`).join(', ')} |`,
  );
  return ['| measure | runtime | ratio | target | verdict | baseline | detail |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

async function main() {
  process.chdir(root);
  let chromiumVersion = '';
  const step = async (label, fn) => {
    try {
      await fn();
    } catch (e) {
      console.error(`[bench] ${label} failed:`, e);
      results.push({ id: `${label}.error`, title: `${label} (failed to run)`, ratio: NaN, baseline: String(e?.message ?? e).slice(0, 200), detail: {}, runtime: label, error: true });
    }
  };
  if (!args.includes('--skip-node')) await step('node', async () => results.push(...(await runNode())));
  if (!args.includes('--skip-browser')) {
    await step('chromium', async () => {
      const r = await runChromium();
      chromiumVersion = r.version;
      results.push(...r.results);
    });
  }
  if (!args.includes('--skip-web')) {
    await step('web', async () => {
      const { benchWeb } = await import('./bench-web.mjs');
      results.push(...(await benchWeb({ only, serveDir, log: (l) => console.error(`[bench:web] ${l}  (${elapsed()})`) })));
    });
  }

  const machine = machineInfo(chromiumVersion);
  const totalS = (performance.now() - started) / 1000;
  const table = resultsTable(results);
  const missed = results.filter((r) => verdictOf(r) === 'missed').map((r) => `${r.title} (${r.runtime})`);
  const failed = results.filter((r) => r.error);
  const partial = Boolean(only) || profile || args.some((a) => a.startsWith('--skip'));
  const outJson = partial ? 'bench/tmp/results.partial.json' : 'bench/results.json';
  writeFileSync(outJson, JSON.stringify({ machine, totalSeconds: Math.round(totalS), results }, null, 2) + '\n');
  if (!partial) {
    const previous = existsSync('bench/RESULTS.md') ? readFileSync('bench/RESULTS.md', 'utf8') : '';
    // Everything after the generated table (the written causes of missed targets) is kept.
    const notesAt = previous.indexOf('\n## Notes');
    const notes = notesAt >= 0 ? previous.slice(notesAt) : '\n';
    writeFileSync(
      'bench/RESULTS.md',
      `# Benchmark results\n\n` +
        `Latest \`npm run bench\` (${machine.date}, ${Math.round(totalS)} s) on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ` +
        `${machine.platform}, Node ${machine.node}, Chromium ${machine.chromium || 'n/a'}; load average ${machine.loadAverage.join(' → ')}. ` +
        `Each ratio compares two measurements taken in the same run (rates interleaved where both are rates); ` +
        `raw figures are in [results.json](results.json). Targets are issue 10's.\n\n` +
        `${table}\n\n` +
        (missed.length ? `Missed: ${missed.join('; ')}. Causes, from profiles, are under Notes.\n` : 'Every target was met.\n') +
        notes.replace(/^\n*/, '\n'),
    );
  }
  console.log(`\n${table}\n`);
  console.log(`${missed.length ? `${missed.length} target(s) missed (see bench/RESULTS.md, Notes)` : 'all targets met'}; ${failed.length} failure(s); total ${Math.round(totalS)} s`);
  console.log(`Wrote ${outJson}${partial ? ' (partial run: bench/RESULTS.md untouched)' : ' and bench/RESULTS.md'}`);
  process.exit(failed.length ? 1 : 0);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await main();
