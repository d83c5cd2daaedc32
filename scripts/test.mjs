#!/usr/bin/env node
// `npm test`: every test, in order — typecheck, Node suites (core, CLI, openssl/TLS interop),
// the production build, browser suites in real Chromium, then end-to-end tests against the build.
// Usage: node scripts/test.mjs [--only node|browser|e2e|typecheck] [--skip-build] [files...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { locateChromium } from './chromium.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const skipBuild = args.includes('--skip-build');
const explicitFiles = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--only');
const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

function run(cmd, cmdArgs, env = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [relative(root, p)];
  });
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs a Debian package when we are root on Debian and the command is missing. */
function ensureTool(label, present, pkg) {
  if (present()) return;
  if (isRoot() && existsSync('/usr/bin/apt-get')) {
    console.log(`[test] ${label} not found: installing Debian's ${pkg} (apt-get)…`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], env);
    if (run('apt-get', ['install', '-y', '-qq', pkg], env) === 0 && present()) return;
  }
  console.error(
    `[test] ${label} is required and was not found.\n` +
      `  Debian/Ubuntu: sudo apt-get install -y ${pkg}\n` +
      (label === 'Chromium' ? '  Or point CHROME_PATH at a Chromium/Chrome binary.\n' : ''),
  );
  process.exit(1);
}

const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
const wantBrowser = !only || only === 'browser' || only === 'e2e';
const wantNode = !only || only === 'node';
if (wantBrowser) ensureTool('Chromium', () => locateChromium() !== undefined, 'chromium');
if (wantNode) ensureTool('openssl', () => has('openssl'), 'openssl');

rmSync('.test-out', { recursive: true, force: true });
mkdirSync('.test-out', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function readTap(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const tap = readFileSync(file, 'utf8');
  const num = (k) => Number((tap.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  return { passed: num('pass'), failed: num('fail') + num('cancelled'), skipped: num('skipped') + num('todo') };
}

function nodeSuite(label, files, tapName, extra = []) {
  if (files.length === 0) return;
  console.log(`\n[test] ${label}: ${files.length} file(s)`);
  const tap = `.test-out/${tapName}.tap`;
  const status = run(process.execPath, [
    '--import', 'tsx', '--test', ...extra,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const c = readTap(tap);
  if (status !== 0 && c.failed === 0) c.failed = 1;
  totals.passed += c.passed; totals.failed += c.failed; totals.skipped += c.skipped;
  if (status !== 0) failures.push(label);
}

const pick = (files) => (explicitFiles.length ? files.filter((f) => explicitFiles.some((e) => f.includes(e))) : files);
const allTests = walk('test').filter((f) => f.endsWith('.test.ts'));

if (!only || only === 'typecheck') {
  console.log('\n[test] typecheck (tsc --noEmit)');
  if (run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) !== 0) { failures.push('typecheck'); totals.failed++; }
}

if (wantNode) {
  const nodeFiles = pick(allTests.filter((f) => (f.startsWith('test/pki/') || f.endsWith('.node.test.ts')) && !f.startsWith('test/e2e/')));
  nodeSuite('Node (core, CLI, interop)', nodeFiles, 'node');
}

if (!only || only === 'browser' || only === 'e2e') {
  if (!skipBuild && (!only || only === 'e2e' || only === 'browser')) {
    console.log('\n[test] production build (vite build)');
    if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) { failures.push('build'); totals.failed++; }
  }
}

if (!only || only === 'browser') {
  const browserFiles = pick(allTests.filter((f) => !f.endsWith('.node.test.ts') && !f.startsWith('test/e2e/') && !f.startsWith('test/cli/')));
  if (browserFiles.length) {
    console.log(`\n[test] Browser (web-test-runner, Chromium): ${browserFiles.length} file(s)`);
    const status = run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], { WTR_FILES: browserFiles.join(',') });
    const f = '.test-out/browser-counts.json';
    const c = existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : { passed: 0, failed: 1, skipped: 0, fileErrors: 0 };
    c.failed += c.fileErrors ?? 0;
    if (status !== 0 && c.failed === 0) c.failed = 1;
    totals.passed += c.passed; totals.failed += c.failed; totals.skipped += c.skipped;
    if (status !== 0) failures.push('browser');
  }
}

if (!only || only === 'e2e') {
  const e2eFiles = pick(allTests.filter((f) => f.startsWith('test/e2e/')));
  nodeSuite('End-to-end (Playwright + Chromium against the build)', e2eFiles, 'e2e', ['--test-concurrency=1']);
}

console.log(`\n[test] ${failures.length ? `FAILED: ${failures.join(', ')}` : 'all suites passed'}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
