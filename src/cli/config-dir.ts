// A certified config directory on disk (FORMATS.md "Config directory"): keys as unencrypted PKCS#8
// PEM (0600, refused when group/other can read, as certified does), certificates as PEM (0644).
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { TAG, children, contentOf, decodeOid, readWhole } from '../pki/der.ts';
import { OID_ALG, PkiError, parsePem, toPem, copyBytes } from '../pki/index.ts';
import { CliRefusal } from './cli-support.ts';

/**
 * The CLI's clock: now, or the ISO time in CROSSTRUST_NOW (like SOURCE_DATE_EPOCH: reproducible runs,
 * and tests against dated fixtures). Refuses an unparseable value.
 */
export function cliNowMs(): number {
  const v = process.env['CROSSTRUST_NOW'];
  if (v === undefined || v === '') return Date.now();
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) throw new CliRefusal('CLOCK_INVALID', 'CROSSTRUST_NOW is not an ISO date-time');
  return ms;
}

export const KEY_MODE = 0o600;
export const FILE_MODE = 0o644;

/** Reads a file under a size cap; refuses with a clear line when missing or too large. */
export function readInputFile(path: string, maxBytes: number): Uint8Array {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliRefusal('FILE_NOT_FOUND', `cannot read ${path}`);
  }
  if (!st.isFile()) throw new CliRefusal('FILE_NOT_FOUND', `${path} is not a file`);
  if (st.size > maxBytes) throw new PkiError('INTRO_TOO_LARGE', `${path} is ${st.size} bytes; at most ${maxBytes} are read`);
  return new Uint8Array(readFileSync(path));
}

export function readCertPem(dir: string, name: string): Uint8Array {
  const p = join(dir, name);
  if (!existsSync(p)) throw new CliRefusal('CONFIG_MISSING', `${p} does not exist (run crosstrust init or point --dir at a certified config directory)`);
  const blocks = parsePem(readFileSync(p, 'utf8'));
  if (blocks.length < 1 || blocks[0]!.label !== 'CERTIFICATE') throw new CliRefusal('CONFIG_BAD', `${p} is not a PEM certificate`);
  return blocks[0]!.der;
}

function pkcs8Algorithm(der: Uint8Array): Algorithm | EcKeyImportParams {
  const top = readWhole(der, TAG.SEQUENCE);
  const alg = children(der, top)[1];
  if (!alg || alg.tag !== TAG.SEQUENCE) throw new CliRefusal('CONFIG_BAD', 'private key is not PKCS#8');
  const [oid, param] = children(der, alg);
  const o = oid ? decodeOid(contentOf(der, oid)) : '';
  if (o === OID_ALG.ED25519) return { name: 'Ed25519' };
  if (o === OID_ALG.EC_PUBLIC_KEY && param?.tag === TAG.OID) {
    const curve = decodeOid(contentOf(der, param));
    if (curve === OID_ALG.P256) return { name: 'ECDSA', namedCurve: 'P-256' };
    if (curve === OID_ALG.P384) return { name: 'ECDSA', namedCurve: 'P-384' };
  }
  throw new PkiError('KEY_UNSUPPORTED', 'the private key type cannot sign here (Ed25519, P-256 and P-384 are supported)');
}

/** Loads CA.key / id.key as a non-extractable signing CryptoKey. Refuses loose permissions like certified. */
export async function loadPrivateKey(dir: string, name: string): Promise<CryptoKey> {
  const p = join(dir, name);
  if (!existsSync(p)) throw new CliRefusal('CONFIG_MISSING', `${p} does not exist`);
  if (process.platform !== 'win32' && (statSync(p).mode & 0o077) !== 0) {
    throw new CliRefusal('KEY_PERMISSIONS', `${p} has compromised file permissions (group/other bits set); chmod 600 it`);
  }
  const blocks = parsePem(readFileSync(p, 'utf8'));
  if (blocks.length !== 1 || blocks[0]!.label !== 'PRIVATE KEY') throw new CliRefusal('CONFIG_BAD', `${p} is not an unencrypted PKCS#8 PEM private key`);
  const der = blocks[0]!.der;
  return crypto.subtle.importKey('pkcs8', copyBytes(der), pkcs8Algorithm(der), false, ['sign']);
}

export async function privateKeyPem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)));
}

/** Every file path under `dir`, relative, with '/' separators. */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(join(dir, prefix))) return [];
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

/**
 * Writes several files all or nothing: each goes to a temporary name beside its target first, then
 * all are renamed into place; if anything fails, the temporaries are removed and replaced files restored.
 */
export function writeFilesAtomically(dir: string, files: ReadonlyArray<{ path: string; data: string | Uint8Array; mode: number }>): void {
  const tag = randomBytes(6).toString('hex');
  const staged: { tmp: string; target: string; backup?: string }[] = [];
  try {
    for (const f of files) {
      const target = join(dir, f.path);
      mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
      const tmp = `${target}.ct-${tag}.tmp`;
      writeFileSync(tmp, f.data, { mode: f.mode, flag: 'wx' });
      chmodSync(tmp, f.mode);
      staged.push({ tmp, target });
    }
    for (const s of staged) {
      if (existsSync(s.target)) {
        s.backup = `${s.target}.ct-${tag}.bak`;
        renameSync(s.target, s.backup);
      }
      renameSync(s.tmp, s.target);
    }
  } catch (e) {
    for (const s of staged.reverse()) {
      if (s.backup && existsSync(s.backup)) renameSync(s.backup, s.target);
      else if (!existsSync(s.tmp) && existsSync(s.target) && !s.backup) rmSync(s.target, { force: true });
      rmSync(s.tmp, { force: true });
    }
    throw e;
  }
  for (const s of staged) if (s.backup) rmSync(s.backup, { force: true });
}
