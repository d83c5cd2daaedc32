// Where the CLI keeps revocations in a certified config dir: crl/revocations.json (the ledger),
// crl/CA.crl.pem and crl/CA.crl (the latest CRL), crl/audit.jsonl (one line per revocation or CRL).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyLedger, parseLedger, parsePem, readPeerInput, parseIntroJson, PkiError, type RevocationLedger } from '../pki/index.ts';
import { CliRefusal } from './cli-support.ts';
import { FILE_MODE, readInputFile } from './config-dir.ts';

export const LEDGER_PATH = 'crl/revocations.json';
export const CRL_PEM_PATH = 'crl/CA.crl.pem';
export const CRL_DER_PATH = 'crl/CA.crl';
export const AUDIT_PATH = 'crl/audit.jsonl';

export async function readLedger(dir: string, caCertDer: Uint8Array): Promise<RevocationLedger> {
  const p = join(dir, LEDGER_PATH);
  if (!existsSync(p)) return emptyLedger(caCertDer);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(p, 'utf8'));
  } catch {
    throw new PkiError('CRL_LEDGER_INVALID', `${p} is not valid JSON`);
  }
  return parseLedger(json);
}

export function ledgerJson(ledger: RevocationLedger): string {
  return `${JSON.stringify(ledger, null, 2)}\n`;
}

/**
 * The audit log with one more line, as a file for writeFilesAtomically: written in the same all-or-nothing
 * step as the ledger and CRL it describes, stamped with the CLI's clock (CROSSTRUST_NOW when set).
 */
export function auditFile(dir: string, atMs: number, record: Record<string, string | number>): { path: string; data: string; mode: number } {
  const p = join(dir, AUDIT_PATH);
  const before = existsSync(p) ? readFileSync(p, 'utf8') : '';
  const line = `${JSON.stringify({ time: new Date(atMs).toISOString(), ...record })}\n`;
  return { path: AUDIT_PATH, data: before && !before.endsWith('\n') ? `${before}\n${line}` : before + line, mode: FILE_MODE };
}

/** A certificate to revoke: a certificate file (PEM, DER, certified b64) or an intro.json (its signed_cert). */
export function readCertificateToRevoke(path: string): Uint8Array {
  const bytes = readInputFile(path, 256 * 1024);
  const text = new TextDecoder().decode(bytes).trim();
  if (text.startsWith('{')) return parseIntroJson(text).signedCertDer;
  if (text.startsWith('-----BEGIN')) {
    const blocks = parsePem(text).filter((b) => b.label === 'CERTIFICATE');
    if (blocks.length !== 1) throw new CliRefusal('INPUT_WRONG_TYPE', `${path} must hold exactly one certificate`);
    return blocks[0]!.der;
  }
  const peer = readPeerInput(bytes);
  if (peer.kind !== 'certificate') throw new CliRefusal('INPUT_WRONG_TYPE', `${path} is a certificate request, not a certificate`);
  return peer.der;
}
