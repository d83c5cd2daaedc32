// Node-only helpers for interop tests: run the real openssl on files in a temp directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpensslResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function openssl(args: ReadonlyArray<string>, input?: string | Uint8Array): OpensslResult {
  const r = spawnSync('openssl', args, { input, encoding: 'buffer' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** A temp directory with the given files; call `cleanup()` when done. */
export function tempFiles(files: Record<string, string | Uint8Array>): { dir: string; path: (n: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'crosstrust-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, path: (n) => join(dir, n), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Path of ../shared relative to the repository (CI clones main with shared/ beside it). */
export const SHARED_DIR = new URL('../../../shared/', import.meta.url).pathname;
export const CERTIFIED_FIXTURES = join(SHARED_DIR, 'fixtures/certified');
