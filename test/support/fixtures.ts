// Reads files from ../shared/fixtures in Node (fs) and in the browser (served at /__shared/ by web-test-runner).
import { isNode } from '../harness.ts';

export async function readSharedText(relPath: string): Promise<string> {
  return new TextDecoder().decode(await readSharedBytes(relPath));
}

export async function readSharedBytes(relPath: string): Promise<Uint8Array> {
  if (isNode) {
    const fsName = 'node:fs/promises';
    const { readFile } = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    return new Uint8Array(await readFile(new URL(`../../../shared/${relPath.split('/').map(encodeURIComponent).join('/')}`, import.meta.url)));
  }
  const res = await fetch(`/__shared/${relPath.split('/').map(encodeURIComponent).join('/')}`);
  if (!res.ok) throw new Error(`fixture ${relPath}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
