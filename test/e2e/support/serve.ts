// Serves the production build (dist/) with `vite preview` on a free local port, for end-to-end tests.
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';

export interface ServedApp {
  /** Base URL ending in '/', e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `vite preview` over dist/ (run `vite build` first; npm test does). */
export async function serveDist(root = new URL('../../../', import.meta.url).pathname): Promise<ServedApp> {
  if (!existsSync(`${root}dist/index.html`)) throw new Error('dist/ is missing: run `npx vite build` first');
  const port = await freePort();
  const server: PreviewServer = await preview({
    root,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())),
  };
}
