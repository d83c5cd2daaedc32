import { defineConfig } from 'vite';

// Relative base: dist/ works from any host and any sub-path.
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
