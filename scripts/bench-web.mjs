// Issue 10 §4: what the first view ships (gzip and brotli bytes of the JS/CSS/wasm index.html loads
// eagerly) and time from navigation to the app being usable, online (first visit) and offline (from the
// service worker cache), each as a ratio to a blank page served the same way (offline: by its own worker).
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, writeFileSync, mkdirSync, cpSync, rmSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, chromiumArgs } from './chromium.mjs';

/** Files index.html loads before the first view: module scripts, modulepreloads, stylesheets. */
export function firstViewFiles(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = new Set();
  for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)) {
    const tag = m[0];
    if (tag.startsWith('<link') && !/rel="(modulepreload|stylesheet)"/.test(tag)) continue;
    const ref = m[1].replace(/^\.\//, '');
    if (/^[a-z]+:/.test(ref)) continue;
    refs.add(ref);
  }
  return [...refs].filter((r) => existsSync(join(distDir, r)));
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

export async function benchWeb({ only, serveDir, log }) {
  const out = [];
  if (only && !'startup size'.split(' ').some((k) => k.includes(only) || only.includes(k))) return out;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
  const dist = join(process.cwd(), 'dist');
  // Startup: the built app vs a blank page, both from the same static server; online on a first
  // visit (fresh browser context: no service worker, no cache), offline from each one's service worker.
  const site = join(process.cwd(), 'bench/tmp/site');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(dist, join(site, 'app'), { recursive: true });
  writeBlankSite(join(site, 'blank'));
  const server = await serveDir(site);
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
  try {
    log?.('startup: online (first visits)');
    const blankMs = await startupMs(browser, server.url + 'blank/', { app: false, offline: false });
    const fetched = new Set();
    const appMs = await startupMs(browser, server.url + 'app/', { app: true, offline: false, fetched });
    out.push(firstViewSize(dist, [...fetched], firstViewFiles(dist)));
    out.push({ id: 'startup.online', title: 'Startup to usable, online (first visit)', ratio: appMs / blankMs, lowerIsBetter: true, baseline: 'blank page, first visit from the same server', detail: { appMs, blankMs, runs: RUNS }, runtime: 'chromium' });
    log?.('startup: offline (service workers)');
    const blankOfflineMs = await startupMs(browser, server.url + 'blank/', { app: false, offline: true });
    const appOfflineMs = await startupMs(browser, server.url + 'app/', { app: true, offline: true });
    out.push({ id: 'startup.offline', title: 'Startup to usable, offline (service worker)', ratio: appOfflineMs / blankOfflineMs, lowerIsBetter: true, baseline: 'blank page served offline by its own service worker', detail: { appOfflineMs, blankOfflineMs, runs: RUNS }, runtime: 'chromium' });
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

const RUNS = 7;

/** gzip (level 9) and brotli bytes of the files the first view fetched before it was usable. */
function firstViewSize(dist, fetched, eager) {
  const files = fetched.filter((f) => /\.(js|css|wasm)$/.test(f) && existsSync(join(dist, f))).sort();
  let raw = 0, gz = 0, br = 0, wasm = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
    br += brotliCompressSync(bytes).length;
    if (f.endsWith('.wasm')) wasm += bytes.length;
  }
  return {
    id: 'size.first-view',
    title: 'First view: JS + CSS + wasm fetched before usable (gzip)',
    ratio: gz / 1024,
    lowerIsBetter: true,
    target: 150,
    baseline: 'KB gzip (the target is an absolute budget, not a ratio)',
    detail: { files: files.length, eagerInHtml: eager.length, rawKB: raw / 1024, gzipKB: gz / 1024, brotliKB: br / 1024, wasmKB: wasm / 1024 },
    runtime: 'build',
  };
}

/** A blank page with the smallest service worker that serves it offline (cache first, claims at once). */
function writeBlankSite(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>blank</title><p>blank</p><script src="./register.js"></script>\n');
  writeFileSync(join(dir, 'register.js'), "navigator.serviceWorker?.register('./sw.js');\n");
  writeFileSync(
    join(dir, 'sw.js'),
    [
      "self.addEventListener('install', (e) => e.waitUntil(caches.open('blank').then((c) => c.addAll(['./', './register.js'])).then(() => self.skipWaiting())));",
      "self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));",
      "self.addEventListener('fetch', (e) => e.respondWith(caches.match(e.request).then((r) => r ?? fetch(e.request))));",
      '',
    ].join('\n'),
  );
}

/**
 * Median ms from navigation start to usable: for the app, the moment it sets `__ctReady = true`
 * (recorded in the page by an init script, so polling does not add its interval); for the blank
 * page, the end of its load event.
 */
async function startupMs(browser, url, { app, offline, fetched }) {
  const readyAt = async (page) => {
    if (app) {
      await page.waitForFunction(() => typeof globalThis.__ctReadyAt === 'number', null, { timeout: 30000 });
      return page.evaluate(() => globalThis.__ctReadyAt);
    }
    await page.waitForLoadState('load');
    await page.waitForFunction(() => (performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0) > 0);
    return page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  };
  const recordReady = () => {
    let v;
    Object.defineProperty(globalThis, '__ctReady', {
      configurable: true,
      get: () => v,
      set: (x) => {
        v = x;
        if (x === true && globalThis.__ctReadyAt === undefined) globalThis.__ctReadyAt = performance.now();
      },
    });
  };
  const times = [];
  if (!offline) {
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext();
      await ctx.addInitScript(recordReady);
      const page = await ctx.newPage();
      // What the first view really fetched before it was usable (scripts, styles, wasm; not icons).
      const seen = [];
      if (fetched) page.on('request', (r) => { if (['script', 'stylesheet', 'fetch'].includes(r.resourceType()) || /\.(js|css|wasm)$/.test(new URL(r.url()).pathname)) seen.push(r.url()); });
      await page.goto(url);
      times.push(await readyAt(page));
      if (fetched) for (const u of seen) if (u.startsWith(url)) fetched.add(new URL(u).pathname.slice(new URL(url).pathname.length));
      await ctx.close();
    }
  } else {
    const ctx = await browser.newContext();
    await ctx.addInitScript(recordReady);
    const page = await ctx.newPage();
    await page.goto(url);
    await readyAt(page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30000 });
    await ctx.setOffline(true);
    for (let i = 0; i < RUNS; i++) {
      await page.reload();
      times.push(await readyAt(page));
      const fromSw = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.workerStart > 0);
      if (!fromSw) throw new Error(`${url} was not served by its service worker offline`);
    }
    await ctx.close();
  }
  return median(times);
}
