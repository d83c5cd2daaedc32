#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in Node (through tsx), one after another.
// Usage: node scripts/bench.mjs [substring...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const filters = process.argv.slice(2);
const files = existsSync('bench') ? readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!filters.length || filters.some((s) => f.includes(s)))) : [];
let failed = 0;
for (const f of files.sort()) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (!files.length) console.log('no benchmarks found');
process.exit(failed ? 1 : 0);
