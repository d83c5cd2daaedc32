// Browser tests: real Chromium (Debian's), launched through puppeteer-core; no browser download.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChromium, chromiumArgs } from './scripts/chromium.mjs';
import { countsReporter } from './scripts/wtr-counts-reporter.mjs';
import { cjsPackages } from './scripts/wtr-cjs-plugin.mjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { readFile } from 'node:fs/promises';
import { resolve, normalize } from 'node:path';

// Browser tests read ../shared (fixtures made by real tools) under /__shared/.
const sharedDir = resolve(process.cwd(), '../shared');
async function serveShared(ctx, next) {
  if (!ctx.path.startsWith('/__shared/')) return next();
  const file = normalize(resolve(sharedDir, decodeURIComponent(ctx.path.slice('/__shared/'.length))));
  if (!file.startsWith(sharedDir)) { ctx.status = 403; return; }
  try {
    ctx.body = await readFile(file);
    ctx.type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  } catch {
    ctx.status = 404;
  }
}

const files = process.env.WTR_FILES
  ? process.env.WTR_FILES.split(',')
  : ['test/**/*.test.ts', '!test/**/*.node.test.ts', '!test/e2e/**', '!test/cli/**'];

export default {
  files,
  nodeResolve: { exportConditions: ['browser', 'production'] },
  rootDir: '.',
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 20 * 60 * 1000,
  testFramework: { config: { timeout: 60000 } },
  middleware: [serveShared],
  plugins: [cjsPackages(['qrcode', 'axe-core']), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs() },
    }),
  ],
  reporters: [process.env.CI ? summaryReporter({ flatten: true }) : defaultReporter(), countsReporter()],
};
