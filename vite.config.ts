// Build of the web app. `vite build`: dist/ with a precaching service worker (src/sw.ts), manifest,
// strict CSP meta tag, build version, and dist/SHA256SUMS. `vite build --mode single`: one
// self-contained HTML file in dist-single/ (no service worker) whose CSP lists its inline code by hash.
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { renderCsp } from './scripts/csp.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Version shown in the app; CT_BUILD_VERSION overrides (the update e2e test builds two versions). */
const buildVersion = process.env.CT_BUILD_VERSION ?? pkg.version;
/** Short commit hash of the source, '-dirty' when the tree has uncommitted changes; CT_BUILD_HASH overrides. */
function sourceHash(): string {
  if (process.env.CT_BUILD_HASH) return process.env.CT_BUILD_HASH;
  try {
    const hash = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${hash}-dirty` : hash;
  } catch {
    return 'unknown';
  }
}

/** Puts the CSP meta right after <meta charset>, before any script or style it must govern. */
function insertCsp(html: string, csp: string): string {
  const charset = '<meta charset="utf-8" />';
  if (!html.includes(charset)) throw new Error('index.html must start its head with <meta charset="utf-8" />');
  return html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
}

/** The single file has no public/ files: drop the links to them (they would 404 from disk). */
function singleFileHead(): Plugin {
  return {
    name: 'ct-single-head',
    transformIndexHtml: (html) => html.replace(/\s*<link rel="(icon|apple-touch-icon)"[^>]*>/g, ''),
  };
}

/** Strict CSP as the first element of <head> (a meta CSP only governs what comes after it). */
function cspMeta(): Plugin {
  return {
    name: 'ct-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => insertCsp(html, renderCsp()),
    },
  };
}

const sha256b64 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Single file: allow exactly its inline <script> and <style> blocks by hash (no 'unsafe-inline'). */
function singleFileCsp(): Plugin {
  return {
    name: 'ct-single-csp',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const asset of Object.values(bundle)) {
          if (asset.type !== 'asset' || !asset.fileName.endsWith('.html')) continue;
          const html = String(asset.source);
          const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => sha256b64(m[1] ?? ''));
          const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => sha256b64(m[1] ?? ''));
          if (/\sstyle="/.test(html)) this.error('a style="…" attribute (in index.html or a Lit template) cannot be allowed by hash: use a class');
          const csp = renderCsp({ single: true, scriptSrc: scripts, styleSrc: styles });
          asset.source = insertCsp(html, csp);
        }
      },
    },
  };
}

/**
 * zxing-wasm's default locateFile points at a CDN. We always override it (src/exchange/qr/
 * qr-detector.ts), and this removes the default from the build as well, so the shipped code names
 * no other origin: a fallback could only ever ask our own origin. The build fails if it survives.
 */
function noZxingCdn(): Plugin {
  const cdn = 'https://fastly.jsdelivr.net/npm/';
  return {
    name: 'ct-no-zxing-cdn',
    transform(code, id) {
      if (!/[\\/](zxing-wasm|barcode-detector)[\\/]/.test(id) || !code.includes(cdn)) return undefined;
      return { code: code.replaceAll(cdn, './zxing-cdn-disabled/'), map: null };
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.code.includes(cdn)) this.error(`${chunk.fileName} still names the zxing CDN`);
      }
    },
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

/** dist/SHA256SUMS in `sha256sum` format, written after the service worker (so it is listed too). */
function sha256sums(): Plugin {
  let outDir = 'dist';
  return {
    name: 'ct-sha256sums',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      handler(error?: Error) {
        // A failed build writes nothing: let its own error show rather than a missing-directory one.
        if (error || !existsSync(outDir)) return;
        const lines = listFiles(outDir)
          .map((p) => relative(outDir, p).split('\\').join('/'))
          .filter((name) => name !== 'SHA256SUMS')
          .sort()
          .map((name) => `${createHash('sha256').update(readFileSync(join(outDir, name))).digest('hex')}  ${name}`);
        writeFileSync(join(outDir, 'SHA256SUMS'), `${lines.join('\n')}\n`);
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    base: './',
    define: {
      __CT_BUILD_VERSION__: JSON.stringify(buildVersion),
      __CT_BUILD_HASH__: JSON.stringify(sourceHash()),
      __CT_SINGLE_FILE__: JSON.stringify(single),
    },
    build: {
      target: 'es2022',
      sourcemap: false,
      assetsInlineLimit: single ? 100_000_000 : 0,
      outDir: single ? 'dist-single' : 'dist',
      emptyOutDir: true,
    },
    // The single file carries no public/ files: no worker, no manifest, icons inlined where used.
    publicDir: single ? false : 'public',
    plugins: single
      ? [noZxingCdn(), singleFileHead(), viteSingleFile({ removeViteModuleLoader: true }), singleFileCsp(), sha256sums()]
      : [
          noZxingCdn(),
          cspMeta(),
          VitePWA({
            strategies: 'injectManifest',
            srcDir: 'src',
            filename: 'sw.ts',
            registerType: 'prompt',
            injectRegister: false,
            manifestFilename: 'manifest.webmanifest',
            includeAssets: ['icons/*.svg', 'icons/*.png', 'favicon.svg'],
            injectManifest: {
              globPatterns: ['**/*.{html,js,css,svg,png,ico,wasm,webmanifest,json}'],
              // zxing's wasm is ~1 MB; keep room for it.
              maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
            },
            manifest: {
              id: './',
              name: 'crosstrust',
              short_name: 'crosstrust',
              description: 'Run your own PKI and introduce organisations to each other, offline, in the browser.',
              start_url: './',
              scope: './',
              display: 'standalone',
              background_color: '#14161a',
              theme_color: '#1f5fbf',
              icons: [
                { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
                { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
                { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
                { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
              ],
            },
          }),
          sha256sums(),
        ],
    preview: { host: '127.0.0.1' },
    server: { host: '127.0.0.1' },
  };
});
