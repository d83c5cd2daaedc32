// End-to-end support: build the app into a directory, serve a build under any sub-path (switchable,
// for update tests), and launch Debian's Chromium with playwright-core. Node only.
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, resolve, extname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
// @ts-expect-error plain .mjs helper without types
import { findChromium, chromiumArgs } from '../../../scripts/chromium.mjs';

export const ROOT = resolve(new URL('../../..', import.meta.url).pathname);

/** Runs `vite build` into `outDir` (relative to the repo) with optional env (CT_BUILD_VERSION …). */
export function buildApp(outDir: string, options: { mode?: 'single'; env?: Record<string, string> } = {}): string {
  const args = ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'];
  if (options.mode) args.push('--mode', options.mode);
  const r = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...options.env } });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  return resolve(ROOT, outDir);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain',
};

export interface PwaServer {
  /** e.g. http://127.0.0.1:41234/some/sub/path/ */
  readonly url: string;
  readonly origin: string;
  /** Serve another build from now on (the update test swaps version A for B). */
  setRoot(dir: string): void;
  /** Paths requested so far (for "no request after load while offline" style checks). */
  readonly requests: ReadonlyArray<string>;
  close(): Promise<void>;
}

/**
 * A tiny static server like a plain web host: files under `prefix`, 404 elsewhere, no SPA fallback,
 * optional extra headers (e.g. the CSP header from public/_headers).
 */
export async function servePwa(dir: string, options: { prefix?: string; headers?: Record<string, string> } = {}): Promise<PwaServer> {
  let root = dir;
  const prefix = options.prefix ?? '/';
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      requests.push(path);
      if (!path.startsWith(prefix)) { res.writeHead(404).end('not found'); return; }
      let file = normalize(join(root, path.slice(prefix.length)));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
          ...options.headers,
        });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin + prefix,
    origin,
    setRoot: (d) => { root = d; },
    requests,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

/** Launches Debian's Chromium headless with the project's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium() as string, args: chromiumArgs() as string[] });
}

/** A browser with a profile on disk (installability, restarts, IndexedDB kept across launches). */
export function launchPersistent(userDataDir: string, options: { offline?: boolean } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium() as string, args: chromiumArgs() as string[], offline: options.offline ?? false,
  });
}
