// Node-only: run the crosstrust CLI in-process (same code path as bin/crosstrust.mjs) and snapshot dirs.
import { cpSync, chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { CERTIFIED_FIXTURES } from './openssl.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'crosstrust-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies a fixture org into `dest` with keys 0600 (git does not keep modes); optionally without introductions. */
export function copyOrg(org: string, dest: string, opts: { fresh?: boolean } = {}): string {
  cpSync(join(CERTIFIED_FIXTURES, 'orgs', org), dest, { recursive: true });
  for (const k of ['CA.key', 'id.key']) {
    try {
      chmodSync(join(dest, k), 0o600);
    } catch {
      /* orgs without keys */
    }
  }
  if (opts.fresh) {
    rmSync(join(dest, 'id'), { recursive: true, force: true });
    for (const f of readdirSync(join(dest, 'known_servers'))) if (f.endsWith('.yaml')) rmSync(join(dest, 'known_servers', f));
  }
  return dest;
}

/** path → content (and mode) of every file under `dir`, to prove nothing changed. */
export function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, snapshot(dir, rel), { [`${rel}/`]: 'dir' });
    else out[rel] = `${(statSync(join(dir, rel)).mode & 0o777).toString(8)}:${readFileSync(join(dir, rel), 'base64')}`;
  }
  return out;
}
