// web-test-runner serves ES modules only; a few CommonJS packages (listed here) are bundled to one
// ES module each with esbuild on first request, as Vite's build does for the app.
import { build } from 'esbuild';

/** @param {string[]} packages bare specifiers to bundle */
export function cjsPackages(packages) {
  const cache = new Map();
  const prefix = '/__cjs/';
  return {
    name: 'cjs-packages',
    resolveImport({ source }) {
      if (packages.includes(source)) return `${prefix}${encodeURIComponent(source)}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      const name = decodeURIComponent(context.path.slice(prefix.length, -3));
      if (!packages.includes(name)) return undefined;
      if (!cache.has(name)) {
        const out = await build({
          stdin: { contents: `export { default } from ${JSON.stringify(name)};`, resolveDir: process.cwd() },
          bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
        });
        cache.set(name, out.outputFiles[0].text);
      }
      return { body: cache.get(name), type: 'js' };
    },
  };
}
