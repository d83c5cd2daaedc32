// Issue 10 §4: what the first view ships (gzip and brotli bytes of the JS/CSS/wasm index.html loads
// eagerly) and time from navigation to the app being usable, online and offline (service worker
// cache), each as a ratio to a blank page served the same way.
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

export async function benchWeb({ only, serveDir }) {
  const out = [];
  if (only && !'startup size'.split(' ').some((k) => k.includes(only) || only.includes(k))) return out;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
  const dist = join(process.cwd(), 'dist');
  const files = firstViewFiles(dist);
  let raw = 0, gz = 0, br = 0;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
    br += brotliCompressSync(bytes).length;
  }
  out.push({
    id: 'size.first-view',
    title: 'First view: JS + CSS shipped (gzip)',
    ratio: gz / 1024,
    lowerIsBetter: true,
    target: 150,
    baseline: 'KB gzip (the target is an absolute budget, not a ratio)',
    detail: { files: files.length, rawKB: raw / 1024, gzipKB: gz / 1024, brotliKB: br / 1024 },
    runtime: 'build',
  });

  // Startup: the built app vs a blank page, both from the same static server.
  const site = join(process.cwd(), 'bench/tmp/site');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(dist, join(site, 'app'), { recursive: true });
  mkdirSync(join(site, 'blank'), { recursive: true });
  writeFileSync(join(site, 'blank/index.html'), '<!doctype html><meta charset="utf-8"><title>blank</title><p>blank</p>');
  const server = await serveDir(site);
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
  const usable = `() => globalThis.__ctReady === true`;
  async function measure(path, offline) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const isApp = path === 'app/';
    await page.goto(server.url + path);
    if (isApp) await page.waitForFunction(usable, null, { timeout: 30000 });
    if (offline && isApp) {
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30000 }).catch(() => {});
    }
    const times = [];
    for (let i = 0; i < 5; i++) {
      if (offline) await ctx.setOffline(true);
      const t0 = Date.now();
      await page.reload();
      if (isApp) await page.waitForFunction(usable, null, { timeout: 30000 });
      else await page.waitForLoadState('load');
      times.push(Date.now() - t0);
      if (offline) await ctx.setOffline(false);
    }
    await ctx.close();
    return median(times);
  }
  try {
    const blankMs = await measure('blank/', false);
    const appMs = await measure('app/', false);
    out.push({ id: 'startup.online', title: 'Startup to usable, online', ratio: appMs / Math.max(blankMs, 1), lowerIsBetter: true, baseline: 'blank page from the same server', detail: { appMs, blankMs }, runtime: 'chromium' });
    const appOfflineMs = await measure('app/', true);
    out.push({ id: 'startup.offline', title: 'Startup to usable, offline (service worker)', ratio: appOfflineMs / Math.max(blankMs, 1), lowerIsBetter: true, baseline: 'blank page online from the same server', detail: { appOfflineMs, blankMs }, runtime: 'chromium' });
  } catch (e) {
    out.push({ id: 'startup.error', title: 'Startup (not measured)', ratio: NaN, baseline: String(e.message ?? e).slice(0, 120), detail: {}, runtime: 'chromium' });
  }
  await browser.close();
  server.close();
  return out;
}
