// The bench runner decides which bench/*.bench.ts modules go into the Chromium bundle from their
// source text, never by importing them; a node-only module (node:fs, wasm read from node_modules)
// must stay out, or `npm run bench` cannot bundle the browser run at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain JavaScript module without types
import { benchModulesFor, declaredRuntimes } from '../../scripts/bench-modules.mjs';
// @ts-expect-error plain JavaScript module without types
import { buildBrowserBench } from '../../scripts/bench.mjs';

const benchDir = new URL('../../bench/', import.meta.url).pathname;

test('declaredRuntimes reads the runtimes a module declares', () => {
  const cases: Array<{ name: string; source: string; want: string[] | RegExp }> = [
    { name: 'no declaration: both', source: `export const benchmarks = [];`, want: ['node', 'chromium'] },
    { name: 'node only', source: `export const runtimes = ['node'] as const;`, want: ['node'] },
    { name: 'chromium only, typed', source: `export const runtimes: ReadonlyArray<string> = ["chromium"];`, want: ['chromium'] },
    { name: 'both, listed', source: `export const runtimes = ['node', 'chromium'];`, want: ['node', 'chromium'] },
    { name: 'unknown runtime', source: `export const runtimes = ['deno'];`, want: /unknown runtime 'deno'/ },
    { name: 'not a literal list', source: `export const runtimes = RUNTIMES;`, want: /write the runtimes as/ },
    { name: 'a variable in the list', source: `export const runtimes = [NODE];`, want: /list of string literals/ },
    { name: 're-exported', source: `const runtimes = ['node'];\nexport { runtimes };`, want: /write the runtimes as/ },
  ];
  for (const c of cases) {
    if (c.want instanceof RegExp) assert.throws(() => declaredRuntimes(c.source, 'x.bench.ts'), c.want, c.name);
    else assert.deepEqual(declaredRuntimes(c.source, 'x.bench.ts'), c.want, c.name);
  }
});

test('the node-only QR decoder bench is not selected for Chromium, the Chromium-only ones not for Node', () => {
  const chromium: string[] = benchModulesFor(benchDir, 'chromium');
  const node: string[] = benchModulesFor(benchDir, 'node');
  assert.ok(node.includes('qr-decode-node.bench.ts'));
  assert.ok(!chromium.includes('qr-decode-node.bench.ts'));
  for (const f of ['storage.bench.ts', 'qr-decode.bench.ts']) {
    assert.ok(chromium.includes(f), f);
    assert.ok(!node.includes(f), f);
  }
  for (const f of ['issuance.bench.ts', 'validate.bench.ts', 'federation.bench.ts', 'bundle-parse.bench.ts', 'qr.bench.ts']) {
    assert.ok(chromium.includes(f) && node.includes(f), f);
  }
});

test('the Chromium bench bundle builds and pulls in no node: module and no node-only bench', async () => {
  const out = mkdtempSync(join(tmpdir(), 'ct-bench-'));
  try {
    const { files, metafile } = await buildBrowserBench(out);
    const inputs = Object.keys(metafile.inputs);
    assert.deepEqual(inputs.filter((i) => i.startsWith('node:')), []);
    assert.deepEqual(inputs.filter((i) => /bench\/qr-decode-node\.bench\.ts$/.test(i)), []);
    for (const f of files) assert.ok(inputs.some((i) => i.endsWith(`bench/${f}`)), `${f} is in the bundle`);
    const imports = Object.values(metafile.outputs).flatMap((o) => (o as { imports: Array<{ path: string; external?: boolean }> }).imports);
    assert.deepEqual(imports.filter((i) => i.external), [], 'nothing left external for the browser to resolve');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
